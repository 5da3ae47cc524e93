#pragma once

#include "AsyncOffice.h"

#include <QHash>
#include <QList>
#include <QWidget>

class QAction;

namespace mlm {

/// One page of the main window: what it shows comes from core through the AsyncOffice, so the window never waits
/// for it. A page reads itself again on refresh(), says what it has to say by message() (the status bar), and is
/// busy while an answer it asked for has not come.
class Page : public QWidget
{
    Q_OBJECT

public:
    explicit Page(AsyncOffice &office, QWidget *parent = nullptr) : QWidget(parent), m_office(office) {}

    /// Reads again what the page shows (View > Refresh, and a page shown for the first time).
    virtual void refresh() = 0;
    /// The page's own actions, which the window's tool bar shows beside its common ones while the page is shown.
    virtual QList<QAction *> pageActions() const { return {}; }
    /// Whether an answer this page asked for has not come yet.
    bool isBusy() const { return m_waiting > 0; }

signals:
    void message(const QString &text);
    void busyChanged(bool busy);

protected:
    /// Calls `work` on the office's `lane`, then `done` here with its answer (not when the page is gone).
    template <typename T>
    void ask(std::function<Result<T>(Office &)> work, std::function<void(Result<T>)> done,
             AsyncOffice::Lane lane = AsyncOffice::Lane::Pages)
    {
        wait(+1);
        m_office.call<T>(
            this, std::move(work),
            [this, done = std::move(done)](Result<T> result) {
                wait(-1);
                done(std::move(result));
            },
            lane);
    }
    /// As ask(), but of the calls made for the same `slot`, only the newest one's answer is delivered: an older
    /// one (for a filter changed since, a member no longer selected) is dropped.
    template <typename T>
    void askLatest(int slot, std::function<Result<T>(Office &)> work, std::function<void(Result<T>)> done,
                   AsyncOffice::Lane lane = AsyncOffice::Lane::Pages)
    {
        const int call = ++m_latest[slot];
        ask<T>(
            std::move(work),
            [this, slot, call, done = std::move(done)](Result<T> result) {
                if (m_latest.value(slot) == call)
                    done(std::move(result));
            },
            lane);
    }
    /// Reports `error` in the status bar when `status` failed; whether it succeeded.
    bool reported(const Status &status);

    AsyncOffice &m_office;

private:
    void wait(int change);
    int m_waiting = 0;
    QHash<int, int> m_latest; ///< per slot of askLatest, the newest call's number
};

} // namespace mlm
