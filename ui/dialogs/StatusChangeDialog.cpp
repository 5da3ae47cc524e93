#include "StatusChangeDialog.h"

#include "Labels.h"

#include "Style.h"
#include <QComboBox>

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace mlm {

StatusChangeDialog::StatusChangeDialog(AsyncOffice &office, const Member &member, QWidget *parent)
    : OfficeDialog(office, parent), m_member(member), m_status(new QComboBox(this)),
      m_reason(new QLineEdit(this)), m_reasonError(style::errorLabel(this))
{
    setWindowTitle(tr("Change the status of %1").arg(member.code));
    for (MemberStatus s :
         {MemberStatus::Customer, MemberStatus::Distributor, MemberStatus::Suspended, MemberStatus::Terminated}) {
        const bool allowed = isAllowedStatusChange(member.status, s) &&
                             office.can(s == MemberStatus::Terminated ? Action::Terminate : Action::ChangeStatus);
        if (allowed)
            m_status->addItem(memberStatusLabel(s), int(s));
    }
    m_reason->setPlaceholderText(tr("Why? It is kept in the member's history"));

    auto *current = new QLabel(
        tr("%1 (%2) is now <b>%3</b>.").arg(member.name.toHtmlEscaped(), member.code, memberStatusLabel(member.status)),
        this);
    auto *form = new QFormLayout;
    form->addRow(tr("New &status:"), m_status);
    form->addRow(tr("&Reason:"), m_reason);
    form->addRow(QString(), m_reasonError);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Change status"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(m_status->count() > 0);
    connect(buttons, &QDialogButtonBox::accepted, this, &StatusChangeDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &StatusChangeDialog::reject);
    setButtons(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(current);
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(buttons);
    setMinimumWidth(440);
}

QList<MemberStatus> StatusChangeDialog::offered() const
{
    QList<MemberStatus> statuses;
    for (int i = 0; i < m_status->count(); ++i)
        statuses << MemberStatus(m_status->itemData(i).toInt());
    return statuses;
}

void StatusChangeDialog::choose(MemberStatus status, const QString &reason)
{
    m_status->setCurrentIndex(m_status->findData(int(status)));
    m_reason->setText(reason);
}

QString StatusChangeDialog::reasonError() const
{
    return m_reasonError->isHidden() ? QString() : m_reasonError->text();
}

void StatusChangeDialog::accept()
{
    if (m_status->currentIndex() < 0)
        return;
    const auto to = MemberStatus(m_status->currentData().toInt());
    m_reasonError->hide();
    submit([code = m_member.code, to, reason = m_reason->text()](
               Office &office) { return office.changeStatus(code, to, reason); },
           [this](const Error &error) {
               m_reasonError->setText(error.message);
               m_reasonError->show();
               m_reason->setFocus();
           });
}

} // namespace mlm
