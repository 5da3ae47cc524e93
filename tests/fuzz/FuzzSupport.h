#pragma once
// What the fuzz targets share: Qt's application object (the SQL drivers are plugins) and a SQLite database of
// the small test company, made once per process, in which every input runs inside a transaction that is rolled
// back, so each input meets the same data.
#include "TestData.h"

#include "storage/Database.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <memory>

namespace mlm::fuzz {

inline Database &database()
{
    static int argc = 1;
    static char name[] = "fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    static QTemporaryDir dir;
    static std::unique_ptr<Database> db = [] {
        auto opened = Database::open(QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("fuzz.db")));
        if (!opened || !opened.value()->migrate() || !test::loadSmallCompany(*opened.value()))
            qFatal("the fuzz database cannot be made");
        return std::move(opened.value());
    }();
    return *db;
}

inline QByteArrayView bytes(const uint8_t *data, size_t size)
{
    return QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size));
}

} // namespace mlm::fuzz
