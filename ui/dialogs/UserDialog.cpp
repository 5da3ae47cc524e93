#include "UserDialog.h"

#include "Labels.h"
#include "Style.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace mlm {

UserDialog::UserDialog(AsyncOffice &office, Change change, const User &user, QWidget *parent)
    : OfficeDialog(office, parent), m_change(change), m_user(user), m_name(new QLineEdit(this)),
      m_password(new QLineEdit(this)), m_repeat(new QLineEdit(this)), m_role(new QComboBox(this)),
      m_member(new QLineEdit(this)), m_error(style::errorLabel(this))
{
    for (Role r : {Role::Admin, Role::Support, Role::Distributor})
        m_role->addItem(Labels::role(r), int(r));
    m_role->setCurrentIndex(m_role->findData(int(change == Change::NewUser ? Role::Support : user.role)));
    m_member->setText(user.memberCode);
    m_member->setPlaceholderText(tr("The member this distributor is"));
    for (QLineEdit *field : {m_password, m_repeat})
        field->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("At least %1 characters").arg(Users::kMinPassword));
    connect(m_role, &QComboBox::currentIndexChanged, this, &UserDialog::showMemberField);
    for (QLineEdit *field : {m_name, m_password, m_repeat, m_member})
        connect(field, &QLineEdit::textEdited, m_error, &QWidget::hide); // said until the user changes something

    auto *form = new QFormLayout;
    if (change == Change::NewUser)
        form->addRow(tr("&User name:"), m_name);
    if (change != Change::Role) {
        form->addRow(tr("&Password:"), m_password);
        form->addRow(tr("&Repeat it:"), m_repeat);
    }
    if (change != Change::Password) {
        form->addRow(tr("R&ole:"), m_role);
        form->addRow(tr("&Member:"), m_member);
    }
    form->addRow(QString(), m_error);
    for (QWidget *unused :
         {static_cast<QWidget *>(m_name), static_cast<QWidget *>(m_password), static_cast<QWidget *>(m_repeat),
          static_cast<QWidget *>(m_role), static_cast<QWidget *>(m_member)}) {
        if (!form->labelForField(unused))
            unused->hide();
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &UserDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &UserDialog::reject);
    setButtons(buttons);
    switch (change) {
    case Change::NewUser:
        setWindowTitle(tr("New user"));
        buttons->button(QDialogButtonBox::Ok)->setText(tr("Add user"));
        break;
    case Change::Role:
        setWindowTitle(tr("Role of %1").arg(user.username));
        buttons->button(QDialogButtonBox::Ok)->setText(tr("Change role"));
        break;
    case Change::Password:
        setWindowTitle(tr("New password for %1").arg(user.username));
        buttons->button(QDialogButtonBox::Ok)->setText(tr("Set password"));
        break;
    }
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(buttons);
    setMinimumWidth(420);
    showMemberField();
}

void UserDialog::showMemberField()
{
    const bool distributor = Role(m_role->currentData().toInt()) == Role::Distributor;
    m_member->setEnabled(distributor);
    if (!distributor)
        m_member->clear();
}

void UserDialog::fill(const QString &username, const QString &password, Role role, const QString &memberCode)
{
    m_name->setText(username);
    m_password->setText(password);
    m_repeat->setText(password);
    m_role->setCurrentIndex(m_role->findData(int(role)));
    m_member->setText(memberCode);
}

QString UserDialog::errorText() const
{
    return style::errorOf(m_error);
}

void UserDialog::accept()
{
    const auto role = Role(m_role->currentData().toInt());
    const QString member = m_member->text().trimmed();
    if (m_change != Change::Role && m_password->text() != m_repeat->text())
        return style::setError(m_error, tr("the two passwords differ"));
    submit(
        [change = m_change, name = m_name->text().trimmed(), user = m_user.username, password = m_password->text(),
         role, member](Office &office) -> Status {
            switch (change) {
            case Change::NewUser:
                if (auto added = office.addUser({name, password, role, member}); !added)
                    return added.error();
                return {};
            case Change::Role:
                return office.setUserRole(user, role, member);
            case Change::Password:
                return office.resetPassword(user, password);
            }
            return {};
        },
        [this](const Error &error) { style::setError(m_error, error.message); });
}

} // namespace mlm
