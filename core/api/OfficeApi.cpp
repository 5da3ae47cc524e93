#include "OfficeApi.h"

#include "ApiJson.h"
#include "OfficeJson.h"
#include "auth/UserSessions.h"
#include "domain/JsonWriter.h"
#include "domain/UtcTime.h"
#include "office/Session.h"

#include <functional>
#include <limits>

namespace mlm {

using namespace officejson;

namespace {

const QByteArray kBearer = "bearer ";
constexpr qint64 kMaxId = std::numeric_limits<qint64>::max();

QString bearerOf(const ApiRequest &request)
{
    if (!request.authorization.toLower().startsWith(kBearer))
        return {};
    return QString::fromLatin1(request.authorization.mid(kBearer.size()).trimmed());
}

ApiResponse answer(QByteArray body, int status = 200)
{
    return {status, std::move(body), {}};
}

/// A core error as the office API answers it: the table of officejson::wireError, so that a RemoteOffice gets the
/// same ErrorCode back; the store API's answers where it adds headers or hides details (503, 429, 500).
ApiResponse refusedBy(const Error &error)
{
    switch (error.code) {
    case ErrorCode::Unavailable:
    case ErrorCode::Throttled:
    case ErrorCode::Storage:
        return StoreApi::error(error);
    default:
        break;
    }
    const WireError wire = wireError(error.code);
    ApiResponse refused = StoreApi::error(wire.status, QString::fromLatin1(wire.code), error.message);
    if (wire.status == 401)
        refused.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer")));
    return refused;
}

ApiResponse methodNotAllowed(const ApiRequest &request, const QByteArray &allowed)
{
    ApiResponse refused = StoreApi::error(405, QStringLiteral("method_not_allowed"),
                                          OfficeApi::tr("%1 is not allowed here; use %2")
                                              .arg(QString::fromLatin1(request.method), QString::fromLatin1(allowed)));
    refused.headers.append(qMakePair(QByteArray("Allow"), allowed));
    return refused;
}

ApiResponse issued(const IssuedSession &s, int status)
{
    JsonWriter w;
    w.beginObject().field("token", s.token).field("expires_at", formatIsoTimestamp(s.expiresAt)).key("user");
    officejson::write(w, s.user);
    w.endObject();
    return answer(w.take(), status);
}

Result<JsonIn> bodyOf(const ApiRequest &request)
{
    auto in = JsonIn::parse(request.body);
    if (!in)
        return makeError(ErrorCode::InvalidArgument,
                         JsonIn::tr("the body is not a JSON object: %1").arg(in.error().message));
    return in;
}

template <typename T> ApiResponse one(const Result<T> &value, int status = 200)
{
    if (!value)
        return refusedBy(value.error());
    return answer(officejson::one(value.value()), status);
}

template <typename T> ApiResponse list(const char *name, const Result<QList<T>> &values)
{
    if (!values)
        return refusedBy(values.error());
    return answer(officejson::list(name, values.value()));
}

/// A job's value as office JSON, or its refusal.
template <typename T> Result<QByteArray> json(const Result<T> &value)
{
    if (!value)
        return value.error();
    return officejson::one(value.value());
}

ApiResponse number(const char *name, const Result<qint64> &n)
{
    if (!n)
        return refusedBy(n.error());
    JsonWriter w;
    w.beginObject().field(name, n.value()).endObject();
    return answer(w.take());
}

/// A CSV file as {"csv": "..."}.
ApiResponse csv(const Result<QByteArray> &file)
{
    if (!file)
        return refusedBy(file.error());
    JsonWriter w;
    w.beginObject().field("csv", QString::fromUtf8(file.value())).endObject();
    return answer(w.take());
}

ApiResponse done(const Status &status)
{
    if (!status)
        return refusedBy(status.error());
    JsonWriter w;
    w.beginObject().field("done", true).endObject();
    return answer(w.take());
}

/// One call of the office API: the user's Session, the request and the path's variable segments.
struct Call
{
    Session &session;
    const ApiRequest &request;
    QStringList args;

    QString query(const char *name) const
    {
        return request.query.queryItemValue(QString::fromLatin1(name), QUrl::FullyDecoded);
    }
    Result<qint64> queryNumber(const char *name, qint64 fallback, qint64 min, qint64 max) const
    {
        return officejson::queryNumber(request.query, QString::fromLatin1(name), fallback, min, max);
    }
    /// The request's body read by `read`, or the first problem with it.
    template <typename T> Result<T> body() const
    {
        auto in = bodyOf(request);
        if (!in)
            return in.error();
        return readOne<T>(in.value());
    }
    Result<Period> period(int arg) const
    {
        if (const auto p = Period::parse(args.at(arg)))
            return *p;
        return makeError(ErrorCode::InvalidArgument, OfficeApi::tr("'%1' is not a period YYYY-MM").arg(args.at(arg).left(16)));
    }
    Result<Id> orderId(int arg) const
    {
        bool ok = false;
        const Id id = args.at(arg).toLongLong(&ok);
        if (!ok || id <= 0)
            return makeError(ErrorCode::NotFound, OfficeApi::tr("no order %1").arg(args.at(arg).left(32)));
        return id;
    }
};

/// The member after a change of it: SPEC 9's answer to a status change, and the same for the other changes.
ApiResponse memberAfter(Call &c, const Status &changed)
{
    if (!changed)
        return refusedBy(changed.error());
    return one(c.session.member(c.args.at(0)));
}

/// The request bodies that are not a value of their own.
struct StatusBody
{
    MemberStatus status = MemberStatus::Customer;
    QString reason;
};
void read(JsonIn &in, StatusBody &b)
{
    b.status = in.choice("status", memberStatusFromString, MemberStatus::Customer);
    b.reason = in.text("reason", true);
}

struct OrderStatusBody
{
    OrderStatus status = OrderStatus::Pending;
    std::optional<Timestamp> at;
};
void read(JsonIn &in, OrderStatusBody &b)
{
    b.status = in.choice("status", orderStatusFromString, OrderStatus::Pending);
    b.at = in.optionalTime("at");
}

struct OrderEntryBody
{
    QString member;
    QList<OrderLineRequest> lines;
    OrderStatus status = OrderStatus::Pending;
};
void read(JsonIn &in, OrderEntryBody &b)
{
    b.member = in.text("member", true);
    for (JsonIn &l : in.objects("lines")) {
        OrderLineRequest line;
        officejson::read(l, line);
        b.lines.append(line);
    }
    b.status = in.has("status") ? in.choice("status", orderStatusFromString, OrderStatus::Pending) : OrderStatus::Pending;
}

struct Fields
{
    JsonIn in;
};
void read(JsonIn &in, Fields &f)
{
    f.in = in;
}

using Handler = std::function<ApiResponse(Call &)>;

struct Route
{
    QByteArray method;
    QStringList pattern; ///< below office/; "*" matches any one segment
    Handler handle;
};

QList<Route> makeRoutes()
{
    const auto P = [](const char *path) { return QString::fromLatin1(path).split(u'/'); };
    QList<Route> r;
    const auto add = [&](const char *method, const char *path, Handler h) { r.append({method, P(path), std::move(h)}); };

    add("GET", "me", [](Call &c) { return answer(officejson::one(c.session.user())); });

    // The network and its members.
    add("GET", "network", [](Call &c) { return list("members", c.session.treeRoots()); });
    add("GET", "search", [](Call &c) {
        auto limit = c.queryNumber("limit", 50, 1, 1000);
        if (!limit)
            return refusedBy(limit.error());
        return list("members", c.session.search(c.query("q"), int(limit.value())));
    });
    add("GET", "members", [](Call &c) {
        auto filter = memberFilterOf(c.request.query);
        if (!filter)
            return refusedBy(filter.error());
        auto after = memberPageKeyOf(c.request.query, filter->sortBy);
        if (!after)
            return refusedBy(after.error());
        auto limit = c.queryNumber("limit", 100, 1, 1000);
        if (!limit)
            return refusedBy(limit.error());
        return list("members", c.session.membersPage(filter.value(), after.value(), int(limit.value())));
    });
    add("GET", "counts/members", [](Call &c) {
        auto filter = memberFilterOf(c.request.query);
        if (!filter)
            return refusedBy(filter.error());
        return number("count", c.session.membersCount(filter.value()));
    });
    add("GET", "members/*", [](Call &c) { return one(c.session.member(c.args[0])); });
    add("GET", "members/*/children", [](Call &c) { return list("members", c.session.children(c.args[0])); });
    add("GET", "members/*/path", [](Call &c) { return list("members", c.session.pathTo(c.args[0])); });
    add("GET", "members/*/history", [](Call &c) { return list("changes", c.session.statusHistory(c.args[0])); });
    add("POST", "downline-sizes", [](Call &c) {
        auto b = c.body<Fields>();
        if (!b)
            return refusedBy(b.error());
        const QStringList codes = b->in.texts("codes");
        if (!b->in.ok())
            return refusedBy(*b->in.error());
        auto sizes = c.session.downlineSizes(codes);
        if (!sizes)
            return refusedBy(sizes.error());
        JsonWriter w;
        w.beginObject().key("sizes").beginArray();
        for (const qint64 n : sizes.value())
            w.value(n);
        w.endArray().endObject();
        return answer(w.take());
    });
    add("GET", "members/*/prices", [](Call &c) { return one(c.session.priceList(c.args[0])); });
    add("POST", "members/*/status", [](Call &c) {
        auto b = c.body<StatusBody>();
        if (!b)
            return refusedBy(b.error());
        return memberAfter(c, c.session.changeStatus(c.args[0], b->status, b->reason));
    });
    add("POST", "members/*/move", [](Call &c) {
        auto b = c.body<Fields>();
        if (!b)
            return refusedBy(b.error());
        const QString sponsor = b->in.text("sponsor", true);
        if (!b->in.ok())
            return refusedBy(*b->in.error());
        return memberAfter(c, c.session.move(c.args[0], sponsor));
    });
    add("POST", "members/*/contact", [](Call &c) {
        auto b = c.body<Fields>();
        if (!b)
            return refusedBy(b.error());
        // Fields left out stay as they are (then the member is read first); all four: the change alone.
        const char *names[4] = {"name", "email", "phone", "country"};
        QString values[4];
        if (!std::all_of(std::begin(names), std::end(names), [&](const char *n) { return b->in.has(n); })) {
            auto current = c.session.member(c.args[0]);
            if (!current)
                return refusedBy(current.error());
            values[0] = current->name;
            values[1] = current->email;
            values[2] = current->phone;
            values[3] = current->country;
        }
        for (int i = 0; i < 4; ++i) {
            if (b->in.has(names[i]))
                values[i] = b->in.text(names[i]);
        }
        if (!b->in.ok())
            return refusedBy(*b->in.error());
        return memberAfter(c, c.session.updateContact(c.args[0], values[0], values[1], values[2], values[3]));
    });

    // Referral links, stores, customers.
    add("GET", "links", [](Call &c) { return list("links", c.session.links(c.query("member"))); });
    add("POST", "links", [](Call &c) {
        auto b = c.body<Fields>();
        if (!b)
            return refusedBy(b.error());
        const QString member = b->in.text("member", true);
        const QString store = b->in.text("store", true);
        const QString code = b->in.text("code");
        if (!b->in.ok())
            return refusedBy(*b->in.error());
        return one(c.session.createLink(member, store, code), 201);
    });
    add("POST", "links/*/deactivate", [](Call &c) { return done(c.session.deactivateLink(c.args[0])); });
    add("GET", "stores", [](Call &c) { return list("stores", c.session.stores()); });
    add("POST", "stores", [](Call &c) {
        auto store = c.body<Store>();
        if (!store)
            return refusedBy(store.error());
        return one(c.session.createStore(store.value()), 201);
    });
    add("PUT", "stores/*", [](Call &c) {
        auto store = c.body<Store>();
        if (!store)
            return refusedBy(store.error());
        store->code = c.args[0];
        return one(c.session.updateStore(store.value()));
    });
    add("GET", "customers", [](Call &c) {
        auto limit = c.queryNumber("limit", 100, 1, 1000);
        if (!limit)
            return refusedBy(limit.error());
        return list("customers", c.session.customers(c.query("store"), c.query("search"), int(limit.value())));
    });
    add("GET", "keys", [](Call &c) { return list("keys", c.session.apiKeys(c.query("store"))); });
    add("POST", "keys", [](Call &c) {
        auto b = c.body<Fields>();
        if (!b)
            return refusedBy(b.error());
        const QString store = b->in.text("store", true);
        const QString label = b->in.text("label");
        if (!b->in.ok())
            return refusedBy(*b->in.error());
        return one(c.session.createApiKey(store, label), 201);
    });
    add("POST", "keys/*/revoke", [](Call &c) { return done(c.session.revokeApiKey(c.args[0])); });

    // Orders.
    const auto filterOf = [](Call &c) -> Result<OrderFilter> {
        auto filter = orderFilterOf(c.request.query);
        if (!filter)
            return filter;
        // ?member=CODE as well as member_id: the code is what a person types.
        if (const QString code = c.query("member"); !code.isEmpty()) {
            auto member = c.session.member(code);
            if (!member)
                return member.error();
            filter->memberId = member->id;
        }
        return filter;
    };
    add("GET", "orders", [filterOf](Call &c) {
        auto filter = filterOf(c);
        auto before = c.queryNumber("before", 0, 0, kMaxId);
        auto limit = c.queryNumber("limit", 100, 1, 1000);
        if (!filter)
            return refusedBy(filter.error());
        for (const auto *n : {&before, &limit}) {
            if (!*n)
                return refusedBy(n->error());
        }
        return list("orders", c.session.ordersPage(filter.value(), before.value(), int(limit.value())));
    });
    add("GET", "counts/orders", [filterOf](Call &c) {
        auto filter = filterOf(c);
        auto newer = c.queryNumber("newer_than", 0, 0, kMaxId);
        if (!filter)
            return refusedBy(filter.error());
        if (!newer)
            return refusedBy(newer.error());
        return number("count", c.session.ordersCount(filter.value(), newer.value()));
    });
    add("GET", "orders/position", [filterOf](Call &c) {
        auto filter = filterOf(c);
        auto from = c.queryNumber("from", 0, 0, kMaxId);
        auto offset = c.queryNumber("offset", 0, 0, kMaxId);
        if (!filter)
            return refusedBy(filter.error());
        for (const auto *n : {&from, &offset}) {
            if (!*n)
                return refusedBy(n->error());
        }
        return number("id", c.session.orderIdAt(filter.value(), from.value(), c.query("older") == u"1",
                                                offset.value()));
    });
    add("GET", "orders/*", [](Call &c) {
        auto id = c.orderId(0);
        if (!id)
            return refusedBy(id.error());
        return one(c.session.order(id.value()));
    });
    add("POST", "orders/*/status", [](Call &c) {
        auto id = c.orderId(0);
        if (!id)
            return refusedBy(id.error());
        auto b = c.body<OrderStatusBody>();
        if (!b)
            return refusedBy(b.error());
        return one(c.session.changeOrderStatus(id.value(), b->status, b->at.value_or(nowUtc())));
    });
    add("POST", "orders", [](Call &c) {
        auto b = c.body<OrderEntryBody>();
        if (!b)
            return refusedBy(b.error());
        auto entered = c.session.enterOrder(b->member, b->lines, b->status);
        return one(entered, entered && entered->created ? 201 : 200);
    });

    // Users and the audit log.
    add("GET", "users", [](Call &c) { return list("users", c.session.users()); });
    add("POST", "users", [](Call &c) {
        auto user = c.body<NewUser>();
        if (!user)
            return refusedBy(user.error());
        return one(c.session.addUser(user.value()), 201);
    });
    add("POST", "users/*/active", [](Call &c) {
        auto b = c.body<Fields>();
        if (!b)
            return refusedBy(b.error());
        if (!b->in.has("active"))
            b->in.fail("active", JsonIn::tr("is required"));
        const bool active = b->in.flag("active");
        if (!b->in.ok())
            return refusedBy(*b->in.error());
        return done(c.session.setUserActive(c.args[0], active));
    });
    add("POST", "users/*/password", [](Call &c) {
        auto b = c.body<Fields>();
        if (!b)
            return refusedBy(b.error());
        const QString password = b->in.text("password", true);
        if (!b->in.ok())
            return refusedBy(*b->in.error());
        return done(c.session.resetPassword(c.args[0], password));
    });
    add("POST", "users/*/role", [](Call &c) {
        auto b = c.body<Fields>();
        if (!b)
            return refusedBy(b.error());
        const Role role = b->in.choice("role", roleFromString, Role::Support);
        const QString member = b->in.text("member");
        if (!b->in.ok())
            return refusedBy(*b->in.error());
        return done(c.session.setUserRole(c.args[0], role, member));
    });
    add("GET", "audit", [](Call &c) {
        auto filter = auditFilterOf(c.request.query);
        auto before = c.queryNumber("before", 0, 0, kMaxId);
        auto limit = c.queryNumber("limit", 200, 1, 1000);
        if (!filter)
            return refusedBy(filter.error());
        for (const auto *n : {&before, &limit}) {
            if (!*n)
                return refusedBy(n->error());
        }
        return list("entries", c.session.auditPage(filter.value(), before.value(), int(limit.value())));
    });

    // The catalog.
    add("GET", "catalog", [](Call &c) { return one(c.session.catalog()); });
    add("POST", "catalog/tiers", [](Call &c) {
        auto tier = c.body<PriceTier>();
        if (!tier)
            return refusedBy(tier.error());
        return one(c.session.addTier(tier->code, tier->name), 201);
    });
    add("POST", "catalog/products", [](Call &c) {
        auto product = c.body<Product>();
        if (!product)
            return refusedBy(product.error());
        return one(c.session.addProduct(product.value()), 201);
    });
    add("PUT", "catalog/products/*", [](Call &c) {
        auto product = c.body<Product>();
        if (!product)
            return refusedBy(product.error());
        product->sku = c.args[0];
        return done(c.session.updateProduct(product.value()));
    });
    add("POST", "catalog/prices", [](Call &c) {
        auto b = c.body<Fields>();
        if (!b)
            return refusedBy(b.error());
        auto edits = readList<PriceEdit>(b->in, "prices");
        if (!edits)
            return refusedBy(edits.error());
        return done(c.session.setPrices(edits.value()));
    });
    add("GET", "catalog/prices-csv", [](Call &c) { return csv(c.session.priceListCsv()); });
    add("POST", "catalog/prices-csv", [](Call &c) {
        auto b = c.body<Fields>();
        if (!b)
            return refusedBy(b.error());
        const QString csv = b->in.text("csv", true);
        if (!b->in.ok())
            return refusedBy(*b->in.error());
        auto set = c.session.importPriceList(csv.toUtf8());
        return number("set", set ? Result<qint64>(qint64(set.value())) : Result<qint64>(set.error()));
    });

    // The plan and commissions.
    add("GET", "plan", [](Call &c) { return one(c.session.plan()); });
    add("PUT", "plan", [](Call &c) {
        auto plan = c.body<CompensationPlan>();
        if (!plan)
            return refusedBy(plan.error());
        return done(c.session.savePlan(plan.value()));
    });
    add("POST", "plan/preview", [](Call &c) {
        auto b = c.body<Fields>();
        if (!b)
            return refusedBy(b.error());
        JsonIn planIn = b->in.object("plan");
        CompensationPlan plan;
        officejson::read(planIn, plan);
        const Period period = b->in.period("period");
        if (!b->in.ok())
            return refusedBy(*b->in.error());
        return one(c.session.previewPlan(plan, period));
    });
    add("GET", "commissions", [](Call &c) { return list("periods", c.session.runPeriods()); });
    add("GET", "commissions/*", [](Call &c) {
        auto period = c.period(0);
        if (!period)
            return refusedBy(period.error());
        return one(c.session.closedRun(period.value()));
    });
    add("POST", "commissions/*/preview", [](Call &c) {
        auto period = c.period(0);
        if (!period)
            return refusedBy(period.error());
        return one(c.session.previewRun(period.value()));
    });
    add("POST", "commissions/*/close", [](Call &c) {
        auto period = c.period(0);
        if (!period)
            return refusedBy(period.error());
        return one(c.session.closeRun(period.value()));
    });
    add("GET", "commissions/*/payout", [](Call &c) {
        auto period = c.period(0);
        if (!period)
            return refusedBy(period.error());
        return csv(c.session.payoutCsv(period.value()));
    });
    add("GET", "runs/*/members", [](Call &c) {
        // Numbers only here: the page's bounds are the Session's to check, as they are on a desktop's own database.
        auto offset = c.queryNumber("offset", 0, std::numeric_limits<qint64>::min(), kMaxId);
        auto limit = c.queryNumber("limit", 1000, std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
        for (const auto *n : {&offset, &limit}) {
            if (!*n)
                return refusedBy(n->error());
        }
        return list("members", c.session.runMembers(c.args[0], offset.value(), int(limit.value())));
    });
    add("GET", "commissions/*/statements/*", [](Call &c) {
        auto period = c.period(0);
        if (!period)
            return refusedBy(period.error());
        // Without offset and limit, every line (SPEC 9); the desktop asks for a page at a time.
        auto offset = c.queryNumber("offset", 0, std::numeric_limits<qint64>::min(), kMaxId);
        auto limit = c.queryNumber("limit", -1, std::numeric_limits<qint64>::min(), kMaxId);
        for (const auto *n : {&offset, &limit}) {
            if (!*n)
                return refusedBy(n->error());
        }
        return one(c.session.statement(period.value(), c.args[1], offset.value(), limit.value()));
    });
    add("GET", "dashboards/*", [](Call &c) {
        auto period = c.period(0);
        if (!period)
            return refusedBy(period.error());
        return one(c.session.dashboard(c.query("member"), period.value()));
    });
    // Long operations as jobs: started here, then asked after and cancelled (OfficeJobs).
    add("POST", "jobs", [](Call &c) {
        auto b = c.body<Fields>();
        if (!b)
            return refusedBy(b.error());
        JsonIn &in = b->in;
        const QString kind = in.text("kind", true);
        const Period period = in.period("period");
        OfficeJobs::Work work;
        if (kind == u"preview") {
            work = [period](Office &o, const Office::Progress &p) { return json(o.previewRun(period, p)); };
        } else if (kind == u"close") {
            work = [period](Office &o, const Office::Progress &p) { return json(o.closeRun(period, p)); };
        } else if (kind == u"plan_preview") {
            JsonIn planIn = in.object("plan");
            CompensationPlan plan;
            officejson::read(planIn, plan);
            work = [period, plan](Office &o, const Office::Progress &p) { return json(o.previewPlan(plan, period, p)); };
        } else if (kind == u"dashboard") {
            const QString member = in.text("member");
            work = [period, member](Office &o, const Office::Progress &p) {
                return json(o.dashboard(member, period, p));
            };
        } else if (!kind.isEmpty()) {
            in.fail("kind", OfficeApi::tr("must be preview, close, plan_preview or dashboard"));
        }
        if (!in.ok())
            return refusedBy(*in.error());
        auto job = OfficeJobs::instance().start(c.session.database().url(), c.session.user(), kind, std::move(work));
        return one(job, 202);
    });
    add("GET", "jobs/*", [](Call &c) { return one(OfficeJobs::instance().get(c.args[0], c.session.user().username)); });
    add("DELETE", "jobs/*",
        [](Call &c) { return one(OfficeJobs::instance().cancel(c.args[0], c.session.user().username)); });
    return r;
}

const QList<Route> &routes()
{
    static const QList<Route> table = makeRoutes();
    return table;
}

/// The variable segments of `path` if it has the route's shape.
std::optional<QStringList> match(const Route &route, const QStringList &path)
{
    if (route.pattern.size() != path.size())
        return std::nullopt;
    QStringList args;
    for (qsizetype i = 0; i < path.size(); ++i) {
        if (route.pattern[i] == u"*")
            args.append(path[i]);
        else if (route.pattern[i] != path[i])
            return std::nullopt;
    }
    return args;
}

} // namespace

Result<User> OfficeApi::signedIn(const ApiRequest &request)
{
    const QString bearer = bearerOf(request);
    if (bearer.isEmpty())
        return makeError(ErrorCode::Unauthenticated, tr("sign in first: send Authorization: Bearer TOKEN"));
    if (!UserSessions::isToken(bearer))
        return makeError(ErrorCode::Unauthenticated,
                         tr("this is not a user's session token (a store's API key is not one): sign in"));
    return UserSessions(m_db).authenticate(bearer, nowUtc());
}

ApiResponse OfficeApi::handle(const ApiRequest &request, const QStringList &s)
{
    if (s.first() == u"session")
        return session(request, s);
    auto user = signedIn(request);
    if (!user)
        return refusedBy(user.error());
    Session session(m_db, user.value());
    return office(session, request, s);
}

ApiResponse OfficeApi::session(const ApiRequest &request, const QStringList &s)
{
    // POST /session: sign in; DELETE /session: sign out; POST /session/password: one's own password.
    if (s.size() == 1 && request.method == "POST") {
        auto f = bodyOf(request);
        if (!f)
            return StoreApi::error(f.error());
        const QString username = f->text("username", true);
        const QString password = f->text("password", true);
        if (!f->ok())
            return StoreApi::error(*f->error());
        auto opened = UserSessions(m_db).signIn(username, password, request.client, nowUtc());
        if (!opened)
            return refusedBy(opened.error());
        return issued(opened.value(), 201);
    }
    if (s.size() == 1 && request.method == "DELETE") {
        auto user = signedIn(request);
        if (!user)
            return refusedBy(user.error());
        if (auto ended = UserSessions(m_db).signOut(bearerOf(request), Actor{QStringLiteral("user:") + user->username});
            !ended)
            return refusedBy(ended.error());
        JsonWriter w;
        w.beginObject().field("signed_out", true).endObject();
        return answer(w.take());
    }
    if (s.size() == 1)
        return methodNotAllowed(request, "POST, DELETE");
    if (s.size() == 2 && s[1] == u"password") {
        if (request.method != "POST")
            return methodNotAllowed(request, "POST");
        auto user = signedIn(request);
        if (!user)
            return refusedBy(user.error());
        auto f = bodyOf(request);
        if (!f)
            return StoreApi::error(f.error());
        const QString oldPassword = f->text("old_password", true);
        const QString newPassword = f->text("new_password", true);
        if (!f->ok())
            return StoreApi::error(*f->error());
        auto changed =
            UserSessions(m_db).changePassword(user.value(), oldPassword, newPassword, request.client, nowUtc());
        if (!changed)
            return refusedBy(changed.error());
        return issued(changed.value(), 200);
    }
    return StoreApi::error(404, QStringLiteral("not_found"), tr("no such endpoint"));
}

ApiResponse OfficeApi::office(Session &session, const ApiRequest &request, const QStringList &s)
{
    const QStringList path = s.mid(1);
    QByteArrayList allowed;
    for (const Route &route : routes()) {
        auto args = match(route, path);
        if (!args)
            continue;
        if (route.method != request.method) {
            allowed.append(route.method);
            continue;
        }
        Call call{session, request, std::move(*args)};
        return route.handle(call);
    }
    if (!allowed.isEmpty())
        return methodNotAllowed(request, allowed.join(", "));
    return StoreApi::error(404, QStringLiteral("not_found"),
                           tr("no such endpoint under %1/office").arg(StoreApi::kPrefix));
}

} // namespace mlm
