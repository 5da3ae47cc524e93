#include "SignInDialog.h"

#include "Style.h"
#include <QApplication>

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace mlm {

SignInDialog::SignInDialog(Database &db, const QString &databaseName, QWidget *parent)
    : QDialog(parent), m_db(db), m_name(new QLineEdit(this)), m_password(new QLineEdit(this)),
      m_error(style::errorLabel(this))
{
    setWindowTitle(tr("Sign in - MLM Back Office"));
    auto *title = new QLabel(tr("<h3>Sign in</h3>"), this);
    auto *where = new QLabel(tr("Database: %1").arg(databaseName), this);
    where->setStyleSheet(QStringLiteral("color: palette(mid);"));
    where->setWordWrap(true);
    m_name->setObjectName(QStringLiteral("userName"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);

    auto *form = new QFormLayout;
    form->addRow(tr("&User name:"), m_name);
    form->addRow(tr("&Password:"), m_password);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Sign in"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SignInDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SignInDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(where);
    layout->addSpacing(8);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(buttons);
    setMinimumWidth(380);
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

void SignInDialog::accept()
{
    QApplication::setOverrideCursor(Qt::WaitCursor); // the password hash takes a moment on purpose
    auto user = Users(m_db).signIn(m_name->text().trimmed(), m_password->text());
    QApplication::restoreOverrideCursor();
    if (!user) {
        m_error->setText(user.error().message);
        m_error->show();
        m_password->clear();
        m_password->setFocus();
        return;
    }
    m_user = user.value();
    QDialog::accept();
}

} // namespace mlm
