// mlm-backoffice: the desktop program. Opens the database (--db URL, $MLM_DB, else the one chosen in the Open
// dialog), asks for the first admin on a database without users, signs in, shows the main window.
#include "AsyncOffice.h"
#include "KnownServers.h"
#include "MainWindow.h"
#include "dialogs/FirstAdminDialog.h"
#include "dialogs/OpenDatabaseDialog.h"
#include "dialogs/ServerSignInDialog.h"
#include "dialogs/SignInDialog.h"
#include "i18n/Translations.h"
#include "office/RemoteOffice.h"
#include "storage/DatabaseUrl.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QSettings>
#include <QTextStream>
#include <QTimer>

using namespace mlm;

namespace {

/// --self-test: the database opened (and upgraded), every page of an administrator's window built and shown, then
/// quit. No user is stored: the session's administrator exists for this run only.
int selfTest(const QString &url)
{
    QTextStream out(stdout), err(stderr);
    auto db = OpenDatabaseDialog::open(url.isEmpty() ? DatabaseUrl::defaultUrl() : url);
    if (!db) {
        err << QApplication::translate("main", "self-test failed: cannot open the database %1").arg(url) << Qt::endl;
        return 1;
    }
    User admin;
    admin.username = QStringLiteral("self-test");
    admin.role = Role::Admin;
    admin.active = true;
    auto office = AsyncOffice::local(db->url, admin);
    MainWindow window(*office, db->url.displayString(), db->url);
    window.show();
    QTimer::singleShot(500, &window, &QWidget::close);
    QApplication::exec();
    out << QApplication::translate("main", "mlm-backoffice %1: self-test passed (%2 pages, platform %3)")
               .arg(QApplication::applicationVersion())
               .arg(window.pageTitles().size())
               .arg(QGuiApplication::platformName())
        << Qt::endl;
    return 0;
}

/// Signs in to the company's server and shows the window over it; the program's exit code.
int overServer(const OpenDatabaseDialog::ServerChoice &server)
{
    ServerSignInDialog signIn(server);
    if (signIn.exec() != QDialog::Accepted)
        return 0;
    auto office = AsyncOffice::remote(signIn.office());
    MainWindow window(*office, server.address.url.toString());
    window.show();
    return QApplication::exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("mlm-backoffice"));
    QApplication::setOrganizationName(QStringLiteral("mlm-backoffice"));
    QApplication::setApplicationVersion(QStringLiteral(MLM_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/mlm-backoffice.png")));
    QApplication::setDesktopFileName(QStringLiteral("io.github.mlm_backoffice.BackOffice"));
    // The language chosen in Settings > Language (after a restart), else the system's.
    // Numbers, dates and money follow that language too.
    const QString language = QSettings().value(QStringLiteral("language")).toString();
    if (!language.isEmpty())
        QLocale::setDefault(QLocale(language));
    installTranslations(QLocale());
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("mlm.*.debug=false"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "MLM back office"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption dbOption(QStringLiteral("db"),
                                QApplication::translate("main", "The database: sqlite:///path.db or postgresql://..."),
                                QStringLiteral("url"));
    QCommandLineOption userOption(QStringLiteral("user"),
                                  QApplication::translate("main", "The user name to sign in with."),
                                  QStringLiteral("name"));
    QCommandLineOption serverOption(
        QStringLiteral("server"),
        QApplication::translate("main", "The company's server to sign in to: https://host:port (its CA file and a "
                                        "certificate trusted before are remembered per server)."),
        QStringLiteral("url"));
    QCommandLineOption selfTestOption(
        QStringLiteral("self-test"),
        QApplication::translate("main", "Open the database given with --db, show the main window as an administrator "
                                        "would see it, and quit: a check that the installed program runs."));
    parser.addOptions({dbOption, userOption, serverOption, selfTestOption});
    parser.process(app);
    if (parser.isSet(selfTestOption))
        return selfTest(parser.value(dbOption));
    if (parser.isSet(serverOption)) {
        auto address = ServerAddress::parse(parser.value(serverOption));
        if (!address) {
            QTextStream(stderr) << address.error().message << Qt::endl;
            return 2;
        }
        const knownServers::Known known = knownServers::of(address->url);
        if (!known.caFile.isEmpty())
            address = ServerAddress::parse(parser.value(serverOption), known.caFile);
        if (!address) {
            QTextStream(stderr) << address.error().message << Qt::endl;
            return 2;
        }
        return overServer({knownServers::withPinned(address.value()),
                           parser.isSet(userOption) ? parser.value(userOption) : known.user});
    }

    // The database: --db or $MLM_DB, else the choice of the Open dialog (recent files, a new file, a server).
    QString url = parser.value(dbOption);
    if (url.isEmpty())
        url = qEnvironmentVariable("MLM_DB");
    const bool chosen = url.isEmpty();
    Result<OpenDatabaseDialog::Opened> db = makeError(ErrorCode::NotFound, QString());
    for (;;) {
        if (chosen) {
            OpenDatabaseDialog open;
            if (open.exec() != QDialog::Accepted)
                return 0;
            if (open.server())
                return overServer(*open.server());
            url = open.url();
        }
        db = OpenDatabaseDialog::open(url);
        if (db) {
            OpenDatabaseDialog::remember(url);
            break;
        }
        QMessageBox::critical(nullptr, QApplication::translate("main", "MLM Back Office"),
                              QApplication::translate("main", "Cannot open the database:\n%1").arg(db.error().message));
        if (!chosen)
            return 1;
    }
    const DatabaseUrl &database = db->url;

    User user;
    if (db->users == 0) {
        FirstAdminDialog first(database);
        if (first.exec() != QDialog::Accepted)
            return 0;
        user = first.user();
    } else {
        SignInDialog signIn(database);
        if (parser.isSet(userOption))
            signIn.setUserName(parser.value(userOption));
        if (signIn.exec() != QDialog::Accepted)
            return 0;
        user = signIn.user();
    }
    auto office = AsyncOffice::local(database, user);
    MainWindow window(*office, database.displayString(), database);
    window.show();
    return QApplication::exec();
}
