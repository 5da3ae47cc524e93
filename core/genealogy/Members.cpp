#include "Members.h"

#include "domain/Codes.h"
#include "domain/Contact.h"
#include "orders/OrderVolumes.h"
#include "storage/AuditLog.h"
#include "storage/Database.h"
#include "storage/SqlValues.h"
#include "storage/TransactionGuard.h"

#include <QSet>
#include <QSqlQuery>

#include <algorithm>
#include <tuple>

namespace mlm {

namespace {

const QString kFields =
    QStringLiteral("m.id, m.code, m.name, m.email, m.phone, m.country, m.sponsor_id, s.code, m.status, m.joined_at");
const QString kFrom = QStringLiteral(" FROM members m LEFT JOIN members s ON s.id = m.sponsor_id");

Member memberFromRow(const Row &r)
{
    Member m;
    m.id = r.integer(0);
    m.code = r.text(1);
    m.name = r.text(2);
    m.email = r.text(3);
    m.phone = r.text(4);
    m.country = r.text(5);
    m.sponsorId = r.integer(6);
    m.sponsorCode = r.text(7);
    m.status = memberStatusFromString(r.text(8)).value_or(MemberStatus::Terminated);
    m.joinedAt = r.integer(9);
    return m;
}

} // namespace

Result<QList<Member>> Members::query(const QString &where, const QVariantList &values, const QString &tail)
{
    QList<Member> result;
    MLM_TRY(
        m_db.forEachRow(QStringLiteral("SELECT ") + kFields + kFrom + QStringLiteral(" WHERE ") + where + u' ' + tail,
                        values, [&](const Row &r) { result.append(memberFromRow(r)); }));
    return result;
}
Result<Member> Members::byCode(const QString &code)
{
    auto found = query(QStringLiteral("m.code_key = ?"), {codes::key(code)});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return makeError(ErrorCode::NotFound, tr("no member with code '%1'").arg(code));
    return found->first();
}

Result<MemberRef> Members::refByCode(const QString &code)
{
    auto q =
        m_db.execReused(QStringLiteral("SELECT id, code, status FROM members WHERE code_key = ?"), {codes::key(code)});
    if (!q)
        return q.error();
    QSqlQuery &row = *q.value();
    if (!row.next())
        return makeError(ErrorCode::NotFound, tr("no member with code '%1'").arg(code));
    return MemberRef{row.value(0).toLongLong(), row.value(1).toString(),
                     memberStatusFromString(row.value(2).toString()).value_or(MemberStatus::Terminated)};
}

Result<Member> Members::byId(Id id)
{
    auto found = query(QStringLiteral("m.id = ?"), {id});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return makeError(ErrorCode::NotFound, tr("no member with id %1").arg(id));
    return found->first();
}

Result<std::optional<Member>> Members::byEmail(const QString &email)
{
    if (email.isEmpty())
        return std::optional<Member>();
    auto found = query(QStringLiteral("m.email_key = ?"), {codes::key(email)});
    if (!found)
        return found.error();
    return found->isEmpty() ? std::optional<Member>() : std::optional<Member>(found->first());
}

Result<QList<Member>> Members::search(const QString &text, int limit)
{
    const QString key = codes::key(text.trimmed());
    if (key.isEmpty())
        return QList<Member>();
    // Three reads, each an index lookup that stops early: the exact code, the exact email, then names by prefix in
    // index order. (One query with OR would gather every name with the prefix before sorting: 100 ms on 1M.)
    // A prefix range on the byte-wise key uses the index on both backends (LIKE would not on PostgreSQL).
    QList<Member> found;
    QSet<Id> seen;
    const std::pair<QString, QVariantList> reads[] = {
        {QStringLiteral("m.code_key = ?"), {key}},
        {QStringLiteral("m.email_key = ?"), {key}},
        {QStringLiteral("m.name_key >= ? AND m.name_key < ?"), {key, key + QChar(0xffff)}}};
    for (const auto &[where, values] : reads) {
        auto rows = query(where, values, QStringLiteral("ORDER BY m.name_key, m.id LIMIT %1").arg(limit));
        if (!rows)
            return rows.error();
        for (const Member &m : rows.value()) {
            if (found.size() < limit && !seen.contains(m.id)) {
                seen.insert(m.id);
                found.append(m);
            }
        }
    }
    return found;
}

namespace {

QString sortColumn(MemberFilter::SortBy sortBy)
{
    switch (sortBy) {
    case MemberFilter::SortBy::ByCode:
        return QStringLiteral("m.code_key");
    case MemberFilter::SortBy::ByName:
        return QStringLiteral("m.name_key");
    case MemberFilter::SortBy::ByJoined:
        return QStringLiteral("m.joined_at");
    case MemberFilter::SortBy::ByStatus:
        return QStringLiteral("m.status");
    }
    return QStringLiteral("m.code_key");
}

/// The filter's WHERE clause (without the keyset condition) and its values.
std::pair<QString, QVariantList> whereOf(const MemberFilter &filter)
{
    QStringList clauses{QStringLiteral("1 = 1")};
    QVariantList values;
    if (const QString key = codes::key(filter.text.trimmed()); !key.isEmpty()) {
        const QString upper = key + QChar(0xffff);
        clauses << QStringLiteral("((m.code_key >= ? AND m.code_key < ?) OR (m.name_key >= ? AND m.name_key < ?) OR "
                                  "(m.email_key >= ? AND m.email_key < ?))");
        values << key << upper << key << upper << key << upper;
    }
    if (filter.status) {
        clauses << QStringLiteral("m.status = ?");
        values << toText(*filter.status);
    }
    return {clauses.join(QStringLiteral(" AND ")), values};
}

} // namespace

MemberPageKey Members::keyOf(const Member &member, MemberFilter::SortBy sortBy)
{
    switch (sortBy) {
    case MemberFilter::SortBy::ByCode:
        return {codes::key(member.code), member.id};
    case MemberFilter::SortBy::ByName:
        return {codes::key(member.name), member.id};
    case MemberFilter::SortBy::ByJoined:
        return {member.joinedAt, member.id};
    case MemberFilter::SortBy::ByStatus:
        return {toText(member.status), member.id};
    }
    return {codes::key(member.code), member.id};
}

Result<QList<Member>> Members::page(const MemberFilter &filter, const std::optional<MemberPageKey> &after, int limit)
{
    auto [where, values] = whereOf(filter);
    const QString column = sortColumn(filter.sortBy);
    const QString direction = filter.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    if (after) {
        // (column, id) strictly after the key, in the list's direction. The first condition alone is a range of
        // the column's index, which both databases scan from the key on; the second drops the key's own ties.
        const QString op = filter.descending ? QStringLiteral("<") : QStringLiteral(">");
        where += QStringLiteral(" AND %1 %2= ? AND (%1 %2 ? OR m.id %2 ?)").arg(column, op);
        values << after->value << after->value << after->id;
    }
    return query(where, values, QStringLiteral("ORDER BY %1 %2, m.id %2 LIMIT %3").arg(column, direction).arg(limit));
}

Result<qint64> Members::count(const MemberFilter &filter)
{
    const auto [where, values] = whereOf(filter);
    auto n = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM members m WHERE ") + where, values);
    if (!n)
        return n.error();
    return n->toLongLong();
}

Result<QList<Member>> Members::children(Id sponsorId)
{
    return query(QStringLiteral("m.sponsor_id = ?"), {sponsorId}, QStringLiteral("ORDER BY m.id"));
}

Result<QList<Member>> Members::roots()
{
    return query(QStringLiteral("m.sponsor_id IS NULL"), {}, QStringLiteral("ORDER BY m.id"));
}

Result<QList<NetworkEntry>> Members::networkRows(const QString &where, QVariantList values, const Period &period)
{
    values.prepend(OrderVolumes::monthKey(period));
    // Per row two index lookups: the first line (members_sponsor) and the month's volume (member_month_volumes).
    QList<NetworkEntry> result;
    MLM_TRY(m_db.forEachRow(QStringLiteral("SELECT ") + kFields +
                                QStringLiteral(", (SELECT COUNT(*) FROM members c WHERE c.sponsor_id = m.id), "
                                               "COALESCE((SELECT v.pv FROM member_month_volumes v WHERE "
                                               "v.month = ? AND v.member_id = m.id), 0)") +
                                kFrom + QStringLiteral(" WHERE ") + where,
                            values, [&](const Row &r) {
                                result.append({memberFromRow(r), r.integer(10), r.integer(11)});
                            }));
    // In the order they joined, sorted here: SQLite's sorter, fed rows of twelve columns, took three times as long
    // as reading them (10,000 children: 14 ms of 20).
    std::sort(result.begin(), result.end(), [](const NetworkEntry &a, const NetworkEntry &b) {
        return std::tie(a.member.joinedAt, a.member.id) < std::tie(b.member.joinedAt, b.member.id);
    });
    return result;
}

Result<QList<NetworkEntry>> Members::networkChildren(Id sponsorId, const Period &period)
{
    if (sponsorId == 0)
        return networkRows(QStringLiteral("m.sponsor_id IS NULL"), {}, period);
    return networkRows(QStringLiteral("m.sponsor_id = ?"), {sponsorId}, period);
}

Result<NetworkEntry> Members::networkEntry(Id memberId, const Period &period)
{
    auto rows = networkRows(QStringLiteral("m.id = ?"), {memberId}, period);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return makeError(ErrorCode::NotFound, tr("no member with id %1").arg(memberId));
    return rows->first();
}

Result<QList<DownlineEntry>> Members::downline(Id rootId)
{
    QList<DownlineEntry> result;
    QList<Id> frontier{rootId};
    for (int level = 1; !frontier.isEmpty(); ++level) {
        QList<Id> next;
        for (Id parent : std::as_const(frontier)) {
            auto kids = children(parent);
            if (!kids)
                return kids.error();
            for (Member &kid : kids.value()) {
                next.append(kid.id);
                result.append({std::move(kid), level});
            }
        }
        frontier = std::move(next);
    }
    return result;
}

Result<bool> Members::isInDownlineOrSelf(Id ancestorId, Id candidateId)
{
    // Walk up from the candidate: the chain to the root is short compared with a whole downline.
    auto found = m_db.scalar(
        QStringLiteral("WITH RECURSIVE up(id) AS (SELECT CAST(? AS BIGINT) UNION ALL "
                       "SELECT m.sponsor_id FROM members m JOIN up ON m.id = up.id WHERE m.sponsor_id IS NOT NULL) "
                       "SELECT COUNT(*) FROM up WHERE id = ?"),
        {candidateId, ancestorId});
    if (!found)
        return found.error();
    return found->toLongLong() > 0;
}

Result<QList<StatusChange>> Members::statusHistory(Id memberId)
{
    auto q = m_db.exec(QStringLiteral("SELECT old_status, new_status, reason, changed_by, changed_at "
                                      "FROM member_status_history WHERE member_id = ? ORDER BY changed_at, id"),
                       {memberId});
    if (!q)
        return q.error();
    QList<StatusChange> result;
    while (q->next()) {
        result.append({memberStatusFromString(q->value(0).toString()).value_or(MemberStatus::Customer),
                       memberStatusFromString(q->value(1).toString()).value_or(MemberStatus::Customer),
                       q->value(2).toString(), q->value(3).toString(), q->value(4).toLongLong()});
    }
    return result;
}

Status Members::checkEmailFree(const QString &email, Id exceptId)
{
    auto existing = byEmail(email);
    if (!existing)
        return existing.error();
    if (existing.value() && existing.value()->id != exceptId)
        return makeError(ErrorCode::AlreadyExists,
                         tr("the email %1 is already used by member %2").arg(email, existing.value()->code));
    return {};
}

Result<Member> Members::registerMember(const NewMember &request, const Actor &actor)
{
    if (!codes::isValidMemberCode(request.code))
        return makeError(
            ErrorCode::InvalidArgument,
            tr("member code '%1' is not valid: use 2-32 characters of A-Z, a-z, 0-9, - and _").arg(request.code));
    MLM_TRY(Contact::validate(request.name, request.email, request.phone, request.country));
    if (request.status != MemberStatus::Customer && request.status != MemberStatus::Distributor)
        return makeError(ErrorCode::InvalidArgument,
                         tr("a new member starts as customer or distributor, not %1").arg(toText(request.status)));

    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    if (auto existing = query(QStringLiteral("m.code_key = ?"), {codes::key(request.code)}); !existing)
        return existing.error();
    else if (!existing->isEmpty())
        return makeError(ErrorCode::AlreadyExists, tr("the member code '%1' is taken").arg(request.code));
    MLM_TRY(checkEmailFree(request.email, 0));

    Id sponsorId = 0;
    if (!request.sponsorCode.isEmpty()) {
        auto sponsor = byCode(request.sponsorCode);
        if (!sponsor)
            return makeError(ErrorCode::NotFound, tr("the sponsor '%1' does not exist").arg(request.sponsorCode));
        if (!canSponsor(sponsor->status))
            return makeError(ErrorCode::FailedPrecondition,
                             tr("the sponsor '%1' is terminated and cannot sponsor").arg(sponsor->code));
        sponsorId = sponsor->id;
    }
    const Timestamp joinedAt = request.joinedAt.value_or(nowUtc());
    auto inserted = m_db.scalar(
        QStringLiteral("INSERT INTO members (code, code_key, name, name_key, email, email_key, phone, country, "
                       "sponsor_id, status, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {request.code, codes::key(request.code), request.name.trimmed(), codes::key(request.name.trimmed()),
         request.email, sql::textOrNull(codes::key(request.email)), request.phone, request.country,
         sql::idOrNull(sponsorId), toText(request.status), joinedAt});
    if (!inserted)
        return inserted.error();
    const Id id = inserted->toLongLong();
    MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("member.register"), QStringLiteral("member"), id,
                             {{QStringLiteral("code"), request.code},
                              {QStringLiteral("sponsor"), request.sponsorCode},
                              {QStringLiteral("status"), toText(request.status)}}));
    MLM_TRY(tx.commit());
    return byId(id);
}

Status Members::changeStatus(const QString &code, MemberStatus to, const QString &reason, const Actor &actor)
{
    if (reason.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidArgument, tr("a reason is required to change a status"));
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    auto member = byCode(code);
    if (!member)
        return member.error();
    if (!isAllowedStatusChange(member->status, to))
        return makeError(
            ErrorCode::FailedPrecondition,
            tr("member %1 cannot change from %2 to %3").arg(member->code, toText(member->status), toText(to)));
    const Timestamp now = nowUtc();
    MLM_TRY(m_db.exec(QStringLiteral("UPDATE members SET status = ? WHERE id = ?"), {toText(to), member->id}));
    MLM_TRY(m_db.exec(QStringLiteral("INSERT INTO member_status_history (member_id, old_status, new_status, reason, "
                                     "changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?)"),
                      {member->id, toText(member->status), toText(to), reason.trimmed(), actor.name, now}));
    MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("member.status"), QStringLiteral("member"), member->id,
                             {{QStringLiteral("code"), member->code},
                              {QStringLiteral("from"), toText(member->status)},
                              {QStringLiteral("to"), toText(to)},
                              {QStringLiteral("reason"), reason.trimmed()}}));
    return tx.commit();
}

Status Members::move(const QString &code, const QString &newSponsorCode, const Actor &actor)
{
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    auto member = byCode(code);
    if (!member)
        return member.error();
    auto sponsor = byCode(newSponsorCode);
    if (!sponsor)
        return makeError(ErrorCode::NotFound, tr("the new sponsor '%1' does not exist").arg(newSponsorCode));
    if (!canSponsor(sponsor->status))
        return makeError(ErrorCode::FailedPrecondition,
                         tr("the new sponsor '%1' is terminated and cannot sponsor").arg(sponsor->code));
    auto cycle = isInDownlineOrSelf(member->id, sponsor->id);
    if (!cycle)
        return cycle.error();
    if (cycle.value())
        return makeError(ErrorCode::FailedPrecondition,
                         sponsor->id == member->id
                             ? tr("member %1 cannot be its own sponsor").arg(member->code)
                             : tr("cannot move %1 under %2: %2 is in the downline of %1 (a cycle)")
                                   .arg(member->code, sponsor->code));
    if (member->sponsorId == sponsor->id)
        return tx.commit();
    MLM_TRY(m_db.exec(QStringLiteral("UPDATE members SET sponsor_id = ? WHERE id = ?"), {sponsor->id, member->id}));
    MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("member.move"), QStringLiteral("member"), member->id,
                             {{QStringLiteral("code"), member->code},
                              {QStringLiteral("from"), member->sponsorCode},
                              {QStringLiteral("to"), sponsor->code}}));
    return tx.commit();
}

Status Members::updateContact(const QString &code, const QString &name, const QString &email, const QString &phone,
                              const QString &country, const Actor &actor)
{
    MLM_TRY(Contact::validate(name, email, phone, country));
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    auto member = byCode(code);
    if (!member)
        return member.error();
    MLM_TRY(checkEmailFree(email, member->id));
    MLM_TRY(m_db.exec(QStringLiteral("UPDATE members SET name = ?, name_key = ?, email = ?, email_key = ?, phone = ?, "
                                     "country = ? WHERE id = ?"),
                      {name.trimmed(), codes::key(name.trimmed()), email, sql::textOrNull(codes::key(email)), phone,
                       country, member->id}));
    // What changed, before and after (a field that stayed is not named).
    QJsonObject details{{QStringLiteral("code"), member->code}};
    const QString after[] = {name.trimmed(), email, phone, country};
    const QString before[] = {member->name, member->email, member->phone, member->country};
    const char *const fields[] = {"name", "email", "phone", "country"};
    for (int i = 0; i < 4; ++i) {
        if (before[i] != after[i])
            details.insert(QLatin1StringView(fields[i]),
                           QJsonObject{{QStringLiteral("from"), before[i]}, {QStringLiteral("to"), after[i]}});
    }
    MLM_TRY(
        AuditLog::record(m_db, actor, QStringLiteral("member.contact"), QStringLiteral("member"), member->id, details));
    return tx.commit();
}

} // namespace mlm
