#include "DashboardView.h"
#include "Ask.h"

#include "InlineProgress.h"
#include "Labels.h"
#include "Style.h"
#include "charts/DownlineCharts.h"

#include <QAction>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

namespace mlm {

DashboardView::DashboardView(AsyncOffice &office, QWidget *parent)
    : Page(office, parent), m_member(new QLineEdit(this)), m_month(new QComboBox(this)),
      m_show(new QPushButton(tr("&Show"), this)), m_pdf(new QPushButton(tr("Save as &PDF..."), this)),
      m_progress(new InlineProgress(office, this)), m_heading(new QLabel(this)), m_figures(new QLabel(this)),
      m_error(style::errorLabel(this))
{
    m_figures->setObjectName(QStringLiteral("dashboardFigures"));
    m_figures->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_figures->setTextFormat(Qt::RichText);
    // A card like the charts' beside it.
    m_figures->setStyleSheet(QStringLiteral("QLabel#dashboardFigures { background: palette(base); border-radius: 6px; "
                                            "margin: 9px; padding: 12px; }"));
    const bool distributor = office.user().role == Role::Distributor;
    m_member->setMaximumWidth(180);
    if (distributor) {
        m_member->setText(office.user().memberCode);
        m_member->setReadOnly(true);
    } else {
        m_member->setPlaceholderText(office.can(Action::ViewCompanyReports) ? tr("Empty: the whole company")
                                                                             : tr("Member code"));
    }
    Period month = Period::containing(nowUtc());
    for (int i = 0; i < 24; ++i, month = month.previous())
        m_month->addItem(Labels::month(month), month.toString());
    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.2);
    m_heading->setFont(headingFont);
    m_heading->setWordWrap(true);
    m_pdf->setEnabled(false);

    const auto start = [this] {
        if (const auto last = Period::parse(m_month->currentData().toString()))
            showDashboard(m_member->text().trimmed(), *last);
    };
    connect(m_show, &QPushButton::clicked, this, start);
    connect(m_member, &QLineEdit::returnPressed, this, start);
    // Support sees members' downlines, not the company's: Show waits for a code instead of being refused after.
    const bool needsCode = !distributor && !office.can(Action::ViewCompanyReports);
    const auto updateShow = [this, needsCode] {
        m_show->setEnabled(!m_progress->isRunning() && (!needsCode || !m_member->text().trimmed().isEmpty()));
    };
    connect(m_progress, &InlineProgress::runningChanged, this, updateShow);
    connect(m_member, &QLineEdit::textChanged, this, updateShow);
    updateShow();
    m_show->setObjectName(QStringLiteral("showDashboard"));
    m_heading->setObjectName(QStringLiteral("dashboardHeading"));
    m_heading->setText(needsCode ? tr("Type a member's code and press Show to see the performance of its downline.")
                                 : tr("Pick a downline and a month, then Show."));
    connect(m_pdf, &QPushButton::clicked, this, [this] {
        const QString path = ask::saveFileName(this, tr("Save dashboard as PDF"),
                                                          QStringLiteral("dashboard.pdf"), tr("PDF files (*.pdf)"));
        if (path.isEmpty())
            return;
        if (const Status done = savePdf(path); done)
            emit message(tr("Dashboard saved to %1").arg(path));
        else
            style::setError(m_error, done.error().message);
    });

    auto *grid = new QGridLayout;
    grid->setSpacing(8);
    for (int i = 0; i < 5; ++i) {
        auto *view = new QChartView(this);
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumSize(440, 300);
        view->setContextMenuPolicy(Qt::ActionsContextMenu);
        auto *png = new QAction(tr("Save chart as PNG..."), view);
        png->setObjectName(QStringLiteral("saveChartPng%1").arg(i + 1));
        connect(png, &QAction::triggered, this, [this, i] {
            const QString path = ask::saveFileName(
                this, tr("Save chart as PNG"), QStringLiteral("chart-%1.png").arg(i + 1), tr("PNG images (*.png)"));
            if (path.isEmpty())
                return;
            if (const Status done = saveChartPng(i, path); done)
                emit message(tr("Chart saved to %1").arg(path));
            else
                style::setError(m_error, done.error().message);
        });
        view->addAction(png);
        // In the status bar, not as the view's tooltip: that one would replace a bar's or a slice's own value.
        view->setStatusTip(tr("Hover for exact values; right-click to save the chart as PNG."));
        m_views << view;
        grid->addWidget(view, i / 2, i % 2);
    }
    // The figures' card takes a chart's cell whatever its text: a new text then moves nothing (before, the new
    // size laid out and repainted every chart again, and could widen the window).
    m_figures->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_figures->setMinimumSize(440, 300);
    grid->addWidget(m_figures, 2, 1);
    auto *charts = new QWidget(this);
    charts->setLayout(grid);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("dashboardCards"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(charts);
    // No empty cards before there is a dashboard: the heading says what to do meanwhile.
    m_cards = scroll;
    m_cards->hide();

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(distributor ? tr("Your downline:") : tr("Downline of:"), this));
    bar->addWidget(m_member);
    bar->addWidget(new QLabel(tr("12 months up to:"), this));
    bar->addWidget(m_month);
    bar->addWidget(m_show);
    bar->addWidget(m_progress, 1);
    bar->addStretch();
    bar->addWidget(m_pdf);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addLayout(bar);
    layout->addWidget(m_heading);
    layout->addWidget(m_error);
    layout->addWidget(scroll, 1);
    layout->addStretch(); // takes the room while the cards are hidden
}

bool DashboardView::showDashboard(const QString &memberCode, const Period &last)
{
    m_error->hide();
    if (!m_member->isReadOnly())
        m_member->setText(memberCode);
    if (const int month = m_month->findData(last.toString()); month >= 0)
        m_month->setCurrentIndex(month);
    return m_progress->run<DownlineDashboard>(
        memberCode.isEmpty() ? tr("Computing the company's dashboard")
                             : tr("Computing the dashboard of %1").arg(memberCode),
        [memberCode, last](Office &worker, const InlineProgress::Progress &progress) {
            return worker.dashboard(memberCode, last, progress);
        },
        [this](const Result<DownlineDashboard> &result) {
            if (!result) {
                style::setError(m_error, result.error().message);
                return;
            }
            m_data = result.value();
            showCharts();
        });
}

void DashboardView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_shownOnce)
        return;
    m_shownOnce = true;
    // Last month: the current one has only begun.
    const Period last = Period::containing(nowUtc()).previous();
    if (m_office.user().role == Role::Distributor)
        showDashboard(m_office.user().memberCode, last);
    else if (m_office.can(Action::ViewCompanyReports) && !m_data && !m_progress->isRunning())
        showDashboard({}, last);
}

void DashboardView::drawChart(int drawing, int chart)
{
    QTimer::singleShot(0, this, [this, drawing, chart] {
        if (drawing != m_drawings || !m_data)
            return; // another dashboard came meanwhile
        using Make = QChart *(*)(const DownlineDashboard &);
        static const Make makers[] = {charts::volume, charts::members, charts::levels, charts::topLegs,
                                      charts::statusMix};
        QChart *old = m_views.at(chart)->chart();
        m_views.at(chart)->setChart(makers[chart](*m_data));
        delete old;
        if (--m_chartsLeft == 0)
            return emit chartsShown();
        drawChart(drawing, chart + 1);
    });
}

void DashboardView::showCharts()
{
    const DownlineDashboard &d = *m_data;
    // One chart per turn of the event loop, each painted before the next is made: five at once held the window
    // up for 30 ms and more.
    const int drawing = ++m_drawings;
    m_chartsLeft = int(m_views.size());
    m_cards->show();
    drawChart(drawing, 0);
    const DownlineSummary &last = d.months.last();
    const QString who = tr("%1 (%2)").arg(d.memberName, d.memberCode);
    m_heading->setText(d.memberId == 0 ? tr("The whole company: %1 members, %2 PV of volume in %3.")
                                             .arg(QLocale().toString(last.downlineSize))
                                             .arg(Labels::volume(last.groupVolume), Labels::month(last.period))
                                       : tr("%1: %2 members below, %3 PV of group volume in %4.")
                                             .arg(who)
                                             .arg(QLocale().toString(last.downlineSize))
                                             .arg(Labels::volume(last.groupVolume), Labels::month(last.period)));
    m_pdf->setEnabled(true);

    // The key numbers of the last month beside the month before.
    const DownlineSummary &before = d.months.size() > 1 ? d.months.at(d.months.size() - 2) : last;
    const auto change = [](qint64 now, qint64 then, const std::function<QString(qint64)> &text) {
        const qint64 delta = now - then;
        return text(delta < 0 ? -delta : delta).prepend(delta < 0 ? QStringLiteral("-") : QStringLiteral("+"));
    };
    const auto count = [](qint64 n) { return QLocale().toString(n); };
    const auto volume = [](qint64 v) { return Labels::volume(v); };
    QString rows;
    const auto row = [&](const QString &label, qint64 now, qint64 then, const std::function<QString(qint64)> &text) {
        rows += QStringLiteral("<tr><td>%1</td><td align=\"right\"><b>%2</b></td><td align=\"right\">%3</td></tr>")
                    .arg(label.toHtmlEscaped(), text(now), change(now, then, text));
    };
    if (d.memberId != 0)
        row(tr("Personal volume (PV)"), last.personalVolume, before.personalVolume, volume);
    row(d.memberId == 0 ? tr("Volume (PV)") : tr("Group volume (PV)"), last.groupVolume, before.groupVolume, volume);
    row(tr("New members"), last.newRecruits, before.newRecruits, count);
    row(tr("Active (qualified) members"), last.activeMembers, before.activeMembers, count);
    m_figures->setText(tr("<h3>%1</h3><table cellspacing=\"6\"><tr><th></th><th align=\"right\">%1</th>"
                          "<th align=\"right\">vs. %2</th></tr>%3</table><p>%4</p>")
                           .arg(Labels::month(last.period), Labels::month(before.period), rows,
                                d.memberId == 0 ? tr("%Ln member(s) today.", nullptr, int(last.downlineSize))
                                                : tr("%Ln member(s) below today.", nullptr, int(last.downlineSize))));
}

Status DashboardView::saveChartPng(int chart, const QString &path) const
{
    if (chart < 0 || chart >= m_views.size() || !m_data)
        return makeError(ErrorCode::FailedPrecondition, tr("there is no chart to save yet"));
    const QPixmap image = m_views.at(chart)->grab();
    if (!image.save(path, "PNG"))
        return makeError(ErrorCode::Storage, tr("cannot write %1").arg(path));
    return {};
}

Status DashboardView::savePdf(const QString &path) const
{
    if (!m_data)
        return makeError(ErrorCode::FailedPrecondition, tr("there is no dashboard to save yet"));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Storage, tr("cannot write %1: %2").arg(path, file.errorString()));
    {
        QPdfWriter writer(&file);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageOrientation(QPageLayout::Landscape);
        writer.setPageMargins(QMarginsF(10, 10, 10, 10), QPageLayout::Millimeter);
        writer.setTitle(m_heading->text());
        writer.setCreator(QStringLiteral("MLM Back Office"));
        writer.setResolution(150);
        QPainter painter(&writer);
        const QRect page = painter.viewport();
        QFont font = painter.font();
        font.setPointSizeF(12);
        font.setBold(true);
        painter.setFont(font);
        const int headingHeight = painter.fontMetrics().height() * 2;
        painter.drawText(QRect(page.left(), page.top(), page.width(), headingHeight), Qt::AlignLeft | Qt::AlignVCenter,
                         m_heading->text());
        // Three charts in a row, two rows, the figures last: each drawn as a picture of its widget.
        const int columns = 3, rows = 2;
        const int cellWidth = page.width() / columns;
        const int cellHeight = (page.height() - headingHeight) / rows;
        QList<QWidget *> pictures(m_views.cbegin(), m_views.cend());
        pictures << m_figures;
        for (int i = 0; i < pictures.size(); ++i) {
            const QRect cell(page.left() + (i % columns) * cellWidth,
                             page.top() + headingHeight + (i / columns) * cellHeight, cellWidth, cellHeight);
            const QPixmap picture = pictures.at(i)->grab();
            const QSize fitted = picture.size().scaled(cell.size() - QSize(16, 16), Qt::KeepAspectRatio);
            painter.drawPixmap(QRect(cell.topLeft() + QPoint(8, 8), fitted), picture);
        }
    }
    if (!file.commit())
        return makeError(ErrorCode::Storage, tr("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

QString DashboardView::errorText() const
{
    return style::errorOf(m_error);
}

QString DashboardView::figuresText() const
{
    return m_figures->text();
}

QString DashboardView::headingText() const
{
    return m_heading->text();
}

void DashboardView::refresh()
{
    if (const auto last = Period::parse(m_month->currentData().toString()))
        showDashboard(m_member->text().trimmed(), *last);
}

} // namespace mlm
