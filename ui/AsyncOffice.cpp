#include "AsyncOffice.h"

#include "office/RemoteOffice.h"
#include "office/Session.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>

namespace mlm {

/// One lane: a thread with an event loop, and the Office it made there (at its first call, and again after a
/// failed attempt: a server or database that was away may be back).
class AsyncOffice::LaneThread final : public QThread
{
public:
    LaneThread(Maker maker, Lane lane) : m_maker(std::move(maker)), m_lane(lane)
    {
        m_host.moveToThread(this);
        start();
    }
    ~LaneThread() override
    {
        quit();
        wait();
    }

    /// The QObject of this thread that runs the posted calls.
    QObject *host() { return &m_host; }

    /// On this thread: the lane's Office, or why there is none.
    Result<Office *> office()
    {
        if (!m_office) {
            auto made = m_maker(m_lane);
            if (!made)
                return made.error();
            m_office = std::move(made.value());
        }
        return m_office.get();
    }

protected:
    void run() override
    {
        exec();
        m_office.reset(); // a connection is closed by the thread that opened it
    }

private:
    Maker m_maker;
    Lane m_lane;
    QObject m_host;
    std::unique_ptr<Office> m_office;
};

AsyncOffice::AsyncOffice(User user, Maker maker, bool remote, QObject *parent)
    : QObject(parent), m_user(std::move(user)), m_maker(std::move(maker)), m_remote(remote)
{
}

AsyncOffice::~AsyncOffice()
{
    for (auto &lane : m_lanes)
        lane.reset(); // ends its loop after the call running; the rest are dropped
}

std::unique_ptr<AsyncOffice> AsyncOffice::local(const DatabaseUrl &url, const User &user)
{
    Maker maker = [url, user](Lane lane) -> Result<std::unique_ptr<Office>> {
        auto db = Database::open(url);
        if (!db)
            return db.error();
        if (lane != Lane::Pages) { // reads much once (counts, sizes, runs): a small page cache
            for (const QString &statement : db.value()->dialect().scanSessionSetup())
                MLM_TRY(db.value()->exec(statement));
        }
        return std::unique_ptr<Office>(std::make_unique<Session>(std::move(db.value()), user));
    };
    return std::make_unique<AsyncOffice>(user, std::move(maker), false);
}

std::unique_ptr<AsyncOffice> AsyncOffice::remote(std::shared_ptr<RemoteOffice> signedIn)
{
    const User user = signedIn->user();
    Maker maker = [signedIn](Lane) -> Result<std::unique_ptr<Office>> {
        return std::unique_ptr<Office>(signedIn->another());
    };
    return std::make_unique<AsyncOffice>(user, std::move(maker), true);
}

void AsyncOffice::post(Lane lane, QObject *context, Job job)
{
    auto &thread = m_lanes[size_t(lane)];
    if (!thread)
        thread = std::make_unique<LaneThread>(m_maker, lane);
    if (m_pending++ == 0)
        emit busyChanged(true);
    QPointer<QObject> where(context);
    LaneThread *on = thread.get();
    QMetaObject::invokeMethod(on->host(), [this, on, where, job = std::move(job)] {
        auto office = on->office();
        Delivery delivery = office ? job(office.value(), nullptr) : job(nullptr, &office.error());
        QMetaObject::invokeMethod(this, [this, where, delivery = std::move(delivery)] {
            answered(delivery.error);
            if (where)
                delivery.deliver();
        });
    });
}

void AsyncOffice::answered(const Error *error)
{
    if (error && error->code == ErrorCode::Unavailable) {
        m_lost = true;
        emit connectionLost(error->message);
    } else if (m_lost) {
        m_lost = false;
        emit connectionBack();
    }
    if (error && error->code == ErrorCode::Unauthenticated && m_remote)
        emit signInNeeded(error->message);
    if (--m_pending == 0)
        emit busyChanged(false);
}

bool AsyncOffice::waitForIdle(int milliseconds)
{
    QDeadlineTimer deadline(milliseconds);
    while (m_pending > 0) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QThread::msleep(1);
    }
    QCoreApplication::processEvents();
    return true;
}

} // namespace mlm
