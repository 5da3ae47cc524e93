#pragma once

#include "OpenDatabaseDialog.h"

#include <QDialog>
#include <memory>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace mlm {

class RemoteOffice;

/// Signs in to the company's mlm-server: first its certificate is looked at (a certificate no CA vouches for is
/// shown with its SHA-256 fingerprint, and trusted from then on only if the person says so; a certificate other
/// than the one trusted before is refused), then the user name and password are sent. All of it off the GUI
/// thread: the dialog stays alive, its buttons off while it waits.
class ServerSignInDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ServerSignInDialog(const OpenDatabaseDialog::ServerChoice &server, QWidget *parent = nullptr);
    ~ServerSignInDialog() override;

    /// The sign-in, after the dialog was accepted.
    std::shared_ptr<RemoteOffice> office() const { return m_office; }
    void setPassword(const QString &password);
    QString errorText() const;
    bool isWaiting() const { return m_waiting; }

public slots:
    void accept() override;

signals:
    /// An attempt ended: signed in (the dialog is accepted) or its error shown.
    void attempted(bool signedIn);

private:
    void checked(const Result<CertificateCheck> &check);
    void signIn();
    void fail(const QString &message);
    void wait(bool on);

    OpenDatabaseDialog::ServerChoice m_server;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    std::shared_ptr<RemoteOffice> m_office;
    bool m_waiting = false;
};

} // namespace mlm
