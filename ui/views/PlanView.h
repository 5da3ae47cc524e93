#pragma once

#include "office/RunStore.h"
#include "domain/CompensationPlan.h"

#include "Page.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace mlm {

class InlineProgress;

/// The Compensation plan page (admins): the rate of each level, the PV that qualifies a distributor, compression
/// and retail profit. Before saving, a preview shows what the edited plan would pay for a chosen period next to what
/// the saved plan pays, computed in the background. A saved plan applies to every period not closed yet.
class PlanView : public Page
{
    Q_OBJECT

public:
    explicit PlanView(AsyncOffice &office, QWidget *parent = nullptr);

    /// The plan as the form holds it, or the error in a field.
    Result<CompensationPlan> formPlan() const;
    void setFormPlan(const CompensationPlan &plan);
    QTableWidget *levelsTable() const { return m_levels; }
    QTableWidget *previewTable() const { return m_preview; }
    InlineProgress *progress() const { return m_progress; }
    /// Starts the preview of the form's plan for `period` (false: the form has an error, or one runs already).
    bool preview(const Period &period);
    /// The last preview of the edited plan.
    const std::optional<RunOverview> &lastPreview() const { return m_edited; }
    /// Saves the form's plan (the button asks first), then `done`.
    void save(std::function<void(Status)> done = {});
    /// The saved plan and the open periods read again (what the form holds is replaced).
    void refresh() override;
    QString errorText() const;
    QString summaryText() const;

signals:
    /// The saved plan is in the form.
    void planShown();

private:
    void showPreview();

    QTableWidget *m_levels;
    QLineEdit *m_qualification;
    QCheckBox *m_compression;
    QCheckBox *m_retailProfit;
    QComboBox *m_period;
    QPushButton *m_previewButton;
    QPushButton *m_save;
    InlineProgress *m_progress;
    QLabel *m_summary;
    QTableWidget *m_preview;
    QLabel *m_error;
    std::optional<RunOverview> m_current;
    std::optional<RunOverview> m_edited;
};

} // namespace mlm
