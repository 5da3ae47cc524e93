#pragma once

#include "domain/Member.h"

#include "OfficeDialog.h"

class QLabel;
class QLineEdit;

namespace mlm {

/// Edits a member's contact data (name, email, phone, country) for admin and support; core checks the values and
/// the email's uniqueness, and the error is shown under the form.
class ContactDialog : public OfficeDialog
{
    Q_OBJECT

public:
    ContactDialog(AsyncOffice &office, const Member &member, QWidget *parent = nullptr);

    void fill(const QString &name, const QString &email, const QString &phone, const QString &country);
    QString errorText() const;

public slots:
    void accept() override;

private:
    Member m_member;
    QLineEdit *m_name;
    QLineEdit *m_email;
    QLineEdit *m_phone;
    QLineEdit *m_country;
    QLabel *m_error;
};

} // namespace mlm
