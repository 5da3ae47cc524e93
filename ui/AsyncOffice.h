#pragma once

#include "office/Office.h"

#include <QObject>
#include <QPointer>

#include <array>
#include <atomic>
#include <functional>
#include <memory>

namespace mlm {

class RemoteOffice;
struct DatabaseUrl;

/// The window's door into core: every call of an Office, made on a worker thread that owns the database
/// connection or the HTTP client, its answer handed back on the GUI thread. So the window never waits on the
/// network or the database, whether the Office is a Session over a local file or a RemoteOffice over the
/// company's mlm-server (both give the same values and refusals; see Office).
///
/// A call names a context object: when it is gone by the time the answer comes (the page was closed), the answer
/// is dropped. Calls of one lane run one after the other, in the order they were made.
class AsyncOffice : public QObject
{
    Q_OBJECT

public:
    /// Where a call runs. Quick reads and edits must not wait behind a long operation, nor behind a read that
    /// passes over a whole table: each has a thread and an Office of its own.
    enum class Lane
    {
        Pages, ///< reads of a page and edits: milliseconds
        Scans, ///< counts and downline sizes: a pass over a table (the first sizes build the tree's index)
        Work,  ///< previews, closes, dashboards: seconds to minutes, with progress
    };
    /// Makes a lane's Office on that lane's thread (a database connection belongs to the thread that opened it).
    using Maker = std::function<Result<std::unique_ptr<Office>>(Lane lane)>;
    using Progress = Office::Progress;

    /// `user`: who is signed in (what `can` answers from, at once); `maker`: called once per lane.
    AsyncOffice(User user, Maker maker, bool remote, QObject *parent = nullptr);
    /// Drops the calls not yet started and waits for those running.
    ~AsyncOffice() override;

    /// Sessions over connections of their own to the database at `url`.
    static std::unique_ptr<AsyncOffice> local(const DatabaseUrl &url, const User &user);
    /// RemoteOffices of the same sign-in as `signedIn` (its token; each lane its own connection).
    static std::unique_ptr<AsyncOffice> remote(std::shared_ptr<RemoteOffice> signedIn);

    const User &user() const { return m_user; }
    bool can(Action action) const { return Permissions::allows(m_user.role, action) && m_user.active; }
    /// Over the company's server (else: a database this program opened itself).
    bool isRemote() const { return m_remote; }

    /// Runs `work(office)` on `lane`'s thread, then `done(result)` on the GUI thread if `context` still exists.
    template <typename T>
    void call(QObject *context, std::function<Result<T>(Office &)> work, std::function<void(Result<T>)> done,
              Lane lane = Lane::Pages)
    {
        post(lane, context, [work = std::move(work), done = std::move(done)](Office *office, const Error *failed) {
            auto result = std::make_shared<Result<T>>(failed ? Result<T>(*failed) : work(*office));
            return Delivery{result->ok() ? nullptr : &result->error(), [result, done] { done(std::move(*result)); }};
        });
    }

    /// A long operation on the Work lane: `progress(stage, done, total)` is shown on the GUI thread while it runs
    /// (if `context` still exists); `cancel` set to true stops it (it then fails with "cancelled").
    template <typename T>
    void run(QObject *context, std::function<Result<T>(Office &, const Progress &)> work,
             std::function<void(Result<T>)> done,
             std::function<void(const QString &stage, qint64 done, qint64 total)> progress,
             std::shared_ptr<std::atomic<bool>> cancel)
    {
        QPointer<QObject> where(context);
        const Progress report = [this, where, progress = std::move(progress), cancel](const QString &stage,
                                                                                       qint64 steps, qint64 total) {
            QMetaObject::invokeMethod(this, [where, progress, stage, steps, total] {
                if (where)
                    progress(stage, steps, total);
            });
            return !cancel->load();
        };
        call<T>(context, [work = std::move(work), report](Office &office) { return work(office, report); },
                std::move(done), Lane::Work);
    }

    /// How many calls have not yet been answered.
    int pending() const { return m_pending; }
    /// For tests and benchmarks: answers events until every call made so far was answered (false on timeout).
    bool waitForIdle(int milliseconds = 60000);

signals:
    /// Calls began or all were answered: for a busy indicator.
    void busyChanged(bool busy);
    /// A call could not reach the server or the database (Unavailable); `message` says why.
    void connectionLost(const QString &message);
    /// A call got through again after connectionLost.
    void connectionBack();
    /// The server no longer knows the sign-in (the token ended): sign in again.
    void signInNeeded(const QString &message);

private:
    /// What a finished call hands to the GUI thread: its error (null when it succeeded) and how to deliver it.
    struct Delivery
    {
        const Error *error;
        std::function<void()> deliver;
    };
    using Job = std::function<Delivery(Office *office, const Error *failed)>;
    class LaneThread;

    void post(Lane lane, QObject *context, Job job);
    void answered(const Error *error);

    User m_user;
    Maker m_maker;
    bool m_remote;
    std::array<std::unique_ptr<LaneThread>, 3> m_lanes;
    int m_pending = 0;
    bool m_lost = false;
};

} // namespace mlm
