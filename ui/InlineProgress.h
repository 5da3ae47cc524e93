#pragma once

#include "AsyncOffice.h"

#include <QPointer>
#include <QWidget>

#include <atomic>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;

namespace mlm {

/// Work that takes seconds (a commission preview over a million members, a dashboard's twelve months) without
/// holding up the window: it runs on the AsyncOffice's Work lane while this strip shows its stage, a progress bar
/// and a Cancel button; the rest of the window stays usable. The answer comes back on the GUI thread.
class InlineProgress : public QWidget
{
    Q_OBJECT

public:
    using Progress = std::function<bool(const QString &stage, qint64 done, qint64 total)>;

    InlineProgress(AsyncOffice &office, QWidget *parent = nullptr);
    ~InlineProgress() override;

    /// Runs `work(office, progress)` in the background, then `done(result)` on the GUI thread (not when this
    /// strip is gone). One work at a time: a second call while one runs is refused (returns false).
    template <typename T>
    bool run(const QString &title, std::function<Result<T>(Office &, const Progress &)> work,
             std::function<void(const Result<T> &)> done)
    {
        if (m_running)
            return false;
        begin(title);
        const std::shared_ptr<std::atomic<int>> turn = m_turn;
        m_toldCancelled = [done, error = cancelledError()] { done(Result<T>(error)); };
        m_office.run<T>(
            this,
            [work = std::move(work), turn, error = cancelledError()](Office &office,
                                                                     const Progress &progress) -> Result<T> {
                int waiting = Waiting;
                if (!turn->compare_exchange_strong(waiting, Begun))
                    return error; // cancelled while it waited for its turn behind other work: not begun at all
                return work(office, progress);
            },
            [this, turn, done = std::move(done)](Result<T> result) {
                if (turn->load() == CancelledBeforeItBegan)
                    return; // done was told at the cancel
                end();
                done(result);
            },
            [this, turn](const QString &stage, qint64 steps, qint64 total) {
                if (turn->load() == Begun)
                    report(stage, steps, total);
            },
            m_cancelled);
        return true;
    }

    bool isRunning() const { return m_running; }
    /// Stops the running work. Work still waiting for its turn (behind other work on the lane) never begins:
    /// `done` is told at once that it was cancelled. Work that has begun stops at its next step, and its own
    /// answer is awaited ("stopping..."): a close that committed before it saw the cancel says so.
    void cancel();
    /// For tests: waits (answering events) until the running work has handed back its answer.
    bool waitUntilDone(int milliseconds = 60000);

signals:
    void runningChanged(bool running);
    /// The running work reported a stage (shown in the strip).
    void progressed(const QString &stage);

private:
    void begin(const QString &title);
    void report(const QString &stage, qint64 done, qint64 total);
    void end();
    Error cancelledError() const;

    AsyncOffice &m_office;
    std::shared_ptr<std::atomic<bool>> m_cancelled;
    enum Turn
    {
        Waiting,
        Begun,
        CancelledBeforeItBegan
    };
    std::shared_ptr<std::atomic<int>> m_turn;  ///< the running work's, set on the worker thread as it begins
    std::function<void()> m_toldCancelled; ///< tells the running work's `done` that it was cancelled
    bool m_running = false;
    QString m_title;
    QLabel *m_label;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
};

} // namespace mlm
