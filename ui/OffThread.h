#pragma once

#include <QEventLoop>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>
#include <optional>

namespace mlm {

/// Runs `work` on a thread of its own and then `done(result)` on `context`'s thread, unless `context` is gone by
/// then: for the few calls before an AsyncOffice exists (opening a database, signing in, checking a server's
/// certificate), so that the dialog asking stays alive meanwhile.
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

/// Runs `work` on a thread of its own and returns its result, the GUI thread's events going on meanwhile (as in a
/// dialog's exec()): for a step with no dialog of its own to wait in (opening the database named on the command
/// line, before any window).
template <typename T> T waitOffThread(std::function<T()> work)
{
    std::optional<T> result;
    QThread *thread = QThread::create([&] { result.emplace(work()); });
    QEventLoop loop;
    QObject::connect(thread, &QThread::finished, &loop, &QEventLoop::quit);
    thread->start();
    loop.exec();
    thread->wait();
    delete thread;
    return std::move(*result);
}

} // namespace mlm
