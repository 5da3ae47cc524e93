#pragma once
// What the GUI tests share: waiting for the answers of the window's asynchronous calls.
#include "AsyncOffice.h"
#include "models/OrdersModel.h"
#include "views/NetworkView.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QSemaphore>
#include <QSignalSpy>
#include <QStandardPaths>

#include <optional>

namespace mlm::test {

/// The settings of this test process alone, not the user's (QStandardPaths' test mode) and not those of the same
/// test running for the other backend at the same time (ctest -j2): a name with the process id.
inline void ownSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    static const QString base = QCoreApplication::applicationName();
    QCoreApplication::setApplicationName(QStringLiteral("%1-%2").arg(base).arg(QCoreApplication::applicationPid()));
}

/// Waits until every answer `office` was asked for so far was delivered.
inline void settle(AsyncOffice &office)
{
    if (!office.waitForIdle(120000))
        qFatal("the window's calls were not answered in 120 s");
}

/// Starts an asynchronous action with `start(done)` and waits for `done`'s value (a Status, a row, ...).
template <typename T, typename Start> T await(Start start)
{
    std::optional<T> got;
    start([&got](T value) { got = std::move(value); });
    QDeadlineTimer deadline(120000);
    while (!got && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    if (!got)
        qFatal("an action was not answered in 120 s");
    return std::move(*got);
}

/// Finds `text` in the network page and waits for the answer: whether a member was found and selected.
inline bool found(NetworkView &view, const QString &text)
{
    QSignalSpy finished(&view, &NetworkView::findFinished);
    view.find(text);
    if (finished.isEmpty() && !finished.wait(120000))
        qFatal("a search was not answered in 120 s");
    return finished.first().first().toBool();
}

/// The order of `row`, its page read first if it is not in memory.
inline const Order *orderAt(OrdersModel &model, int row, AsyncOffice &office)
{
    if (const Order *order = model.orderAt(row))
        return order;
    settle(office);
    return model.orderAt(row);
}

/// Holds a lane of an AsyncOffice until released: what the window does while an answer is on its way.
class HeldLane
{
public:
    HeldLane(AsyncOffice &office, AsyncOffice::Lane lane)
    {
        office.call<bool>(
            nullptr,
            [gate = m_gate](Office &) {
                gate->acquire();
                return Result<bool>(true);
            },
            [](Result<bool>) {}, lane);
    }
    ~HeldLane() { release(); }
    void release()
    {
        if (!m_released)
            m_gate->release();
        m_released = true;
    }

private:
    std::shared_ptr<QSemaphore> m_gate = std::make_shared<QSemaphore>(0);
    bool m_released = false;
};

} // namespace mlm::test
