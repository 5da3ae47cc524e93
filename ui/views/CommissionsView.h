#pragma once

#include "office/RunStore.h"

#include "Page.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTableWidget;

namespace mlm {

class CommissionsModel;
class InlineProgress;

/// The Commissions page. For those who run commissions: the periods; a preview of an open one computed in the
/// background (the window stays usable) with its totals per member and per level, retail profit and clawbacks;
/// the close of a period after a confirmation, after which it is read-only; the payout file of a closed period.
/// For everyone who may see commissions: a member's statement for a period (a distributor: its own).
class CommissionsView : public Page
{
    Q_OBJECT

public:
    explicit CommissionsView(AsyncOffice &office, QWidget *parent = nullptr);

    QTableWidget *periodsTable() const { return m_periods; }
    CommissionsModel *model() const { return m_model; }
    QTableWidget *levelsTable() const { return m_levels; }
    InlineProgress *progress() const { return m_progress; }
    /// Reads the periods again and selects `period` (or last month) when they come; then periodsShown().
    void showPeriods(const std::optional<Period> &period = std::nullopt);
    /// View > Refresh: reads the page again, keeping what is selected.
    void refresh() override;
    bool select(const Period &period);
    std::optional<Period> selectedPeriod() const;
    bool selectedIsClosed() const;
    /// Starts the preview of the selected open period (false: closed, or one runs already).
    bool startPreview();
    /// Starts the close of the selected open period (the button asks first; false: closed, or work runs already).
    bool startClose();
    /// Starts writing the selected closed period's payout file to `path` (false: not a closed period, or work runs).
    bool startPayout(const QString &path);
    /// The statement of `memberCode` for the selected period, with the member's name, to `done`.
    void statement(const QString &memberCode, std::function<void(Result<std::pair<Statement, QString>>)> done);
    QString summaryText() const;
    QString errorText() const;
    QPushButton *closeButton() const { return m_close; }
    QPushButton *previewButton() const { return m_preview; }

signals:
    void periodsShown();

private:
    void periodChanged();
    void showPeriodList(const QList<RunPeriod> &periods, const std::optional<Period> &period);
    void showRun(const RunOverview &run);
    void openStatement();

    bool m_runs; ///< may run and close (else: statements only)
    QList<RunPeriod> m_periodList;
    QTableWidget *m_periods;
    QLabel *m_title;
    QPushButton *m_preview;
    QPushButton *m_close;
    QPushButton *m_payout;
    QPushButton *m_statement;
    QLineEdit *m_member;
    InlineProgress *m_progress;
    QLabel *m_summary;
    CommissionsModel *m_model;
    QTableView *m_members;
    QTableWidget *m_levels;
    QLabel *m_error;
};

} // namespace mlm
