#pragma once

#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>

namespace mlm {

/// Runs `work` on a thread of its own and then `done(result)` on `context`'s thread, unless `context` is gone by
/// then: for the few calls before an AsyncOffice exists (checking a server's certificate, signing in), so that the
/// dialog asking stays alive meanwhile.
template <typename T> void offThread(QObject *context, std::function<T()> work, std::function<void(T)> done)
{
    auto result = std::make_shared<std::optional<T>>();
    QThread *thread = QThread::create([work = std::move(work), result] { result->emplace(work()); });
    QPointer<QObject> where(context);
    QObject::connect(thread, &QThread::finished, context, [where, result, done = std::move(done)] {
        if (where)
            done(std::move(**result));
    });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

} // namespace mlm
