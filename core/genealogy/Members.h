#pragma once

#include "domain/Actor.h"
#include "domain/Member.h"
#include "domain/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QVariant>

#include <optional>

namespace mlm {

class Database;

/// A registration in the network (SPEC 1): placed in the first line of its sponsor.
struct NewMember
{
    QString code;
    QString name;
    QString email;
    QString phone;
    QString country;
    QString sponsorCode; ///< empty only for a root
    MemberStatus status = MemberStatus::Customer;
    std::optional<Timestamp> joinedAt; ///< now when empty
};

/// Which members a list shows, and in which order (the Members page).
struct MemberFilter
{
    enum class SortBy
    {
        ByCode,
        ByName,
        ByJoined,
        ByStatus
    };
    QString text;                       ///< a prefix of the code, name or email; empty for all
    std::optional<MemberStatus> status; ///< only this status
    SortBy sortBy = SortBy::ByCode;
    bool descending = false;
};

/// Where the previous page ended: the sort value and the id of its last row (keyset paging).
struct MemberPageKey
{
    QVariant value;
    Id id = 0;
};

/// Members and the sponsor tree: registration, status changes, moves, look-ups.
/// Every write is one transaction; every refusal leaves the database unchanged.
class Members
{
    Q_DECLARE_TR_FUNCTIONS(Members)
public:
    explicit Members(Database &db) : m_db(db) {}

    Result<Member> registerMember(const NewMember &request, const Actor &actor);
    Status changeStatus(const QString &code, MemberStatus to, const QString &reason, const Actor &actor);
    Status move(const QString &code, const QString &newSponsorCode, const Actor &actor);
    Status updateContact(const QString &code, const QString &name, const QString &email, const QString &phone,
                         const QString &country, const Actor &actor);

    Result<Member> byCode(const QString &code);
    /// Id, code and status only: one indexed read, for hot paths (prices, orders).
    Result<MemberRef> refByCode(const QString &code);
    Result<Member> byId(Id id);
    /// The member with this email (case-insensitive), or nullopt.
    Result<std::optional<Member>> byEmail(const QString &email);
    /// Members whose code or email equals `text`, or whose name starts with it (case-insensitive).
    Result<QList<Member>> search(const QString &text, int limit = 50);
    Result<QList<Member>> children(Id sponsorId);
    /// Up to `limit` members after `after` (nullopt: from the start) in the filter's order: a page of a long list,
    /// read by key, so the thousandth page costs what the first does.
    Result<QList<Member>> page(const MemberFilter &filter, const std::optional<MemberPageKey> &after, int limit);
    /// How many members the filter selects.
    Result<qint64> count(const MemberFilter &filter);
    static MemberPageKey keyOf(const Member &member, MemberFilter::SortBy sortBy);
    /// The members without a sponsor (the company's root, usually one).
    Result<QList<Member>> roots();
    /// The first line of `sponsorId` (the roots for 0), each with the size of its own first line and its personal
    /// volume in `period`, in the order they joined.
    Result<QList<NetworkEntry>> networkChildren(Id sponsorId, const Period &period);
    /// One member as a row of the network tree.
    Result<NetworkEntry> networkEntry(Id memberId, const Period &period);
    /// The whole downline of `rootId` (not including it), each with its level below the root, by level.
    Result<QList<DownlineEntry>> downline(Id rootId);
    Result<QList<StatusChange>> statusHistory(Id memberId);
    /// Whether `candidateId` is `ancestorId` or lies in its downline.
    Result<bool> isInDownlineOrSelf(Id ancestorId, Id candidateId);

private:
    Result<QList<Member>> query(const QString &where, const QVariantList &values, const QString &tail = {});
    Result<QList<NetworkEntry>> networkRows(const QString &where, QVariantList values, const Period &period);
    Status checkEmailFree(const QString &email, Id exceptId);

    Database &m_db;
};

} // namespace mlm
