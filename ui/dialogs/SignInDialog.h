#pragma once

#include "auth/Users.h"
#include "storage/DatabaseUrl.h"

#include <QDialog>
#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace mlm {

/// Asks for a user name and password and signs in, off the GUI thread: the dialog stays alive, its buttons off
/// while it waits, and a refusal is shown under the form. On a local database it signs in with Users::signIn on a
/// connection of its own; ServerSignInDialog signs in to the company's server with the same form.
class SignInDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SignInDialog(const DatabaseUrl &url, QWidget *parent = nullptr);
    const User &user() const { return m_user; }

    /// Fills the fields (for tests and for a remembered user name).
    void setUserName(const QString &name);
    void setPassword(const QString &password);
    QString errorText() const;
    bool isWaiting() const { return m_waiting; }

public slots:
    void accept() override;

signals:
    /// An attempt ended: signed in (the dialog is accepted) or its error shown.
    void attempted(bool signedIn);

protected:
    /// `where`: the database's or server's name, shown under the title.
    SignInDialog(const QString &where, const QString &userName, QWidget *parent);
    /// Starts signing in with what the form holds; ends with succeed() or fail().
    virtual void attempt(const QString &userName, const QString &password);
    void succeed(const User &user);
    void fail(const QString &message);

private:
    void wait(bool on);

    std::optional<DatabaseUrl> m_url;
    QLineEdit *m_name;
    QLineEdit *m_password;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    User m_user;
    bool m_waiting = false;
};

} // namespace mlm
