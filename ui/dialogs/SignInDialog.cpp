#include "SignInDialog.h"

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

SignInDialog::SignInDialog(const DatabaseUrl &url, QWidget *parent)
    : SignInDialog(tr("Database: %1").arg(url.displayString()), QString(), parent)
{
    m_url = url;
}

SignInDialog::SignInDialog(const QString &where, const QString &userName, QWidget *parent)
    : QDialog(parent), m_name(new QLineEdit(userName, this)), m_password(new QLineEdit(this)),
      m_error(style::errorLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Sign in - MLM Back Office"));
    auto *title = new QLabel(tr("<h3>Sign in</h3>"), this);
    auto *whereLabel = new QLabel(where, this);
    whereLabel->setStyleSheet(QStringLiteral("color: palette(mid);"));
    whereLabel->setWordWrap(true);
    m_name->setObjectName(QStringLiteral("userName"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);

    auto *form = new QFormLayout;
    form->addRow(tr("&User name:"), m_name);
    form->addRow(tr("&Password:"), m_password);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Sign in"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SignInDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SignInDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(whereLabel);
    layout->addSpacing(8);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(m_buttons);
    setMinimumWidth(420);
    if (!userName.isEmpty())
        m_password->setFocus();
}

void SignInDialog::setUserName(const QString &name)
{
    m_name->setText(name);
    m_password->setFocus();
}

void SignInDialog::setPassword(const QString &password)
{
    m_password->setText(password);
}

QString SignInDialog::errorText() const
{
    return style::errorOf(m_error);
}

void SignInDialog::wait(bool on)
{
    m_waiting = on;
    m_buttons->setEnabled(!on);
    setCursor(on ? Qt::BusyCursor : Qt::ArrowCursor);
}

void SignInDialog::accept()
{
    if (m_waiting)
        return;
    wait(true);
    m_error->hide();
    const QString password = m_password->text();
    m_password->clear();
    attempt(m_name->text().trimmed(), password);
}

void SignInDialog::attempt(const QString &userName, const QString &password)
{
    // The password's hash takes a moment on purpose: on a thread, with a connection of its own.
    offThread<Result<User>>(
        this,
        [url = *m_url, userName, password]() -> Result<User> {
            auto db = Database::open(url);
            if (!db)
                return db.error();
            return Users(*db.value()).signIn(userName, password);
        },
        [this](Result<User> user) {
            if (!user)
                return fail(user.error().message);
            succeed(user.value());
        });
}

void SignInDialog::succeed(const User &user)
{
    m_user = user;
    wait(false);
    QDialog::accept();
    emit attempted(true);
}

void SignInDialog::fail(const QString &message)
{
    wait(false);
    style::setError(m_error, message);
    m_password->setFocus();
    emit attempted(false);
}

} // namespace mlm
