// The translations (issue 7): every .ts file complete -- no unfinished, vanished or obsolete entry, the plural forms
// of its language, the same %-markers as the source -- and current: lupdate run again over the sources finds no
// string missing from it and none gone from the sources. The German file loads and the window speaks German.
#include "Labels.h"
#include "AsyncOffice.h"
#include "MainWindow.h"
#include "TestData.h"
#include "TestDatabase.h"
#include "office/Session.h"
#include "i18n/Translations.h"

#include <QAction>
#include <QActionGroup>
#include <QDateTime>
#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace mlm;
using namespace mlm::test;

namespace {

struct Entry
{
    QString context;
    QString source;
    QString type; ///< the translation's type attribute: "", "unfinished", "vanished", "obsolete"
    QStringList forms;
};

QList<Entry> readTs(const QString &path, QString *language)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QXmlStreamReader xml(&file);
    QList<Entry> entries;
    QString context;
    Entry entry;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("TS")) {
            *language = xml.attributes().value(QStringLiteral("language")).toString();
        } else if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            entry = Entry{context, {}, {}, {}};
        } else if (xml.name() == QLatin1String("source")) {
            entry.source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            entry.type = xml.attributes().value(QStringLiteral("type")).toString();
            // Either text or <numerusform> children.
            QString text;
            while (!(xml.isEndElement() && xml.name() == QLatin1String("translation")) && !xml.atEnd()) {
                xml.readNext();
                if (xml.isCharacters())
                    text += xml.text();
                else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                    entry.forms << xml.readElementText();
            }
            if (entry.forms.isEmpty())
                entry.forms << text;
            entries << entry;
        }
    }
    return xml.hasError() ? QList<Entry>{} : entries;
}

QStringList formatMarkers(const QString &text)
{
    static const QRegularExpression marker(QStringLiteral("%L?(\\d+|n)"));
    QStringList found;
    for (auto it = marker.globalMatch(text); it.hasNext();)
        found << it.next().captured();
    found.sort();
    return found;
}

QStringList tsFiles()
{
    const QDir dir(QStringLiteral(MLM_TRANSLATIONS_DIR));
    QStringList files;
    for (const QString &name : dir.entryList({QStringLiteral("mlm_*.ts")}, QDir::Files, QDir::Name))
        files << dir.filePath(name);
    return files;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private slots:
    void filesAreComplete_data();
    void filesAreComplete();
    void filesAreCurrent_data() { filesAreComplete_data(); }
    void filesAreCurrent();
    void windowSpeaksGerman();
};

void TestTranslations::filesAreComplete_data()
{
    QTest::addColumn<QString>("path");
    const QStringList files = tsFiles();
    QVERIFY(files.size() >= 4); // de, en (plural forms), es, ru
    for (const QString &path : files)
        QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
}

void TestTranslations::filesAreComplete()
{
    QFETCH(QString, path);
    QString language;
    const QList<Entry> entries = readTs(path, &language);
    QVERIFY2(!entries.isEmpty(), qPrintable(path + QStringLiteral(" cannot be read")));
    const int plurals = language.startsWith(QLatin1String("ru")) ? 3 : 2;
    QStringList problems;
    for (const Entry &e : entries) {
        const QString where = e.context + QStringLiteral(": \"") + e.source.left(60) + u'"';
        if (!e.type.isEmpty())
            problems << where + QStringLiteral(" is ") + e.type;
        const bool numerus = e.source.contains(QLatin1String("%n")) || e.source.contains(QLatin1String("%Ln"));
        if (numerus && e.forms.size() != plurals)
            problems << where + QStringLiteral(": %1 plural forms, %2 wanted").arg(e.forms.size()).arg(plurals);
        for (const QString &form : e.forms) {
            if (form.trimmed().isEmpty())
                problems << where + QStringLiteral(": empty translation");
            else if (formatMarkers(form) != formatMarkers(e.source))
                problems << where + QStringLiteral(": markers %1 in \"%2\"")
                                        .arg(formatMarkers(form).join(u' '), form.left(60));
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestTranslations::filesAreCurrent()
{
    QFETCH(QString, path);
    // lupdate over the sources, into a copy: what it adds is missing from the file, what it marks vanished is gone
    // from the sources.
    QTemporaryDir dir;
    const QString copy = dir.filePath(QFileInfo(path).fileName());
    QVERIFY(QFile::copy(path, copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    QStringList arguments{QStringLiteral("-locations"), QStringLiteral("none"), QStringLiteral("-silent")};
    if (path.endsWith(QLatin1String("_en.ts")))
        arguments << QStringLiteral("-pluralonly");
    for (const char *folder : {"core", "ui", "app"})
        arguments << QDir(QStringLiteral(MLM_SOURCE_DIR)).filePath(QLatin1String(folder));
    arguments << QStringLiteral("-ts") << copy;
    QProcess lupdate;
    lupdate.start(QStringLiteral(MLM_LUPDATE), arguments);
    QVERIFY2(lupdate.waitForFinished(120000) && lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());
    QString language;
    const QList<Entry> updated = readTs(copy, &language);
    QVERIFY(!updated.isEmpty());
    QStringList missing, vanished;
    for (const Entry &e : updated) {
        if (e.type == QLatin1String("unfinished"))
            missing << e.context + QStringLiteral(": \"") + e.source + u'"';
        else if (e.type == QLatin1String("vanished") || e.type == QLatin1String("obsolete"))
            vanished << e.context + QStringLiteral(": \"") + e.source + u'"';
    }
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("missing from the file (run the update_translations target and "
                                       "translate):\n") +
                        missing.join(u'\n')));
    QVERIFY2(vanished.isEmpty(), qPrintable(QStringLiteral("no longer in the sources (run update_translations):\n") +
                                            vanished.join(u'\n')));
}

void TestTranslations::windowSpeaksGerman()
{
    // The built-in German translation, as the program installs it at start; then the window of an administrator.
    QStandardPaths::setTestModeEnabled(true); // this test's settings, not the user's
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany)); // as Settings > Language does at start
    QVERIFY(installTranslations(QLocale()));
    // Money, volumes and dates in the user's locale.
    QCOMPARE(Labels::money(270050), QStringLiteral("2.700,50"));
    QCOMPARE(Labels::money(-5), QStringLiteral("-0,05"));
    QCOMPARE(Labels::date(QDateTime(QDate(2026, 10, 5), QTime(12, 0), Qt::UTC).toSecsSinceEpoch()),
             QStringLiteral("05.10.26"));
    auto t = TestDatabase::create();
    QVERIFY(t);
    QVERIFY(loadSmallCompany(t->db()));
    auto admin =
        Users(t->db()).add({QStringLiteral("boss"), QStringLiteral("password1"), Role::Admin, {}}, testActor());
    QVERIFY(admin);
    auto office = AsyncOffice::local(t->db().url(), admin.value());
    MainWindow window(*office, t->db().url().displayString(), t->db().url());
    window.resize(1100, 700);
    const QStringList titles = window.pageTitles();
    QVERIFY2(titles.contains(QStringLiteral("Netzwerk")) && titles.contains(QStringLiteral("Provisionen")) &&
                 titles.contains(QStringLiteral("Vergütungsplan")),
             qPrintable(titles.join(u',')));
    QVERIFY(window.signedInText().startsWith(QStringLiteral("Angemeldet als boss")));
    // Plural forms come from the file: one member, several members.
    QCOMPARE(QCoreApplication::translate("mlm::MembersView", "%n member(s)", nullptr, 1), QStringLiteral("1 Mitglied"));
    QCOMPARE(QCoreApplication::translate("mlm::MembersView", "%n member(s)", nullptr, 5),
             QStringLiteral("5 Mitglieder"));
    // Settings > Language: every language offered, the choice kept for the next start.
    QStringList offered;
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->isCheckable() && action->actionGroup())
            offered << action->data().toString();
    }
    offered.sort();
    QCOMPARE(offered, (QStringList{QString(), QStringLiteral("de"), QStringLiteral("en"), QStringLiteral("es"),
                                   QStringLiteral("ru")}));
    MainWindow::setLanguage(QStringLiteral("ru"));
    QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("ru"));
    MainWindow::setLanguage({});
    QVERIFY(!QSettings().contains(QStringLiteral("language")));
    const QString dir = qEnvironmentVariable("MLM_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        window.grab().save(QDir(dir).filePath(QStringLiteral("main-window-german.png")));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
