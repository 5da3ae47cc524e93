#pragma once

#include "auth/Users.h"

#include <QWidget>

class QPushButton;
class QTableWidget;

namespace mlm {

class Session;

/// The Users page (admins): who may sign in, with which role; add a user, disable or enable one, set a new
/// password, change a role. Each change goes through a UserDialog or a confirmation; core checks it again.
class UsersView : public QWidget
{
    Q_OBJECT

public:
    explicit UsersView(Session &session, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    /// Reads the users again; the error, or empty.
    QString refresh();
    /// View > Refresh: reads the page again, keeping what is selected.
    Q_INVOKABLE void refreshPage();
    bool select(const QString &username);
    /// Disables or enables the selected user (the buttons ask first); the error, or empty.
    QString setSelectedActive(bool active);

signals:
    void message(const QString &text);

private:
    const User *selected() const;
    void updateButtons();
    void openDialog(int change);

    Session &m_session;
    QList<User> m_users;
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_role;
    QPushButton *m_password;
    QPushButton *m_active;
};

} // namespace mlm
