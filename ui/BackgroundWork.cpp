#include "BackgroundWork.h"

#include "OffThread.h"
#include "storage/Database.h"

#include <QPointer>
#include <QProgressDialog>
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

    QPointer<QProgressDialog> shown(&dialog);
    return waitOffThread<Result<QString>>([&]() -> Result<QString> {
        auto db = Database::open(url); // a connection belongs to the thread that opened it
        if (!db)
            return db.error();
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
        return work(*db.value(), progress); // the window keeps painting and answering meanwhile
    });
}

} // namespace mlm
