#pragma once

#include "office/RunStore.h"
#include "domain/CompensationPlan.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace mlm {

class InlineProgress;
class Session;

/// The Compensation plan page (admins): the rate of each level, the PV that qualifies a distributor, compression
/// and retail profit. Before saving, a preview shows what the edited plan would pay for a chosen period next to what
/// the saved plan pays, computed in the background. A saved plan applies to every period not closed yet.
class PlanView : public QWidget
{
    Q_OBJECT

public:
    explicit PlanView(Session &session, QWidget *parent = nullptr);

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
    /// Saves the form's plan (the button asks first); the error, or empty.
    QString save();
    QString errorText() const;
    QString summaryText() const;

signals:
    void message(const QString &text);

private:
    void showPreview();

    Session &m_session;
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
