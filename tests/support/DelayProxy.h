#pragma once

#include <QThread>

#include <memory>

namespace mlm::test {

/// A TCP proxy on 127.0.0.1 in front of a server, on a thread of its own, that holds every byte the server sends
/// for `delayMs` before passing it on (what the client sends goes at once): a slow network, for the tests that
/// the window never waits for one. TLS passes through it untouched.
class DelayProxy
{
public:
    DelayProxy(quint16 targetPort, int delayMs);
    ~DelayProxy();
    DelayProxy(const DelayProxy &) = delete;
    DelayProxy &operator=(const DelayProxy &) = delete;

    /// Where clients connect (0 when it could not listen).
    quint16 port() const { return m_port; }

private:
    class Worker;
    QThread m_thread;
    Worker *m_worker = nullptr; ///< lives on m_thread
    quint16 m_port = 0;
};

} // namespace mlm::test
