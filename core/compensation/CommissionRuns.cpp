#include "CommissionRuns.h"

#include "catalog/Catalog.h"

#include "Plans.h"
#include "domain/Codes.h"
#include "storage/AuditLog.h"
#include "storage/BulkInsert.h"
#include "storage/Database.h"
#include "storage/ForeignKeysOff.h"
#include "storage/TransactionGuard.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>

namespace mlm {

struct CommissionRuns::Computation
{
    Period period;
    QString currency;
    CommissionEngine::Input input;
    CommissionEngine::Output output;
    QList<Id> memberIds;
    QList<QString> codes;
};

QString toText(CommissionKind kind)
{
    switch (kind) {
    case CommissionKind::Level:
        return QStringLiteral("level");
    case CommissionKind::RetailProfit:
        return QStringLiteral("retail_profit");
    case CommissionKind::Clawback:
        return QStringLiteral("clawback");
    }
    return {};
}

std::optional<CommissionKind> commissionKindFromString(QStringView text)
{
    for (const CommissionKind kind : {CommissionKind::Level, CommissionKind::RetailProfit, CommissionKind::Clawback}) {
        if (text == toText(kind))
            return kind;
    }
    return std::nullopt;
}

namespace {

QString levelsJson(const QList<Money> &levels)
{
    QStringList parts;
    for (Money m : levels)
        parts << QString::number(m);
    return u'[' + parts.join(u',') + u']';
}

} // namespace

Result<bool> CommissionRuns::isClosed(const Period &period)
{
    auto status =
        m_db.scalar(QStringLiteral("SELECT status FROM commission_runs WHERE period = ?"), {period.toString()});
    if (!status)
        return status.error();
    return status->toString() == u"closed";
}

Result<CommissionRuns::Computation> CommissionRuns::compute(const Period &period, bool collectLines, Id linesOf,
                                                            const Progress &progress,
                                                            const std::optional<CompensationPlan> &plan)
{
    const auto step = [&](const QString &stage, int done) { return !progress || progress(stage, done, 4); };
    const Error cancelled = makeError(ErrorCode::FailedPrecondition, tr("the run was cancelled"));
    Computation c;
    c.period = period;
    auto closed = isClosed(period);
    if (!closed)
        return closed.error();
    if (closed.value())
        return makeError(ErrorCode::FailedPrecondition,
                         tr("the period %1 is closed: its run can no longer change").arg(period.toString()));
    if (plan) {
        MLM_TRY(plan->validate());
        c.input.plan = *plan;
    } else {
        auto stored = Plans::current(m_db);
        if (!stored)
            return stored.error();
        c.input.plan = stored.value();
    }
    c.input.collectLines = collectLines;
    auto currency = Catalog(m_db).currency();
    if (!currency)
        return currency.error();
    c.currency = currency.value();

    // The tree, in bulk: one read of the members table.
    if (!step(tr("Reading the network"), 0))
        return cancelled;
    auto q = m_db.exec(QStringLiteral("SELECT id, sponsor_id, status, code FROM members ORDER BY id"));
    if (!q)
        return q.error();
    QList<Id> sponsorIds;
    Id maxId = 0;
    while (q->next()) {
        const Id id = q->value(0).toLongLong();
        c.memberIds.append(id);
        sponsorIds.append(q->value(1).toLongLong());
        c.input.status.append(memberStatusFromString(q->value(2).toString()).value_or(MemberStatus::Terminated));
        c.codes.append(q->value(3).toString());
        maxId = std::max(maxId, id);
    }
    QList<qint32> indexOf(maxId + 1, -1);
    for (qsizetype i = 0; i < c.memberIds.size(); ++i)
        indexOf[c.memberIds.at(i)] = qint32(i);
    c.input.sponsor.reserve(sponsorIds.size());
    for (Id s : std::as_const(sponsorIds))
        c.input.sponsor.append(s > 0 && s <= maxId ? indexOf.at(s) : -1);

    // The period's counting orders: paid (not refunded) with paid_at in the month.
    if (!step(tr("Reading the period's orders"), 1))
        return cancelled;
    const QVariantList range{period.start(), period.end()};
    q = m_db.exec(QStringLiteral("SELECT l.order_id, SUM(CASE WHEN l.unit_price > l.distributor_price "
                                 "THEN l.qty * (l.unit_price - l.distributor_price) ELSE 0 END) "
                                 "FROM order_lines l JOIN orders o ON o.id = l.order_id "
                                 "WHERE o.status = 'paid' AND o.paid_at >= ? AND o.paid_at < ? "
                                 "AND o.buyer_customer_id IS NOT NULL GROUP BY l.order_id"),
                  range);
    if (!q)
        return q.error();
    QHash<Id, Money> margins;
    while (q->next())
        margins.insert(q->value(0).toLongLong(), q->value(1).toLongLong());
    q = m_db.exec(QStringLiteral("SELECT id, credited_member_id, total_pv, total_bv, buyer_customer_id FROM orders "
                                 "WHERE status = 'paid' AND paid_at >= ? AND paid_at < ? ORDER BY id"),
                  range);
    if (!q)
        return q.error();
    while (q->next()) {
        CommissionEngine::Order o;
        o.orderId = q->value(0).toLongLong();
        const Id credited = q->value(1).toLongLong();
        o.credited = credited > 0 && credited <= maxId ? indexOf.at(credited) : -1;
        o.pv = q->value(2).toLongLong();
        o.bv = q->value(3).toLongLong();
        o.boughtByRetailCustomer = !q->value(4).isNull();
        o.retailMargin = margins.value(o.orderId);
        c.input.orders.append(o);
    }

    if (!step(tr("Reading refunds to claw back"), 2))
        return cancelled;
    // Clawbacks (SPEC 6): orders paid in a closed run and refunded since, not clawed back yet, belong to the
    // first period not closed from the refund's own period on.
    QSet<QString> closedPeriods;
    q = m_db.exec(QStringLiteral("SELECT period FROM commission_runs WHERE status = 'closed'"));
    if (!q)
        return q.error();
    while (q->next())
        closedPeriods.insert(q->value(0).toString());
    q = m_db.exec(QStringLiteral("SELECT l.order_id, l.member_id, SUM(l.amount), o.refunded_at FROM commission_lines l "
                                 "JOIN commission_runs r ON r.id = l.run_id JOIN orders o ON o.id = l.order_id "
                                 "WHERE r.status = 'closed' AND l.kind <> 'clawback' AND o.status = 'refunded' "
                                 "AND o.refunded_at < ? AND NOT EXISTS (SELECT 1 FROM commission_lines c "
                                 "JOIN commission_runs cr ON cr.id = c.run_id WHERE c.order_id = l.order_id "
                                 "AND c.kind = 'clawback' AND cr.status = 'closed') "
                                 "GROUP BY l.order_id, l.member_id, o.refunded_at ORDER BY l.order_id, l.member_id"),
                  {period.end()});
    if (!q)
        return q.error();
    while (q->next()) {
        Period target = Period::containing(q->value(3).toLongLong());
        while (closedPeriods.contains(target.toString()))
            target = target.next();
        const Id member = q->value(1).toLongLong();
        if (target != period || member <= 0 || member > maxId || indexOf.at(member) < 0)
            continue;
        c.input.clawbacks.append({q->value(0).toLongLong(), indexOf.at(member), q->value(2).toLongLong()});
    }

    if (linesOf > 0 && linesOf <= maxId)
        c.input.linesOf = indexOf.at(linesOf);
    if (!step(tr("Computing"), 3))
        return cancelled;
    c.output = CommissionEngine::compute(c.input);
    if (!step(tr("Computed"), 4))
        return cancelled;
    return c;
}

QList<MemberCommission> CommissionRuns::membersOf(const Computation &c)
{
    const auto &out = c.output;
    QList<MemberCommission> result;
    for (qsizetype m = 0; m < c.memberIds.size(); ++m) {
        bool any = out.pv.at(m) > 0 || out.retailProfit.at(m) != 0 || out.clawback.at(m) != 0;
        for (int k = 0; k < out.levelCount && !any; ++k)
            any = out.level(m, k) != 0;
        if (!any)
            continue;
        MemberCommission mc;
        mc.memberId = c.memberIds.at(m);
        mc.code = c.codes.at(m);
        mc.pv = out.pv.at(m);
        mc.qualified = out.qualified.at(m);
        mc.retailProfit = out.retailProfit.at(m);
        for (int k = 0; k < out.levelCount; ++k)
            mc.levels.append(out.level(m, k));
        mc.clawback = out.clawback.at(m);
        mc.total = out.total(m);
        result.append(std::move(mc));
    }
    std::sort(result.begin(), result.end(),
              [](const MemberCommission &a, const MemberCommission &b) { return a.code < b.code; });
    return result;
}

Result<QList<RunPeriod>> CommissionRuns::periods(const Period &until)
{
    auto q = m_db.exec(QStringLiteral("SELECT period, closed_at FROM commission_runs WHERE status = 'closed'"));
    if (!q)
        return q.error();
    QHash<QString, Timestamp> closed;
    Period first = until;
    while (q->next()) {
        closed.insert(q->value(0).toString(), q->value(1).toLongLong());
        if (const auto p = Period::parse(q->value(0).toString()); p && *p < first)
            first = *p;
    }
    auto firstPaid = m_db.scalar(QStringLiteral("SELECT MIN(paid_at) FROM orders WHERE paid_at IS NOT NULL"));
    if (!firstPaid)
        return firstPaid.error();
    if (!firstPaid->isNull())
        first = std::min(first, Period::containing(firstPaid->toLongLong()));
    QList<RunPeriod> result;
    for (Period p = until; p >= first; p = p.previous()) {
        const auto at = closed.constFind(p.toString());
        // One probe of the paid_at index a month.
        auto paid = m_db.scalar(
            QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM orders WHERE paid_at >= ? AND paid_at < ? AND status = "
                           "'paid' LIMIT 1) AS one"),
            {p.start(), p.end()});
        if (!paid)
            return paid.error();
        result.append({p, at != closed.constEnd(), at != closed.constEnd() ? *at : 0, paid->toInt() > 0});
    }
    return result;
}

Result<CommissionRun> CommissionRuns::preview(const Period &period, const Progress &progress,
                                              const std::optional<CompensationPlan> &plan)
{
    TransactionGuard tx(m_db, TransactionGuard::Mode::Snapshot);
    MLM_TRY(tx.began());
    auto c = compute(period, false, 0, progress, plan);
    if (!c)
        return c.error();
    MLM_TRY(tx.commit());
    return CommissionRun{period, false, c->currency, c->input.plan, membersOf(c.value())};
}

Result<CommissionRun> CommissionRuns::close(const Period &period, const Actor &actor, const Progress &progress)
{
    // The lines reference members and orders read in this same transaction.
    ForeignKeysOff foreignKeysOff(m_db);
    TransactionGuard tx(m_db, TransactionGuard::Mode::SnapshotWrite);
    MLM_TRY(tx.began());
    auto c = compute(period, true, 0, progress);
    if (!c)
        return c.error();
    CommissionRun run{period, true, c->currency, c->input.plan, membersOf(c.value())};
    const QString plan = QString::fromUtf8(QJsonDocument(run.plan.toJson()).toJson(QJsonDocument::Compact));
    const Timestamp now = nowUtc();
    // A preview leaves no row; the unique period makes a concurrent second close fail here.
    auto runId = m_db.scalar(QStringLiteral("INSERT INTO commission_runs (period, status, plan, created_at, closed_at) "
                                            "VALUES (?, 'closed', ?, ?, ?) RETURNING id"),
                             {period.toString(), plan, now, now});
    if (!runId) {
        if (runId.error().code == ErrorCode::AlreadyExists)
            return makeError(ErrorCode::Conflict,
                             tr("the period %1 was closed by someone else").arg(period.toString()));
        return runId.error();
    }
    const Id id = runId->toLongLong();
    BulkInsert results(m_db, QStringLiteral("commission_results"),
                       {QStringLiteral("run_id"), QStringLiteral("member_id"), QStringLiteral("pv"),
                        QStringLiteral("qualified"), QStringLiteral("retail_profit"), QStringLiteral("levels"),
                        QStringLiteral("clawback"), QStringLiteral("total"), QStringLiteral("line_count")});
    QHash<Id, qint64> lineCounts; // each statement's length, kept with its totals
    for (const CommissionLine &l : std::as_const(c->output.lines))
        ++lineCounts[c->memberIds.at(l.member)];
    Money sum = 0;
    for (const MemberCommission &m : std::as_const(run.members)) {
        results << id, results << m.memberId, results << m.pv, results << (m.qualified ? 1 : 0);
        results << m.retailProfit, results << levelsJson(m.levels), results << m.clawback, results << m.total;
        results << lineCounts.value(m.memberId);
        MLM_TRY(results.endRow());
        sum += m.total;
    }
    MLM_TRY(results.finish());
    BulkInsert lines(m_db, QStringLiteral("commission_lines"),
                     {QStringLiteral("run_id"), QStringLiteral("member_id"), QStringLiteral("kind"),
                      QStringLiteral("level"), QStringLiteral("order_id"), QStringLiteral("rate_bp"),
                      QStringLiteral("base"), QStringLiteral("amount")});
    for (const CommissionLine &l : std::as_const(c->output.lines)) {
        lines << id, lines << c->memberIds.at(l.member), lines << toText(l.kind), lines << int(l.level);
        lines << l.orderId, lines << l.rateBp, lines << l.base, lines << l.amount;
        MLM_TRY(lines.endRow());
    }
    MLM_TRY(lines.finish());
    // Without fresh statistics PostgreSQL sorted a top member's 723k lines for each statement page (300 ms).
    for (const char *table : {"commission_results", "commission_lines"}) {
        if (const QString analyze = m_db.dialect().analyzeSql(QLatin1StringView(table)); !analyze.isEmpty())
            MLM_TRY(m_db.exec(analyze));
    }
    MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("commissions.close"), QStringLiteral("commission_run"), id,
                             {{QStringLiteral("period"), period.toString()},
                              {QStringLiteral("members"), run.members.size()},
                              {QStringLiteral("total"), sum}}));
    MLM_TRY(tx.commit());
    return run;
}

Result<CommissionRuns::StoredRun> CommissionRuns::storedRun(const Period &period)
{
    auto q = m_db.exec(QStringLiteral("SELECT id, plan FROM commission_runs WHERE period = ? AND status = 'closed'"),
                       {period.toString()});
    if (!q)
        return q.error();
    if (!q->next())
        return makeError(ErrorCode::NotFound, tr("the period %1 is not closed").arg(period.toString()));
    const Id runId = q->value(0).toLongLong();
    auto plan = CompensationPlan::fromJson(QJsonDocument::fromJson(q->value(1).toString().toUtf8()).object());
    if (!plan)
        return plan.error();
    auto currency = Catalog(m_db).currency();
    if (!currency)
        return currency.error();
    return StoredRun{runId, plan.value(), currency.value()};
}

Result<CommissionRun> CommissionRuns::closedRun(const Period &period)
{
    TransactionGuard tx(m_db, TransactionGuard::Mode::Snapshot);
    MLM_TRY(tx.began());
    auto stored = storedRun(period);
    if (!stored)
        return stored.error();
    const Id runId = stored->id;
    CommissionRun run{period, true, stored->currency, stored->plan, {}};
    auto q = m_db.exec(
        QStringLiteral("SELECT r.member_id, m.code, r.pv, r.qualified, r.retail_profit, r.levels, r.clawback, "
                       "r.total FROM commission_results r JOIN members m ON m.id = r.member_id "
                       "WHERE r.run_id = ?"),
        {runId});
    if (!q)
        return q.error();
    while (q->next()) {
        MemberCommission m;
        m.memberId = q->value(0).toLongLong();
        m.code = q->value(1).toString();
        m.pv = q->value(2).toLongLong();
        m.qualified = q->value(3).toInt() != 0;
        m.retailProfit = q->value(4).toLongLong();
        const QJsonArray levels = QJsonDocument::fromJson(q->value(5).toString().toUtf8()).array();
        for (const QJsonValue &v : levels)
            m.levels.append(v.toInteger());
        m.clawback = q->value(6).toLongLong();
        m.total = q->value(7).toLongLong();
        run.members.append(std::move(m));
    }
    std::sort(run.members.begin(), run.members.end(),
              [](const MemberCommission &a, const MemberCommission &b) { return a.code < b.code; });
    MLM_TRY(tx.commit());
    return run;
}

RunTotals RunTotals::of(const CommissionRun &run)
{
    RunTotals t;
    const qsizetype levels = run.plan.levelsBp.size();
    t.levels.fill(0, levels);
    t.paidPerLevel.fill(0, levels);
    t.members = run.members.size();
    for (const MemberCommission &m : run.members) {
        t.retailProfit += m.retailProfit;
        t.clawbacks += m.clawback;
        t.total += m.total;
        t.paid += m.total != 0 ? 1 : 0;
        for (qsizetype k = 0; k < levels && k < m.levels.size(); ++k) {
            t.levels[k] += m.levels.at(k);
            t.paidPerLevel[k] += m.levels.at(k) != 0 ? 1 : 0;
        }
    }
    return t;
}

Result<Statement> CommissionRuns::statement(const Period &period, const QString &memberCode, qint64 offset,
                                            qint64 limit)
{
    if (offset < 0)
        return makeError(ErrorCode::InvalidArgument,
                         tr("a statement's first line must be 0 or more, not %1").arg(offset));
    if (limit < 0)
        limit = std::numeric_limits<qint64>::max();
    TransactionGuard tx(m_db, TransactionGuard::Mode::Snapshot);
    MLM_TRY(tx.began());
    auto member =
        m_db.exec(QStringLiteral("SELECT id, code FROM members WHERE code_key = ?"), {codes::key(memberCode)});
    if (!member)
        return member.error();
    if (!member->next())
        return makeError(ErrorCode::NotFound, tr("no member with code '%1'").arg(memberCode));
    const Id memberId = member->value(0).toLongLong();
    const QString code = member->value(1).toString();
    auto closed = isClosed(period);
    if (!closed)
        return closed.error();

    Statement s;
    s.period = period;
    s.closed = closed.value();
    s.firstLine = offset;
    s.totals.memberId = memberId;
    s.totals.code = code;
    if (s.closed) {
        // The stored results: the member's one row of totals, and a page of its lines in the statement's order
        // (kind, level, order: the order of the index commission_lines_member), so that the first page of a member
        // paid on a million orders costs what any page costs.
        auto stored = storedRun(period);
        if (!stored)
            return stored.error();
        const Id runId = stored->id;
        s.currency = stored->currency;
        s.totals.levels.fill(0, stored->plan.levelsBp.size());
        auto q = m_db.exec(QStringLiteral("SELECT pv, qualified, retail_profit, levels, clawback, total, line_count "
                                          "FROM commission_results WHERE run_id = ? AND member_id = ?"),
                           {runId, memberId});
        if (!q)
            return q.error();
        if (q->next()) {
            s.totals.pv = q->value(0).toLongLong();
            s.totals.qualified = q->value(1).toInt() != 0;
            s.totals.retailProfit = q->value(2).toLongLong();
            s.totals.levels.clear();
            for (const QJsonValue &v : QJsonDocument::fromJson(q->value(3).toString().toUtf8()).array())
                s.totals.levels.append(v.toInteger());
            s.totals.clawback = q->value(4).toLongLong();
            s.totals.total = q->value(5).toLongLong();
            if (!q->isNull(6))
                s.lineCount = q->value(6).toLongLong();
            else { // a run stored without its counts (an imported one): counted
                auto count = m_db.scalar(
                    QStringLiteral("SELECT COUNT(*) FROM commission_lines WHERE member_id = ? AND run_id = ?"),
                    {memberId, runId});
                if (!count)
                    return count.error();
                s.lineCount = count->toLongLong();
            }
        }
        // The page is cut from the lines alone, then joined: an offset skips index entries, not joined rows.
        q = m_db.exec(QStringLiteral("SELECT l.kind, l.level, l.rate_bp, st.code, o.external_id, l.base, l.amount "
                                     "FROM (SELECT kind, level, order_id, rate_bp, base, amount FROM commission_lines "
                                     "WHERE member_id = ? AND run_id = ? ORDER BY kind, level, order_id LIMIT ? "
                                     "OFFSET ?) l LEFT JOIN orders o ON o.id = l.order_id "
                                     "LEFT JOIN stores st ON st.id = o.store_id ORDER BY l.kind, l.level, l.order_id"),
                      {memberId, runId, limit, offset});
        if (!q)
            return q.error();
        while (q->next()) {
            StatementLine line;
            line.kind = commissionKindFromString(q->value(0).toString()).value_or(CommissionKind::Level);
            line.level = q->value(1).toInt();
            line.rateBp = q->value(2).toInt();
            line.storeCode = q->value(3).toString();
            line.externalId = q->value(4).toString();
            line.base = q->value(5).toLongLong();
            line.amount = q->value(6).toLongLong();
            s.lines.append(line);
        }
        MLM_TRY(tx.commit());
        return s;
    }

    auto c = compute(period, true, memberId);
    if (!c)
        return c.error();
    s.currency = c->currency;
    const qint32 index = qint32(c->memberIds.indexOf(memberId));
    s.totals.pv = c->output.pv.at(index);
    s.totals.qualified = c->output.qualified.at(index);
    s.totals.retailProfit = c->output.retailProfit.at(index);
    for (int k = 0; k < c->output.levelCount; ++k)
        s.totals.levels.append(c->output.level(index, k));
    s.totals.clawback = c->output.clawback.at(index);
    s.totals.total = c->output.total(index);
    QList<std::pair<Id, StatementLine>> lines;
    for (const CommissionLine &l : std::as_const(c->output.lines)) {
        if (l.member == index)
            lines.append({l.orderId, StatementLine{l.kind, l.level, l.rateBp, {}, {}, l.base, l.amount}});
    }
    // The order of the stored lines above (the kind by its text, as SQL sorts it).
    std::sort(lines.begin(), lines.end(), [](const auto &a, const auto &b) {
        const QString ka = toText(a.second.kind), kb = toText(b.second.kind);
        return std::tie(ka, a.second.level, a.first) < std::tie(kb, b.second.level, b.first);
    });
    s.lineCount = lines.size();
    const qsizetype from = qsizetype(std::min<qint64>(offset, lines.size()));
    const qsizetype to = qsizetype(std::min<qint64>(lines.size(), from + std::min<qint64>(limit, lines.size())));
    // order id -> (store code, external id) for the page's orders, read in chunks of ids.
    QHash<Id, std::pair<QString, QString>> orderRefs;
    QList<Id> ids;
    for (qsizetype i = from; i < to; ++i)
        ids.append(lines.at(i).first);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    constexpr qsizetype kChunk = 500;
    for (qsizetype start = 0; start < ids.size(); start += kChunk) {
        const QList<Id> chunk = ids.mid(start, kChunk);
        QVariantList values(chunk.cbegin(), chunk.cend());
        auto o = m_db.exec(QStringLiteral("SELECT o.id, st.code, o.external_id FROM orders o "
                                          "LEFT JOIN stores st ON st.id = o.store_id WHERE o.id IN (%1)")
                               .arg(QStringList(chunk.size(), QStringLiteral("?")).join(u',')),
                           values);
        if (!o)
            return o.error();
        while (o->next())
            orderRefs.insert(o->value(0).toLongLong(), {o->value(1).toString(), o->value(2).toString()});
    }
    for (qsizetype i = from; i < to; ++i) {
        StatementLine line = lines.at(i).second;
        line.storeCode = orderRefs.value(lines.at(i).first).first;
        line.externalId = orderRefs.value(lines.at(i).first).second;
        s.lines.append(line);
    }
    MLM_TRY(tx.commit());
    return s;
}

} // namespace mlm
