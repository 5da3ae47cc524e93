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
        m_office.run<T>(
            this, std::move(work),
            [this, done = std::move(done)](Result<T> result) {
                end();
                done(result);
            },
            [this](const QString &stage, qint64 steps, qint64 total) { report(stage, steps, total); }, m_cancelled);
        return true;
    }

    bool isRunning() const { return m_running; }
    void cancel();
    /// For tests: waits (answering events) until the running work has handed back its answer.
    bool waitUntilDone(int milliseconds = 60000);

signals:
    void runningChanged(bool running);

private:
    void begin(const QString &title);
    void report(const QString &stage, qint64 done, qint64 total);
    void end();

    AsyncOffice &m_office;
    std::shared_ptr<std::atomic<bool>> m_cancelled;
    bool m_running = false;
    QString m_title;
    QLabel *m_label;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
};

} // namespace mlm
