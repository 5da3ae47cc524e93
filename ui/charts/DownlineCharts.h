#pragma once

#include "reports/DownlinePerformance.h"

#include <QString>

class QChart;

namespace mlm {

/// The charts of the downline dashboard, drawn from core's numbers (reports/DownlinePerformance) and nothing else:
/// each has a title, axes with their units, a legend, and a tooltip on hover that gives the exact value.
namespace charts {

/// Personal and group volume per month, in points (the company: everybody's volume).
QChart *volume(const DownlineDashboard &d);
/// New members and active (qualified) members per month.
QChart *members(const DownlineDashboard &d);
/// Members on each level below.
QChart *levels(const DownlineDashboard &d);
/// The first-line legs with the most group volume in the last month.
QChart *topLegs(const DownlineDashboard &d);
/// A leg as the chart names it: "M0000002 Ana Torres" (a long name shortened).
QString legLabel(const DownlineLeg &leg);
/// The downline by status today.
QChart *statusMix(const DownlineDashboard &d);

/// A month under an axis: "Nov".
QString axisMonthLabel(const Period &period);
/// Hundredths of a point as points.
inline double points(Volume hundredths)
{
    return double(hundredths) / 100.0;
}

} // namespace charts
} // namespace mlm
