#pragma once

#include "storage/AuditLog.h"

#include "Page.h"

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace mlm {


/// The Audit log page (admins): who changed what and when, newest first, 200 at a time, filtered by the kind of
/// change, the person or program, and a period.
class AuditView : public Page
{
    Q_OBJECT

public:
    explicit AuditView(AsyncOffice &office, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    /// Lists the entries `filter` keeps from the newest (when they come: then listed()).
    void show(const AuditFilter &filter);
    /// The next entries after those listed.
    void showMore();
    static constexpr int kPage = 200;
    /// View > Refresh, and the page shown again: reads the entries again from the newest.
    void refresh() override;
    /// An entry's details as a person reads them: "name: Anna Smith -> Anna Brown; total: 5400".
    static QString detailsText(const QString &json);
    /// What an entry is about: "member ANNA", "order BO-7K2M9XQD" (the id when the record has no name).
    static QString subjectText(const AuditEntry &entry);

signals:
    void listed();

protected:
    void showEvent(QShowEvent *event) override;

private:
    AuditFilter filterFromFields() const;
    void append(const QList<AuditEntry> &entries);

    AuditFilter m_filter;
    Id m_last = 0;
    bool m_shownBefore = false;
    QComboBox *m_action;
    QLineEdit *m_actor;
    QDateEdit *m_from;
    QDateEdit *m_until;
    QTableWidget *m_table;
    QPushButton *m_more;
    QLabel *m_note;
};

} // namespace mlm
