#pragma once

#include "auth/Users.h"

#include <QDialog>

class QLabel;
class QLineEdit;

namespace mlm {

/// Asks for a user name and password and signs in with Users::signIn; on success user() is the signed-in user.
class SignInDialog : public QDialog
{
    Q_OBJECT

public:
    SignInDialog(Database &db, const QString &databaseName, QWidget *parent = nullptr);
    const User &user() const { return m_user; }

    /// Fills the fields and presses "Sign in" (for tests and for a remembered user name).
    void setUserName(const QString &name);
    void setPassword(const QString &password);
    QString errorText() const;

public slots:
    void accept() override;

private:
    Database &m_db;
    QLineEdit *m_name;
    QLineEdit *m_password;
    QLabel *m_error;
    User m_user;
};

} // namespace mlm
