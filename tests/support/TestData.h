#pragma once

#include "dataset/DatasetImporter.h"
#include "storage/Database.h"

#include <QDate>
#include <QFile>
#include <QTest>

namespace mlm::test {

inline QByteArray readTestFile(const QString &relativePath)
{
    QFile file(QStringLiteral(MLM_TEST_DATA_DIR "/") + relativePath);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test file %s", qPrintable(file.fileName()));
    return file.readAll();
}

/// The error of a Result that failed, for QVERIFY2's message (empty when it did not).
template <typename R> QByteArray why(const R &result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}

/// The day on which the tests make the demo company (its year of orders ends when this day begins).
inline QDate demoDay()
{
    return QDate(2026, 10, 20);
}

inline const Actor &testActor()
{
    static const Actor actor{QStringLiteral("test:runner")};
    return actor;
}

/// tests/data/small-company.json: a tree ROOT > ANNA > {BOB, CARL > DORA}, ROOT > EVE (terminated) > FRED, with
/// the three kinds of stores, links (one of a terminated member, one inactive), customers and orders.
inline bool loadSmallCompany(Database &db)
{
    auto imported = DatasetImporter(db).importJson(readTestFile(QStringLiteral("small-company.json")), testActor());
    if (!imported)
        qWarning("small company: %s", qPrintable(imported.error().message));
    return imported.ok();
}

} // namespace mlm::test
