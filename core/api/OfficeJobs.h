#pragma once

#include "domain/Result.h"
#include "office/Office.h"
#include "storage/DatabaseUrl.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QThread>
#include <atomic>
#include <functional>
#include <memory>

namespace mlm {

/// The office API's long operations (a commission preview of a million members, a close, a dashboard): each runs
/// on a thread of its own with a database connection of its own, started by one request and then asked after
/// (its stage, how far, the result) or cancelled by others, from any of the server's workers. A job is seen and
/// cancelled by the user who started it only; a finished one is kept for kKeptSeconds. Jobs live in the server
/// process that started them.
class OfficeJobs
{
    Q_DECLARE_TR_FUNCTIONS(OfficeJobs)

public:
    /// What a job does in its Session: the value as office JSON, or the refusal.
    using Work = std::function<Result<QByteArray>(Office &office, const Office::Progress &progress)>;

    enum class State
    {
        Running,
        Done,
        Failed,
        Cancelled
    };

    struct Snapshot
    {
        QString id;
        QString kind;
        State state = State::Running;
        QString stage;
        qint64 done = 0;
        qint64 total = 0;
        QByteArray result; ///< Done: the value's JSON
        Error error;       ///< Failed, Cancelled
    };

    static constexpr int kMaxRunningPerUser = 2;
    static constexpr int kMaxRunning = 8;
    static constexpr qint64 kKeptSeconds = 600;

    /// The one registry of this process.
    static OfficeJobs &instance();
    ~OfficeJobs();

    /// Starts `work` for `user` on a connection of its own to `database`; Throttled when the user (or the server)
    /// runs too many already.
    Result<Snapshot> start(const DatabaseUrl &database, const User &user, const QString &kind, Work work);
    /// The job `id` of `username`; NotFound for any other (also another user's).
    Result<Snapshot> get(const QString &id, const QString &username);
    /// Asks the job to stop at its next step; the answer is its state then.
    Result<Snapshot> cancel(const QString &id, const QString &username);
    /// Cancels every job and waits for their threads: before the server exits.
    void shutdown();

    static QString toText(State state);
    static std::optional<State> stateFromString(QStringView text);

private:
    struct Job;
    OfficeJobs() = default;
    void purge();
    static Snapshot snapshotOf(const Job &job);

    QMutex m_mutex;
    QHash<QString, std::shared_ptr<Job>> m_jobs;
    bool m_shutDown = false;
};

} // namespace mlm
