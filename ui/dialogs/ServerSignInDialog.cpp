#include "ServerSignInDialog.h"

#include "Ask.h"
#include "KnownServers.h"
#include "Labels.h"
#include "OffThread.h"
#include "Style.h"
#include "office/RemoteOffice.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace mlm {

ServerSignInDialog::ServerSignInDialog(const OpenDatabaseDialog::ServerChoice &server, QWidget *parent)
    : QDialog(parent), m_server(server), m_user(new QLineEdit(server.user, this)), m_password(new QLineEdit(this)),
      m_error(style::errorLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Sign in - MLM Back Office"));
    auto *title = new QLabel(tr("<h3>Sign in</h3>"), this);
    auto *where = new QLabel(tr("Company server: %1").arg(server.address.url.toString()), this);
    where->setStyleSheet(QStringLiteral("color: palette(mid);"));
    where->setWordWrap(true);
    m_user->setObjectName(QStringLiteral("userName"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    auto *form = new QFormLayout;
    form->addRow(tr("&User name:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Sign in"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ServerSignInDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ServerSignInDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(where);
    layout->addSpacing(8);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(m_buttons);
    setMinimumWidth(420);
    m_password->setFocus();
}

ServerSignInDialog::~ServerSignInDialog() = default;

void ServerSignInDialog::setPassword(const QString &password)
{
    m_password->setText(password);
}

QString ServerSignInDialog::errorText() const
{
    return style::errorOf(m_error);
}

void ServerSignInDialog::wait(bool on)
{
    m_waiting = on;
    m_buttons->setEnabled(!on);
    setCursor(on ? Qt::BusyCursor : Qt::ArrowCursor);
}

void ServerSignInDialog::fail(const QString &message)
{
    wait(false);
    style::setError(m_error, message);
    m_password->setFocus();
    emit attempted(false);
}

void ServerSignInDialog::accept()
{
    if (m_waiting)
        return;
    wait(true);
    m_error->hide();
    offThread<Result<CertificateCheck>>(
        this, [address = m_server.address] { return ServerConnection::checkCertificate(address); },
        [this](Result<CertificateCheck> check) { checked(check); });
}

void ServerSignInDialog::checked(const Result<CertificateCheck> &check)
{
    if (!check)
        return fail(check.error().message);
    if (!check->trusted) {
        const QString host = m_server.address.url.host();
        if (check->changed) {
            // Loudly, and with no way on from here: a server whose certificate changed may not be the server.
            ask::critical(this, tr("Certificate changed"),
                          tr("<b>The server %1 presents another certificate than the one you trusted for it.</b><p>"
                             "Someone may be posing as your company's server. Do not sign in: ask your "
                             "administrator whether the server's certificate was replaced.</p><p>Now: %2<br>Trusted: "
                             "%3</p>")
                              .arg(host.toHtmlEscaped(), check->fingerprint, m_server.address.pinnedFingerprint));
            return fail(tr("the server's certificate changed since you trusted it (now %1): not signed in")
                            .arg(check->fingerprint));
        }
        const auto answer = ask::question(
            this, tr("Unknown certificate"),
            tr("<b>The certificate of %1 cannot be verified</b> (%2).<p>Its SHA-256 fingerprint is<br><tt>%3</tt></p>"
               "<p>Issued to %4 by %5, valid until %6. Compare the fingerprint with the one your administrator "
               "gave you. Trust exactly this certificate for this server from now on?</p>")
                .arg(host.toHtmlEscaped(), check->problem.toHtmlEscaped(), check->fingerprint,
                     check->subject.toHtmlEscaped(), check->issuer.toHtmlEscaped(), Labels::date(check->expiresAt)),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return fail(tr("the server's certificate (%1) is not trusted: not signed in").arg(check->fingerprint));
        knownServers::trust(m_server.address.url, check->fingerprint);
        m_server.address.pinnedFingerprint = check->fingerprint;
    }
    signIn();
}

void ServerSignInDialog::signIn()
{
    using SignedIn = Result<std::shared_ptr<RemoteOffice>>;
    offThread<SignedIn>(
        this,
        [address = m_server.address, user = m_user->text().trimmed(), password = m_password->text()]() -> SignedIn {
            auto office = RemoteOffice::signIn(address, user, password);
            if (!office)
                return office.error();
            return std::shared_ptr<RemoteOffice>(std::move(office.value()));
        },
        [this](SignedIn office) {
            m_password->clear();
            if (!office)
                return fail(office.error().message);
            m_office = office.value();
            knownServers::remember(m_server.address, m_user->text().trimmed());
            wait(false);
            QDialog::accept();
            emit attempted(true);
        });
}

} // namespace mlm
