#include "StoreApi.h"

#include "ApiJson.h"
#include "OfficeApi.h"
#include "auth/ApiKeys.h"
#include "catalog/Catalog.h"
#include "catalog/ReferenceCache.h"
#include "domain/Codes.h"
#include "domain/Contact.h"
#include "domain/Pricing.h"
#include "genealogy/Members.h"
#include "orders/Orders.h"
#include "storage/Database.h"
#include "storage/Migrations.h"
#include "stores/Registrations.h"
#include "stores/Stores.h"

#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcApi, "mlm.api")

namespace mlm {

using api::RequestFields;

namespace {

constexpr int kMaxEmail = 254;

QPair<QByteArray, QByteArray> header(const char *name, const QByteArray &value)
{
    return {QByteArray(name), value};
}

ApiResponse ok(JsonWriter &json, int status = 200)
{
    return {status, json.take(), {}};
}

ApiResponse orderResponse(const Order &order, const QString &currency, int status = 200)
{
    JsonWriter w;
    api::writeOrder(w, order, currency);
    return ok(w, status);
}

Actor actorOf(const ApiKey &key)
{
    return {QStringLiteral("api:store:") + key.storeCode};
}

/// The decoded path segments after /api/v1, or nullopt when the path is not under it or is not valid UTF-8.
std::optional<QStringList> segmentsOf(const QByteArray &path)
{
    if (!path.startsWith(QByteArrayView(StoreApi::kPrefix)))
        return std::nullopt;
    const QByteArray rest = path.mid(StoreApi::kPrefix.size());
    if (!rest.isEmpty() && !rest.startsWith('/'))
        return std::nullopt;
    QStringList segments;
    for (const QByteArray &raw : rest.split('/')) {
        if (raw.isEmpty())
            continue;
        const auto segment = api::decodeUtf8(QByteArray::fromPercentEncoding(raw));
        if (!segment)
            return std::nullopt;
        segments << *segment;
    }
    return segments;
}

bool isJson(const QByteArray &contentType)
{
    const QByteArray mime = contentType.split(';').first().trimmed().toLower();
    return mime == "application/json";
}

/// A store field in a body or query names the store the caller means; it must be the key's own store.
std::optional<ApiResponse> refuseOtherStore(const ApiKey &key, const QString &named)
{
    if (named.isEmpty() || codes::key(named) == codes::key(key.storeCode))
        return std::nullopt;
    return StoreApi::error(
        403, QStringLiteral("permission_denied"),
        StoreApi::tr("this API key acts for store '%1' only, not for '%2'").arg(key.storeCode, named));
}

} // namespace

ApiResponse StoreApi::error(int status, const QString &code, const QString &message)
{
    JsonWriter w;
    w.beginObject().key("error").beginObject().field("code", code).field("message", message).endObject().endObject();
    return {status, w.take(), {}};
}

ApiResponse StoreApi::error(const Error &error, bool referencedInBody)
{
    switch (error.code) {
    case ErrorCode::InvalidArgument:
        return StoreApi::error(400, QStringLiteral("invalid_request"), error.message);
    case ErrorCode::NotFound:
        // A record the body refers to (a sku, a buyer) makes the request invalid; the URL's own record is a 404.
        if (referencedInBody)
            return StoreApi::error(400, QStringLiteral("unknown_reference"), error.message);
        return StoreApi::error(404, QStringLiteral("not_found"), error.message);
    case ErrorCode::AlreadyExists:
    case ErrorCode::Conflict:
        return StoreApi::error(409, QStringLiteral("conflict"), error.message);
    case ErrorCode::FailedPrecondition:
        return StoreApi::error(409, QStringLiteral("failed_precondition"), error.message);
    case ErrorCode::Unauthenticated:
        return StoreApi::error(401, QStringLiteral("unauthenticated"), error.message);
    case ErrorCode::PermissionDenied:
        return StoreApi::error(403, QStringLiteral("permission_denied"), error.message);
    case ErrorCode::Unavailable: {
        qCWarning(lcApi).noquote() << "database unavailable:" << error.message;
        ApiResponse busy =
            StoreApi::error(503, QStringLiteral("unavailable"),
                            tr("the database is unavailable for a moment; try again (an order sent again with the same "
                               "external_id is never made twice)"));
        busy.headers.append(header("Retry-After", QByteArray::number(kRetryAfterSeconds)));
        return busy;
    }
    case ErrorCode::Throttled: {
        ApiResponse refused = StoreApi::error(429, QStringLiteral("too_many_requests"), error.message);
        refused.headers.append(header("Retry-After", QByteArray::number(std::max(1, error.retryAfterSeconds))));
        return refused;
    }
    case ErrorCode::Storage:
        break;
    }
    qCWarning(lcApi) << "storage error:" << error.message;
    return StoreApi::error(500, QStringLiteral("internal"),
                           tr("the database failed; nothing was changed. Try again later"));
}

StoreApi::StoreApi(Database &db)
    : m_db(db), m_cache(std::make_unique<ReferenceCache>()), m_office(std::make_unique<OfficeApi>(db))
{
}

StoreApi::~StoreApi() = default;

ApiResponse StoreApi::handle(const ApiRequest &request)
{
    const auto segments = segmentsOf(request.path);
    if (!segments || segments->isEmpty())
        return error(404, QStringLiteral("not_found"), tr("no such endpoint; the API lives under %1").arg(kPrefix));
    const QStringList &s = *segments;
    // Codes, ids and emails from the URL reach lookups: the same text rules as a body's fields, and never the value
    // in the answer or a log.
    for (const QString &segment : s) {
        if (const auto problem = RequestFields::textProblem(segment))
            return error(400, QStringLiteral("invalid_request"), tr("a segment of the path %1").arg(*problem));
    }
    for (const auto &[name, value] : request.query.queryItems(QUrl::FullyDecoded)) {
        const auto nameProblem = RequestFields::textProblem(name);
        const auto problem = nameProblem ? nameProblem : RequestFields::textProblem(value);
        if (problem)
            return error(400, QStringLiteral("invalid_request"),
                         nameProblem || name.size() > 32 ? tr("a query parameter %1").arg(*problem)
                                                         : tr("the query parameter '%1' %2").arg(name, *problem));
    }

    // People (SPEC 9): sign-in and the office API, with user tokens instead of store keys.
    if (s.first() == u"session" || s.first() == u"office") {
        if (request.method == "POST" && !isJson(request.contentType))
            return error(415, QStringLiteral("unsupported_media_type"),
                         tr("send the body as JSON with the header Content-Type: application/json"));
        if (request.body.size() > kMaxBodyBytes)
            return error(413, QStringLiteral("payload_too_large"),
                         tr("the body has %1 bytes; the limit is %2").arg(request.body.size()).arg(kMaxBodyBytes));
        // The office reads and writes the tables: the cache is the store API's own.
        return m_office->handle(request, s);
    }

    // The route table: which methods each path takes.
    enum class Route
    {
        Health,
        Store,
        Link,
        Registrations,
        Catalog,
        Orders,
        Order,
        OrderStatus
    };
    std::optional<Route> route;
    QByteArray allowed = "GET";
    if (s.size() == 1 && s[0] == u"health")
        route = Route::Health;
    else if (s.size() == 1 && s[0] == u"store")
        route = Route::Store;
    else if (s.size() == 2 && s[0] == u"links")
        route = Route::Link;
    else if (s.size() == 1 && s[0] == u"registrations")
        route = Route::Registrations, allowed = "POST";
    else if (s.size() == 1 && s[0] == u"catalog")
        route = Route::Catalog;
    else if (s.size() == 1 && s[0] == u"orders")
        route = Route::Orders, allowed = "POST";
    else if (s.size() == 2 && s[0] == u"orders")
        route = Route::Order;
    else if (s.size() == 3 && s[0] == u"orders" && s[2] == u"status")
        route = Route::OrderStatus, allowed = "POST";
    if (!route)
        return error(404, QStringLiteral("not_found"), tr("no such endpoint: %1").arg(QString::fromUtf8(request.path)));
    if (request.method != allowed) {
        ApiResponse refused = error(405, QStringLiteral("method_not_allowed"),
                                    tr("%1 is not allowed here; use %2")
                                        .arg(QString::fromLatin1(request.method), QString::fromLatin1(allowed)));
        refused.headers.append(header("Allow", allowed));
        return refused;
    }
    // A connection lost to a database restart is opened again here, before any work (with a backoff while the
    // database stays away: meanwhile 503 at once).
    if (auto connected = m_db.reconnectIfLost(); !connected) {
        if (route == Route::Health)
            return healthAnswer(QStringLiteral("database_unavailable"), -1, 503);
        return error(connected.error());
    }
    if (route == Route::Health)
        return health();
    if (auto fresh = m_cache->refresh(m_db); !fresh)
        return error(fresh.error());

    const QByteArray bearer = "bearer ";
    if (!request.authorization.toLower().startsWith(bearer)) {
        ApiResponse refused = error(401, QStringLiteral("unauthenticated"),
                                    tr("an API key is required: send the header Authorization: Bearer KEY"));
        refused.headers.append(header("WWW-Authenticate", "Bearer"));
        return refused;
    }
    auto key = ApiKeys(m_db, m_cache.get()).authenticate(QString::fromLatin1(request.authorization.mid(bearer.size()).trimmed()));
    if (!key) {
        ApiResponse refused = error(key.error());
        if (refused.status == 401)
            refused.headers.append(header("WWW-Authenticate", "Bearer error=\"invalid_token\""));
        return refused;
    }

    if (request.method == "POST") {
        if (request.body.size() > kMaxBodyBytes)
            return error(413, QStringLiteral("payload_too_large"),
                         tr("the body has %1 bytes; the limit is %2").arg(request.body.size()).arg(kMaxBodyBytes));
        if (!isJson(request.contentType))
            return error(415, QStringLiteral("unsupported_media_type"),
                         tr("send the body as JSON with the header Content-Type: application/json"));
    }

    // Every POST takes a JSON object, which may name the store it means: the key's own store only.
    std::optional<RequestFields> body;
    if (request.method == "POST") {
        auto parsed = RequestFields::parseObject(request.body);
        if (!parsed)
            return error(parsed.error());
        body.emplace(parsed.value());
        auto store = body->text(QLatin1StringView("store"), false, 32);
        if (!store)
            return error(store.error());
        if (auto refused = refuseOtherStore(key.value(), store.value()))
            return *refused;
    }

    switch (*route) {
    case Route::Store:
        return ownStore(key.value());
    case Route::Link:
        return link(key.value(), s[1]);
    case Route::Registrations:
        return registration(key.value(), *body);
    case Route::Catalog:
        return catalog(key.value(), request.query);
    case Route::Orders:
        return submitOrder(key.value(), *body);
    case Route::Order:
        return order(key.value(), s[1]);
    case Route::OrderStatus:
        return orderStatus(key.value(), s[1], *body);
    case Route::Health:
        break;
    }
    return health();
}

ApiResponse StoreApi::health()
{
    // The server started on a migrated database: the table is there, and reading it is cheap on both backends.
    auto version = m_db.scalar(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    if (!version) {
        if (version.error().code == ErrorCode::Unavailable)
            return healthAnswer(QStringLiteral("database_unavailable"), -1, 503);
        return error(version.error());
    }
    const bool current = version->toInt() == Migrations::latestVersion();
    return healthAnswer(current ? QStringLiteral("ok") : QStringLiteral("schema_outdated"), version->toInt(),
                        current ? 200 : 503);
}

ApiResponse StoreApi::healthAnswer(const QString &status, int schemaVersion, int httpStatus)
{
    JsonWriter w;
    w.beginObject().field("status", status);
    if (schemaVersion >= 0)
        w.field("schema_version", schemaVersion);
    w.field("version", QStringLiteral(MLM_VERSION)).endObject();
    ApiResponse answer = ok(w, httpStatus);
    if (httpStatus == 503)
        answer.headers.append(header("Retry-After", QByteArray::number(kRetryAfterSeconds)));
    return answer;
}

ApiResponse StoreApi::ownStore(const ApiKey &key)
{
    auto store = Stores(m_db, m_cache.get()).storeById(key.storeId);
    if (!store)
        return error(store.error());
    auto currency = Catalog(m_db, m_cache.get()).currency();
    if (!currency)
        return error(currency.error());
    // What a plugin needs to act for this store without being configured twice: the scenario decides who registers
    // as what and who is credited, the pinned tier and the currency what the shop shows.
    JsonWriter w;
    w.beginObject()
        .field("code", store->code)
        .field("name", store->name)
        .field("scenario", toText(store->scenario))
        .field("link_template", store->linkTemplate)
        .field("currency", currency.value());
    w.key("pinned_tier");
    if (const QString pinned = Pricing::storePinnedTier(store->scenario, store->pinnedTier); pinned.isEmpty())
        w.null();
    else
        w.value(pinned);
    w.field("has_default_sponsor", store->defaultSponsorId != 0).endObject();
    return ok(w);
}

ApiResponse StoreApi::link(const ApiKey &key, const QString &code)
{
    Stores stores(m_db, m_cache.get());
    auto resolved = stores.resolveLink(code);
    if (!resolved)
        return error(resolved.error());
    if (!resolved.value())
        return error(404, QStringLiteral("not_found"), tr("no active referral link '%1'").arg(code.left(64)));
    const ReferralLink &l = *resolved.value();
    if (l.storeId != key.storeId)
        return error(403, QStringLiteral("permission_denied"),
                     tr("the referral link '%1' belongs to another store").arg(l.code));
    auto owner = Members(m_db).byId(l.memberId);
    if (!owner)
        return error(owner.error());
    auto store = stores.storeById(l.storeId);
    if (!store)
        return error(store.error());
    JsonWriter w;
    w.beginObject().field("code", l.code);
    w.key("owner").beginObject().field("code", owner->code).field("name", owner->name).endObject();
    w.field("store", store->code).field("url", store->linkUrl(l.code)).endObject();
    return ok(w);
}

ApiResponse StoreApi::registration(const ApiKey &key, const RequestFields &f)
{
    auto email = f.text(QLatin1StringView("email"), true, kMaxEmail);
    auto name = f.text(QLatin1StringView("name"), true, Contact::kMaxName);
    auto phone = f.text(QLatin1StringView("phone"), false, Contact::kMaxPhone);
    auto country = f.text(QLatin1StringView("country"), false, Contact::kMaxCountry);
    auto ref = f.text(QLatin1StringView("ref"), false, 32);
    auto as = f.text(QLatin1StringView("member_status"), false, 32);
    auto code = f.text(QLatin1StringView("member_code"), false, 32);
    for (const auto *r : {&email, &name, &phone, &country, &ref, &as, &code}) {
        if (!*r)
            return error(r->error());
    }
    StoreRegistration registration{
        {key.storeCode, email.value(), name.value(), phone.value(), country.value(), ref.value()},
        std::nullopt,
        code.value()};
    if (!as->isEmpty()) {
        registration.memberStatus = memberStatusFromString(as.value());
        if (registration.memberStatus != MemberStatus::Customer &&
            registration.memberStatus != MemberStatus::Distributor)
            return error(f.invalid(QLatin1StringView("member_status"), tr("must be customer or distributor")));
    }
    auto store = Stores(m_db, m_cache.get()).storeById(key.storeId);
    if (!store)
        return error(store.error());
    auto registered = Registrations(m_db, m_cache.get()).registerBuyer(registration, actorOf(key));
    if (!registered)
        return error(registered.error(), true);
    JsonWriter w;
    w.beginObject().field("created", registered->created);
    if (registered->member && !registered->created) {
        // An email that is a member's already. A store learns nothing of a member by email that it has no
        // business with (docs/api.md, "What a store learns"): a distributor-channel store, where every member may
        // shop, gets the code and status it needs to price and order; the other scenarios only that the email is
        // taken.
        if (store->scenario != StoreScenario::DistributorChannel)
            return error(409, QStringLiteral("already_registered"),
                         tr("this email belongs to a member of the network already, who signs in at the back "
                            "office; nothing about the member is told to this store"));
        w.field("type", QStringLiteral("member")).key("member").beginObject();
        w.field("code", registered->member->code).field("status", toText(registered->member->status)).endObject();
    } else if (registered->member) {
        w.field("type", QStringLiteral("member")).key("member");
        api::writeMember(w, *registered->member);
    } else {
        w.field("type", QStringLiteral("customer")).key("customer");
        api::writeCustomer(w, *registered->customer);
    }
    w.endObject();
    return ok(w, registered->created ? 201 : 200);
}

ApiResponse StoreApi::catalog(const ApiKey &key, const QUrlQuery &query)
{
    if (auto refused = refuseOtherStore(key, query.queryItemValue(QStringLiteral("store"), QUrl::FullyDecoded)))
        return *refused;
    const QString memberCode = query.queryItemValue(QStringLiteral("member"), QUrl::FullyDecoded);
    const QString customerEmail = query.queryItemValue(QStringLiteral("customer"), QUrl::FullyDecoded);
    if (!memberCode.isEmpty() && !customerEmail.isEmpty())
        return error(400, QStringLiteral("invalid_request"), tr("ask for one buyer: member or customer, not both"));
    auto store = Stores(m_db, m_cache.get()).storeById(key.storeId);
    if (!store)
        return error(store.error());

    JsonWriter buyer;
    std::optional<MemberStatus> memberStatus;
    if (!memberCode.isEmpty()) {
        auto member = Members(m_db).refByCode(memberCode);
        if (!member)
            return error(member.error());
        memberStatus = member->status;
        buyer.beginObject().field("member", member->code);
        if (store->scenario == StoreScenario::DistributorChannel) // the others have no business with the status
            buyer.field("status", toText(member->status));
        buyer.endObject();
    } else if (!customerEmail.isEmpty()) {
        auto customer = Stores(m_db, m_cache.get()).customer(store->id, customerEmail);
        if (!customer)
            return error(customer.error());
        if (!customer.value())
            return error(404, QStringLiteral("not_found"),
                         tr("no customer '%1' in store '%2'").arg(customerEmail.left(kMaxEmail), store->code));
        buyer.beginObject().field("customer", customer.value()->email).endObject();
    } else {
        buyer.null();
    }
    auto tier = Pricing::buyerTier(memberStatus, Pricing::storePinnedTier(store->scenario, store->pinnedTier));
    if (!tier)
        return error(tier.error());
    Catalog catalog(m_db, m_cache.get());
    auto products = catalog.products(true);
    if (!products)
        return error(products.error());
    auto currency = catalog.currency();
    if (!currency)
        return error(currency.error());

    JsonWriter w;
    w.beginObject().field("store", store->code).field("tier", tier.value()).field("currency", currency.value());
    w.key("buyer").raw(buyer.take());
    w.key("products").beginArray();
    for (const Product &p : products.value()) {
        const auto price = Pricing::priceIn(p.prices, tier.value());
        if (!price)
            continue; // a product without even a retail price cannot be sold
        w.beginObject()
            .field("sku", p.sku)
            .field("name", p.name)
            .field("unit_price", *price)
            .field("retail_price", Pricing::priceIn(p.prices, tiers::retail()).value_or(*price));
        if (memberStatus) // volumes matter to members only
            w.field("pv", p.pv).field("bv", p.bv);
        w.endObject();
    }
    w.endArray().endObject();
    return ok(w);
}

ApiResponse StoreApi::submitOrder(const ApiKey &key, const RequestFields &f)
{
    NewOrder order;
    order.storeCode = key.storeCode;
    auto externalId = f.text(QLatin1StringView("external_id"), true, 128);
    if (!externalId)
        return error(externalId.error());
    order.externalId = externalId.value();

    auto buyerObject = f.object(QLatin1StringView("buyer"));
    if (!buyerObject)
        return error(buyerObject.error());
    const RequestFields buyer(buyerObject.value(), QStringLiteral("buyer"));
    auto member = buyer.text(QLatin1StringView("member"), false, 32);
    auto customer = buyer.text(QLatin1StringView("customer"), false, kMaxEmail);
    if (!member)
        return error(member.error());
    if (!customer)
        return error(customer.error());
    if (member->isEmpty() == customer->isEmpty())
        return error(400, QStringLiteral("invalid_request"),
                     tr("buyer: give exactly one of member (a member code) and customer (an email)"));
    order.buyerMemberCode = member.value();
    order.buyerCustomerEmail = customer.value();

    auto lines = f.array(QLatin1StringView("lines"), 1, 500);
    if (!lines)
        return error(lines.error());
    for (qsizetype i = 0; i < lines->size(); ++i) {
        const QString path = QStringLiteral("lines[%1]").arg(i);
        if (!lines->at(i).isObject())
            return error(400, QStringLiteral("invalid_request"), tr("%1: must be an object").arg(path));
        const RequestFields line(lines->at(i).toObject(), path);
        if (line.has(QLatin1StringView("unit_price")))
            return error(line.invalid(QLatin1StringView("unit_price"),
                                      tr("prices come from the catalog by the buyer's tier; leave it out")));
        auto sku = line.text(QLatin1StringView("sku"), true, 64);
        if (!sku)
            return error(sku.error());
        auto qty = line.integer(QLatin1StringView("qty"), true, 1, Pricing::kMaxQuantity);
        if (!qty)
            return error(qty.error());
        order.lines.append({sku.value(), *qty.value(), std::nullopt});
    }

    auto status = f.text(QLatin1StringView("status"), false, 32);
    if (!status)
        return error(status.error());
    if (status->isEmpty() || status.value() == u"pending")
        order.status = OrderStatus::Pending;
    else if (status.value() == u"paid")
        order.status = OrderStatus::Paid;
    else
        return error(f.invalid(QLatin1StringView("status"), tr("a new order is pending or paid")));
    auto paidAt = f.timestamp(QLatin1StringView("paid_at"));
    if (!paidAt)
        return error(paidAt.error());
    if (paidAt.value() && order.status != OrderStatus::Paid)
        return error(f.invalid(QLatin1StringView("paid_at"), tr("only a paid order has a payment time")));
    order.paidAt = paidAt.value();

    auto submitted = Orders(m_db, m_cache.get()).submit(order, actorOf(key));
    if (!submitted)
        return error(submitted.error(), true);
    auto currency = Catalog(m_db, m_cache.get()).currency();
    if (!currency)
        return error(currency.error());
    ApiResponse response = orderResponse(submitted->order, currency.value(), submitted->created ? 201 : 200);
    response.headers.append(header("Location", QByteArray(kPrefix.data(), kPrefix.size()) + "/orders/" +
                                                   QUrl::toPercentEncoding(submitted->order.externalId)));
    return response;
}

ApiResponse StoreApi::order(const ApiKey &key, const QString &externalId)
{
    auto found = Orders(m_db, m_cache.get()).find(key.storeCode, externalId);
    if (!found)
        return error(found.error());
    auto currency = Catalog(m_db, m_cache.get()).currency();
    if (!currency)
        return error(currency.error());
    return orderResponse(found.value(), currency.value());
}

ApiResponse StoreApi::orderStatus(const ApiKey &key, const QString &externalId, const RequestFields &f)
{
    auto status = f.text(QLatin1StringView("status"), true, 32);
    if (!status)
        return error(status.error());
    const auto to = orderStatusFromString(status.value());
    if (!to || to == OrderStatus::Pending)
        return error(f.invalid(QLatin1StringView("status"), tr("must be paid, cancelled or refunded")));
    auto at = f.timestamp(QLatin1StringView("at"));
    if (!at)
        return error(at.error());
    auto changed = Orders(m_db, m_cache.get()).changeStatus(key.storeCode, externalId, *to, at->value_or(nowUtc()), actorOf(key));
    if (!changed)
        return error(changed.error());
    auto currency = Catalog(m_db, m_cache.get()).currency();
    if (!currency)
        return error(currency.error());
    return orderResponse(changed.value(), currency.value());
}

} // namespace mlm
