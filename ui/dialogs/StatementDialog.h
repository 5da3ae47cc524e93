#pragma once

#include "compensation/CommissionRuns.h"

#include <QDialog>

class QTableWidget;

namespace mlm {

/// "Why did I get this amount": a member's statement for a period, every order that paid them with the level, the
/// rate and the amount, and the totals; printed, saved as PDF, or saved as CSV.
class StatementDialog : public QDialog
{
    Q_OBJECT

public:
    StatementDialog(const Statement &statement, const QString &memberName, QWidget *parent = nullptr);

    QTableWidget *linesTable() const { return m_lines; }
    /// The statement as an HTML document: what is printed and saved as PDF.
    QString html() const;
    Status savePdf(const QString &path) const;
    Status saveCsv(const QString &path) const;

private:
    Statement m_statement;
    QString m_memberName;
    QTableWidget *m_lines;
};

} // namespace mlm
