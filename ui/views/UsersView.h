#pragma once

#include "auth/Users.h"

#include "Page.h"

class QPushButton;
class QTableWidget;

namespace mlm {


/// The Users page (admins): who may sign in, with which role; add a user, disable or enable one, set a new
/// password, change a role. Each change goes through a UserDialog or a confirmation; core checks it again.
class UsersView : public Page
{
    Q_OBJECT

public:
    explicit UsersView(AsyncOffice &office, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    /// Reads the users again, keeping the one selected.
    void refresh() override;
    bool select(const QString &username);
    /// Disables or enables the selected user (the buttons ask first), then `done`.
    void setSelectedActive(bool active, std::function<void(Status)> done = {});

signals:
    /// The users read are shown.
    void usersShown();

private:
    const User *selected() const;
    void showUsers(const QList<User> &users);
    void updateButtons();
    void openDialog(int change);

    QList<User> m_users;
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_role;
    QPushButton *m_password;
    QPushButton *m_active;
};

} // namespace mlm
