#pragma once

#include "storage/AuditLog.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace mlm {

class Session;

/// The Audit log page (admins): who changed what and when, newest first, 200 at a time, filtered by the kind of
/// change, the person or program, and a period.
class AuditView : public QWidget
{
    Q_OBJECT

public:
    explicit AuditView(Session &session, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    /// Lists the entries `filter` keeps from the newest; the error, or empty.
    QString show(const AuditFilter &filter);
    /// The next entries after those listed; the error, or empty.
    QString showMore();
    static constexpr int kPage = 200;
    /// View > Refresh: reads the page again, keeping what is selected.
    Q_INVOKABLE void refreshPage();

signals:
    void message(const QString &text);

private:
    AuditFilter filterFromFields() const;
    void append(const QList<AuditEntry> &entries);

    Session &m_session;
    AuditFilter m_filter;
    Id m_last = 0;
    QComboBox *m_action;
    QLineEdit *m_actor;
    QDateEdit *m_from;
    QDateEdit *m_until;
    QTableWidget *m_table;
    QPushButton *m_more;
    QLabel *m_note;
};

} // namespace mlm
