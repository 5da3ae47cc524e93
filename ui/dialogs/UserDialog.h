#pragma once

#include "auth/Users.h"

#include "OfficeDialog.h"

class QComboBox;
class QLabel;
class QLineEdit;

namespace mlm {


/// A new user, another role for one, or a new password: the fields the change needs, checked by core on OK; what
/// core refuses appears under the form and the dialog stays open.
class UserDialog : public OfficeDialog
{
    Q_OBJECT

public:
    enum class Change
    {
        NewUser,
        Role,
        Password
    };

    /// `user` is the user changed (ignored for a new one).
    UserDialog(AsyncOffice &office, Change change, const User &user = {}, QWidget *parent = nullptr);

    void fill(const QString &username, const QString &password, Role role, const QString &memberCode);
    QString errorText() const;

public slots:
    void accept() override;

private:
    void showMemberField();

    Change m_change;
    User m_user;
    QLineEdit *m_name;
    QLineEdit *m_password;
    QLineEdit *m_repeat;
    QComboBox *m_role;
    QLineEdit *m_member;
    QLabel *m_error;
};

} // namespace mlm
