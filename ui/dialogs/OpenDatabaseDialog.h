#pragma once

#include "storage/Database.h"

#include <QDialog>
#include <memory>

class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QTabWidget;

namespace mlm {

/// Chooses the database to open: a recent SQLite file, another or a new one, or a PostgreSQL server. The choice is
/// remembered (QSettings) without any password; a PostgreSQL password is asked for each time.
class OpenDatabaseDialog : public QDialog
{
    Q_OBJECT

public:
    explicit OpenDatabaseDialog(QWidget *parent = nullptr);

    /// The URL to open (with the password typed, if any): valid after accept().
    QString url() const { return m_url; }
    QStringList recentFiles() const;
    void chooseFile(const QString &path);
    void choosePostgres(const QString &host, int port, const QString &database, const QString &user,
                        const QString &password);
    QString errorText() const;

    /// Opens `url` and brings its schema up to date. An older database is upgraded on a thread of its own behind a
    /// progress dialog over `parent`, which can stop it between two steps (the database stays whole, and closed).
    static Result<std::unique_ptr<Database>> open(const QString &url, QWidget *parent = nullptr);
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
    QLabel *m_error;
    QString m_url;
};

} // namespace mlm
