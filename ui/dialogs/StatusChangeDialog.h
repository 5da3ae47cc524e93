#pragma once

#include "domain/Member.h"

#include "OfficeDialog.h"

class QComboBox;
class QLabel;
class QLineEdit;

namespace mlm {

/// Changes a member's status: only the changes SPEC 1 allows from its current status (and that the user's role
/// may make) are offered; a reason is required. Errors appear under the field they concern.
class StatusChangeDialog : public OfficeDialog
{
    Q_OBJECT

public:
    StatusChangeDialog(AsyncOffice &office, const Member &member, QWidget *parent = nullptr);

    /// The statuses offered, in order.
    QList<MemberStatus> offered() const;
    void choose(MemberStatus status, const QString &reason);
    QString reasonError() const;

public slots:
    void accept() override;

private:
    Member m_member;
    QComboBox *m_status;
    QLineEdit *m_reason;
    QLabel *m_reasonError;
};

} // namespace mlm
