#pragma once

#include "AsyncOffice.h"

#include <QDialog>

class QDialogButtonBox;

namespace mlm {

/// A dialog whose OK saves through the AsyncOffice: while the answer is on its way the buttons are disabled and
/// the dialog stays open; it closes (accepted) when the save succeeded, and shows the error otherwise, with
/// everything the person typed still there.
class OfficeDialog : public QDialog
{
    Q_OBJECT

public:
    /// Whether a save is on its way.
    bool isSaving() const { return m_saving; }

signals:
    /// A save was answered (accepted, or its error shown).
    void saved(bool ok);

protected:
    OfficeDialog(AsyncOffice &office, QWidget *parent) : QDialog(parent), m_office(office) {}

    /// The buttons to disable while saving.
    void setButtons(QDialogButtonBox *buttons) { m_buttons = buttons; }
    /// Runs `work`; then `succeeded(value)` and the dialog is accepted, or `failed(error)`.
    template <typename T>
    void submit(std::function<Result<T>(Office &)> work, std::function<void(const T &)> succeeded,
                std::function<void(const Error &)> failed)
    {
        saving(true);
        m_office.call<T>(this, std::move(work), [this, succeeded, failed](Result<T> result) {
            saving(false);
            if (!result) {
                failed(result.error());
                emit saved(false);
                return;
            }
            if (succeeded)
                succeeded(result.value());
            QDialog::accept();
            emit saved(true);
        });
    }
    /// The same for a save without a value.
    void submit(std::function<Status(Office &)> work, std::function<void(const Error &)> failed);

    AsyncOffice &m_office;

private:
    void saving(bool on);
    QDialogButtonBox *m_buttons = nullptr;
    bool m_saving = false;
};

} // namespace mlm
