#pragma once

#include "auth/Users.h"
#include "storage/DatabaseUrl.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace mlm {

/// On a database without users: creates the first admin (user name, password twice), off the GUI thread on a
/// connection of its own.
class FirstAdminDialog : public QDialog
{
    Q_OBJECT

public:
    explicit FirstAdminDialog(const DatabaseUrl &url, QWidget *parent = nullptr);
    const User &user() const { return m_user; }
    void fill(const QString &name, const QString &password, const QString &repeated);
    QString errorText() const;

public slots:
    void accept() override;

signals:
    /// An attempt ended: the administrator made (the dialog is accepted) or the refusal shown.
    void attempted(bool made);

private:
    void fail(const QString &message);

    DatabaseUrl m_url;
    QLineEdit *m_name;
    QLineEdit *m_password;
    QLineEdit *m_repeat;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    bool m_waiting = false;
    User m_user;
};

} // namespace mlm
