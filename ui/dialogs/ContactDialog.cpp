#include "ContactDialog.h"

#include "Style.h"
#include "domain/Contact.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace mlm {

ContactDialog::ContactDialog(AsyncOffice &office, const Member &member, QWidget *parent)
    : OfficeDialog(office, parent), m_member(member), m_name(new QLineEdit(member.name, this)),
      m_email(new QLineEdit(member.email, this)), m_phone(new QLineEdit(member.phone, this)),
      m_country(new QLineEdit(member.country, this)), m_error(style::errorLabel(this))
{
    setWindowTitle(tr("Contact data of %1").arg(member.code));
    m_name->setMaxLength(Contact::kMaxName);
    m_phone->setMaxLength(Contact::kMaxPhone);
    m_country->setMaxLength(Contact::kMaxCountry);
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Email:"), m_email);
    form->addRow(tr("&Phone:"), m_phone);
    form->addRow(tr("&Country:"), m_country);
    form->addRow(QString(), m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ContactDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ContactDialog::reject);
    setButtons(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

void ContactDialog::fill(const QString &name, const QString &email, const QString &phone, const QString &country)
{
    m_name->setText(name);
    m_email->setText(email);
    m_phone->setText(phone);
    m_country->setText(country);
}

QString ContactDialog::errorText() const
{
    return style::errorOf(m_error);
}

void ContactDialog::accept()
{
    m_error->hide();
    submit(
        [code = m_member.code, name = m_name->text(), email = m_email->text().trimmed(),
         phone = m_phone->text().trimmed(), country = m_country->text().trimmed()](Office &office) {
            return office.updateContact(code, name, email, phone, country);
        },
        [this](const Error &error) {
            m_error->setText(error.message);
            m_error->show();
        });
}

} // namespace mlm
