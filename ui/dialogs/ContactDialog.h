#pragma once

#include "domain/Member.h"

#include <QDialog>

class QLabel;
class QLineEdit;

namespace mlm {

class Session;

/// Edits a member's contact data (name, email, phone, country) for admin and support; core checks the values and
/// the email's uniqueness, and the error is shown under the form.
class ContactDialog : public QDialog
{
    Q_OBJECT

public:
    ContactDialog(Session &session, const Member &member, QWidget *parent = nullptr);

    void fill(const QString &name, const QString &email, const QString &phone, const QString &country);
    QString errorText() const;

public slots:
    void accept() override;

private:
    Session &m_session;
    Member m_member;
    QLineEdit *m_name;
    QLineEdit *m_email;
    QLineEdit *m_phone;
    QLineEdit *m_country;
    QLabel *m_error;
};

} // namespace mlm
