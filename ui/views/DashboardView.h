#pragma once

#include "reports/DownlinePerformance.h"

#include "Page.h"

#include <optional>

class QChartView;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace mlm {

class InlineProgress;

/// The Performance page: a downline's dashboard over the last 12 months -- volume, new and active members, members
/// per level, the top legs, the status mix -- for the whole company (admins), any member an admin picks, or a
/// distributor's own downline (and no one else's: core refuses). Numbers come from core (reports/), computed in the
/// background; each chart can be saved as PNG, the dashboard as a PDF page.
class DashboardView : public Page
{
    Q_OBJECT

public:
    explicit DashboardView(AsyncOffice &office, QWidget *parent = nullptr);

    /// Starts computing the dashboard of `memberCode` (empty: the company) for the 12 months ending with `last`
    /// (false: one is being computed already).
    bool showDashboard(const QString &memberCode, const Period &last);
    InlineProgress *progress() const { return m_progress; }
    const std::optional<DownlineDashboard> &dashboard() const { return m_data; }
    /// Volume, members, levels, legs, status mix.
    QList<QChartView *> chartViews() const { return m_views; }
    /// Whether the charts of the dashboard shown are still being drawn (one per turn of the event loop).
    bool isDrawing() const { return m_chartsLeft > 0; }
    Status saveChartPng(int chart, const QString &path) const;
    Status savePdf(const QString &path) const;
    QString errorText() const;
    QString headingText() const;
    /// View > Refresh: reads the page again, keeping what is selected.
    void refresh() override;
    QString figuresText() const;

signals:
    /// The charts of the dashboard shown are all drawn.
    void chartsShown();

protected:
    /// The first time the page shows, the user's own downline (or the company, for an admin) is computed.
    void showEvent(QShowEvent *event) override;

private:
    void showCharts();
    /// Draws chart `chart` of dashboard `drawing` at the next turn of the event loop, then the next one.
    void drawChart(int drawing, int chart);

    QLineEdit *m_member;
    QComboBox *m_month;
    QPushButton *m_show;
    QPushButton *m_pdf;
    InlineProgress *m_progress;
    QLabel *m_heading;
    QLabel *m_figures; ///< the last month's numbers beside the month before
    QWidget *m_cards;  ///< the charts and the figures, shown with the first dashboard
    QLabel *m_error;
    QList<QChartView *> m_views;
    std::optional<DownlineDashboard> m_data;
    int m_drawings = 0;   ///< dashboards drawn: a chart of an older one is not set
    int m_chartsLeft = 0; ///< of the one being drawn
    bool m_shownOnce = false;
};

} // namespace mlm
