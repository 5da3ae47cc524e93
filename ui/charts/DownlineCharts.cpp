#include "DownlineCharts.h"

#include "Labels.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QCursor>
#include <QDate>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QLocale>
#include <QPieSeries>
#include <QPieSlice>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>

namespace mlm::charts {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(DownlineCharts)
};

QChart *newChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    QFont font = chart->titleFont();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.1);
    chart->setTitleFont(font);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setLocalizeNumbers(true); // axis numbers in the user's locale
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    return chart;
}

QValueAxis *valueAxis(const QString &title, double max, bool whole)
{
    auto *axis = new QValueAxis;
    axis->setTitleText(title);
    if (whole && max <= 10) {
        // Small counts: a tick on every whole number, so that no label repeats or rounds.
        const int top = std::max(1, int(std::ceil(max)) + 1);
        axis->setRange(0, top);
        axis->setTickCount(top + 1);
        axis->setLabelFormat(QStringLiteral("%.0f"));
        return axis;
    }
    axis->setRange(0, max > 0 ? max * 1.1 : 1);
    axis->applyNiceNumbers();
    axis->setLabelFormat(whole || max >= 100 ? QStringLiteral("%.0f") : QStringLiteral("%.2f"));
    return axis;
}

/// Puts `series` on `chart` over a bottom axis `x` and a left axis `y` (added to the chart the first time).
void place(QChart *chart, QAbstractSeries *series, QAbstractAxis *x, QAbstractAxis *y)
{
    chart->addSeries(series);
    if (!chart->axes().contains(x))
        chart->addAxis(x, Qt::AlignBottom);
    if (!chart->axes().contains(y))
        chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
}

QStringList monthLabels(const DownlineDashboard &d)
{
    QStringList labels;
    for (const DownlineSummary &s : d.months)
        labels << Labels::month(s.period);
    return labels;
}

/// The month axis: short month names (twelve fit under a chart), the span in the axis title.
QBarCategoryAxis *monthAxis(const DownlineDashboard &d)
{
    auto *axis = new QBarCategoryAxis;
    for (const DownlineSummary &s : d.months)
        axis->append(axisMonthLabel(s.period));
    axis->setTitleText(d.months.isEmpty()
                           ? Text::tr("Month")
                           : Text::tr("Month (%1 to %2)")
                                 .arg(Labels::month(d.months.first().period), Labels::month(d.months.last().period)));
    return axis;
}

void tooltip(bool show, const QString &text)
{
    if (show)
        QToolTip::showText(QCursor::pos(), text);
    else
        QToolTip::hideText();
}

/// A bar set whose bars say their category and value on hover.
QBarSet *barSet(const QString &name, const QList<double> &values, const QStringList &categories,
                const std::function<QString(double)> &format)
{
    auto *set = new QBarSet(name);
    for (double v : values)
        set->append(v);
    QObject::connect(set, &QBarSet::hovered, set, [set, categories, format](bool status, int index) {
        tooltip(status, Text::tr("%1, %2: %3").arg(set->label(), categories.value(index), format(set->at(index))));
    });
    return set;
}

QString wholeNumber(double v)
{
    return QLocale().toString(qint64(v));
}

QString pointsText(double v)
{
    return Text::tr("%1 PV").arg(Labels::volume(qint64(std::llround(v * 100))));
}

} // namespace

QString axisMonthLabel(const Period &period)
{
    return QLocale().toString(QDate(period.year, period.month, 1), QStringLiteral("MMM"));
}

QChart *volume(const DownlineDashboard &d)
{
    const bool company = d.memberId == 0;
    QChart *chart = newChart(company ? Text::tr("Company volume per month") : Text::tr("Volume per month"));
    const QStringList months = monthLabels(d);
    auto *group = new QLineSeries;
    group->setName(company ? Text::tr("All members' volume") : Text::tr("Group volume (whole downline)"));
    auto *personal = new QLineSeries;
    personal->setName(Text::tr("Personal volume"));
    double max = 0;
    for (qsizetype i = 0; i < d.months.size(); ++i) {
        group->append(double(i), points(d.months.at(i).groupVolume));
        personal->append(double(i), points(d.months.at(i).personalVolume));
        max = std::max(max, points(d.months.at(i).groupVolume));
    }
    QList<QLineSeries *> series{group};
    if (!company)
        series << personal;
    auto *axisX = monthAxis(d);
    auto *axisY = valueAxis(Text::tr("Volume (PV points)"), max, false);
    for (QLineSeries *s : series) {
        s->setPointsVisible(true);
        place(chart, s, axisX, axisY);
        QObject::connect(s, &QLineSeries::hovered, s, [s, months](const QPointF &point, bool state) {
            const int i = int(std::lround(point.x()));
            tooltip(state, Text::tr("%1, %2: %3").arg(s->name(), months.value(i), pointsText(s->at(i).y())));
        });
    }
    if (company)
        delete personal;
    return chart;
}

QChart *members(const DownlineDashboard &d)
{
    QChart *chart = newChart(Text::tr("New and active members per month"));
    const QStringList months = monthLabels(d);
    QList<double> recruits, active;
    double max = 0;
    for (const DownlineSummary &s : d.months) {
        recruits << double(s.newRecruits);
        active << double(s.activeMembers);
        max = std::max({max, double(s.newRecruits), double(s.activeMembers)});
    }
    auto *series = new QBarSeries;
    series->append(barSet(Text::tr("New members"), recruits, months, wholeNumber));
    series->append(barSet(Text::tr("Active (qualified) members"), active, months, wholeNumber));
    place(chart, series, monthAxis(d), valueAxis(Text::tr("Members"), max, true));
    return chart;
}

QChart *levels(const DownlineDashboard &d)
{
    QChart *chart =
        newChart(d.memberId == 0 ? Text::tr("Members per level of the tree") : Text::tr("Members per level below"));
    QStringList labels;
    QList<double> counts;
    double max = 0;
    for (qsizetype k = 0; k < d.membersPerLevel.size(); ++k) {
        labels << QString::number(k + 1);
        counts << double(d.membersPerLevel.at(k));
        max = std::max(max, counts.last());
    }
    auto *series = new QBarSeries;
    series->append(barSet(Text::tr("Members"), counts, labels, wholeNumber));
    auto *axisX = new QBarCategoryAxis;
    axisX->append(labels);
    axisX->setTitleText(Text::tr("Level"));
    place(chart, series, axisX, valueAxis(Text::tr("Members"), max, true));

    return chart;
}

QString legLabel(const DownlineLeg &leg)
{
    // A long name is shortened here, not by Qt Charts, which would cut the code as well.
    constexpr int kNameChars = 24;
    const QString name = leg.name.size() > kNameChars ? leg.name.left(kNameChars - 1) + u'\u2026' : leg.name;
    return Text::tr("%1 %2", "a leg: its code and name").arg(leg.code, name);
}

QChart *topLegs(const DownlineDashboard &d)
{
    const QString month = d.months.isEmpty() ? QString() : Labels::month(d.months.last().period);
    QChart *chart = newChart(Text::tr("Top frontline legs by group volume, %1").arg(month));
    QStringList labels;
    QList<double> values;
    double max = 0;
    // Biggest at the top: a horizontal bar chart draws its first category at the bottom.
    for (qsizetype i = d.topLegs.size() - 1; i >= 0; --i) {
        const DownlineLeg &leg = d.topLegs.at(i);
        labels << legLabel(leg);
        values << points(leg.groupVolume);
        max = std::max(max, values.last());
    }
    auto *series = new QHorizontalBarSeries;
    series->append(barSet(Text::tr("Group volume"), values, labels, pointsText));
    auto *axisY = new QBarCategoryAxis;
    axisY->append(labels);
    axisY->setTitleText(Text::tr("Leg (first-line member)"));
    // Qt Charts cuts a label to "..." when it is a pixel taller than its category's share of the axis (ten legs in
    // a chart 330 px high); a code and name fit beside the bars whole.
    axisY->setTruncateLabels(false);
    place(chart, series, valueAxis(Text::tr("Group volume (PV points)"), max, false), axisY);

    return chart;
}

QChart *statusMix(const DownlineDashboard &d)
{
    QChart *chart = newChart(d.memberId == 0 ? Text::tr("Members by status") : Text::tr("Downline by status"));
    auto *series = new QPieSeries;
    qint64 total = 0;
    for (const auto &[status, count] : d.statusMix)
        total += count;
    for (const auto &[status, count] : d.statusMix) {
        QPieSlice *slice =
            series->append(Text::tr("%1 (%2)").arg(Labels::memberStatus(status)).arg(count), double(count));
        const QString name = Labels::memberStatus(status);
        QObject::connect(slice, &QPieSlice::hovered, slice, [slice, name, count, total](bool state) {
            slice->setExploded(state);
            tooltip(state, Text::tr("%1: %2 of %3 members").arg(name).arg(count).arg(total));
        });
    }
    series->setPieSize(0.75);
    chart->addSeries(series);
    chart->legend()->setAlignment(Qt::AlignRight);
    return chart;
}

} // namespace mlm::charts
