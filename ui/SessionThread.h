#pragma once

#include "office/Session.h"
#include "storage/DatabaseUrl.h"

#include <QThreadPool>
#include <functional>

namespace mlm {

/// Reads that would hold up the window (a count over ten million orders, the tree index of a million members) run
/// here: on a thread of its own, one after the other, each with a connection of its own and a copy of the session's
/// user. A read hands its answer back with QMetaObject::invokeMethod on an object of the GUI thread. Destroying the
/// SessionThread drops the reads not yet started and waits for the one running.
class SessionThread
{
public:
    explicit SessionThread(Session &session);
    ~SessionThread();
    SessionThread(const SessionThread &) = delete;
    SessionThread &operator=(const SessionThread &) = delete;

    /// Queues `read`. With `scan`, the connection is set up for reading much at once (a small page cache).
    void start(std::function<void(Session &)> read, bool scan = false);
    /// Waits until every queued read has run (for tests and benchmarks).
    void waitForDone() { m_pool.waitForDone(); }

private:
    DatabaseUrl m_url;
    User m_user;
    QThreadPool m_pool;
};

} // namespace mlm
