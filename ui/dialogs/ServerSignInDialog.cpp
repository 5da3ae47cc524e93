#include "ServerSignInDialog.h"

#include "Ask.h"
#include "KnownServers.h"
#include "Labels.h"
#include "OffThread.h"
#include "office/RemoteOffice.h"

namespace mlm {

ServerSignInDialog::ServerSignInDialog(const OpenDatabaseDialog::ServerChoice &server, QWidget *parent)
    : SignInDialog(tr("Company server: %1").arg(server.address.url.toString()), server.user, parent), m_server(server)
{
}

ServerSignInDialog::~ServerSignInDialog() = default;

void ServerSignInDialog::attempt(const QString &userName, const QString &password)
{
    offThread<Result<CertificateCheck>>(
        this, [address = m_server.address] { return ServerConnection::checkCertificate(address); },
        [this, userName, password](Result<CertificateCheck> check) {
            if (trusted(check))
                signIn(userName, password);
        });
}

bool ServerSignInDialog::trusted(const Result<CertificateCheck> &check)
{
    if (!check) {
        fail(check.error().message);
        return false;
    }
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
            fail(tr("the server's certificate changed since you trusted it (now %1): not signed in")
                     .arg(check->fingerprint));
            return false;
        }
        const bool trust = ask::confirm(
            this, tr("Unknown certificate"),
            tr("<b>The certificate of %1 cannot be verified</b> (%2).<p>Its SHA-256 fingerprint is<br><tt>%3</tt></p>"
               "<p>Issued to %4 by %5, valid until %6. Compare the fingerprint with the one your administrator "
               "gave you. Trust exactly this certificate for this server from now on?</p>")
                .arg(host.toHtmlEscaped(), check->problem.toHtmlEscaped(), check->fingerprint,
                     check->subject.toHtmlEscaped(), check->issuer.toHtmlEscaped(), Labels::date(check->expiresAt)),
            tr("Trust this certificate"), QMessageBox::Warning);
        if (!trust) {
            fail(tr("the server's certificate (%1) is not trusted: not signed in").arg(check->fingerprint));
            return false;
        }
        knownServers::trust(m_server.address.url, check->fingerprint);
        m_server.address.pinnedFingerprint = check->fingerprint;
    }
    return true;
}

void ServerSignInDialog::signIn(const QString &userName, const QString &password)
{
    using SignedIn = Result<std::shared_ptr<RemoteOffice>>;
    offThread<SignedIn>(
        this,
        [address = m_server.address, userName, password]() -> SignedIn {
            auto office = RemoteOffice::signIn(address, userName, password);
            if (!office)
                return office.error();
            return std::shared_ptr<RemoteOffice>(std::move(office.value()));
        },
        [this, userName](SignedIn office) {
            if (!office)
                return fail(office.error().message);
            m_office = office.value();
            knownServers::remember(m_server.address, userName);
            succeed(m_office->user());
        });
}

} // namespace mlm
