#pragma once

#include "OpenDatabaseDialog.h"
#include "SignInDialog.h"

#include <memory>

namespace mlm {

class RemoteOffice;

/// Signs in to the company's mlm-server with SignInDialog's form: first its certificate is looked at (a certificate
/// no CA vouches for is shown with its SHA-256 fingerprint, and trusted from then on only if the person says so; a
/// certificate other than the one trusted before is refused), then the user name and password are sent.
class ServerSignInDialog : public SignInDialog
{
    Q_OBJECT

public:
    explicit ServerSignInDialog(const OpenDatabaseDialog::ServerChoice &server, QWidget *parent = nullptr);
    ~ServerSignInDialog() override;

    /// The sign-in, after the dialog was accepted.
    std::shared_ptr<RemoteOffice> office() const { return m_office; }

protected:
    void attempt(const QString &userName, const QString &password) override;

private:
    /// Whether the certificate checked may be used (asking the person when no CA vouches for it).
    bool trusted(const Result<CertificateCheck> &check);
    void signIn(const QString &userName, const QString &password);

    OpenDatabaseDialog::ServerChoice m_server;
    std::shared_ptr<RemoteOffice> m_office;
};

} // namespace mlm
