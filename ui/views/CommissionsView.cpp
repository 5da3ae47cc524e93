#include "CommissionsView.h"
#include "Ask.h"

#include "Files.h"
#include "InlineProgress.h"
#include "Labels.h"
#include "Style.h"
#include "dialogs/StatementDialog.h"
#include "models/CommissionsModel.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace mlm {

CommissionsView::CommissionsView(AsyncOffice &office, QWidget *parent)
    : Page(office, parent), m_runs(office.can(Action::RunCommissions)), m_periods(new QTableWidget(0, 3, this)),
      m_title(new QLabel(this)), m_preview(new QPushButton(tr("&Preview"), this)),
      m_close(new QPushButton(tr("&Close period..."), this)), m_payout(new QPushButton(tr("Payout &file..."), this)),
      m_statement(new QPushButton(tr("&Statement..."), this)), m_member(new QLineEdit(this)),
      m_progress(new InlineProgress(office, this)), m_summary(new QLabel(this)),
      m_model(new CommissionsModel(office, this)), m_members(new QTableView(this)),
      m_levels(new QTableWidget(0, 4, this)), m_error(style::errorLabel(this))
{
    m_periods->setObjectName(QStringLiteral("periodsTable"));
    m_periods->setHorizontalHeaderLabels({tr("Period"), tr("State"), tr("Paid you")});
    m_periods->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_periods->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_periods->setSelectionMode(QAbstractItemView::SingleSelection);
    m_periods->verticalHeader()->hide();
    m_periods->verticalHeader()->setDefaultSectionSize(m_periods->fontMetrics().height() + 10);
    m_periods->horizontalHeader()->setStretchLastSection(true);
    m_periods->setColumnWidth(0, 80);
    // A distributor sees what each closed month paid it.
    const bool own = office.user().role == Role::Distributor;
    m_periods->setColumnHidden(2, !own);
    m_periods->setColumnWidth(1, own ? 150 : 160);
    m_periods->setFixedWidth(own ? 340 : 250);
    connect(m_periods, &QTableWidget::currentCellChanged, this, &CommissionsView::periodChanged);

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_summary->setWordWrap(true);

    m_members->setObjectName(QStringLiteral("commissionsTable"));
    m_members->setModel(m_model);
    m_members->setAlternatingRowColors(true);
    m_members->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_members->setSelectionMode(QAbstractItemView::SingleSelection);
    m_members->verticalHeader()->hide();
    m_members->verticalHeader()->setDefaultSectionSize(m_members->fontMetrics().height() + 8);
    m_members->horizontalHeader()->setDefaultSectionSize(95);
    connect(m_members, &QTableView::doubleClicked, this, &CommissionsView::openStatement);
    connect(m_model, &CommissionsModel::membersRefused, this,
            [this](const QString &message) { style::setError(m_error, message); });
    connect(m_members->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    m_member->setText(m_model->memberAt(current.row()).code);
            });

    m_levels->setObjectName(QStringLiteral("levelTotalsTable"));
    m_levels->setHorizontalHeaderLabels({tr("Paid as"), tr("Rate"), tr("Members paid"), tr("Amount")});
    m_levels->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_levels->verticalHeader()->hide();
    m_levels->verticalHeader()->setDefaultSectionSize(m_levels->fontMetrics().height() + 10);
    m_levels->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int column = 1; column < 4; ++column)
        m_levels->setColumnWidth(column, 130);

    m_member->setPlaceholderText(tr("Member code"));
    m_member->setMaximumWidth(160);
    if (office.user().role == Role::Distributor) {
        m_member->setText(office.user().memberCode);
        m_member->setReadOnly(true);
    }
    connect(m_member, &QLineEdit::returnPressed, this, &CommissionsView::openStatement);
    connect(m_statement, &QPushButton::clicked, this, &CommissionsView::openStatement);
    connect(m_preview, &QPushButton::clicked, this, &CommissionsView::startPreview);
    connect(m_progress, &InlineProgress::runningChanged, this, [this] { periodChanged(); });
    connect(m_close, &QPushButton::clicked, this, [this] {
        const auto period = selectedPeriod();
        if (!period)
            return;
        if (!ask::confirm(this, tr("Close period"),
                          tr("Close %1? Its commissions are computed once more and become final: the period can no "
                             "longer change, and refunds after it are clawed back in a later period.")
                              .arg(Labels::month(*period)),
                          tr("Close period"), QMessageBox::Warning))
            return;
        startClose();
    });
    connect(m_payout, &QPushButton::clicked, this, [this] {
        const auto period = selectedPeriod();
        if (!period)
            return;
        const QString path = ask::saveFileName(this, tr("Save payout file"),
                                                          QStringLiteral("payout-%1.csv").arg(period->toString()),
                                                          tr("CSV files (*.csv)"));
        if (path.isEmpty())
            return;
        startPayout(path);
    });

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_title);
    actions->addStretch();
    if (m_runs) {
        actions->addWidget(m_preview);
        actions->addWidget(m_close);
        actions->addWidget(m_payout);
    } else {
        m_preview->hide();
        m_close->hide();
        m_payout->hide();
    }
    auto *statementRow = new QHBoxLayout;
    statementRow->addWidget(new QLabel(tr("Statement of member:"), this));
    statementRow->addWidget(m_member);
    statementRow->addWidget(m_statement);
    statementRow->addStretch();

    auto *right = new QVBoxLayout;
    right->addLayout(actions);
    right->addWidget(m_progress);
    right->addWidget(m_summary);
    if (m_runs) {
        auto *tabs = new QTabWidget(this);
        tabs->addTab(m_members, tr("Per member"));
        tabs->addTab(m_levels, tr("Per level"));
        right->addWidget(tabs, 1);
    } else {
        m_members->hide();
        m_levels->hide();
        const bool own = office.user().role == Role::Distributor;
        auto *note = style::noteLabel(own ? tr("Pick a period; the statement lists every order that paid you in it, "
                                               "with its level, rate and amount.")
                                          : tr("Pick a period and enter a member's code; the statement lists every "
                                               "order that paid that member in it, with its level, rate and amount."),
                                      this);
        note->setObjectName(QStringLiteral("statementNote"));
        right->addWidget(note);
        right->addStretch(1);
    }
    right->addLayout(statementRow);
    right->addWidget(m_error);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addWidget(m_periods);
    layout->addLayout(right, 1);

    showPeriods();
}

void CommissionsView::showPeriods(const std::optional<Period> &period)
{
    askLatest<QList<RunPeriod>>(0, [](Office &office) { return office.runPeriods(); },
                                [this, period](Result<QList<RunPeriod>> periods) {
                                    if (!periods)
                                        style::setError(m_error, periods.error().message);
                                    else
                                        showPeriodList(periods.value(), period);
                                    emit periodsShown();
                                });
}

void CommissionsView::showPeriodList(const QList<RunPeriod> &periods, const std::optional<Period> &period)
{
    m_periodList = periods;
    QSignalBlocker quiet(m_periods);
    m_periods->setRowCount(int(m_periodList.size()));
    for (int row = 0; row < m_periodList.size(); ++row) {
        const RunPeriod &p = m_periodList.at(row);
        m_periods->setItem(row, 0, new QTableWidgetItem(Labels::month(p.period)));
        m_periods->setItem(row, 1,
                           new QTableWidgetItem(p.closed ? tr("closed %1").arg(Labels::date(p.closedAt)) : tr("open")));
        auto *paid = new QTableWidgetItem(p.memberTotal ? Labels::money(*p.memberTotal) : QString());
        paid->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_periods->setItem(row, 2, paid);
    }
    quiet.unblock();
    if (!period || !select(*period)) {
        // The newest period with orders in it is rarely the current month: start at the last month.
        if (!select(m_periodList.size() > 1 ? m_periodList.at(1).period : Period::containing(nowUtc())))
            periodChanged();
    }
}

bool CommissionsView::select(const Period &period)
{
    for (int row = 0; row < m_periodList.size(); ++row) {
        if (m_periodList.at(row).period == period) {
            if (m_periods->currentRow() == row)
                periodChanged();
            else
                m_periods->setCurrentCell(row, 0);
            return true;
        }
    }
    return false;
}

std::optional<Period> CommissionsView::selectedPeriod() const
{
    const int row = m_periods->currentRow();
    if (row < 0 || row >= m_periodList.size())
        return std::nullopt;
    return m_periodList.at(row).period;
}

bool CommissionsView::selectedIsClosed() const
{
    const int row = m_periods->currentRow();
    return row >= 0 && row < m_periodList.size() && m_periodList.at(row).closed;
}

void CommissionsView::periodChanged()
{
    const auto period = selectedPeriod();
    const bool closed = selectedIsClosed();
    const bool running = m_progress->isRunning();
    m_preview->setEnabled(period && !closed && !running);
    m_close->setEnabled(period && !closed && !running);
    m_payout->setEnabled(closed && !running);
    m_statement->setEnabled(period.has_value());
    if (running)
        return;
    m_error->hide();
    if (!period) {
        m_title->clear();
        return;
    }
    if (m_model->run().period != *period || m_model->run().closed != closed) {
        m_model->clear();
        m_levels->setRowCount(0);
        m_summary->setText(closed || !m_runs ? QString()
                                             : tr("An open period: press Preview to compute what it would pay "
                                                  "now. Nothing is stored until the period is closed."));
    }
    m_title->setText(closed ? tr("%1 (closed, read-only)").arg(Labels::month(*period))
                            : tr("%1 (open)").arg(Labels::month(*period)));
    if (closed && m_runs && m_model->run().period != *period) {
        m_progress->run<RunOverview>(
            tr("Reading %1").arg(Labels::month(*period)),
            [period = *period](Office &worker, const InlineProgress::Progress &) { return worker.closedRun(period); },
            [this](const Result<RunOverview> &run) {
                if (!run)
                    style::setError(m_error, run.error().message);
                else if (selectedPeriod() == run->period) // the user may have moved on meanwhile
                    showRun(run.value());
            });
    }
}

bool CommissionsView::startPreview()
{
    const auto period = selectedPeriod();
    if (!period || selectedIsClosed())
        return false;
    return m_progress->run<RunOverview>(
        tr("Computing %1").arg(Labels::month(*period)),
        [period = *period](Office &worker, const InlineProgress::Progress &progress) {
            return worker.previewRun(period, progress);
        },
        [this](const Result<RunOverview> &run) {
            if (!run) {
                style::setError(m_error, run.error().message);
                return;
            }
            if (selectedPeriod() == run->period) // the user may have moved on meanwhile
                showRun(run.value());
            emit message(tr("Preview of %1 ready").arg(Labels::month(run->period)));
        });
}

void CommissionsView::showRun(const RunOverview &run)
{
    m_model->setRun(run);
    const RunTotals &t = run.totals;
    const qsizetype levels = run.plan.levelsBp.size();
    m_levels->setRowCount(int(levels + 3));
    const auto setRow = [this](int row, const QStringList &cells) {
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_levels->setItem(row, column, item);
        }
    };
    for (qsizetype k = 0; k < levels; ++k)
        setRow(int(k), {tr("Level %1").arg(k + 1), Labels::money(run.plan.levelsBp.at(k)) + QStringLiteral(" %"),
                        QString::number(t.paidPerLevel.value(k)), Labels::money(t.levels.value(k))});
    setRow(int(levels), {tr("Retail profit"), QString(), QString(), Labels::money(t.retailProfit)});
    setRow(int(levels + 1), {tr("Clawbacks"), QString(), QString(), Labels::money(t.clawbacks)});
    setRow(int(levels + 2), {tr("Total"), QString(), QString::number(t.paid), Labels::money(t.total)});
    m_summary->setText(
        (run.closed ? tr("Closed run of %1.").arg(Labels::month(run.period))
                    : tr("Preview of %1 with today's data; nothing is stored.").arg(Labels::month(run.period))) +
        QLatin1Char(' ') +
        tr("%1 members with volume or amounts, %2 of them paid. Total %3 %4: levels %5, retail profit %6, "
           "clawbacks %7.")
            .arg(t.members)
            .arg(t.paid)
            .arg(Labels::money(t.total), run.currency,
                 Labels::money(std::accumulate(t.levels.cbegin(), t.levels.cend(), Money(0))),
                 Labels::money(t.retailProfit), Labels::money(t.clawbacks)));
}

bool CommissionsView::startClose()
{
    const auto period = selectedPeriod();
    if (!period || selectedIsClosed())
        return false;
    return m_progress->run<RunOverview>(
        tr("Closing %1").arg(Labels::month(*period)),
        [period = *period](Office &worker, const InlineProgress::Progress &progress) {
            return worker.closeRun(period, progress);
        },
        [this](const Result<RunOverview> &run) {
            if (!run) {
                style::setError(m_error, run.error().message);
                return;
            }
            showPeriods(run->period); // its state is now "closed", and its run is read from what was stored
            emit message(tr("%1 closed").arg(Labels::month(run->period)));
        });
}

bool CommissionsView::startPayout(const QString &path)
{
    const auto period = selectedPeriod();
    if (!period || !selectedIsClosed()) {
        style::setError(m_error, tr("a payout file is made for a closed period only"));
        return false;
    }
    return m_progress->run<bool>(
        tr("Saving the payout file of %1").arg(Labels::month(*period)),
        [period = *period, path](Office &worker, const InlineProgress::Progress &) -> Result<bool> {
            auto csv = worker.payoutCsv(period);
            if (!csv)
                return csv.error();
            MLM_TRY(Files::write(path, csv.value()));
            return true;
        },
        [this, path](const Result<bool> &saved) {
            if (!saved)
                style::setError(m_error, saved.error().message);
            else
                emit message(tr("Payout file saved to %1").arg(path));
        });
}

void CommissionsView::statement(const QString &memberCode,
                                std::function<void(Result<std::pair<Statement, QString>>)> done)
{
    const auto period = selectedPeriod();
    if (!period)
        return done(makeError(ErrorCode::InvalidArgument, tr("Select a period first.")));
    ask<std::pair<Statement, QString>>(
        [period = *period, code = memberCode.trimmed()](Office &office) -> Result<std::pair<Statement, QString>> {
            auto s = office.statement(period, code, 0, StatementDialog::kPageLines);
            if (!s)
                return s.error();
            auto member = office.member(s->totals.code);
            return std::pair(s.value(), member ? member->name : QString());
        },
        std::move(done));
}

void CommissionsView::openStatement()
{
    statement(m_member->text(), [this](Result<std::pair<Statement, QString>> s) {
        if (!s) {
            style::setError(m_error, s.error().message);
            return;
        }
        m_error->hide();
        // The other pages (and all the lines, for the CSV) are read as the first was, off this thread.
        const Period period = s->first.period;
        const QString code = s->first.totals.code;
        StatementDialog dialog(s->first, s->second, this, [this, period, code](qint64 offset, qint64 limit, auto done) {
            ask<Statement>(
                [period, code, offset, limit](Office &office) { return office.statement(period, code, offset, limit); },
                std::move(done));
        });
        dialog.exec();
    });
}

QString CommissionsView::summaryText() const
{
    return m_summary->text();
}

QString CommissionsView::errorText() const
{
    return style::errorOf(m_error);
}

void CommissionsView::refresh()
{
    if (!m_progress->isRunning())
        showPeriods(selectedPeriod());
}

} // namespace mlm
