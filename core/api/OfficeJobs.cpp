#include "OfficeJobs.h"

#include "domain/Codes.h"
#include "domain/UtcTime.h"
#include "office/Session.h"
#include "storage/Database.h"

namespace mlm {

struct OfficeJobs::Job
{
    QString id;
    QString kind;
    QString username;
    std::atomic<bool> cancelRequested{false};
    QThread *thread = nullptr;
    // Under OfficeJobs::m_mutex:
    State state = State::Running;
    QString stage;
    qint64 done = 0;
    qint64 total = 0;
    QByteArray result;
    Error error;
    Timestamp finishedAt = 0;
};

OfficeJobs &OfficeJobs::instance()
{
    static OfficeJobs jobs;
    return jobs;
}

OfficeJobs::~OfficeJobs()
{
    shutdown();
}

QString OfficeJobs::toText(State state)
{
    switch (state) {
    case State::Running:
        return QStringLiteral("running");
    case State::Done:
        return QStringLiteral("done");
    case State::Failed:
        return QStringLiteral("failed");
    case State::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

std::optional<OfficeJobs::State> OfficeJobs::stateFromString(QStringView text)
{
    for (const State s : {State::Running, State::Done, State::Failed, State::Cancelled}) {
        if (text == toText(s))
            return s;
    }
    return std::nullopt;
}

OfficeJobs::Snapshot OfficeJobs::snapshotOf(const Job &job)
{
    return {job.id, job.kind, job.state, job.stage, job.done, job.total, job.result, job.error};
}

void OfficeJobs::purge()
{
    const Timestamp now = nowUtc();
    for (auto it = m_jobs.begin(); it != m_jobs.end();) {
        const Job &job = *it.value();
        if (job.state != State::Running && now - job.finishedAt > kKeptSeconds) {
            job.thread->wait();
            delete job.thread;
            it = m_jobs.erase(it);
        } else {
            ++it;
        }
    }
}

Result<OfficeJobs::Snapshot> OfficeJobs::start(const DatabaseUrl &database, const User &user, const QString &kind,
                                               Work work)
{
    QMutexLocker lock(&m_mutex);
    purge();
    if (m_shutDown)
        return makeError(ErrorCode::Unavailable, tr("the server is stopping"));
    int running = 0;
    int mine = 0;
    for (const auto &job : std::as_const(m_jobs)) {
        if (job->state == State::Running) {
            ++running;
            mine += job->username == user.username ? 1 : 0;
        }
    }
    if (mine >= kMaxRunningPerUser || running >= kMaxRunning) {
        Error busy = makeError(ErrorCode::Throttled,
                               mine >= kMaxRunningPerUser
                                   ? tr("%1 runs %2 long operations already; wait for one to end or cancel it")
                                         .arg(user.username)
                                         .arg(mine)
                                   : tr("the server runs %1 long operations already; try again soon").arg(running));
        busy.retryAfterSeconds = 5;
        return busy;
    }
    auto job = std::make_shared<Job>();
    job->id = QStringLiteral("job_") + codes::generateLinkCode() + codes::generateLinkCode();
    job->kind = kind;
    job->username = user.username;
    job->thread = QThread::create([this, job, database, user, work = std::move(work)] {
        Result<QByteArray> result = makeError(ErrorCode::Unavailable, QString());
        if (auto db = Database::open(database)) {
            (void)db.value()->useServerSettings(); // as the workers' connections: SQLite's pages mapped, not copied
            Session session(*db.value(), user);
            result = work(session, [this, job](const QString &stage, qint64 done, qint64 total) {
                QMutexLocker progressLock(&m_mutex);
                job->stage = stage;
                job->done = done;
                job->total = total;
                return !job->cancelRequested.load();
            });
        } else {
            result = db.error();
        }
        QMutexLocker doneLock(&m_mutex);
        job->finishedAt = nowUtc();
        if (result) {
            job->state = State::Done;
            job->result = std::move(result.value());
        } else {
            job->state = job->cancelRequested ? State::Cancelled : State::Failed;
            job->error = result.error();
        }
    });
    m_jobs.insert(job->id, job);
    job->thread->start();
    return snapshotOf(*job);
}

Result<OfficeJobs::Snapshot> OfficeJobs::get(const QString &id, const QString &username)
{
    QMutexLocker lock(&m_mutex);
    purge();
    const auto job = m_jobs.value(id);
    if (!job || job->username != username)
        return makeError(ErrorCode::NotFound, tr("no job %1 of yours").arg(id.left(40)));
    return snapshotOf(*job);
}

Result<OfficeJobs::Snapshot> OfficeJobs::cancel(const QString &id, const QString &username)
{
    QMutexLocker lock(&m_mutex);
    const auto job = m_jobs.value(id);
    if (!job || job->username != username)
        return makeError(ErrorCode::NotFound, tr("no job %1 of yours").arg(id.left(40)));
    job->cancelRequested = true;
    return snapshotOf(*job);
}

void OfficeJobs::shutdown()
{
    QList<std::shared_ptr<Job>> jobs;
    {
        QMutexLocker lock(&m_mutex);
        m_shutDown = true;
        jobs = m_jobs.values();
        for (const auto &job : jobs)
            job->cancelRequested = true;
    }
    for (const auto &job : jobs)
        job->thread->wait();
    QMutexLocker lock(&m_mutex);
    for (const auto &job : std::as_const(m_jobs))
        delete job->thread;
    m_jobs.clear();
}

} // namespace mlm
