#include "RemoteOffice.h"

#include "api/ApiJson.h"
#include "api/OfficeJson.h"

#include <QMutex>
#include <QThread>

namespace mlm {

using namespace officejson;

struct RemoteOffice::SharedToken
{
    QByteArray get()
    {
        QMutexLocker lock(&mutex);
        return value;
    }
    void set(QByteArray token)
    {
        QMutexLocker lock(&mutex);
        value = std::move(token);
    }
    QMutex mutex;
    QByteArray value;
};

namespace {

const QString kPrefix = QStringLiteral("/api/v1");

QString segment(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

/// An answer's JSON object, or why it is none.
Result<JsonIn> jsonOf(const ServerReply &reply)
{
    auto in = JsonIn::parse(reply.body);
    if (!in)
        return makeError(ErrorCode::Unavailable,
                         RemoteOffice::tr("the server's answer (HTTP %1) is not the office API's JSON: is this the "
                                          "company's mlm-server?")
                             .arg(reply.status));
    return in;
}

/// The error an answer of status 400 or more carries, with the ErrorCode the server's Session had.
Error errorOf(const ServerReply &reply)
{
    QString code, message;
    if (auto in = JsonIn::parse(reply.body)) {
        JsonIn error = in->object("error");
        code = error.text("code");
        message = error.text("message");
    }
    if (message.isEmpty())
        message = RemoteOffice::tr("the server refused the request (HTTP %1)").arg(reply.status);
    Error e{errorCodeOf(reply.status, code), message};
    if (e.code == ErrorCode::Throttled)
        e.retryAfterSeconds = reply.headers.value("retry-after").toInt();
    return e;
}

QByteArray body(const std::function<void(JsonWriter &)> &fields)
{
    JsonWriter w;
    w.beginObject();
    fields(w);
    w.endObject();
    return w.take();
}

} // namespace

RemoteOffice::RemoteOffice(ServerAddress server, User user, std::shared_ptr<SharedToken> token, Timestamp expiresAt)
    : Office(std::move(user)), m_connection(std::make_unique<ServerConnection>(std::move(server))),
      m_token(std::move(token)), m_expiresAt(expiresAt)
{
}

RemoteOffice::~RemoteOffice() = default;

Result<std::unique_ptr<RemoteOffice>> RemoteOffice::signIn(const ServerAddress &server, const QString &username,
                                                           const QString &password)
{
    ServerConnection connection(server);
    auto reply = connection.send("POST", (kPrefix + QStringLiteral("/session")).toLatin1(),
                                 body([&](JsonWriter &w) { w.field("username", username).field("password", password); }),
                                 {});
    if (!reply)
        return reply.error();
    if (reply->status >= 400)
        return errorOf(reply.value());
    auto in = jsonOf(reply.value());
    if (!in)
        return in.error();
    const QString token = in->text("token", true);
    const Timestamp expires = in->time("expires_at");
    JsonIn userIn = in->object("user");
    User user;
    read(userIn, user);
    if (!in->ok())
        return in->error()->prefixed(tr("the server's answer to the sign-in"));
    auto shared = std::make_shared<SharedToken>();
    shared->set(token.toLatin1());
    return std::unique_ptr<RemoteOffice>(new RemoteOffice(server, user, std::move(shared), expires));
}

Status RemoteOffice::renew(const QString &password)
{
    auto again = signIn(server(), m_user.username, password);
    if (!again)
        return again.error();
    if (again.value()->user().username != m_user.username || again.value()->user().role != m_user.role)
        return makeError(ErrorCode::PermissionDenied,
                         tr("the server now knows %1 with another role: open the window again").arg(m_user.username));
    m_token->set(again.value()->m_token->get());
    m_expiresAt = again.value()->m_expiresAt;
    return {};
}

std::unique_ptr<RemoteOffice> RemoteOffice::another() const
{
    return std::unique_ptr<RemoteOffice>(new RemoteOffice(server(), m_user, m_token, m_expiresAt));
}

Result<JsonIn> RemoteOffice::call(const QByteArray &method, const QString &path, const QUrlQuery &query,
                                  const QByteArray &requestBody)
{
    QString target = kPrefix + path;
    if (!query.isEmpty())
        target += u'?' + query.toString(QUrl::FullyEncoded);
    auto reply = m_connection->send(method, target.toLatin1(), requestBody, m_token->get());
    if (!reply)
        return reply.error();
    if (reply->status >= 400)
        return errorOf(reply.value());
    return jsonOf(reply.value());
}

template <typename T>
Result<T> RemoteOffice::one(const QByteArray &method, const QString &path, const QUrlQuery &query,
                            const QByteArray &requestBody)
{
    auto in = call(method, path, query, requestBody);
    if (!in)
        return in.error();
    return readOne<T>(in.value());
}

template <typename T> Result<QList<T>> RemoteOffice::list(const char *name, const QString &path, const QUrlQuery &query)
{
    auto in = call("GET", path, query);
    if (!in)
        return in.error();
    return readList<T>(in.value(), name);
}

Result<QByteArray> RemoteOffice::csv(const QString &path)
{
    auto in = call("GET", path);
    if (!in)
        return in.error();
    const QString text = in->text("csv", true);
    if (!in->ok())
        return *in->error();
    return text.toUtf8();
}

Result<qint64> RemoteOffice::number(const char *name, const QString &path, const QUrlQuery &query)
{
    auto in = call("GET", path, query);
    if (!in)
        return in.error();
    const qint64 n = in->number(name);
    if (!in->ok())
        return *in->error();
    return n;
}

Status RemoteOffice::done(const QByteArray &method, const QString &path, const QByteArray &requestBody)
{
    auto in = call(method, path, {}, requestBody);
    if (!in)
        return in.error();
    return {};
}

Status RemoteOffice::signOut()
{
    auto in = call("DELETE", QStringLiteral("/session"));
    if (!in)
        return in.error();
    return {};
}

Status RemoteOffice::changePassword(const QString &oldPassword, const QString &newPassword)
{
    auto in = call("POST", QStringLiteral("/session/password"), {}, body([&](JsonWriter &w) {
                       w.field("old_password", oldPassword).field("new_password", newPassword);
                   }));
    if (!in)
        return in.error();
    const QString token = in->text("token", true);
    if (!in->ok())
        return *in->error();
    m_token->set(token.toLatin1());
    return {};
}

// --- the network ---

Result<QList<NetworkEntry>> RemoteOffice::treeRoots()
{
    return list<NetworkEntry>("members", QStringLiteral("/office/network"));
}

Result<Member> RemoteOffice::member(const QString &code)
{
    return one<Member>("GET", QStringLiteral("/office/members/") + segment(code));
}

Result<QList<NetworkEntry>> RemoteOffice::children(const QString &sponsorCode)
{
    return list<NetworkEntry>("members", QStringLiteral("/office/members/%1/children").arg(segment(sponsorCode)));
}

Result<QList<Member>> RemoteOffice::search(const QString &text, int limit)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("q"), segment(text));
    q.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return list<Member>("members", QStringLiteral("/office/search"), q);
}

Result<QList<Member>> RemoteOffice::pathTo(const QString &code)
{
    return list<Member>("members", QStringLiteral("/office/members/%1/path").arg(segment(code)));
}

Result<QList<StatusChange>> RemoteOffice::statusHistory(const QString &code)
{
    return list<StatusChange>("changes", QStringLiteral("/office/members/%1/history").arg(segment(code)));
}

Result<QList<qint64>> RemoteOffice::downlineSizes(const QStringList &codes)
{
    auto in = call("POST", QStringLiteral("/office/downline-sizes"), {}, body([&](JsonWriter &w) {
                       w.key("codes").beginArray();
                       for (const QString &code : codes)
                           w.value(code);
                       w.endArray();
                   }));
    if (!in)
        return in.error();
    const QList<qint64> sizes = in->numbers("sizes");
    if (!in->ok())
        return *in->error();
    return sizes;
}

Result<QList<Member>> RemoteOffice::membersPage(const MemberFilter &filter, const std::optional<MemberPageKey> &after,
                                                int limit)
{
    return list<Member>("members", QStringLiteral("/office/members"), membersQuery(filter, after, limit));
}

Result<qint64> RemoteOffice::membersCount(const MemberFilter &filter)
{
    QUrlQuery q = membersQuery(filter, std::nullopt, 1);
    q.removeAllQueryItems(QStringLiteral("limit"));
    return number("count", QStringLiteral("/office/counts/members"), q);
}

Status RemoteOffice::changeStatus(const QString &code, MemberStatus to, const QString &reason)
{
    return done("POST", QStringLiteral("/office/members/%1/status").arg(segment(code)),
                body([&](JsonWriter &w) { w.field("status", toText(to)).field("reason", reason); }));
}

Status RemoteOffice::move(const QString &code, const QString &newSponsorCode)
{
    return done("POST", QStringLiteral("/office/members/%1/move").arg(segment(code)),
                body([&](JsonWriter &w) { w.field("sponsor", newSponsorCode); }));
}

Status RemoteOffice::updateContact(const QString &code, const QString &name, const QString &email,
                                   const QString &phone, const QString &country)
{
    return done("POST", QStringLiteral("/office/members/%1/contact").arg(segment(code)), body([&](JsonWriter &w) {
                    w.field("name", name).field("email", email).field("phone", phone).field("country", country);
                }));
}

// --- links, stores, customers ---

Result<QList<ReferralLink>> RemoteOffice::links(const QString &memberCode)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("member"), segment(memberCode));
    return list<ReferralLink>("links", QStringLiteral("/office/links"), q);
}

Result<ReferralLink> RemoteOffice::createLink(const QString &memberCode, const QString &storeCode,
                                              const QString &vanityCode)
{
    return one<ReferralLink>("POST", QStringLiteral("/office/links"), {}, body([&](JsonWriter &w) {
                                 w.field("member", memberCode).field("store", storeCode).field("code", vanityCode);
                             }));
}

Status RemoteOffice::deactivateLink(const QString &code)
{
    return done("POST", QStringLiteral("/office/links/%1/deactivate").arg(segment(code)));
}

Result<QList<Store>> RemoteOffice::stores()
{
    return list<Store>("stores", QStringLiteral("/office/stores"));
}

Result<QList<RetailCustomer>> RemoteOffice::customers(const QString &storeCode, const QString &search, int limit)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("store"), segment(storeCode));
    q.addQueryItem(QStringLiteral("search"), segment(search));
    q.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return list<RetailCustomer>("customers", QStringLiteral("/office/customers"), q);
}

Result<Store> RemoteOffice::createStore(const Store &store)
{
    return one<Store>("POST", QStringLiteral("/office/stores"), {}, officejson::one(store));
}

Result<Store> RemoteOffice::updateStore(const Store &store)
{
    return one<Store>("PUT", QStringLiteral("/office/stores/") + segment(store.code), {}, officejson::one(store));
}

Result<QList<ApiKey>> RemoteOffice::apiKeys(const QString &storeCode)
{
    QUrlQuery q;
    if (!storeCode.isEmpty())
        q.addQueryItem(QStringLiteral("store"), segment(storeCode));
    return list<ApiKey>("keys", QStringLiteral("/office/keys"), q);
}

Result<IssuedApiKey> RemoteOffice::createApiKey(const QString &storeCode, const QString &label)
{
    return one<IssuedApiKey>("POST", QStringLiteral("/office/keys"), {},
                             body([&](JsonWriter &w) { w.field("store", storeCode).field("label", label); }));
}

Status RemoteOffice::revokeApiKey(const QString &idOrPrefix)
{
    return done("POST", QStringLiteral("/office/keys/%1/revoke").arg(segment(idOrPrefix)));
}

// --- orders ---

Result<QList<Order>> RemoteOffice::ordersPage(const OrderFilter &filter, Id beforeId, int limit)
{
    QUrlQuery q;
    addOrderFilter(q, filter);
    q.addQueryItem(QStringLiteral("before"), QString::number(beforeId));
    q.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return list<Order>("orders", QStringLiteral("/office/orders"), q);
}

Result<qint64> RemoteOffice::ordersCount(const OrderFilter &filter, Id newerThan)
{
    QUrlQuery q;
    addOrderFilter(q, filter);
    if (newerThan != 0)
        q.addQueryItem(QStringLiteral("newer_than"), QString::number(newerThan));
    return number("count", QStringLiteral("/office/counts/orders"), q);
}

Result<Id> RemoteOffice::orderIdAt(const OrderFilter &filter, Id from, bool older, qint64 offset)
{
    QUrlQuery q;
    addOrderFilter(q, filter);
    q.addQueryItem(QStringLiteral("from"), QString::number(from));
    q.addQueryItem(QStringLiteral("older"), older ? QStringLiteral("1") : QStringLiteral("0"));
    q.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    return number("id", QStringLiteral("/office/orders/position"), q);
}

Result<Order> RemoteOffice::order(Id id)
{
    return one<Order>("GET", QStringLiteral("/office/orders/%1").arg(id));
}

Result<Order> RemoteOffice::changeOrderStatus(Id id, OrderStatus to, Timestamp at)
{
    return one<Order>("POST", QStringLiteral("/office/orders/%1/status").arg(id), {}, body([&](JsonWriter &w) {
                          w.field("status", toText(to)).field("at", formatIsoTimestamp(at));
                      }));
}

Result<SubmittedOrder> RemoteOffice::enterOrder(const QString &memberCode, const QList<OrderLineRequest> &lines,
                                                OrderStatus status)
{
    return one<SubmittedOrder>("POST", QStringLiteral("/office/orders"), {}, body([&](JsonWriter &w) {
                                   w.field("member", memberCode).field("status", toText(status));
                                   w.key("lines").beginArray();
                                   for (const OrderLineRequest &l : lines)
                                       write(w, l);
                                   w.endArray();
                               }));
}

Result<Office::PriceList> RemoteOffice::priceList(const QString &memberCode)
{
    return one<PriceList>("GET", QStringLiteral("/office/members/%1/prices").arg(segment(memberCode)));
}

// --- users and the audit log ---

Result<QList<User>> RemoteOffice::users()
{
    return list<User>("users", QStringLiteral("/office/users"));
}

Result<User> RemoteOffice::addUser(const NewUser &user)
{
    return one<User>("POST", QStringLiteral("/office/users"), {}, officejson::one(user));
}

Status RemoteOffice::setUserActive(const QString &username, bool active)
{
    return done("POST", QStringLiteral("/office/users/%1/active").arg(segment(username)),
                body([&](JsonWriter &w) { w.field("active", active); }));
}

Status RemoteOffice::resetPassword(const QString &username, const QString &password)
{
    return done("POST", QStringLiteral("/office/users/%1/password").arg(segment(username)),
                body([&](JsonWriter &w) { w.field("password", password); }));
}

Status RemoteOffice::setUserRole(const QString &username, Role role, const QString &memberCode)
{
    return done("POST", QStringLiteral("/office/users/%1/role").arg(segment(username)), body([&](JsonWriter &w) {
                    w.field("role", toText(role));
                    w.key("member").textOrNull(memberCode);
                }));
}

Result<QList<AuditEntry>> RemoteOffice::auditPage(const AuditFilter &filter, Id beforeId, int limit)
{
    QUrlQuery q;
    addAuditFilter(q, filter);
    q.addQueryItem(QStringLiteral("before"), QString::number(beforeId));
    q.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return list<AuditEntry>("entries", QStringLiteral("/office/audit"), q);
}

// --- the catalog ---

Result<Office::CatalogData> RemoteOffice::catalog()
{
    return one<CatalogData>("GET", QStringLiteral("/office/catalog"));
}

Result<PriceTier> RemoteOffice::addTier(const QString &code, const QString &name)
{
    return one<PriceTier>("POST", QStringLiteral("/office/catalog/tiers"), {},
                          body([&](JsonWriter &w) { w.field("code", code).field("name", name); }));
}

Result<Product> RemoteOffice::addProduct(const Product &product)
{
    return one<Product>("POST", QStringLiteral("/office/catalog/products"), {}, officejson::one(product));
}

Status RemoteOffice::updateProduct(const Product &product)
{
    return done("PUT", QStringLiteral("/office/catalog/products/") + segment(product.sku), officejson::one(product));
}

Status RemoteOffice::setPrices(const QList<PriceEdit> &edits)
{
    return done("POST", QStringLiteral("/office/catalog/prices"), officejson::list("prices", edits));
}

Result<QByteArray> RemoteOffice::priceListCsv()
{
    return csv(QStringLiteral("/office/catalog/prices-csv"));
}

Result<qsizetype> RemoteOffice::importPriceList(const QByteArray &csv)
{
    const auto text = api::decodeUtf8(csv);
    if (!text)
        return makeError(ErrorCode::InvalidArgument, tr("the price list is not UTF-8 text"));
    auto in = call("POST", QStringLiteral("/office/catalog/prices-csv"), {},
                   body([&](JsonWriter &w) { w.field("csv", *text); }));
    if (!in)
        return in.error();
    const qint64 set = in->number("set");
    if (!in->ok())
        return *in->error();
    return qsizetype(set);
}

// --- the plan and commissions ---

Result<CompensationPlan> RemoteOffice::plan()
{
    return one<CompensationPlan>("GET", QStringLiteral("/office/plan"));
}

Status RemoteOffice::savePlan(const CompensationPlan &plan)
{
    return done("PUT", QStringLiteral("/office/plan"), officejson::one(plan));
}

template <typename T>
Result<T> RemoteOffice::job(const std::function<void(JsonWriter &)> &fields, const Progress &progress)
{
    auto started = call("POST", QStringLiteral("/office/jobs"), {}, body(fields));
    if (!started)
        return started.error();
    const QString id = started->text("id", true);
    if (!started->ok())
        return *started->error();
    const QString path = QStringLiteral("/office/jobs/") + segment(id);
    bool cancelled = false;
    for (int wait = 20;; wait = std::min(wait * 2, 100)) {
        QThread::msleep(wait);
        auto in = call("GET", path);
        if (!in)
            return in.error();
        OfficeJobs::Snapshot snapshot;
        read(in.value(), snapshot);
        if (!in->ok())
            return *in->error();
        switch (snapshot.state) {
        case OfficeJobs::State::Running:
            // Passed on once the job has said where it is (a first poll may come before its first report).
            if (progress && !cancelled && !snapshot.stage.isEmpty() &&
                !progress(snapshot.stage, snapshot.done, snapshot.total)) {
                cancelled = true;
                if (auto stop = call("DELETE", path); !stop)
                    return stop.error();
            }
            continue;
        case OfficeJobs::State::Done: {
            JsonIn result = in->object("result");
            return readOne<T>(result);
        }
        case OfficeJobs::State::Failed:
        case OfficeJobs::State::Cancelled:
            return snapshot.error;
        }
    }
}

Result<RunOverview> RemoteOffice::previewPlan(const CompensationPlan &plan, const Period &period,
                                                const Progress &progress)
{
    return job<RunOverview>(
        [&](JsonWriter &w) {
            w.field("kind", QStringLiteral("plan_preview")).field("period", period.toString()).key("plan");
            write(w, plan);
        },
        progress);
}

Result<QList<RunPeriod>> RemoteOffice::runPeriods()
{
    return list<RunPeriod>("periods", QStringLiteral("/office/commissions"));
}

Result<RunOverview> RemoteOffice::previewRun(const Period &period, const Progress &progress)
{
    return job<RunOverview>(
        [&](JsonWriter &w) { w.field("kind", QStringLiteral("preview")).field("period", period.toString()); },
        progress);
}

Result<RunOverview> RemoteOffice::closeRun(const Period &period, const Progress &progress)
{
    return job<RunOverview>(
        [&](JsonWriter &w) { w.field("kind", QStringLiteral("close")).field("period", period.toString()); }, progress);
}

Result<RunOverview> RemoteOffice::closedRun(const Period &period)
{
    return one<RunOverview>("GET", QStringLiteral("/office/commissions/%1").arg(period.toString()));
}

Result<QList<MemberCommission>> RemoteOffice::runMembers(const QString &runId, qsizetype offset, int limit)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return list<MemberCommission>("members", QStringLiteral("/office/runs/%1/members").arg(segment(runId)), query);
}

Result<QByteArray> RemoteOffice::payoutCsv(const Period &period)
{
    return csv(QStringLiteral("/office/commissions/%1/payout").arg(period.toString()));
}

Result<Statement> RemoteOffice::statement(const Period &period, const QString &memberCode, qint64 offset, qint64 limit)
{
    QUrlQuery query;
    if (offset != 0)
        query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    if (limit >= 0)
        query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return one<Statement>(
        "GET", QStringLiteral("/office/commissions/%1/statements/%2").arg(period.toString(), segment(memberCode)),
        query);
}

Result<DownlineDashboard> RemoteOffice::dashboard(const QString &memberCode, const Period &last,
                                                  const Progress &progress)
{
    return job<DownlineDashboard>(
        [&](JsonWriter &w) {
            w.field("kind", QStringLiteral("dashboard")).field("period", last.toString()).field("member", memberCode);
        },
        progress);
}

} // namespace mlm
