// mlm-backoffice: the desktop program. Opens the database (--db URL, $MLM_DB, else the one chosen in the Open
// dialog), asks for the first admin on a database without users, signs in, shows the main window.
#include "MainWindow.h"
#include "auth/Session.h"
#include "dialogs/FirstAdminDialog.h"
#include "dialogs/OpenDatabaseDialog.h"
#include "dialogs/SignInDialog.h"
#include "i18n/Translations.h"
#include "storage/Database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLoggingCategory>
#include <QMessageBox>

using namespace mlm;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("mlm-backoffice"));
    QApplication::setOrganizationName(QStringLiteral("mlm-backoffice"));
    QApplication::setApplicationVersion(QStringLiteral(MLM_VERSION));
    installTranslations();
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
    parser.addOptions({dbOption, userOption});
    parser.process(app);

    // The database: --db or $MLM_DB, else the choice of the Open dialog (recent files, a new file, a server).
    QString url = parser.value(dbOption);
    if (url.isEmpty())
        url = qEnvironmentVariable("MLM_DB");
    const bool chosen = url.isEmpty();
    Result<std::unique_ptr<Database>> db = makeError(ErrorCode::NotFound, QString());
    for (;;) {
        if (chosen) {
            OpenDatabaseDialog open;
            if (open.exec() != QDialog::Accepted)
                return 0;
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
    Database &database = *db.value();

    User user;
    auto count = Users(database).count();
    if (count && count.value() == 0) {
        FirstAdminDialog first(database);
        if (first.exec() != QDialog::Accepted)
            return 0;
        user = first.user();
    } else {
        SignInDialog signIn(database, database.url().displayString());
        if (parser.isSet(userOption))
            signIn.setUserName(parser.value(userOption));
        if (signIn.exec() != QDialog::Accepted)
            return 0;
        user = signIn.user();
    }
    Session session(database, user);
    MainWindow window(session);
    window.show();
    return QApplication::exec();
}
