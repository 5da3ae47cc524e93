#include "FirstAdminDialog.h"

#include "Style.h"
#include <QApplication>

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace mlm {

FirstAdminDialog::FirstAdminDialog(Database &db, QWidget *parent)
    : QDialog(parent), m_db(db), m_name(new QLineEdit(this)), m_password(new QLineEdit(this)),
      m_repeat(new QLineEdit(this)), m_error(style::errorLabel(this))
{
    setWindowTitle(tr("First administrator - MLM Back Office"));
    auto *intro = new QLabel(tr("<h3>Welcome</h3>This database has no users yet. Create the first administrator: "
                                "they can then add the other users and give them their roles."),
                             this);
    intro->setWordWrap(true);
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat->setEchoMode(QLineEdit::Password);
    m_name->setText(QStringLiteral("admin"));
    auto *form = new QFormLayout;
    form->addRow(tr("&User name:"), m_name);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("&Repeat it:"), m_repeat);
    auto *hint = new QLabel(tr("At least %1 characters.").arg(Users::kMinPassword), this);
    hint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    form->addRow(QString(), hint);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create administrator"));
    connect(buttons, &QDialogButtonBox::accepted, this, &FirstAdminDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &FirstAdminDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(8);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

void FirstAdminDialog::fill(const QString &name, const QString &password, const QString &repeated)
{
    m_name->setText(name);
    m_password->setText(password);
    m_repeat->setText(repeated);
}

QString FirstAdminDialog::errorText() const
{
    return style::errorOf(m_error);
}

void FirstAdminDialog::accept()
{
    if (m_password->text() != m_repeat->text()) {
        m_error->setText(tr("The two passwords differ."));
        m_error->show();
        return;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    auto added = Users(m_db).add({m_name->text().trimmed(), m_password->text(), Role::Admin, {}},
                                 Actor{QStringLiteral("setup")});
    QApplication::restoreOverrideCursor();
    if (!added) {
        m_error->setText(added.error().message);
        m_error->show();
        return;
    }
    m_user = added.value();
    QDialog::accept();
}

} // namespace mlm
