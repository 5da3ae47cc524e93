#pragma once

#include "CommissionEngine.h"
#include "domain/Actor.h"
#include "domain/Result.h"
#include "domain/UtcTime.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace mlm {

class Database;

/// One member's amounts in a run (SPEC 6): total = retail profit + levels + clawback.
struct MemberCommission
{
    Id memberId = 0;
    QString code;
    Volume pv = 0;
    bool qualified = false;
    Money retailProfit = 0;
    QList<Money> levels;
    Money clawback = 0;
    Money total = 0;
};

/// The result of a run for a period: the members with pv > 0 or any amount, sorted by code.
struct CommissionRun
{
    Period period;
    bool closed = false;
    QString currency;
    CompensationPlan plan;
    QList<MemberCommission> members;
};

/// The sums of a run over its members: what its summary shows, without the members themselves.
struct RunTotals
{
    qsizetype members = 0;           ///< members with volume or amounts (the run's rows)
    qsizetype paid = 0;              ///< of them, those with a total other than 0
    Money retailProfit = 0;
    Money clawbacks = 0;
    Money total = 0;
    QList<Money> levels;             ///< per level of the plan
    QList<qsizetype> paidPerLevel;   ///< members with an amount at each level

    static RunTotals of(const CommissionRun &run);
    friend bool operator==(const RunTotals &, const RunTotals &) = default;
};

/// One line of a member's statement: an order that paid them, at which level and rate.
struct StatementLine
{
    CommissionKind kind = CommissionKind::Level;
    int level = 0;
    int rateBp = 0;
    QString storeCode; ///< empty for the back office
    QString externalId;
    Money base = 0;
    Money amount = 0;
};

/// "Why did I get this amount": a member's lines for a period and their sums.
struct Statement
{
    Period period;
    bool closed = false;
    QString currency;
    MemberCommission totals;
    /// Lines [firstLine, firstLine + lines.size()) of the statement's lineCount, by kind, level and order.
    QList<StatementLine> lines;
    qint64 firstLine = 0;
    qint64 lineCount = 0;
};

/// A period as the runs view lists it.
struct RunPeriod
{
    Period period;
    bool closed = false;
    Timestamp closedAt = 0;
    bool hasPaidOrders = false; ///< some order paid in the period counts in it (a preview has something to show)
    /// A distributor's own total in a closed run (0 when it earned nothing); none for an open period or another role.
    std::optional<Money> memberTotal;
};

/// Commission runs: previews computed as often as wanted, and the close that makes a period's run final.
/// The data is read in bulk and computed in memory (CommissionEngine); a closed run stores per-member results and
/// per-order lines, so that its statements never depend on data changed since (moves, statuses, catalog).
class CommissionRuns
{
    Q_DECLARE_TR_FUNCTIONS(CommissionRuns)
public:
    explicit CommissionRuns(Database &db) : m_db(db) {}

    /// Reports a step of a run and asks whether to go on (false: stop, the run is then refused).
    using Progress = std::function<bool(const QString &stage, qint64 done, qint64 total)>;

    /// Computes the period with the current data and the stored plan, or `plan` when given (what a plan being
    /// edited would pay); stores nothing. A closed period is refused.
    Result<CommissionRun> preview(const Period &period, const Progress &progress = {},
                                  const std::optional<CompensationPlan> &plan = std::nullopt);
    /// Computes and closes the period: its run, results and lines become immutable.
    /// `progress` may cancel it until the results are written (nothing is then stored).
    Result<CommissionRun> close(const Period &period, const Actor &actor, const Progress &progress = {});
    /// The stored run of a closed period.
    Result<CommissionRun> closedRun(const Period &period);
    /// A member's statement: from the stored lines of a closed period, computed for an open one; its lines from
    /// `offset` on, `limit` of them (negative: all).
    Result<Statement> statement(const Period &period, const QString &memberCode, qint64 offset = 0, qint64 limit = -1);
    Result<bool> isClosed(const Period &period);
    /// Every month from the first paid order's (or the first closed run's) to `until`'s, newest first, with
    /// whether each is closed.
    Result<QList<RunPeriod>> periods(const Period &until);

private:
    struct Computation;
    /// A closed period's stored run: its id, its plan, and the currency.
    struct StoredRun
    {
        Id id = 0;
        CompensationPlan plan;
        QString currency;
    };
    Result<StoredRun> storedRun(const Period &period);
    /// `linesOf`: with collectLines, keep only this member's lines (0: everybody's).
    Result<Computation> compute(const Period &period, bool collectLines, Id linesOf = 0, const Progress &progress = {},
                                const std::optional<CompensationPlan> &plan = std::nullopt);
    static QList<MemberCommission> membersOf(const Computation &c);

    Database &m_db;
};

} // namespace mlm
