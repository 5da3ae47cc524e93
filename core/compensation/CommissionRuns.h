#pragma once

#include "CommissionEngine.h"
#include "domain/Actor.h"
#include "domain/Result.h"
#include "domain/UtcTime.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

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
    QList<StatementLine> lines;
};

/// Commission runs: previews computed as often as wanted, and the close that makes a period's run final.
/// The data is read in bulk and computed in memory (CommissionEngine); a closed run stores per-member results and
/// per-order lines, so that its statements never depend on data changed since (moves, statuses, catalog).
class CommissionRuns
{
    Q_DECLARE_TR_FUNCTIONS(CommissionRuns)
public:
    explicit CommissionRuns(Database &db) : m_db(db) {}

    /// Computes the period with the current data and plan; stores nothing. A closed period is refused.
    Result<CommissionRun> preview(const Period &period);
    /// Computes and closes the period: its run, results and lines become immutable.
    Result<CommissionRun> close(const Period &period, const Actor &actor);
    /// The stored run of a closed period.
    Result<CommissionRun> closedRun(const Period &period);
    /// A member's statement: from the stored lines of a closed period, computed for an open one.
    Result<Statement> statement(const Period &period, const QString &memberCode);
    Result<bool> isClosed(const Period &period);

private:
    struct Computation;
    /// `linesOf`: with collectLines, keep only this member's lines (0: everybody's).
    Result<Computation> compute(const Period &period, bool collectLines, Id linesOf = 0);
    static QList<MemberCommission> membersOf(const Computation &c);

    Database &m_db;
};

} // namespace mlm
