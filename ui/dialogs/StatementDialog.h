#pragma once

#include "compensation/CommissionRuns.h"

#include <QDialog>

#include <functional>

class QLabel;
class QPushButton;
class QTableWidget;

namespace mlm {

/// "Why did I get this amount": a member's statement for a period, every order that paid them with the level, the
/// rate and the amount, and the totals; printed, saved as PDF, or saved as CSV. A statement of many lines (the
/// company's top member is paid on every order) comes a page at a time: Previous and Next ask the pager for the
/// others, Save CSV for all of them; printing and the PDF are for statements of one page.
class StatementDialog : public QDialog
{
    Q_OBJECT

public:
    /// Lines of a page.
    static constexpr qint64 kPageLines = 500;
    /// Asks for the statement's lines from `offset`, `limit` of them (negative: all), and calls `done` with them
    /// later (on this thread).
    using Pager = std::function<void(qint64 offset, qint64 limit, std::function<void(Result<Statement>)> done)>;

    StatementDialog(const Statement &statement, const QString &memberName, QWidget *parent = nullptr, Pager pager = {});

    QTableWidget *linesTable() const { return m_lines; }
    /// "Lines 1-500 of 1,000,000" (empty when the statement is whole).
    QString pageText() const;
    /// Shows the page that starts at line `offset` (asks the pager).
    void showPage(qint64 offset);
    /// The statement as an HTML document: what is printed and saved as PDF.
    QString html() const;
    Status savePdf(const QString &path) const;
    /// Writes the CSV of the whole statement (asking the pager for all of its lines first when this is a page of
    /// it), then calls `done`.
    void saveCsv(const QString &path, std::function<void(Status)> done);

private:
    bool isWhole() const { return m_statement.lines.size() >= m_statement.lineCount; }
    void fill(const Statement &page);

    Statement m_statement;
    QString m_memberName;
    Pager m_pager;
    qint64 m_pageLines = kPageLines;
    QTableWidget *m_lines;
    QLabel *m_page;
    QPushButton *m_previous;
    QPushButton *m_next;
    QPushButton *m_print;
    QPushButton *m_pdf;
};

} // namespace mlm
