#pragma once

#include "office/ServerConnection.h"
#include "storage/Database.h"

#include <QDialog>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QTabWidget;

namespace mlm {

/// Chooses where to work: a recent SQLite file, another or a new one, a PostgreSQL server (admins' maintenance),
/// or the company's mlm-server (everyone else: a distributor at home, support outside the office). The choice is
/// remembered (QSettings) without any password; a password is asked for each time.
class OpenDatabaseDialog : public QDialog
{
    Q_OBJECT

public:
    explicit OpenDatabaseDialog(QWidget *parent = nullptr);

    /// The company's server and the user name to sign in with there.
    struct ServerChoice
    {
        ServerAddress address; ///< with the certificate trusted for it before, if any
        QString user;
    };

    /// The database URL to open (with the password typed, if any): valid after accept() when no server was chosen.
    QString url() const { return m_url; }
    /// The company's server chosen: valid after accept() (else none).
    const std::optional<ServerChoice> &server() const { return m_server; }
    QStringList recentFiles() const;
    void chooseFile(const QString &path);
    void choosePostgres(const QString &host, int port, const QString &database, const QString &user,
                        const QString &password);
    /// The Company server tab filled in: `caFile` empty for the system's CAs.
    void chooseServer(const QString &address, const QString &user, const QString &caFile = {});
    QString errorText() const;

    /// A database opened and up to date, and how many users it has (none: the first admin is to be made).
    struct Opened
    {
        DatabaseUrl url;
        qint64 users = 0;
    };
    /// Opens `url` and brings its schema up to date, all of it off the GUI thread (whose events go on meanwhile):
    /// an older database is upgraded behind a progress dialog over `parent`, which can stop it between two steps
    /// (the database stays whole). The connections used are closed again: the window opens its own.
    static Result<Opened> open(const QString &url, QWidget *parent = nullptr);
    /// Remembers a URL that opened (SQLite files go first in the recent list); never the password.
    static void remember(const QString &url);
    /// The last URL that opened, without password; empty the first time.
    static QString lastUrl();

public slots:
    void accept() override;

private:
    QTabWidget *m_tabs;
    QListWidget *m_recent;
    QLineEdit *m_file;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QComboBox *m_serverAddress;
    QLineEdit *m_serverUser;
    QLineEdit *m_caFile;
    QLabel *m_error;
    QString m_url;
    std::optional<ServerChoice> m_server;
};

} // namespace mlm
