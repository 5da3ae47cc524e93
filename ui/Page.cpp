#include "Page.h"

namespace mlm {

bool Page::reported(const Status &status)
{
    if (!status)
        emit message(status.error().message);
    return status.ok();
}

void Page::wait(int change)
{
    const bool was = isBusy();
    m_waiting += change;
    if (isBusy() != was)
        emit busyChanged(isBusy());
}

} // namespace mlm
