#include "StatementDialog.h"
#include "Ask.h"

#include "Files.h"
#include "Labels.h"
#include "compensation/CommissionReport.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QPointer>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QTextDocument>
#include <QVBoxLayout>

#include <numeric>

namespace mlm {

namespace {

QString kindLabel(CommissionKind kind)
{
    switch (kind) {
    case CommissionKind::Level:
        return StatementDialog::tr("Level commission");
    case CommissionKind::RetailProfit:
        return StatementDialog::tr("Retail profit");
    case CommissionKind::Clawback:
        return StatementDialog::tr("Clawback");
    }
    return {};
}

QString rateText(int bp)
{
    return Labels::money(bp) + QStringLiteral(" %");
}

QStringList cellsOf(const StatementLine &l)
{
    return {kindLabel(l.kind),
            l.kind == CommissionKind::Level ? QString::number(l.level) : QString(),
            l.kind == CommissionKind::Level ? rateText(l.rateBp) : QString(),
            l.storeCode.isEmpty() ? StatementDialog::tr("back office") : l.storeCode,
            l.externalId,
            Labels::money(l.base),
            Labels::money(l.amount)};
}

QStringList headers()
{
    return {StatementDialog::tr("Kind"),  StatementDialog::tr("Level"), StatementDialog::tr("Rate"),
            StatementDialog::tr("Store"), StatementDialog::tr("Order"), StatementDialog::tr("Base"),
            StatementDialog::tr("Amount")};
}

} // namespace

StatementDialog::StatementDialog(const Statement &statement, const QString &memberName, QWidget *parent, Pager pager)
    : QDialog(parent), m_statement(statement), m_memberName(memberName), m_pager(std::move(pager)),
      m_lines(new QTableWidget(this)), m_page(new QLabel(this)), m_previous(new QPushButton(tr("< Pre&vious"), this)),
      m_next(new QPushButton(tr("&Next >"), this))
{
    setWindowTitle(tr("Statement of %1 for %2").arg(statement.totals.code, Labels::month(statement.period)));
    const MemberCommission &t = statement.totals;
    auto *heading =
        new QLabel(tr("<b>%1</b> (%2), %3, %4<br>Personal volume %5 PV, %6. Total <b>%7 %8</b>.")
                       .arg(memberName.toHtmlEscaped(), t.code, Labels::month(statement.period),
                            statement.closed ? tr("closed period") : tr("open period: amounts may still change"),
                            Labels::volume(t.pv), t.qualified ? tr("qualified") : tr("not qualified"),
                            Labels::money(t.total), statement.currency),
                   this);
    heading->setWordWrap(true);

    m_lines->setColumnCount(int(headers().size()));
    m_lines->setHorizontalHeaderLabels(headers());
    m_lines->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_lines->setAlternatingRowColors(true);
    m_lines->verticalHeader()->hide();
    m_lines->verticalHeader()->setDefaultSectionSize(m_lines->fontMetrics().height() + 8);

    auto *pages = new QHBoxLayout;
    pages->addWidget(m_page, 1);
    pages->addWidget(m_previous);
    pages->addWidget(m_next);
    // Pages as long as the first one the dialog was given.
    m_pageLines = std::max<qint64>(1, statement.lines.size());
    connect(m_previous, &QPushButton::clicked, this,
            [this] { showPage(std::max<qint64>(0, m_statement.firstLine - m_pageLines)); });
    connect(m_next, &QPushButton::clicked, this,
            [this] { showPage(m_statement.firstLine + m_statement.lines.size()); });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_print = buttons->addButton(tr("&Print..."), QDialogButtonBox::ActionRole);
    m_pdf = buttons->addButton(tr("Save &PDF..."), QDialogButtonBox::ActionRole);
    QPushButton *csv = buttons->addButton(tr("Save &CSV..."), QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_previous->setObjectName(QStringLiteral("previousPage"));
    m_next->setObjectName(QStringLiteral("nextPage"));
    m_pdf->setObjectName(QStringLiteral("savePdf"));
    const QString base = QStringLiteral("statement-%1-%2").arg(statement.totals.code, Labels::month(statement.period));
    connect(m_print, &QPushButton::clicked, this, [this] {
        QPrinter printer;
        QPrintDialog dialog(&printer, this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        QTextDocument document;
        document.setHtml(html());
        document.print(&printer);
    });
    connect(m_pdf, &QPushButton::clicked, this, [this, base] {
        const QString path = ask::saveFileName(this, tr("Save statement as PDF"),
                                                          base + QStringLiteral(".pdf"), tr("PDF files (*.pdf)"));
        if (path.isEmpty())
            return;
        if (const Status done = savePdf(path); !done)
            ask::warning(this, windowTitle(), done.error().message);
    });
    connect(csv, &QPushButton::clicked, this, [this, base, csv] {
        const QString path = ask::saveFileName(this, tr("Save statement as CSV"),
                                                          base + QStringLiteral(".csv"), tr("CSV files (*.csv)"));
        if (path.isEmpty())
            return;
        csv->setEnabled(false);
        saveCsv(path, [self = QPointer<StatementDialog>(this), csv](const Status &done) {
            if (!self) // closed while the lines were read
                return;
            csv->setEnabled(true);
            if (!done)
                ask::warning(self, self->windowTitle(), done.error().message);
        });
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_lines, 1);
    layout->addLayout(pages);
    layout->addWidget(buttons);
    fill(statement);
    m_lines->resizeColumnsToContents();
    m_lines->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int column = 1; column < m_lines->columnCount(); ++column)
        m_lines->setColumnWidth(column, std::max(m_lines->columnWidth(column) + 16, column >= 5 ? 100 : 60));
    resize(860, 520);
}

void StatementDialog::fill(const Statement &page)
{
    m_statement.lines = page.lines;
    m_statement.firstLine = page.firstLine;
    m_statement.lineCount = page.lineCount;
    m_lines->setRowCount(int(page.lines.size()));
    for (int row = 0; row < page.lines.size(); ++row) {
        const QStringList cells = cellsOf(page.lines.at(row));
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column == 1 || column == 2 || column >= 5)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_lines->setItem(row, column, item);
        }
    }
    m_lines->scrollToTop();
    const bool whole = isWhole() && page.firstLine == 0;
    m_page->setText(pageText());
    for (QWidget *w :
         {static_cast<QWidget *>(m_page), static_cast<QWidget *>(m_previous), static_cast<QWidget *>(m_next)})
        w->setVisible(!whole);
    m_previous->setEnabled(page.firstLine > 0 && m_pager);
    m_next->setEnabled(page.firstLine + page.lines.size() < page.lineCount && m_pager);
    const QString onePageOnly = tr("A statement of more than one page is saved as CSV.");
    for (QPushButton *b : {m_print, m_pdf}) {
        b->setEnabled(whole);
        b->setToolTip(whole ? QString() : onePageOnly);
    }
}

QString StatementDialog::pageText() const
{
    if (isWhole() && m_statement.firstLine == 0)
        return {};
    const qint64 first = m_statement.lines.isEmpty() ? m_statement.firstLine : m_statement.firstLine + 1;
    return tr("Lines %1-%2 of %3")
        .arg(QLocale().toString(first), QLocale().toString(m_statement.firstLine + m_statement.lines.size()),
             QLocale().toString(m_statement.lineCount));
}

void StatementDialog::showPage(qint64 offset)
{
    if (!m_pager)
        return;
    m_previous->setEnabled(false);
    m_next->setEnabled(false);
    QPointer<StatementDialog> self(this);
    m_pager(offset, m_pageLines, [self](Result<Statement> page) {
        if (!self)
            return;
        if (!page) {
            self->fill(self->m_statement); // the buttons back as they were
            ask::warning(self, self->windowTitle(), page.error().message);
            return;
        }
        self->fill(page.value());
    });
}

QString StatementDialog::html() const
{
    const MemberCommission &t = m_statement.totals;
    QString out = QStringLiteral("<html><body style=\"font-family: sans-serif;\">");
    out += tr("<h2>Commission statement</h2>");
    out += tr("<p><b>%1</b> (%2)<br>Period %3 (%4)<br>Personal volume %5 PV, %6</p>")
               .arg(m_memberName.toHtmlEscaped(), t.code.toHtmlEscaped(), Labels::month(m_statement.period),
                    m_statement.closed ? tr("closed") : tr("open: amounts may still change"), Labels::volume(t.pv),
                    t.qualified ? tr("qualified") : tr("not qualified"));
    out += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" width=\"100%\"><tr>");
    for (const QString &h : headers())
        out += QStringLiteral("<th>") + h.toHtmlEscaped() + QStringLiteral("</th>");
    out += QStringLiteral("</tr>");
    for (const StatementLine &l : m_statement.lines) {
        out += QStringLiteral("<tr>");
        const QStringList cells = cellsOf(l);
        for (int column = 0; column < cells.size(); ++column)
            out += (column >= 5 ? QStringLiteral("<td align=\"right\">") : QStringLiteral("<td>")) +
                   cells.at(column).toHtmlEscaped() + QStringLiteral("</td>");
        out += QStringLiteral("</tr>");
    }
    out += QStringLiteral("</table>");
    out += tr("<p>Retail profit %1, levels %2, clawbacks %3.<br><b>Total %4 %5</b></p>")
               .arg(Labels::money(t.retailProfit),
                    Labels::money(std::accumulate(t.levels.cbegin(), t.levels.cend(), Money(0))),
                    Labels::money(t.clawback), Labels::money(t.total), m_statement.currency);
    return out + QStringLiteral("</body></html>");
}

Status StatementDialog::savePdf(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Storage, tr("cannot write %1: %2").arg(path, file.errorString()));
    {
        QPdfWriter writer(&file);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        writer.setTitle(windowTitle());
        writer.setCreator(QStringLiteral("MLM Back Office"));
        QTextDocument document;
        document.setHtml(html());
        document.print(&writer);
    }
    if (!file.commit())
        return makeError(ErrorCode::Storage, tr("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

void StatementDialog::saveCsv(const QString &path, std::function<void(Status)> done)
{
    if (isWhole() && m_statement.firstLine == 0)
        return done(Files::write(path, CommissionReport::statementCsv(m_statement)));
    if (!m_pager)
        return done(makeError(ErrorCode::FailedPrecondition, tr("the statement's other lines cannot be read")));
    m_pager(0, -1, [path, done = std::move(done)](Result<Statement> whole) {
        if (!whole)
            return done(whole.error());
        done(Files::write(path, CommissionReport::statementCsv(whole.value())));
    });
}

} // namespace mlm
