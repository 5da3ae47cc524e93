#include "FirstAdminDialog.h"

#include "OffThread.h"
#include "Style.h"
#include "storage/Database.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace mlm {

FirstAdminDialog::FirstAdminDialog(const DatabaseUrl &url, QWidget *parent)
    : QDialog(parent), m_url(url), m_name(new QLineEdit(this)), m_password(new QLineEdit(this)),
      m_repeat(new QLineEdit(this)), m_error(style::errorLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
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
    auto *buttons = m_buttons;
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

void FirstAdminDialog::fail(const QString &message)
{
    style::setError(m_error, message);
    emit attempted(false);
}

void FirstAdminDialog::accept()
{
    if (m_waiting)
        return;
    if (m_password->text() != m_repeat->text())
        return fail(tr("The two passwords differ."));
    m_waiting = true;
    m_buttons->setEnabled(false);
    setCursor(Qt::BusyCursor);
    offThread<Result<User>>(
        this,
        [url = m_url, user = NewUser{m_name->text().trimmed(), m_password->text(), Role::Admin, {}}]() -> Result<User> {
            auto db = Database::open(url);
            if (!db)
                return db.error();
            return Users(*db.value()).add(user, Actor{QStringLiteral("setup")});
        },
        [this](Result<User> added) {
            m_waiting = false;
            m_buttons->setEnabled(true);
            unsetCursor();
            if (!added)
                return fail(added.error().message);
            m_user = added.value();
            QDialog::accept();
            emit attempted(true);
        });
}

} // namespace mlm
