#include "SessionThread.h"

#include "storage/Database.h"

namespace mlm {

SessionThread::SessionThread(Session &session) : m_url(session.database().url()), m_user(session.user())
{
    m_pool.setMaxThreadCount(1);
}

SessionThread::~SessionThread()
{
    m_pool.clear();
    m_pool.waitForDone();
}

void SessionThread::start(std::function<void(Session &)> read, bool scan)
{
    m_pool.start([url = m_url, user = m_user, read = std::move(read), scan] {
        auto db = Database::open(url); // a connection belongs to the thread that opened it
        if (!db)
            return;
        if (scan) {
            for (const QString &statement : db.value()->dialect().scanSessionSetup())
                (void)db.value()->exec(statement);
        }
        Session session(*db.value(), user);
        read(session);
    });
}

} // namespace mlm
