#include "OfficeDialog.h"

#include <QDialogButtonBox>

namespace mlm {

void OfficeDialog::submit(std::function<Status(Office &)> work, std::function<void(const Error &)> failed)
{
    submit<bool>(
        [work = std::move(work)](Office &office) -> Result<bool> {
            MLM_TRY(work(office));
            return true;
        },
        {}, std::move(failed));
}

void OfficeDialog::saving(bool on)
{
    m_saving = on;
    if (m_buttons)
        m_buttons->setEnabled(!on);
    setCursor(on ? Qt::BusyCursor : Qt::ArrowCursor);
}

} // namespace mlm
