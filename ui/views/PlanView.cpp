#include "PlanView.h"
#include "Ask.h"

#include "InlineProgress.h"
#include "Labels.h"
#include "Style.h"
#include "domain/Amount.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace mlm {

namespace {

/// Basis points as a percentage to edit: 1000 -> "10.00" (the user's decimal point).
QString percentText(int bp)
{
    return amount::text(bp).replace(u'.', QLocale().decimalPoint());
}

} // namespace

PlanView::PlanView(AsyncOffice &office, QWidget *parent)
    : Page(office, parent), m_levels(new QTableWidget(0, 1, this)), m_qualification(new QLineEdit(this)),
      m_compression(new QCheckBox(tr("&Compression"), this)), m_retailProfit(new QCheckBox(tr("&Retail profit"), this)),
      m_period(new QComboBox(this)), m_previewButton(new QPushButton(tr("&Preview"), this)),
      m_save(new QPushButton(tr("&Save plan..."), this)), m_progress(new InlineProgress(office, this)),
      m_summary(new QLabel(this)), m_preview(new QTableWidget(0, 4, this)), m_error(style::errorLabel(this))
{
    m_levels->setObjectName(QStringLiteral("planLevels"));
    m_levels->setHorizontalHeaderLabels({tr("Rate (%)")});
    m_levels->horizontalHeader()->setStretchLastSection(true);
    m_levels->verticalHeader()->setDefaultSectionSize(m_levels->fontMetrics().height() + 10);
    m_levels->setMaximumWidth(260);
    auto *addLevel = new QPushButton(tr("&Add level"), this);
    auto *removeLevel = new QPushButton(tr("Remove &last"), this);
    connect(addLevel, &QPushButton::clicked, this, [this] {
        const int row = m_levels->rowCount();
        m_levels->insertRow(row);
        m_levels->setVerticalHeaderItem(row, new QTableWidgetItem(tr("Level %1").arg(row + 1)));
        m_levels->setItem(row, 0, new QTableWidgetItem(percentText(0)));
        m_levels->setCurrentCell(row, 0);
    });
    connect(removeLevel, &QPushButton::clicked, this, [this] {
        if (m_levels->rowCount() > 0)
            m_levels->removeRow(m_levels->rowCount() - 1);
    });

    m_preview->setObjectName(QStringLiteral("planPreview"));
    m_previewButton->setObjectName(QStringLiteral("previewPlan"));
    m_preview->setHorizontalHeaderLabels({tr("Paid as"), tr("Saved plan"), tr("Edited plan"), tr("Change")});
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->verticalHeader()->hide();
    m_preview->verticalHeader()->setDefaultSectionSize(m_preview->fontMetrics().height() + 10);
    m_preview->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int column = 1; column < 4; ++column)
        m_preview->setColumnWidth(column, 130);
    m_summary->setWordWrap(true);

    connect(m_previewButton, &QPushButton::clicked, this, [this] {
        if (const auto p = Period::parse(m_period->currentData().toString()))
            preview(*p);
    });
    connect(m_progress, &InlineProgress::runningChanged, m_previewButton, &QWidget::setDisabled);
    connect(m_save, &QPushButton::clicked, this, [this] {
        if (!ask::confirm(this, tr("Save the plan"),
                          tr("Save this plan? It applies to every period not closed yet; closed periods keep the plan "
                             "they were closed with."),
                          tr("Save plan")))
            return;
        save();
    });

    auto *levelButtons = new QHBoxLayout;
    levelButtons->addWidget(addLevel);
    levelButtons->addWidget(removeLevel);
    auto *levelsBox = new QGroupBox(tr("Levels"), this);
    auto *levelsLayout = new QVBoxLayout(levelsBox);
    levelsLayout->addWidget(m_levels, 1);
    levelsLayout->addLayout(levelButtons);
    levelsLayout->addWidget(style::noteLabel(tr("Level 1 is the buyer's sponsor. Each level pays its rate of the "
                                                "order's business volume (BV)."),
                                             this));

    auto *rules = new QFormLayout;
    m_qualification->setObjectName(QStringLiteral("qualificationPv"));
    // Room for a PV figure, not the width of the page.
    m_qualification->setMaximumWidth(m_qualification->fontMetrics().horizontalAdvance(QStringLiteral("9,999,999.99")) +
                                     32);
    rules->addRow(tr("&Qualification PV:"), m_qualification);
    rules->addRow(QString(), style::noteLabel(tr("A distributor earns level commissions in a month when its own "
                                                 "personal volume reaches this."),
                                              this));
    rules->addRow(QString(), m_compression);
    rules->addRow(QString(), style::noteLabel(tr("With compression, members who do not qualify are skipped: the "
                                                 "next qualified upline takes their level."),
                                              this));
    rules->addRow(QString(), m_retailProfit);
    rules->addRow(QString(), style::noteLabel(tr("The difference between the price a retail customer paid and the "
                                                 "distributor price goes to the distributor credited."),
                                              this));
    rules->addRow(QString(), m_error);
    auto *saveRow = new QHBoxLayout;
    saveRow->addStretch();
    saveRow->addWidget(m_save);
    rules->addRow(saveRow);
    auto *rulesBox = new QGroupBox(tr("Rules"), this);
    rulesBox->setLayout(rules);

    auto *top = new QHBoxLayout;
    top->addWidget(levelsBox);
    top->addWidget(rulesBox, 1);

    auto *previewRow = new QHBoxLayout;
    previewRow->addWidget(new QLabel(tr("Preview for the period:"), this));
    m_period->setObjectName(QStringLiteral("previewPeriod"));
    previewRow->addWidget(m_period);
    previewRow->addWidget(m_previewButton);
    previewRow->addWidget(m_progress, 1);
    previewRow->addStretch();
    auto *previewBox = new QGroupBox(tr("What the edited plan would pay (nothing is saved)"), this);
    auto *previewLayout = new QVBoxLayout(previewBox);
    previewLayout->addLayout(previewRow);
    previewLayout->addWidget(m_summary);
    previewLayout->addWidget(m_preview, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addLayout(top);
    layout->addWidget(previewBox, 1);

    refresh();
}

void PlanView::refresh()
{
    ask<QList<RunPeriod>>([](Office &office) { return office.runPeriods(); },
                          [this](Result<QList<RunPeriod>> periods) {
                              if (!periods)
                                  return style::setError(m_error, periods.error().message);
                              const QString chosen = m_period->currentData().toString();
                              m_period->clear();
                              // The newest open month with paid orders, unless one was chosen: a preview of
                              // the current month before anything was paid in it shows only zeros.
                              int withOrders = -1;
                              for (const RunPeriod &p : periods.value()) {
                                  if (p.closed)
                                      continue;
                                  if (withOrders < 0 && p.hasPaidOrders)
                                      withOrders = m_period->count();
                                  m_period->addItem(p.hasPaidOrders
                                                        ? Labels::month(p.period)
                                                        : tr("%1 (no paid orders)").arg(Labels::month(p.period)),
                                                    p.period.toString());
                              }
                              const int kept = m_period->findData(chosen);
                              m_period->setCurrentIndex(kept >= 0 ? kept : std::max(0, withOrders));
                          });
    ask<CompensationPlan>([](Office &office) { return office.plan(); }, [this](Result<CompensationPlan> plan) {
        if (!plan)
            return style::setError(m_error, plan.error().message);
        setFormPlan(plan.value());
        emit planShown();
    });
}

void PlanView::setFormPlan(const CompensationPlan &plan)
{
    m_levels->setRowCount(int(plan.levelsBp.size()));
    for (int row = 0; row < plan.levelsBp.size(); ++row) {
        m_levels->setVerticalHeaderItem(row, new QTableWidgetItem(tr("Level %1").arg(row + 1)));
        m_levels->setItem(row, 0, new QTableWidgetItem(percentText(plan.levelsBp.at(row))));
    }
    m_qualification->setText(amount::text(plan.qualificationPv).replace(u'.', QLocale().decimalPoint()));
    m_compression->setChecked(plan.compression);
    m_retailProfit->setChecked(plan.retailProfit);
}

Result<CompensationPlan> PlanView::formPlan() const
{
    const QChar point = QLocale().decimalPoint().front();
    CompensationPlan plan;
    plan.levelsBp.clear();
    for (int row = 0; row < m_levels->rowCount(); ++row) {
        const QString text = m_levels->item(row, 0) ? m_levels->item(row, 0)->text() : QString();
        const auto bp = amount::parse(QString(text).remove(u'%'), point);
        if (!bp || *bp > 10000)
            return makeError(ErrorCode::InvalidArgument,
                             tr("level %1: '%2' is not a rate from 0 to 100 percent").arg(row + 1).arg(text));
        plan.levelsBp.append(int(*bp));
    }
    const auto pv = amount::parse(m_qualification->text(), point);
    if (!pv)
        return makeError(ErrorCode::InvalidArgument,
                         tr("the qualification PV '%1' is not a number of points").arg(m_qualification->text()));
    plan.qualificationPv = *pv;
    plan.compression = m_compression->isChecked();
    plan.retailProfit = m_retailProfit->isChecked();
    MLM_TRY(plan.validate());
    return plan;
}

bool PlanView::preview(const Period &period)
{
    auto edited = formPlan();
    if (!edited) {
        style::setError(m_error, edited.error().message);
        return false;
    }
    style::setError(m_error, {});
    using Runs = std::pair<RunOverview, RunOverview>;
    return m_progress->run<Runs>(
        tr("Previewing %1").arg(Labels::month(period)),
        [period, plan = edited.value()](Office &worker, const InlineProgress::Progress &progress) -> Result<Runs> {
            auto saved = worker.plan();
            if (!saved)
                return saved.error();
            auto current = worker.previewPlan(saved.value(), period, [&](const QString &stage, qint64 done, qint64) {
                return progress(stage, done, 8);
            });
            if (!current)
                return current.error();
            auto next = worker.previewPlan(
                plan, period, [&](const QString &stage, qint64 done, qint64) { return progress(stage, 4 + done, 8); });
            if (!next)
                return next.error();
            return Runs{current.value(), next.value()};
        },
        [this](const Result<Runs> &runs) {
            if (!runs) {
                style::setError(m_error, runs.error().message);
                return;
            }
            m_current = runs->first;
            m_edited = runs->second;
            showPreview();
        });
}

void PlanView::showPreview()
{
    const RunTotals &a = m_current->totals, &b = m_edited->totals;
    struct Comparison
    {
        QString label;
        Money saved;
        Money edited;
    };
    QList<Comparison> rows;
    const qsizetype levels = std::max(a.levels.size(), b.levels.size());
    for (qsizetype k = 0; k < levels; ++k)
        rows.append({tr("Level %1").arg(k + 1), a.levels.value(k), b.levels.value(k)});
    rows.append({tr("Retail profit"), a.retailProfit, b.retailProfit});
    rows.append({tr("Clawbacks"), a.clawbacks, b.clawbacks});
    rows.append({tr("Total"), a.total, b.total});
    m_preview->setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        const Comparison &r = rows.at(row);
        const QStringList cells{r.label, Labels::money(r.saved), Labels::money(r.edited),
                                (r.edited >= r.saved ? QStringLiteral("+") : QString()) +
                                    Labels::money(r.edited - r.saved)};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (row == rows.size() - 1) {
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
            }
            m_preview->setItem(row, column, item);
        }
    }
    m_summary->setText(tr("%1, amounts in %2: the saved plan pays %3 members, the edited plan %4.")
                           .arg(Labels::month(m_edited->period), m_edited->currency)
                           .arg(a.paid)
                           .arg(b.paid));
}

void PlanView::save(std::function<void(Status)> done)
{
    auto plan = formPlan();
    if (!plan) {
        style::setError(m_error, plan.error().message);
        if (done)
            done(plan.error());
        return;
    }
    m_save->setEnabled(false); // until the answer
    ask<void>([plan = plan.value()](Office &office) { return office.savePlan(plan); },
              [this, done = std::move(done)](Status saved) {
                  m_save->setEnabled(true);
                  style::setError(m_error, saved ? QString() : saved.error().message);
                  if (saved)
                      emit message(tr("Plan saved"));
                  if (done)
                      done(saved);
              });
}

QString PlanView::errorText() const
{
    return style::errorOf(m_error);
}

QString PlanView::summaryText() const
{
    return m_summary->text();
}

} // namespace mlm
