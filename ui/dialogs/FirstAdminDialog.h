#pragma once

#include "auth/Users.h"

#include <QDialog>

class QLabel;
class QLineEdit;

namespace mlm {

/// On a database without users: creates the first admin (user name, password twice).
class FirstAdminDialog : public QDialog
{
    Q_OBJECT

public:
    explicit FirstAdminDialog(Database &db, QWidget *parent = nullptr);
    const User &user() const { return m_user; }
    void fill(const QString &name, const QString &password, const QString &repeated);
    QString errorText() const;

public slots:
    void accept() override;

private:
    Database &m_db;
    QLineEdit *m_name;
    QLineEdit *m_password;
    QLineEdit *m_repeat;
    QLabel *m_error;
    User m_user;
};

} // namespace mlm
