#include "Stores.h"

#include "catalog/ReferenceCache.h"
#include "domain/Attribution.h"
#include "domain/Codes.h"
#include "domain/Contact.h"
#include "domain/MemberStatus.h"
#include "genealogy/Members.h"
#include "storage/AuditLog.h"
#include "storage/Database.h"
#include "storage/SqlValues.h"
#include "storage/TransactionGuard.h"

#include <QSqlQuery>
#include <QUrl>

namespace mlm {

namespace {

const QString kStoreColumns = QStringLiteral(
    "s.id, s.code, s.name, s.base_url, s.scenario, s.link_template, s.default_sponsor_id, m.code, t.code "
    "FROM stores s LEFT JOIN members m ON m.id = s.default_sponsor_id LEFT JOIN price_tiers t ON t.id = "
    "s.pinned_tier_id");

Store storeFromRow(const QSqlQuery &q)
{
    Store s;
    s.id = q.value(0).toLongLong();
    s.code = q.value(1).toString();
    s.name = q.value(2).toString();
    s.baseUrl = q.value(3).toString();
    s.scenario = storeScenarioFromString(q.value(4).toString()).value_or(StoreScenario::SeparateChannel);
    s.linkTemplate = q.value(5).toString();
    s.defaultSponsorId = q.value(6).toLongLong();
    s.defaultSponsorCode = q.value(7).toString();
    s.pinnedTier = q.value(8).toString();
    return s;
}

} // namespace

Status Stores::validateStore(const Store &s)
{
    if (!codes::isValidMemberCode(s.code))
        return makeError(ErrorCode::InvalidArgument,
                         tr("store code '%1' is not valid: use 2-32 characters of A-Z, a-z, 0-9, - and _").arg(s.code));
    if (s.name.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidArgument, tr("store %1 needs a name").arg(s.code));
    if (!s.baseUrl.isEmpty()) {
        const QUrl url(s.baseUrl, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")) ||
            url.host().isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             tr("store %1: the base URL '%2' is not a web address like https://shop.example.com")
                                 .arg(s.code, s.baseUrl));
    }
    if (!s.linkTemplate.isEmpty() && !s.linkTemplate.contains(QStringLiteral("{code}")))
        return makeError(ErrorCode::InvalidArgument, tr("store %1: the link template must contain {code}").arg(s.code));
    return {};
}

Result<Store> Stores::store(const QString &code)
{
    if (const ReferenceCache *cache = m_cache) {
        if (const Store *s = cache->store(code))
            return *s;
        return makeError(ErrorCode::NotFound, tr("no store with code '%1'").arg(code));
    }
    auto q = m_db.exec(QStringLiteral("SELECT ") + kStoreColumns + QStringLiteral(" WHERE s.code = ?"), {code});
    if (!q)
        return q.error();
    if (!q->next())
        return makeError(ErrorCode::NotFound, tr("no store with code '%1'").arg(code));
    return storeFromRow(q.value());
}

Result<Store> Stores::storeById(Id id)
{
    if (const ReferenceCache *cache = m_cache) {
        if (const Store *s = cache->storeById(id))
            return *s;
        return makeError(ErrorCode::NotFound, tr("no store with id %1").arg(id));
    }
    auto q = m_db.exec(QStringLiteral("SELECT ") + kStoreColumns + QStringLiteral(" WHERE s.id = ?"), {id});
    if (!q)
        return q.error();
    if (!q->next())
        return makeError(ErrorCode::NotFound, tr("no store with id %1").arg(id));
    return storeFromRow(q.value());
}

Result<QList<Store>> Stores::stores()
{
    if (const ReferenceCache *cache = m_cache)
        return cache->stores();
    auto q = m_db.exec(QStringLiteral("SELECT ") + kStoreColumns + QStringLiteral(" ORDER BY s.code"));
    if (!q)
        return q.error();
    QList<Store> result;
    while (q->next())
        result.append(storeFromRow(q.value()));
    return result;
}

Result<Stores::References> Stores::referencesOf(const Store &s)
{
    References refs{0, QVariant(QMetaType::fromType<qlonglong>())};
    if (!s.defaultSponsorCode.isEmpty()) {
        auto sponsor = Members(m_db).byCode(s.defaultSponsorCode);
        if (!sponsor)
            return sponsor.error();
        if (sponsor->status == MemberStatus::Terminated)
            return makeError(ErrorCode::FailedPrecondition,
                             tr("%1 is terminated and cannot be a store's default sponsor").arg(sponsor->code));
        refs.defaultSponsorId = sponsor->id;
    }
    if (!s.pinnedTier.isEmpty()) {
        auto t = m_db.scalar(QStringLiteral("SELECT id FROM price_tiers WHERE code = ?"), {s.pinnedTier});
        if (!t)
            return t.error();
        if (!t->isValid())
            return makeError(ErrorCode::NotFound, tr("no price tier '%1'").arg(s.pinnedTier));
        refs.pinnedTierId = t.value();
    }
    return refs;
}

Result<Store> Stores::createStore(const Store &s, const Actor &actor)
{
    MLM_TRY(validateStore(s));
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    if (store(s.code).ok())
        return makeError(ErrorCode::AlreadyExists, tr("the store code '%1' is taken").arg(s.code));
    auto refs = referencesOf(s);
    if (!refs)
        return refs.error();
    auto id =
        m_db.scalar(QStringLiteral("INSERT INTO stores (code, name, base_url, scenario, link_template, "
                                   "default_sponsor_id, pinned_tier_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                                   "RETURNING id"),
                    {s.code, s.name.trimmed(), s.baseUrl, toText(s.scenario), s.linkTemplate,
                     sql::idOrNull(refs->defaultSponsorId), refs->pinnedTierId, nowUtc()});
    if (!id)
        return id.error();
    MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("store.create"), QStringLiteral("store"), id->toLongLong(),
                             {{QStringLiteral("code"), s.code}, {QStringLiteral("scenario"), toText(s.scenario)}}));
    MLM_TRY(tx.commit());
    return storeById(id->toLongLong());
}

Result<Store> Stores::updateStore(const Store &s, const Actor &actor)
{
    MLM_TRY(validateStore(s));
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    auto before = store(s.code);
    if (!before)
        return before.error();
    auto refs = referencesOf(s);
    if (!refs)
        return refs.error();
    MLM_TRY(m_db.exec(QStringLiteral("UPDATE stores SET name = ?, base_url = ?, scenario = ?, link_template = ?, "
                                     "default_sponsor_id = ?, pinned_tier_id = ? WHERE id = ?"),
                      {s.name.trimmed(), s.baseUrl, toText(s.scenario), s.linkTemplate,
                       sql::idOrNull(refs->defaultSponsorId), refs->pinnedTierId, before->id}));
    MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("store.edit"), QStringLiteral("store"), before->id,
                             {{QStringLiteral("code"), s.code},
                              {QStringLiteral("scenario"), toText(s.scenario)},
                              {QStringLiteral("old_scenario"), toText(before->scenario)},
                              {QStringLiteral("link_template"), s.linkTemplate},
                              {QStringLiteral("default_sponsor"), s.defaultSponsorCode},
                              {QStringLiteral("pinned_tier"), s.pinnedTier}}));
    MLM_TRY(tx.commit());
    return storeById(before->id);
}

Result<QList<ReferralLink>> Stores::queryLinks(const QString &where, const QVariantList &values)
{
    auto q = m_db.exec(QStringLiteral("SELECT l.id, l.code, l.member_id, m.code, l.store_id, s.code, l.active, "
                                      "l.created_at, s.link_template FROM referral_links l JOIN members m ON m.id = "
                                      "l.member_id JOIN stores s ON s.id = l.store_id WHERE ") +
                           where + QStringLiteral(" ORDER BY l.id"),
                       values);
    if (!q)
        return q.error();
    QList<ReferralLink> result;
    while (q->next()) {
        ReferralLink l{q->value(0).toLongLong(), q->value(1).toString(),   q->value(2).toLongLong(),
                       q->value(3).toString(),   q->value(4).toLongLong(), q->value(5).toString(),
                       q->value(6).toBool(),     q->value(7).toLongLong(), {}};
        Store s;
        s.linkTemplate = q->value(8).toString();
        l.url = s.linkUrl(l.code);
        result.append(l);
    }
    return result;
}

Result<ReferralLink> Stores::link(const QString &code)
{
    auto found = queryLinks(QStringLiteral("l.code_key = ?"), {codes::key(code)});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return makeError(ErrorCode::NotFound, tr("no referral link '%1'").arg(code));
    return found->first();
}

Result<QList<ReferralLink>> Stores::linksOf(Id memberId)
{
    return queryLinks(QStringLiteral("l.member_id = ?"), {memberId});
}

Result<std::optional<ReferralLink>> Stores::resolveLink(const QString &code)
{
    if (code.isEmpty())
        return std::optional<ReferralLink>();
    auto found = link(code);
    if (!found) {
        if (found.error().code == ErrorCode::NotFound)
            return std::optional<ReferralLink>();
        return found.error();
    }
    if (!found->active)
        return std::optional<ReferralLink>();
    auto owner = Members(m_db).byId(found->memberId);
    if (!owner)
        return owner.error();
    if (!canOwnActiveLink(owner->status))
        return std::optional<ReferralLink>();
    return std::optional<ReferralLink>(found.value());
}

Result<ReferralLink> Stores::createLink(const QString &memberCode, const QString &storeCode, const QString &vanityCode,
                                        const Actor &actor)
{
    if (!vanityCode.isEmpty() && !codes::isValidLinkCode(vanityCode))
        return makeError(ErrorCode::InvalidArgument,
                         tr("link code '%1' is not valid: use 4-32 characters of A-Z, a-z, 0-9 and -").arg(vanityCode));
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    auto member = Members(m_db).byCode(memberCode);
    if (!member)
        return member.error();
    if (!canOwnActiveLink(member->status))
        return makeError(ErrorCode::FailedPrecondition,
                         tr("member %1 is %2 and cannot own a link").arg(member->code, toText(member->status)));
    auto s = store(storeCode);
    if (!s)
        return s.error();
    QString code = vanityCode;
    for (int attempt = 0; code.isEmpty() && attempt < 10; ++attempt) {
        const QString candidate = codes::generateLinkCode();
        auto taken = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM referral_links WHERE code_key = ?"),
                                 {codes::key(candidate)});
        if (!taken)
            return taken.error();
        if (taken->toLongLong() == 0)
            code = candidate;
    }
    if (code.isEmpty())
        return makeError(ErrorCode::Conflict, tr("could not generate a free link code; try again"));
    auto taken =
        m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM referral_links WHERE code_key = ?"), {codes::key(code)});
    if (!taken)
        return taken.error();
    if (taken->toLongLong() > 0)
        return makeError(ErrorCode::AlreadyExists, tr("the link code '%1' is taken").arg(code));
    auto id = m_db.scalar(QStringLiteral("INSERT INTO referral_links (code, code_key, member_id, store_id, active, "
                                         "created_at) VALUES (?, ?, ?, ?, 1, ?) RETURNING id"),
                          {code, codes::key(code), member->id, s->id, nowUtc()});
    if (!id)
        return id.error();
    MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("link.create"), QStringLiteral("referral_link"),
                             id->toLongLong(),
                             {{QStringLiteral("code"), code},
                              {QStringLiteral("member"), member->code},
                              {QStringLiteral("store"), s->code}}));
    MLM_TRY(tx.commit());
    return link(code);
}

Status Stores::deactivateLink(const QString &code, const Actor &actor)
{
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    auto l = link(code);
    if (!l)
        return l.error();
    if (!l->active)
        return makeError(ErrorCode::FailedPrecondition, tr("the link '%1' is already inactive").arg(l->code));
    MLM_TRY(m_db.exec(QStringLiteral("UPDATE referral_links SET active = 0 WHERE id = ?"), {l->id}));
    MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("link.deactivate"), QStringLiteral("referral_link"), l->id,
                             {{QStringLiteral("code"), l->code}}));
    return tx.commit();
}

Result<QList<RetailCustomer>> Stores::queryCustomers(const QString &where, const QVariantList &values,
                                                     const QString &tail)
{
    auto q = m_db.exec(QStringLiteral("SELECT c.id, c.store_id, s.code, c.email, c.name, c.phone, c.country, "
                                      "c.owner_id, m.code, c.via_link_id, l.code, c.created_at FROM retail_customers c "
                                      "JOIN stores s ON s.id = c.store_id LEFT JOIN members m ON m.id = c.owner_id "
                                      "LEFT JOIN referral_links l ON l.id = c.via_link_id WHERE ") +
                           where + u' ' + tail,
                       values);
    if (!q)
        return q.error();
    QList<RetailCustomer> result;
    while (q->next()) {
        result.append({q->value(0).toLongLong(), q->value(1).toLongLong(), q->value(2).toString(),
                       q->value(3).toString(), q->value(4).toString(), q->value(5).toString(), q->value(6).toString(),
                       q->value(7).toLongLong(), q->value(8).toString(), q->value(9).toLongLong(),
                       q->value(10).toString(), q->value(11).toLongLong()});
    }
    return result;
}

Result<std::optional<RetailCustomer>> Stores::customer(Id storeId, const QString &email)
{
    auto found = queryCustomers(QStringLiteral("c.store_id = ? AND c.email_key = ?"), {storeId, codes::key(email)});
    if (!found)
        return found.error();
    return found->isEmpty() ? std::optional<RetailCustomer>() : std::optional<RetailCustomer>(found->first());
}

Result<QList<RetailCustomer>> Stores::customers(Id storeId, const QString &search, int limit)
{
    const QString key = codes::key(search.trimmed());
    if (key.isEmpty())
        return queryCustomers(QStringLiteral("c.store_id = ?"), {storeId},
                              QStringLiteral("ORDER BY c.email_key LIMIT %1").arg(limit));
    return queryCustomers(QStringLiteral("c.store_id = ? AND c.email_key >= ? AND c.email_key < ?"),
                          {storeId, key, key + QChar(0xffff)},
                          QStringLiteral("ORDER BY c.email_key LIMIT %1").arg(limit));
}

Result<RetailCustomer> Stores::registerCustomer(const NewRetailCustomer &request, const Actor &actor)
{
    if (request.email.isEmpty() || !codes::isPlausibleEmail(request.email))
        return makeError(ErrorCode::InvalidArgument,
                         tr("'%1' is not an email address; a retail customer needs one").arg(request.email));
    MLM_TRY(Contact::validate(request.name, request.email, request.phone, request.country));
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    auto s = store(request.storeCode);
    if (!s)
        return s.error();
    auto existing = customer(s->id, request.email);
    if (!existing)
        return existing.error();
    if (existing.value()) // first touch: a returning customer keeps the owner it had
        return *existing.value();
    auto viaLink = resolveLink(request.refCode);
    if (!viaLink)
        return viaLink.error();
    const Id linkOwner = viaLink.value() ? viaLink.value()->memberId : 0;
    const Id ownerId = Attribution::customerOwner(s->scenario, linkOwner);
    auto id = m_db.scalar(
        QStringLiteral("INSERT INTO retail_customers (store_id, email, email_key, name, phone, country, "
                       "owner_id, via_link_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                       "RETURNING id"),
        {s->id, request.email, codes::key(request.email), request.name.trimmed(), request.phone, request.country,
         sql::idOrNull(ownerId), sql::idOrNull(viaLink.value() ? viaLink.value()->id : 0), nowUtc()});
    if (!id)
        return id.error();
    MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("customer.register"), QStringLiteral("retail_customer"),
                             id->toLongLong(), {{QStringLiteral("store"), s->code}}));
    MLM_TRY(tx.commit());
    auto created = customer(s->id, request.email);
    if (!created)
        return created.error();
    return *created.value();
}

} // namespace mlm
