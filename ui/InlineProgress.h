#pragma once

#include "SessionThread.h"

#include <QPointer>
#include <QWidget>

#include <atomic>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;

namespace mlm {

/// Work that takes seconds (a commission preview over a million members, a dashboard's twelve months) without
/// holding up the window: it runs on a SessionThread of its own while this strip shows its stage, a progress bar
/// and a Cancel button; the rest of the window stays usable. The answer comes back on the GUI thread.
class InlineProgress : public QWidget
{
    Q_OBJECT

public:
    using Progress = std::function<bool(const QString &stage, qint64 done, qint64 total)>;

    InlineProgress(Session &session, QWidget *parent = nullptr);
    ~InlineProgress() override;

    /// Runs `work(session, progress)` in the background, then `done(result)` on the GUI thread (not when this
    /// strip is gone). One work at a time: a second call while one runs is refused (returns false).
    template <typename T>
    bool run(const QString &title, std::function<Result<T>(Session &, const Progress &)> work,
             std::function<void(const Result<T> &)> done)
    {
        if (m_running)
            return false;
        begin(title);
        auto cancelled = m_cancelled;
        QPointer<InlineProgress> self(this);
        m_thread.start([self, cancelled, work = std::move(work), done = std::move(done)](Session &session) {
            const Progress progress = [self, cancelled](const QString &stage, qint64 steps, qint64 total) {
                QMetaObject::invokeMethod(self.data(), [self, stage, steps, total] {
                    if (self)
                        self->report(stage, steps, total);
                });
                return !cancelled->load();
            };
            auto result = std::make_shared<Result<T>>(work(session, progress));
            QMetaObject::invokeMethod(self.data(), [self, result, done] {
                if (!self)
                    return;
                self->end();
                done(*result);
            });
        });
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

    SessionThread m_thread;
    std::shared_ptr<std::atomic<bool>> m_cancelled;
    bool m_running = false;
    QString m_title;
    QLabel *m_label;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
};

} // namespace mlm
