#include "Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

namespace mlm {

namespace {

bool install(const QLocale &locale, const QString &name, const QStringList &folders)
{
    for (const QString &folder : folders) {
        auto *translator = new QTranslator(QCoreApplication::instance());
        if (translator->load(locale, name, QStringLiteral("_"), folder) &&
            QCoreApplication::installTranslator(translator))
            return true;
        delete translator;
    }
    return false;
}

} // namespace

QStringList translatedLanguages()
{
    return {QStringLiteral("de"), QStringLiteral("es"), QStringLiteral("ru")};
}

bool installTranslations(const QLocale &locale)
{
    install(locale, QStringLiteral("qtbase"), {QLibraryInfo::path(QLibraryInfo::TranslationsPath)});
    const QStringList folders{
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../share/mlm-backoffice/translations")),
        QStringLiteral(":/i18n")};
    if (install(locale, QStringLiteral("mlm"), folders))
        return true;
    install(QLocale(QLocale::English), QStringLiteral("mlm"), folders); // English plurals ("1 member", "2 members")
    return false;
}

} // namespace mlm
