#include "OfficeJson.h"

#include "ApiJson.h"
#include "domain/JsonWriter.h"
#include "domain/Text.h"

#include <QUrlQuery>
#include <algorithm>
#include <cmath>
#include <limits>

namespace mlm::officejson {

namespace {

constexpr int kMaxText = 100000;

/// A JSON number that is a whole number: exact as written, or a whole number exact in a double (up to 2^53, as
/// 5.0 or 1e3 are); else none.
std::optional<qint64> wholeNumber(const json::Value &v)
{
    if (!v.isNumber())
        return std::nullopt;
    if (const auto exact = v.toInteger())
        return exact;
    bool ok = false;
    const double d = QByteArray(v.source().data(), v.source().size()).toDouble(&ok);
    if (!ok || d != std::floor(d) || std::abs(d) > 9007199254740992.0)
        return std::nullopt;
    return qint64(d);
}

void time(JsonWriter &w, const char *name, Timestamp t)
{
    w.key(name);
    if (t == 0)
        w.null();
    else
        w.value(formatIsoTimestamp(t));
}

void optionalTime(JsonWriter &w, const char *name, const std::optional<Timestamp> &t)
{
    w.key(name);
    if (t)
        w.value(formatIsoTimestamp(*t));
    else
        w.null();
}

void numbers(JsonWriter &w, const char *name, const QList<qint64> &values)
{
    w.key(name).beginArray();
    for (qint64 v : values)
        w.value(v);
    w.endArray();
}

template <typename T> void array(JsonWriter &w, const char *name, const QList<T> &values)
{
    w.key(name).beginArray();
    for (const T &v : values)
        write(w, v);
    w.endArray();
}

template <typename T> QList<T> readArray(JsonIn &in, const char *name)
{
    QList<T> values;
    for (JsonIn &item : in.objects(name)) {
        T value{};
        read(item, value);
        values.append(std::move(value));
    }
    return values;
}

void memberFields(JsonWriter &w, const Member &m)
{
    w.field("id", m.id)
        .field("code", m.code)
        .field("name", m.name)
        .field("email", m.email)
        .field("phone", m.phone)
        .field("country", m.country)
        .field("status", toText(m.status));
    w.key("sponsor").textOrNull(m.sponsorCode);
    w.field("sponsor_id", m.sponsorId);
    time(w, "joined_at", m.joinedAt);
}

std::optional<MemberFilter::SortBy> sortByFromString(QStringView text)
{
    using S = MemberFilter::SortBy;
    for (const auto &[name, sort] : {std::pair{u"code", S::ByCode}, std::pair{u"name", S::ByName},
                                     std::pair{u"joined", S::ByJoined}, std::pair{u"status", S::ByStatus}}) {
        if (text == QStringView(name))
            return sort;
    }
    return std::nullopt;
}

QString toText(MemberFilter::SortBy sortBy)
{
    switch (sortBy) {
    case MemberFilter::SortBy::ByName:
        return QStringLiteral("name");
    case MemberFilter::SortBy::ByJoined:
        return QStringLiteral("joined");
    case MemberFilter::SortBy::ByStatus:
        return QStringLiteral("status");
    case MemberFilter::SortBy::ByCode:
        break;
    }
    return QStringLiteral("code");
}

Error badQuery(const QString &name, const QString &problem)
{
    return makeError(ErrorCode::InvalidArgument,
                     JsonIn::tr("the query parameter '%1' %2").arg(name, problem));
}

/// A text query value: refused with control characters or invalid text.
Result<QString> queryText(const QUrlQuery &query, const QString &name)
{
    const QString value = query.queryItemValue(name, QUrl::FullyDecoded);
    if (const auto problem = api::RequestFields::textProblem(value))
        return badQuery(name, *problem);
    return value;
}

} // namespace

using mlm::toText;

// --- JsonIn ---

struct JsonIn::Source
{
    QByteArray bytes;
    json::Document tree; ///< points into bytes
};

JsonIn::JsonIn() : JsonIn(parse(QByteArrayLiteral("{}")).value()) {}

JsonIn::JsonIn(std::shared_ptr<const Source> source, json::Value object, QString path, qsizetype index,
               std::shared_ptr<std::optional<Error>> error)
    : m_source(std::move(source)), m_object(object), m_path(std::move(path)), m_index(index), m_error(std::move(error))
{
}

Result<JsonIn> JsonIn::parse(QByteArray json)
{
    auto source = std::make_shared<Source>();
    source->bytes = std::move(json);
    json::Parser parser(source->bytes);
    source->tree.reserveFor(source->bytes.size());
    qsizetype pos = 0;
    MLM_TRY(parser.parse(pos, source->tree));
    if (parser.peek(pos) != 0)
        return parser.errorAt(pos, tr("more after the JSON value"));
    const json::Value root = source->tree.root();
    if (!root.isObject())
        return makeError(ErrorCode::InvalidArgument, tr("the JSON value is not an object"));
    return JsonIn(std::move(source), root, {}, -1, std::make_shared<std::optional<Error>>());
}

QString JsonIn::pathOf(const char *name) const
{
    const QString self = m_index < 0 ? m_path : m_path + u'[' + QString::number(m_index) + u']';
    return self.isEmpty() ? QString::fromLatin1(name) : self + u'.' + QLatin1StringView(name);
}

void JsonIn::fail(const char *name, const QString &problem)
{
    if (!m_error->has_value())
        *m_error = makeError(ErrorCode::InvalidArgument, pathOf(name) + QStringLiteral(": ") + problem);
}

json::Value JsonIn::at(const char *name, bool required)
{
    const json::Value v = m_object.member(QLatin1StringView(name), &m_hint);
    if (required && (v.isUndefined() || v.isNull()))
        fail(name, tr("is required"));
    return v;
}

QString JsonIn::textOf(const json::Value &v, const char *name)
{
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isString()) {
        fail(name, tr("must be a string"));
        return {};
    }
    QString t = v.toString();
    if (t.size() > kMaxText) {
        fail(name, tr("is longer than %1 characters").arg(kMaxText));
        return {};
    }
    if (v.isPlainString())
        return t; // ASCII without escapes (the parser refuses control characters): nothing to look for
    if (const auto problem = Text::problem(t)) {
        fail(name, *problem);
        return {};
    }
    return t;
}

QString JsonIn::text(const char *name, bool required)
{
    return textOf(at(name, required), name);
}

std::optional<qint64> JsonIn::optionalNumber(const char *name)
{
    return numberOf(at(name, false), name);
}

std::optional<qint64> JsonIn::numberOf(const json::Value &v, const char *name)
{
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    const auto n = wholeNumber(v);
    if (!n)
        fail(name, tr("must be a whole number"));
    return n;
}

qint64 JsonIn::number(const char *name, bool required)
{
    return numberOf(at(name, required), name).value_or(0);
}

bool JsonIn::flag(const char *name)
{
    const json::Value v = at(name, false);
    if (v.isUndefined() || v.isNull())
        return false;
    if (!v.isBool())
        fail(name, tr("must be true or false"));
    return v.toBool();
}

void JsonIn::shortText(const char *name, bool required, ShortText &out)
{
    const json::Value v = at(name, required);
    if (v.isString()) {
        const QByteArrayView quoted = v.source();
        const QByteArrayView bytes = quoted.sliced(1, quoted.size() - 2);
        if (bytes.size() <= qsizetype(std::size(out.buffer)) &&
            std::all_of(bytes.begin(), bytes.end(), [](char c) { return c >= 0x20 && c < 0x7f && c != '\\'; })) {
            std::copy(bytes.begin(), bytes.end(), out.buffer); // ASCII: its UTF-16 code units are its bytes
            out.size = bytes.size();
            out.plain = true;
            return;
        }
    }
    out.text = textOf(v, name);
}

std::optional<Timestamp> JsonIn::optionalTime(const char *name)
{
    ShortText t;
    shortText(name, false, t);
    if (t.view().isEmpty())
        return std::nullopt;
    const auto parsed = parseIsoTimestamp(t.view());
    if (!parsed)
        fail(name, tr("'%1' is not an ISO 8601 date-time such as 2026-10-05T12:00:00Z").arg(t.view().left(40)));
    return parsed;
}

Timestamp JsonIn::time(const char *name)
{
    return optionalTime(name).value_or(0);
}

Period JsonIn::period(const char *name)
{
    const QString t = text(name, true);
    const auto p = Period::parse(t);
    if (!p && !t.isEmpty())
        fail(name, tr("'%1' is not a period YYYY-MM").arg(t.left(16)));
    return p.value_or(Period{});
}

JsonIn JsonIn::object(const char *name)
{
    json::Value v = at(name, true);
    if (!v.isObject()) {
        if (!v.isUndefined() && !v.isNull())
            fail(name, tr("must be an object"));
        v = json::Value();
    }
    return JsonIn(m_source, v, pathOf(name), -1, m_error);
}

QList<JsonIn> JsonIn::objects(const char *name)
{
    const json::Value v = at(name, true);
    if (!v.isArray()) {
        if (!v.isUndefined() && !v.isNull())
            fail(name, tr("must be an array"));
        return {};
    }
    QList<JsonIn> items;
    items.reserve(v.size());
    const QString path = pathOf(name);
    qsizetype i = 0;
    for (json::Value item = v.first(); !item.isUndefined(); item = item.next(), ++i) {
        if (!item.isObject()) {
            if (!m_error->has_value())
                *m_error = makeError(ErrorCode::InvalidArgument, path + u'[' + QString::number(i) + QStringLiteral("]: ") +
                                                                     tr("must be an object"));
            return {};
        }
        items.append(JsonIn(m_source, item, path, i, m_error));
    }
    return items;
}

QList<qint64> JsonIn::numbers(const char *name)
{
    const json::Value v = at(name, true);
    if (!v.isArray()) {
        if (!v.isUndefined() && !v.isNull())
            fail(name, tr("must be an array"));
        return {};
    }
    QList<qint64> values;
    values.reserve(v.size());
    for (json::Value item = v.first(); !item.isUndefined(); item = item.next()) {
        const auto n = wholeNumber(item);
        if (!n) {
            fail(name, tr("must hold whole numbers only"));
            return {};
        }
        values.append(*n);
    }
    return values;
}

QStringList JsonIn::texts(const char *name)
{
    const json::Value v = at(name, true);
    if (!v.isArray()) {
        if (!v.isUndefined() && !v.isNull())
            fail(name, tr("must be an array"));
        return {};
    }
    QStringList values;
    values.reserve(v.size());
    for (json::Value item = v.first(); !item.isUndefined(); item = item.next()) {
        if (!item.isString()) {
            fail(name, tr("must hold strings only"));
            return {};
        }
        values.append(textOf(item, name));
    }
    return values;
}

QList<std::pair<QString, qint64>> JsonIn::numbersByKey(const char *name)
{
    const json::Value v = at(name, true);
    if (!v.isObject()) {
        if (!v.isUndefined() && !v.isNull())
            fail(name, tr("must be an object"));
        return {};
    }
    QList<std::pair<QString, qint64>> values;
    for (json::Value item = v.first(); !item.isUndefined(); item = item.next()) {
        const auto n = wholeNumber(item);
        if (!n) {
            fail(name, tr("'%1' must be a whole number").arg(item.key().left(40)));
            return {};
        }
        values.append({item.key(), *n});
    }
    return values;
}

// --- members and the network ---

void write(JsonWriter &w, const Member &m)
{
    w.beginObject();
    memberFields(w, m);
    w.endObject();
}

void read(JsonIn &in, Member &m)
{
    m.id = in.number("id");
    m.code = in.text("code", true);
    m.name = in.text("name");
    m.email = in.text("email");
    m.phone = in.text("phone");
    m.country = in.text("country");
    m.status = in.choice("status", memberStatusFromString, MemberStatus::Customer);
    m.sponsorCode = in.text("sponsor");
    m.sponsorId = in.number("sponsor_id", false);
    m.joinedAt = in.time("joined_at");
}

void write(JsonWriter &w, const NetworkEntry &e)
{
    w.beginObject();
    memberFields(w, e.member);
    w.field("frontline", e.frontline).field("pv", e.pv).endObject();
}

void read(JsonIn &in, NetworkEntry &e)
{
    read(in, e.member);
    e.frontline = in.number("frontline");
    e.pv = in.number("pv");
}

void write(JsonWriter &w, const StatusChange &c)
{
    w.beginObject().field("from", toText(c.from)).field("to", toText(c.to)).field("reason", c.reason);
    w.field("changed_by", c.changedBy);
    time(w, "changed_at", c.changedAt);
    w.endObject();
}

void read(JsonIn &in, StatusChange &c)
{
    c.from = in.choice("from", memberStatusFromString, MemberStatus::Customer);
    c.to = in.choice("to", memberStatusFromString, MemberStatus::Customer);
    c.reason = in.text("reason");
    c.changedBy = in.text("changed_by");
    c.changedAt = in.time("changed_at");
}

// --- links, stores, customers ---

void write(JsonWriter &w, const ReferralLink &l)
{
    w.beginObject()
        .field("id", l.id)
        .field("code", l.code)
        .field("member", l.memberCode)
        .field("member_id", l.memberId)
        .field("store", l.storeCode)
        .field("store_id", l.storeId)
        .field("active", l.active)
        .field("url", l.url);
    time(w, "created_at", l.createdAt);
    w.endObject();
}

void read(JsonIn &in, ReferralLink &l)
{
    l.id = in.number("id");
    l.code = in.text("code", true);
    l.memberCode = in.text("member", true);
    l.memberId = in.number("member_id");
    l.storeCode = in.text("store", true);
    l.storeId = in.number("store_id");
    l.active = in.flag("active");
    l.url = in.text("url");
    l.createdAt = in.time("created_at");
}

void write(JsonWriter &w, const Store &s)
{
    w.beginObject()
        .field("id", s.id)
        .field("code", s.code)
        .field("name", s.name)
        .field("base_url", s.baseUrl)
        .field("scenario", toText(s.scenario))
        .field("link_template", s.linkTemplate);
    w.key("default_sponsor").textOrNull(s.defaultSponsorCode);
    w.field("default_sponsor_id", s.defaultSponsorId);
    w.key("pinned_tier").textOrNull(s.pinnedTier);
    w.endObject();
}

void read(JsonIn &in, Store &s)
{
    s.id = in.number("id", false);
    s.code = in.text("code", true);
    s.name = in.text("name");
    s.baseUrl = in.text("base_url");
    s.scenario = in.choice("scenario", storeScenarioFromString, StoreScenario::DistributorChannel);
    s.linkTemplate = in.text("link_template");
    s.defaultSponsorCode = in.text("default_sponsor");
    s.defaultSponsorId = in.number("default_sponsor_id", false);
    s.pinnedTier = in.text("pinned_tier");
}

void write(JsonWriter &w, const RetailCustomer &c)
{
    w.beginObject()
        .field("id", c.id)
        .field("store", c.storeCode)
        .field("store_id", c.storeId)
        .field("email", c.email)
        .field("name", c.name)
        .field("phone", c.phone)
        .field("country", c.country);
    w.key("owner").textOrNull(c.ownerCode);
    w.field("owner_id", c.ownerId);
    w.key("via_link").textOrNull(c.viaLinkCode);
    w.field("via_link_id", c.viaLinkId);
    time(w, "created_at", c.createdAt);
    w.endObject();
}

void read(JsonIn &in, RetailCustomer &c)
{
    c.id = in.number("id");
    c.storeCode = in.text("store", true);
    c.storeId = in.number("store_id");
    c.email = in.text("email", true);
    c.name = in.text("name");
    c.phone = in.text("phone");
    c.country = in.text("country");
    c.ownerCode = in.text("owner");
    c.ownerId = in.number("owner_id");
    c.viaLinkCode = in.text("via_link");
    c.viaLinkId = in.number("via_link_id");
    c.createdAt = in.time("created_at");
}

// --- orders ---

void write(JsonWriter &w, const Order &o)
{
    w.beginObject().field("id", o.id).field("external_id", o.externalId);
    w.key("store").textOrNull(o.storeCode);
    w.field("store_id", o.storeId).field("status", toText(o.status));
    w.key("buyer_member").textOrNull(o.buyerMemberCode);
    w.field("buyer_member_id", o.buyerMemberId);
    w.key("buyer_customer").textOrNull(o.buyerCustomerEmail);
    w.field("buyer_customer_id", o.buyerCustomerId);
    w.key("credited_member").textOrNull(o.creditedMemberCode);
    w.field("credited_member_id", o.creditedMemberId);
    w.field("tier", o.tier).field("total", o.totalPrice).field("pv", o.totalPv).field("bv", o.totalBv);
    time(w, "created_at", o.createdAt);
    w.field("created_by", o.createdBy);
    optionalTime(w, "paid_at", o.paidAt);
    optionalTime(w, "cancelled_at", o.cancelledAt);
    optionalTime(w, "refunded_at", o.refundedAt);
    w.key("lines").beginArray();
    for (const OrderLine &l : o.lines) {
        w.beginObject()
            .field("sku", l.sku)
            .field("name", l.name)
            .field("product_id", l.productId)
            .field("qty", l.qty)
            .field("unit_price", l.unitPrice)
            .field("distributor_price", l.distributorPrice)
            .field("pv", l.pv)
            .field("bv", l.bv)
            .endObject();
    }
    w.endArray().endObject();
}

void read(JsonIn &in, Order &o)
{
    o.id = in.number("id");
    o.externalId = in.text("external_id", true);
    o.storeCode = in.text("store");
    o.storeId = in.number("store_id");
    o.status = in.choice("status", orderStatusFromString, OrderStatus::Pending);
    o.buyerMemberCode = in.text("buyer_member");
    o.buyerMemberId = in.number("buyer_member_id");
    o.buyerCustomerEmail = in.text("buyer_customer");
    o.buyerCustomerId = in.number("buyer_customer_id");
    o.creditedMemberCode = in.text("credited_member");
    o.creditedMemberId = in.number("credited_member_id");
    o.tier = in.text("tier");
    o.totalPrice = in.number("total");
    o.totalPv = in.number("pv");
    o.totalBv = in.number("bv");
    o.createdAt = in.time("created_at");
    o.createdBy = in.text("created_by");
    o.paidAt = in.optionalTime("paid_at");
    o.cancelledAt = in.optionalTime("cancelled_at");
    o.refundedAt = in.optionalTime("refunded_at");
    for (JsonIn &l : in.objects("lines")) {
        OrderLine line;
        line.sku = l.text("sku", true);
        line.name = l.text("name");
        line.productId = l.number("product_id");
        line.qty = l.number("qty");
        line.unitPrice = l.number("unit_price");
        line.distributorPrice = l.number("distributor_price");
        line.pv = l.number("pv");
        line.bv = l.number("bv");
        o.lines.append(line);
    }
}

void write(JsonWriter &w, const SubmittedOrder &o)
{
    w.beginObject().field("created", o.created).key("order");
    write(w, o.order);
    w.endObject();
}

void read(JsonIn &in, SubmittedOrder &o)
{
    o.created = in.flag("created");
    JsonIn order = in.object("order");
    read(order, o.order);
}

void write(JsonWriter &w, const OrderLineRequest &l)
{
    w.beginObject().field("sku", l.sku).field("qty", l.qty).endObject();
}

void read(JsonIn &in, OrderLineRequest &l)
{
    // A price is never sent: the catalog decides (SPEC 5).
    l.sku = in.text("sku", true);
    l.qty = in.number("qty");
}

// --- catalog ---

void write(JsonWriter &w, const Product &p)
{
    w.beginObject()
        .field("id", p.id)
        .field("sku", p.sku)
        .field("name", p.name)
        .field("active", p.active)
        .field("pv", p.pv)
        .field("bv", p.bv);
    w.key("prices").beginObject();
    QStringList tiers = p.prices.keys();
    tiers.sort();
    for (const QString &tier : tiers)
        w.key(tier.toUtf8().constData()).value(p.prices.value(tier));
    w.endObject().endObject();
}

void read(JsonIn &in, Product &p)
{
    p.id = in.number("id", false);
    p.sku = in.text("sku", true);
    p.name = in.text("name");
    p.active = !in.has("active") || in.flag("active");
    p.pv = in.number("pv");
    p.bv = in.number("bv");
    for (const auto &[tier, price] : in.numbersByKey("prices"))
        p.prices.insert(tier, Money(price));
}

void write(JsonWriter &w, const PriceTier &t)
{
    w.beginObject().field("id", t.id).field("code", t.code).field("name", t.name).field("builtin", t.builtin).endObject();
}

void read(JsonIn &in, PriceTier &t)
{
    t.id = in.number("id", false);
    t.code = in.text("code", true);
    t.name = in.text("name");
    t.builtin = in.flag("builtin");
}

void write(JsonWriter &w, const PriceEdit &e)
{
    w.beginObject().field("sku", e.sku).field("tier", e.tier).key("price");
    if (e.price)
        w.value(*e.price);
    else
        w.null();
    w.endObject();
}

void read(JsonIn &in, PriceEdit &e)
{
    e.sku = in.text("sku", true);
    e.tier = in.text("tier", true);
    e.price = in.optionalNumber("price");
}

void write(JsonWriter &w, const Office::PriceList &p)
{
    w.beginObject().key("member");
    write(w, p.member);
    w.field("tier", p.tier);
    array(w, "products", p.products);
    w.endObject();
}

void read(JsonIn &in, Office::PriceList &p)
{
    JsonIn member = in.object("member");
    read(member, p.member);
    p.tier = in.text("tier", true);
    p.products = readArray<Product>(in, "products");
}

void write(JsonWriter &w, const Office::CatalogData &c)
{
    w.beginObject().field("currency", c.currency);
    array(w, "tiers", c.tiers);
    array(w, "products", c.products);
    w.endObject();
}

void read(JsonIn &in, Office::CatalogData &c)
{
    c.currency = in.text("currency", true);
    c.tiers = readArray<PriceTier>(in, "tiers");
    c.products = readArray<Product>(in, "products");
}

// --- users, audit, keys ---

void write(JsonWriter &w, const User &u)
{
    w.beginObject().field("id", u.id).field("username", u.username).field("role", toText(u.role));
    w.key("member").textOrNull(u.memberCode);
    w.field("member_id", u.memberId).field("active", u.active);
    time(w, "created_at", u.createdAt);
    w.endObject();
}

void read(JsonIn &in, User &u)
{
    u.id = in.number("id", false);
    u.username = in.text("username", true);
    u.role = in.choice("role", roleFromString, Role::Support);
    u.memberCode = in.text("member");
    u.memberId = in.number("member_id", false);
    u.active = !in.has("active") || in.flag("active");
    u.createdAt = in.time("created_at");
}

void write(JsonWriter &w, const NewUser &u)
{
    w.beginObject().field("username", u.username).field("password", u.password).field("role", toText(u.role));
    w.key("member").textOrNull(u.memberCode);
    w.endObject();
}

void read(JsonIn &in, NewUser &u)
{
    u.username = in.text("username", true);
    u.password = in.text("password", true);
    u.role = in.choice("role", roleFromString, Role::Support);
    u.memberCode = in.text("member");
}

void write(JsonWriter &w, const AuditEntry &e)
{
    w.beginObject().field("id", e.id);
    time(w, "at", e.at);
    w.field("actor", e.actor)
        .field("action", e.action)
        .field("entity", e.entity)
        .field("entity_id", e.entityId)
        .field("entity_label", e.entityLabel)
        .field("details", e.details)
        .endObject();
}

void read(JsonIn &in, AuditEntry &e)
{
    e.id = in.number("id");
    e.at = in.time("at");
    e.actor = in.text("actor");
    e.action = in.text("action");
    e.entity = in.text("entity");
    e.entityId = in.number("entity_id");
    e.entityLabel = in.text("entity_label");
    e.details = in.text("details");
}

void write(JsonWriter &w, const ApiKey &k)
{
    w.beginObject()
        .field("id", k.id)
        .field("store", k.storeCode)
        .field("store_id", k.storeId)
        .field("prefix", k.prefix)
        .field("label", k.label);
    time(w, "created_at", k.createdAt);
    optionalTime(w, "revoked_at", k.revokedAt);
    w.endObject();
}

void read(JsonIn &in, ApiKey &k)
{
    k.id = in.number("id");
    k.storeCode = in.text("store", true);
    k.storeId = in.number("store_id");
    k.prefix = in.text("prefix", true);
    k.label = in.text("label");
    k.createdAt = in.time("created_at");
    k.revokedAt = in.optionalTime("revoked_at");
}

void write(JsonWriter &w, const IssuedApiKey &k)
{
    w.beginObject().field("token", k.token).key("key");
    write(w, k.key);
    w.endObject();
}

void read(JsonIn &in, IssuedApiKey &k)
{
    k.token = in.text("token", true);
    JsonIn key = in.object("key");
    read(key, k.key);
}

// --- the plan and commissions ---

void write(JsonWriter &w, const CompensationPlan &p)
{
    w.beginObject();
    numbers(w, "levels_bp", QList<qint64>(p.levelsBp.cbegin(), p.levelsBp.cend()));
    w.field("qualification_pv", p.qualificationPv)
        .field("compression", p.compression)
        .field("retail_profit", p.retailProfit)
        .endObject();
}

void read(JsonIn &in, CompensationPlan &p)
{
    p.levelsBp.clear();
    for (qint64 bp : in.numbers("levels_bp")) {
        if (bp < std::numeric_limits<int>::min() || bp > std::numeric_limits<int>::max()) {
            in.fail("levels_bp", JsonIn::tr("must hold rates in basis points"));
            break;
        }
        p.levelsBp.append(int(bp));
    }
    p.qualificationPv = in.number("qualification_pv");
    p.compression = in.flag("compression");
    p.retailProfit = in.flag("retail_profit");
}

void write(JsonWriter &w, const RunPeriod &p)
{
    w.beginObject().field("period", p.period.toString()).field("closed", p.closed);
    time(w, "closed_at", p.closedAt);
    w.field("has_paid_orders", p.hasPaidOrders).key("member_total");
    if (p.memberTotal)
        w.value(qint64(*p.memberTotal));
    else
        w.null();
    w.endObject();
}

void read(JsonIn &in, RunPeriod &p)
{
    p.period = in.period("period");
    p.closed = in.flag("closed");
    p.closedAt = in.time("closed_at");
    p.hasPaidOrders = in.flag("has_paid_orders");
    if (const auto total = in.optionalNumber("member_total"))
        p.memberTotal = Money(*total);
}

void write(JsonWriter &w, const MemberCommission &m)
{
    w.beginObject()
        .field("member_id", m.memberId)
        .field("code", m.code)
        .field("pv", m.pv)
        .field("qualified", m.qualified)
        .field("retail_profit", m.retailProfit);
    numbers(w, "levels", m.levels);
    w.field("clawback", m.clawback).field("total", m.total).endObject();
}

void read(JsonIn &in, MemberCommission &m)
{
    m.memberId = in.number("member_id");
    m.code = in.text("code", true);
    m.pv = in.number("pv");
    m.qualified = in.flag("qualified");
    m.retailProfit = in.number("retail_profit");
    m.levels = in.numbers("levels");
    m.clawback = in.number("clawback");
    m.total = in.number("total");
}

void write(JsonWriter &w, const RunTotals &t)
{
    w.beginObject()
        .field("members", qint64(t.members))
        .field("paid", qint64(t.paid))
        .field("retail_profit", t.retailProfit)
        .field("clawbacks", t.clawbacks)
        .field("total", t.total);
    numbers(w, "levels", t.levels);
    numbers(w, "paid_per_level", QList<qint64>(t.paidPerLevel.cbegin(), t.paidPerLevel.cend()));
    w.endObject();
}

void read(JsonIn &in, RunTotals &t)
{
    t.members = in.number("members");
    t.paid = in.number("paid");
    t.retailProfit = in.number("retail_profit");
    t.clawbacks = in.number("clawbacks");
    t.total = in.number("total");
    t.levels = in.numbers("levels");
    const QList<qint64> paid = in.numbers("paid_per_level");
    t.paidPerLevel = QList<qsizetype>(paid.cbegin(), paid.cend());
}

/// A run without its members (RunOverview): they are read by its id, a page at a time.
void write(JsonWriter &w, const RunOverview &r)
{
    w.beginObject()
        .field("id", r.id)
        .field("period", r.period.toString())
        .field("closed", r.closed)
        .field("currency", r.currency);
    w.key("plan");
    write(w, r.plan);
    w.key("totals");
    write(w, r.totals);
    w.endObject();
}

void read(JsonIn &in, RunOverview &r)
{
    r.id = in.text("id");
    r.period = in.period("period");
    r.closed = in.flag("closed");
    r.currency = in.text("currency");
    JsonIn plan = in.object("plan");
    read(plan, r.plan);
    JsonIn totals = in.object("totals");
    read(totals, r.totals);
}

void write(JsonWriter &w, const Statement &s)
{
    // SPEC 9's fields first: period, member, closed, currency, total, lines.
    w.beginObject()
        .field("period", s.period.toString())
        .field("member", s.totals.code)
        .field("closed", s.closed)
        .field("currency", s.currency)
        .field("total", s.totals.total)
        .field("first_line", s.firstLine)
        .field("line_count", s.lineCount);
    w.key("totals");
    write(w, s.totals);
    w.key("lines").beginArray();
    for (const StatementLine &line : s.lines) {
        w.beginObject().field("kind", toText(line.kind)).field("level", line.level).field("rate_bp", line.rateBp);
        w.key("store").textOrNull(line.storeCode);
        w.field("external_id", line.externalId).field("base", line.base).field("amount", line.amount).endObject();
    }
    w.endArray().endObject();
}

void read(JsonIn &in, Statement &s)
{
    s.period = in.period("period");
    s.closed = in.flag("closed");
    s.currency = in.text("currency");
    s.firstLine = in.number("first_line");
    s.lineCount = in.number("line_count");
    JsonIn totals = in.object("totals");
    read(totals, s.totals);
    for (JsonIn &l : in.objects("lines")) {
        StatementLine line;
        line.kind = l.choice("kind", commissionKindFromString, CommissionKind::Level);
        line.level = int(l.number("level"));
        line.rateBp = int(l.number("rate_bp"));
        line.storeCode = l.text("store");
        line.externalId = l.text("external_id");
        line.base = l.number("base");
        line.amount = l.number("amount");
        s.lines.append(line);
    }
}

void write(JsonWriter &w, const DownlineDashboard &d)
{
    w.beginObject().field("member_id", d.memberId);
    w.key("member").textOrNull(d.memberCode);
    w.field("member_name", d.memberName);
    w.key("months").beginArray();
    for (const DownlineSummary &m : d.months) {
        w.beginObject()
            .field("period", m.period.toString())
            .field("personal_volume", m.personalVolume)
            .field("group_volume", m.groupVolume)
            .field("downline_size", m.downlineSize);
        numbers(w, "members_per_level", m.membersPerLevel);
        w.field("new_recruits", m.newRecruits).field("active_members", m.activeMembers).endObject();
    }
    w.endArray();
    numbers(w, "members_per_level", d.membersPerLevel);
    w.key("top_legs").beginArray();
    for (const DownlineLeg &l : d.topLegs) {
        w.beginObject()
            .field("member_id", l.memberId)
            .field("code", l.code)
            .field("name", l.name)
            .field("group_volume", l.groupVolume)
            .field("downline_size", l.downlineSize)
            .endObject();
    }
    w.endArray().key("status_mix").beginArray();
    for (const auto &[status, count] : d.statusMix)
        w.beginObject().field("status", toText(status)).field("members", count).endObject();
    w.endArray().endObject();
}

void read(JsonIn &in, DownlineDashboard &d)
{
    d.memberId = in.number("member_id");
    d.memberCode = in.text("member");
    d.memberName = in.text("member_name");
    for (JsonIn &m : in.objects("months")) {
        DownlineSummary s;
        s.period = m.period("period");
        s.personalVolume = m.number("personal_volume");
        s.groupVolume = m.number("group_volume");
        s.downlineSize = m.number("downline_size");
        s.membersPerLevel = m.numbers("members_per_level");
        s.newRecruits = m.number("new_recruits");
        s.activeMembers = m.number("active_members");
        d.months.append(s);
    }
    d.membersPerLevel = in.numbers("members_per_level");
    for (JsonIn &l : in.objects("top_legs")) {
        DownlineLeg leg;
        leg.memberId = l.number("member_id");
        leg.code = l.text("code", true);
        leg.name = l.text("name");
        leg.groupVolume = l.number("group_volume");
        leg.downlineSize = l.number("downline_size");
        d.topLegs.append(leg);
    }
    for (JsonIn &s : in.objects("status_mix"))
        d.statusMix.append({s.choice("status", memberStatusFromString, MemberStatus::Customer), s.number("members")});
}

// --- long operations ---

void write(JsonWriter &w, const OfficeJobs::Snapshot &job)
{
    w.beginObject()
        .field("id", job.id)
        .field("kind", job.kind)
        .field("state", OfficeJobs::toText(job.state))
        .field("stage", job.stage)
        .field("done", job.done)
        .field("total", job.total);
    if (job.state == OfficeJobs::State::Done)
        w.key("result").raw(job.result);
    if (job.state == OfficeJobs::State::Failed || job.state == OfficeJobs::State::Cancelled) {
        w.key("error").beginObject().field("code", QString::fromLatin1(wireError(job.error.code).code));
        w.field("message", job.error.message).endObject();
    }
    w.endObject();
}

void read(JsonIn &in, OfficeJobs::Snapshot &job)
{
    job.id = in.text("id", true);
    job.kind = in.text("kind");
    job.state = in.choice("state", OfficeJobs::stateFromString, OfficeJobs::State::Failed);
    job.stage = in.text("stage");
    job.done = in.number("done");
    job.total = in.number("total");
    if (in.has("error")) {
        JsonIn e = in.object("error");
        const QString code = e.text("code", true);
        job.error = Error{errorCodeOf(0, code), e.text("message")};
    }
}

// --- errors ---

WireError wireError(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument:
        return {400, "invalid_request"};
    case ErrorCode::NotFound:
        return {404, "not_found"};
    case ErrorCode::AlreadyExists:
        return {409, "already_exists"};
    case ErrorCode::Conflict:
        return {409, "conflict"};
    case ErrorCode::FailedPrecondition:
        return {409, "failed_precondition"};
    case ErrorCode::Unauthenticated:
        return {401, "unauthenticated"};
    case ErrorCode::PermissionDenied:
        return {403, "permission_denied"};
    case ErrorCode::Unavailable:
        return {503, "unavailable"};
    case ErrorCode::Throttled:
        return {429, "too_many_requests"};
    case ErrorCode::Storage:
        break;
    }
    return {500, "internal"};
}

ErrorCode errorCodeOf(int status, QStringView code)
{
    for (const ErrorCode c :
         {ErrorCode::InvalidArgument, ErrorCode::NotFound, ErrorCode::AlreadyExists, ErrorCode::Conflict,
          ErrorCode::FailedPrecondition, ErrorCode::Unauthenticated, ErrorCode::PermissionDenied,
          ErrorCode::Unavailable, ErrorCode::Throttled, ErrorCode::Storage}) {
        if (code == QLatin1StringView(wireError(c).code))
            return c;
    }
    // Codes of other answers (the server's own: too_many_connections, request_timeout, ...) by their status.
    if (status == 401)
        return ErrorCode::Unauthenticated;
    if (status == 403)
        return ErrorCode::PermissionDenied;
    if (status == 404)
        return ErrorCode::NotFound;
    if (status == 408 || status == 503)
        return ErrorCode::Unavailable;
    if (status == 429)
        return ErrorCode::Throttled;
    if (status >= 400 && status < 500)
        return ErrorCode::InvalidArgument;
    return ErrorCode::Storage;
}

// --- queries ---

Result<qint64> queryNumber(const QUrlQuery &query, const QString &name, qint64 fallback, qint64 min, qint64 max)
{
    if (!query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const qint64 n = query.queryItemValue(name).toLongLong(&ok);
    if (!ok || n < min || n > max)
        return badQuery(name, JsonIn::tr("must be a whole number from %1 to %2").arg(min).arg(max));
    return n;
}

QUrlQuery membersQuery(const MemberFilter &filter, const std::optional<MemberPageKey> &after, int limit)
{
    QUrlQuery q;
    if (!filter.text.isEmpty())
        q.addQueryItem(QStringLiteral("text"), QString::fromLatin1(QUrl::toPercentEncoding(filter.text)));
    if (filter.status)
        q.addQueryItem(QStringLiteral("status"), toText(*filter.status));
    q.addQueryItem(QStringLiteral("sort"), toText(filter.sortBy));
    if (filter.descending)
        q.addQueryItem(QStringLiteral("desc"), QStringLiteral("1"));
    if (after) {
        q.addQueryItem(QStringLiteral("after"),
                       QString::fromLatin1(QUrl::toPercentEncoding(after->value.toString())));
        q.addQueryItem(QStringLiteral("after_id"), QString::number(after->id));
    }
    q.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return q;
}

Result<MemberFilter> memberFilterOf(const QUrlQuery &query)
{
    MemberFilter filter;
    auto text = queryText(query, QStringLiteral("text"));
    if (!text)
        return text.error();
    filter.text = text.value();
    if (const QString status = query.queryItemValue(QStringLiteral("status")); !status.isEmpty()) {
        filter.status = memberStatusFromString(status);
        if (!filter.status)
            return badQuery(QStringLiteral("status"), JsonIn::tr("must be a member status"));
    }
    if (const QString sort = query.queryItemValue(QStringLiteral("sort")); !sort.isEmpty()) {
        const auto by = sortByFromString(sort);
        if (!by)
            return badQuery(QStringLiteral("sort"), JsonIn::tr("must be code, name, joined or status"));
        filter.sortBy = *by;
    }
    filter.descending = query.queryItemValue(QStringLiteral("desc")) == u"1";
    return filter;
}

Result<std::optional<MemberPageKey>> memberPageKeyOf(const QUrlQuery &query, MemberFilter::SortBy sortBy)
{
    if (!query.hasQueryItem(QStringLiteral("after_id")))
        return std::optional<MemberPageKey>();
    auto id = queryNumber(query, QStringLiteral("after_id"), 0, 0, std::numeric_limits<qint64>::max());
    if (!id)
        return id.error();
    auto value = queryText(query, QStringLiteral("after"));
    if (!value)
        return value.error();
    MemberPageKey key;
    key.id = id.value();
    if (sortBy == MemberFilter::SortBy::ByJoined) {
        auto joined = queryNumber(query, QStringLiteral("after"), 0, std::numeric_limits<qint64>::min(),
                                  std::numeric_limits<qint64>::max());
        if (!joined)
            return joined.error();
        key.value = joined.value();
    } else {
        key.value = value.value();
    }
    return std::optional<MemberPageKey>(key);
}

void addOrderFilter(QUrlQuery &query, const OrderFilter &filter)
{
    if (filter.storeCode)
        query.addQueryItem(QStringLiteral("store"), QString::fromLatin1(QUrl::toPercentEncoding(*filter.storeCode)));
    if (filter.status)
        query.addQueryItem(QStringLiteral("status"), toText(*filter.status));
    if (filter.memberId != 0)
        query.addQueryItem(QStringLiteral("member_id"), QString::number(filter.memberId));
}

Result<OrderFilter> orderFilterOf(const QUrlQuery &query)
{
    OrderFilter filter;
    if (query.hasQueryItem(QStringLiteral("store"))) {
        auto store = queryText(query, QStringLiteral("store"));
        if (!store)
            return store.error();
        filter.storeCode = store.value();
    }
    if (const QString status = query.queryItemValue(QStringLiteral("status")); !status.isEmpty()) {
        filter.status = orderStatusFromString(status);
        if (!filter.status)
            return badQuery(QStringLiteral("status"), JsonIn::tr("must be an order status"));
    }
    auto member = queryNumber(query, QStringLiteral("member_id"), 0, 0, std::numeric_limits<qint64>::max());
    if (!member)
        return member.error();
    filter.memberId = member.value();
    return filter;
}

void addAuditFilter(QUrlQuery &query, const AuditFilter &filter)
{
    const auto text = [&](const char *name, const QString &value) {
        if (!value.isEmpty())
            query.addQueryItem(QString::fromLatin1(name), QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    text("action", filter.actionPrefix);
    text("actor", filter.actor);
    text("entity", filter.entity);
    for (const auto &[name, n] : {std::pair{"entity_id", filter.entityId}, std::pair{"from", filter.from},
                                  std::pair{"until", filter.until}}) {
        if (n != 0)
            query.addQueryItem(QString::fromLatin1(name), QString::number(n));
    }
}

Result<AuditFilter> auditFilterOf(const QUrlQuery &query)
{
    AuditFilter filter;
    QString *texts[] = {&filter.actionPrefix, &filter.actor, &filter.entity};
    const char *textNames[] = {"action", "actor", "entity"};
    for (int i = 0; i < 3; ++i) {
        auto value = queryText(query, QString::fromLatin1(textNames[i]));
        if (!value)
            return value.error();
        *texts[i] = value.value();
    }
    qint64 *numbers[] = {&filter.entityId, &filter.from, &filter.until};
    const char *numberNames[] = {"entity_id", "from", "until"};
    for (int i = 0; i < 3; ++i) {
        auto value = queryNumber(query, QString::fromLatin1(numberNames[i]), 0, 0, std::numeric_limits<qint64>::max());
        if (!value)
            return value.error();
        *numbers[i] = value.value();
    }
    return filter;
}

} // namespace mlm::officejson
