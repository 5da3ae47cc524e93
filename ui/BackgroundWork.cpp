#include "BackgroundWork.h"

#include "storage/Database.h"

#include <QEventLoop>
#include <QPointer>
#include <QProgressDialog>
#include <QThread>
#include <atomic>

namespace mlm {

namespace {
bool s_cancelAtFirstProgress = false;
}

void BackgroundWork::cancelAtFirstProgress(bool cancel)
{
    s_cancelAtFirstProgress = cancel;
}

Result<QString> BackgroundWork::run(QWidget *parent, const DatabaseUrl &url, const User &user, const QString &title,
                                    const Work &work)
{
    return run(parent, url, title,
               [user, &work](Database &db, const Progress &progress) {
                   Session worker(db, user);
                   return work(worker, progress);
               });
}

Result<QString> BackgroundWork::run(QWidget *parent, const DatabaseUrl &url, const QString &title,
                                    const DatabaseWork &work)
{
    QProgressDialog dialog(title, QObject::tr("Cancel"), 0, 0, parent);
    dialog.setWindowTitle(title);
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(0);
    dialog.setMinimumWidth(420);
    dialog.setAutoReset(false);
    dialog.setAutoClose(false);
    std::atomic<bool> cancelled{false};
    QObject::connect(&dialog, &QProgressDialog::canceled, [&cancelled] { cancelled = true; });
    dialog.show();

    std::optional<Result<QString>> outcome;
    QPointer<QProgressDialog> shown(&dialog);
    QThread *thread = QThread::create([&] {
        auto db = Database::open(url); // a connection belongs to the thread that opened it
        if (!db) {
            outcome = Result<QString>(db.error());
            return;
        }
        const Progress progress = [&](const QString &stage, qint64 done, qint64 total) {
            if (s_cancelAtFirstProgress)
                cancelled = true; // as if Cancel had been pressed at once
            QMetaObject::invokeMethod(shown.data(), [shown, stage, done, total] {
                if (!shown)
                    return;
                shown->setLabelText(total > 0 ? QObject::tr("%1: %2 of %3").arg(stage).arg(done).arg(total)
                                              : QObject::tr("%1: %2").arg(stage).arg(done));
            });
            return !cancelled.load();
        };
        outcome = work(*db.value(), progress);
    });
    QEventLoop loop;
    QObject::connect(thread, &QThread::finished, &loop, &QEventLoop::quit);
    thread->start();
    loop.exec(); // the window keeps painting and answering while the work runs
    thread->wait();
    delete thread;
    return outcome.value_or(makeError(ErrorCode::Storage, QObject::tr("the work did not finish")));
}

} // namespace mlm
