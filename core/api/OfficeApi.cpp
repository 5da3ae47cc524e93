#include "OfficeApi.h"

#include "ApiJson.h"
#include "auth/Session.h"
#include "auth/UserSessions.h"
#include "domain/JsonWriter.h"
#include "domain/UtcTime.h"

#include <limits>

namespace mlm {

using api::RequestFields;

namespace {

const QByteArray kBearer = "bearer ";

QString bearerOf(const ApiRequest &request)
{
    if (!request.authorization.toLower().startsWith(kBearer))
        return {};
    return QString::fromLatin1(request.authorization.mid(kBearer.size()).trimmed());
}

ApiResponse json(JsonWriter &w, int status = 200)
{
    return {status, w.take(), {}};
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
    w.beginObject().field("token", s.token).field("expires_at", formatIsoTimestamp(s.expiresAt));
    w.key("user").beginObject().field("username", s.user.username).field("role", toText(s.user.role));
    w.key("member").textOrNull(s.user.memberCode);
    w.endObject().endObject();
    return json(w, status);
}

Result<RequestFields> bodyOf(const ApiRequest &request)
{
    auto parsed = RequestFields::parseObject(request.body);
    if (!parsed)
        return parsed.error();
    return RequestFields(parsed.value());
}

ApiResponse refusedBy(const Error &error)
{
    return StoreApi::error(error);
}

/// A whole number from the query, within bounds; `fallback` when absent.
Result<qint64> queryNumber(const QUrlQuery &query, const QString &name, qint64 fallback, qint64 min, qint64 max)
{
    if (!query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const qint64 n = query.queryItemValue(name).toLongLong(&ok);
    if (!ok || n < min || n > max)
        return makeError(
            ErrorCode::InvalidArgument,
            OfficeApi::tr("the query parameter '%1' must be a whole number from %2 to %3").arg(name).arg(min).arg(max));
    return n;
}

void writeMembers(JsonWriter &w, const QList<Member> &members)
{
    w.beginObject().key("members").beginArray();
    for (const Member &m : members)
        api::writeMember(w, m, true);
    w.endArray().endObject();
}

void writeLink(JsonWriter &w, const ReferralLink &link)
{
    w.beginObject()
        .field("code", link.code)
        .field("member", link.memberCode)
        .field("store", link.storeCode)
        .field("active", link.active)
        .field("url", link.url)
        .field("created_at", formatIsoTimestamp(link.createdAt))
        .endObject();
}

} // namespace

std::optional<ApiResponse> OfficeApi::readAndChange(Session &session, const ApiRequest &request, const QStringList &s)
{
    const QByteArray &method = request.method;
    JsonWriter w;
    // GET office/network: where the network starts for this user, with first lines and this month's PV.
    if (s.size() == 2 && s[1] == u"network" && method == "GET") {
        auto roots = session.treeRoots();
        if (!roots)
            return refusedBy(roots.error());
        w.beginObject().key("members").beginArray();
        for (const NetworkEntry &e : roots.value()) {
            w.beginObject().field("code", e.member.code).field("name", e.member.name);
            w.field("status", toText(e.member.status)).field("frontline", e.frontline).field("pv", e.pv).endObject();
        }
        w.endArray().endObject();
        return json(w);
    }
    // GET office/search?q=TEXT: by code, email or name prefix (a distributor: its own downline).
    if (s.size() == 2 && s[1] == u"search" && method == "GET") {
        const QString text = request.query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded);
        auto found = session.search(text, 50);
        if (!found)
            return refusedBy(found.error());
        writeMembers(w, found.value());
        return json(w);
    }
    // GET office/members/{code}/path | /history; POST office/members/{code}/contact | /move
    if (s.size() == 4 && s[1] == u"members" &&
        (s[3] == u"path" || s[3] == u"history" || s[3] == u"contact" || s[3] == u"move")) {
        const bool write = s[3] == u"contact" || s[3] == u"move";
        if (method != (write ? "POST" : "GET"))
            return methodNotAllowed(request, write ? "POST" : "GET");
        if (write) {
            auto f = bodyOf(request);
            if (!f)
                return refusedBy(f.error());
            Status changed;
            if (s[3] == u"move") {
                auto sponsor = f->text(QLatin1StringView("sponsor"), true, 32);
                if (!sponsor)
                    return refusedBy(sponsor.error());
                changed = session.move(s[2], sponsor.value());
            } else {
                auto current = session.member(s[2]);
                if (!current)
                    return refusedBy(current.error());
                // Fields left out stay as they are.
                QString values[4] = {current->name, current->email, current->phone, current->country};
                const char *names[4] = {"name", "email", "phone", "country"};
                for (int i = 0; i < 4; ++i) {
                    if (!f->has(QLatin1StringView(names[i])))
                        continue;
                    auto text = f->text(QLatin1StringView(names[i]), i == 0, 320);
                    if (!text)
                        return refusedBy(text.error());
                    values[i] = text.value();
                }
                changed = session.updateContact(s[2], values[0], values[1], values[2], values[3]);
            }
            if (!changed)
                return refusedBy(changed.error());
            auto member = session.member(s[2]);
            if (!member)
                return refusedBy(member.error());
            api::writeMember(w, member.value(), true);
            return json(w);
        }
        auto member = session.member(s[2]);
        if (!member)
            return refusedBy(member.error());
        if (s[3] == u"path") {
            auto path = session.pathTo(member->id);
            if (!path)
                return refusedBy(path.error());
            writeMembers(w, path.value());
            return json(w);
        }
        auto history = session.statusHistory(member->id);
        if (!history)
            return refusedBy(history.error());
        w.beginObject().key("changes").beginArray();
        for (const StatusChange &c : history.value()) {
            w.beginObject()
                .field("from", toText(c.from))
                .field("to", toText(c.to))
                .field("reason", c.reason)
                .field("changed_by", c.changedBy)
                .field("changed_at", formatIsoTimestamp(c.changedAt))
                .endObject();
        }
        w.endArray().endObject();
        return json(w);
    }
    // GET office/orders?member=CODE&status=S&before=ID&limit=N (newest first); GET office/orders/{id}
    if (s.size() >= 2 && s.size() <= 3 && s[1] == u"orders") {
        if (method != "GET")
            return methodNotAllowed(request, "GET");
        auto currency = Catalog(m_db).currency();
        if (!currency)
            return refusedBy(currency.error());
        if (s.size() == 3) {
            bool ok = false;
            const Id id = s[2].toLongLong(&ok);
            if (!ok || id <= 0)
                return StoreApi::error(404, QStringLiteral("not_found"), tr("no order %1").arg(s[2].left(32)));
            auto order = session.order(id);
            if (!order)
                return refusedBy(order.error());
            api::writeOrder(w, order.value(), currency.value());
            return json(w);
        }
        OrderFilter filter;
        if (const QString code = request.query.queryItemValue(QStringLiteral("member"), QUrl::FullyDecoded);
            !code.isEmpty()) {
            auto member = session.member(code);
            if (!member)
                return refusedBy(member.error());
            filter.memberId = member->id;
        }
        if (const QString status = request.query.queryItemValue(QStringLiteral("status")); !status.isEmpty()) {
            filter.status = orderStatusFromString(status);
            if (!filter.status)
                return StoreApi::error(400, QStringLiteral("invalid_request"),
                                       tr("the query parameter 'status' must be an order status"));
        }
        auto before = queryNumber(request.query, QStringLiteral("before"), 0, 0, std::numeric_limits<qint64>::max());
        auto limit = queryNumber(request.query, QStringLiteral("limit"), 100, 1, 1000);
        for (const auto *r : {&before, &limit}) {
            if (!*r)
                return refusedBy(r->error());
        }
        auto page = session.ordersPage(filter, before.value(), int(limit.value()));
        if (!page)
            return refusedBy(page.error());
        w.beginObject().key("orders").beginArray();
        for (const Order &o : page.value())
            api::writeOrder(w, o, currency.value());
        w.endArray().endObject();
        return json(w);
    }
    // GET office/links?member=CODE; POST office/links {member, store, code}; POST office/links/{code}/deactivate
    if (s.size() >= 2 && s[1] == u"links") {
        if (s.size() == 2 && method == "GET") {
            auto links = session.links(request.query.queryItemValue(QStringLiteral("member"), QUrl::FullyDecoded));
            if (!links)
                return refusedBy(links.error());
            w.beginObject().key("links").beginArray();
            for (const ReferralLink &l : links.value())
                writeLink(w, l);
            w.endArray().endObject();
            return json(w);
        }
        if (s.size() == 2 && method == "POST") {
            auto f = bodyOf(request);
            if (!f)
                return refusedBy(f.error());
            auto member = f->text(QLatin1StringView("member"), true, 32);
            auto store = f->text(QLatin1StringView("store"), true, 32);
            auto code = f->text(QLatin1StringView("code"), false, 32);
            for (const auto *r : {&member, &store, &code}) {
                if (!*r)
                    return refusedBy(r->error());
            }
            auto made = session.createLink(member.value(), store.value(), code.value());
            if (!made)
                return refusedBy(made.error());
            writeLink(w, made.value());
            return json(w, 201);
        }
        if (s.size() == 4 && s[3] == u"deactivate") {
            if (method != "POST")
                return methodNotAllowed(request, "POST");
            if (auto done = session.deactivateLink(s[2]); !done)
                return refusedBy(done.error());
            w.beginObject().field("deactivated", s[2]).endObject();
            return json(w);
        }
        return methodNotAllowed(request, s.size() == 2 ? "GET, POST" : "POST");
    }
    // GET office/users (admins)
    if (s.size() == 2 && s[1] == u"users" && method == "GET") {
        auto users = session.users();
        if (!users)
            return refusedBy(users.error());
        w.beginObject().key("users").beginArray();
        for (const User &u : users.value()) {
            w.beginObject().field("username", u.username).field("role", toText(u.role));
            w.key("member").textOrNull(u.memberCode);
            w.field("active", u.active).field("created_at", formatIsoTimestamp(u.createdAt)).endObject();
        }
        w.endArray().endObject();
        return json(w);
    }
    // GET office/audit?before=ID&limit=N (admins), newest first
    if (s.size() == 2 && s[1] == u"audit" && method == "GET") {
        auto before = queryNumber(request.query, QStringLiteral("before"), 0, 0, std::numeric_limits<qint64>::max());
        auto limit = queryNumber(request.query, QStringLiteral("limit"), 200, 1, 1000);
        for (const auto *r : {&before, &limit}) {
            if (!*r)
                return refusedBy(r->error());
        }
        AuditFilter filter;
        filter.actionPrefix = request.query.queryItemValue(QStringLiteral("action"), QUrl::FullyDecoded);
        auto entries = session.auditPage(filter, before.value(), int(limit.value()));
        if (!entries)
            return refusedBy(entries.error());
        w.beginObject().key("entries").beginArray();
        for (const AuditEntry &e : entries.value()) {
            w.beginObject()
                .field("id", e.id)
                .field("at", formatIsoTimestamp(e.at))
                .field("actor", e.actor)
                .field("action", e.action)
                .field("entity", e.entity)
                .field("entity_id", e.entityId)
                .field("details", e.details)
                .endObject();
        }
        w.endArray().endObject();
        return json(w);
    }
    return std::nullopt;
}

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
    if (!user) {
        ApiResponse refused = StoreApi::error(user.error());
        if (refused.status == 401)
            refused.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer")));
        return refused;
    }
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
        auto username = f->text(QLatin1StringView("username"), true, 200);
        auto password = f->text(QLatin1StringView("password"), true, 1000);
        for (const auto *r : {&username, &password}) {
            if (!*r)
                return StoreApi::error(r->error());
        }
        auto opened = UserSessions(m_db).signIn(username.value(), password.value(), request.client, nowUtc());
        if (!opened)
            return StoreApi::error(opened.error());
        return issued(opened.value(), 201);
    }
    if (s.size() == 1 && request.method == "DELETE") {
        auto user = signedIn(request);
        if (!user)
            return StoreApi::error(user.error());
        if (auto ended = UserSessions(m_db).signOut(bearerOf(request), Actor{QStringLiteral("user:") + user->username});
            !ended)
            return StoreApi::error(ended.error());
        JsonWriter w;
        w.beginObject().field("signed_out", true).endObject();
        return json(w);
    }
    if (s.size() == 1)
        return methodNotAllowed(request, "POST, DELETE");
    if (s.size() == 2 && s[1] == u"password") {
        if (request.method != "POST")
            return methodNotAllowed(request, "POST");
        auto user = signedIn(request);
        if (!user)
            return StoreApi::error(user.error());
        auto f = bodyOf(request);
        if (!f)
            return StoreApi::error(f.error());
        auto oldPassword = f->text(QLatin1StringView("old_password"), true, 1000);
        auto newPassword = f->text(QLatin1StringView("new_password"), true, 1000);
        for (const auto *r : {&oldPassword, &newPassword}) {
            if (!*r)
                return StoreApi::error(r->error());
        }
        auto changed = UserSessions(m_db).changePassword(user.value(), oldPassword.value(), newPassword.value(),
                                                         request.client, nowUtc());
        if (!changed)
            return StoreApi::error(changed.error());
        return issued(changed.value(), 200);
    }
    return StoreApi::error(404, QStringLiteral("not_found"), tr("no such endpoint"));
}

ApiResponse OfficeApi::office(Session &session, const ApiRequest &request, const QStringList &s)
{
    const auto only = [&](const QByteArray &method) -> std::optional<ApiResponse> {
        if (request.method != method)
            return methodNotAllowed(request, method);
        return std::nullopt;
    };
    // GET office/me
    if (s.size() == 2 && s[1] == u"me") {
        if (auto refused = only("GET"))
            return *refused;
        const User &u = session.user();
        JsonWriter w;
        w.beginObject().field("username", u.username).field("role", toText(u.role));
        w.key("member").textOrNull(u.memberCode);
        w.endObject();
        return json(w);
    }
    if (auto answered = readAndChange(session, request, s))
        return *answered;
    // office/members/{code}[/children|/status]
    if (s.size() >= 3 && s.size() <= 4 && s[1] == u"members") {
        const QString code = s[2];
        const QString what = s.size() == 4 ? s[3] : QString();
        if (what.isEmpty() || what == u"children") {
            if (auto refused = only("GET"))
                return *refused;
            auto member = session.member(code);
            if (!member)
                return StoreApi::error(member.error());
            JsonWriter w;
            if (what.isEmpty()) {
                api::writeMember(w, member.value(), true);
                return json(w);
            }
            auto children = session.children(member->id);
            if (!children)
                return StoreApi::error(children.error());
            w.beginObject().key("members").beginArray();
            for (const NetworkEntry &child : children.value())
                api::writeMember(w, child.member, true);
            w.endArray().endObject();
            return json(w);
        }
        if (what == u"status") {
            if (auto refused = only("POST"))
                return *refused;
            auto f = bodyOf(request);
            if (!f)
                return StoreApi::error(f.error());
            auto status = f->text(QLatin1StringView("status"), true, 32);
            auto reason = f->text(QLatin1StringView("reason"), true, 500);
            for (const auto *r : {&status, &reason}) {
                if (!*r)
                    return StoreApi::error(r->error());
            }
            const auto to = memberStatusFromString(status.value());
            if (!to)
                return StoreApi::error(f->invalid(QLatin1StringView("status"),
                                                  tr("must be customer, distributor, suspended or terminated")));
            if (auto changed = session.changeStatus(code, *to, reason.value()); !changed)
                return StoreApi::error(changed.error());
            auto member = session.member(code);
            if (!member)
                return StoreApi::error(member.error());
            JsonWriter w;
            api::writeMember(w, member.value(), true);
            return json(w);
        }
    }
    // GET office/commissions/{YYYY-MM}/statements/{code}
    if (s.size() == 5 && s[1] == u"commissions" && s[3] == u"statements") {
        if (auto refused = only("GET"))
            return *refused;
        const auto period = Period::parse(s[2]);
        if (!period)
            return StoreApi::error(400, QStringLiteral("invalid_request"),
                                   tr("'%1' is not a period YYYY-MM").arg(s[2].left(16)));
        auto statement = session.statement(*period, s[4]);
        if (!statement)
            return StoreApi::error(statement.error());
        JsonWriter w;
        w.beginObject()
            .field("period", statement->period.toString())
            .field("member", statement->totals.code)
            .field("closed", statement->closed)
            .field("currency", statement->currency)
            .field("total", statement->totals.total);
        w.key("lines").beginArray();
        for (const StatementLine &line : statement->lines) {
            w.beginObject().field("kind", toText(line.kind)).field("level", line.level).field("rate_bp", line.rateBp);
            w.key("store").textOrNull(line.storeCode);
            w.field("external_id", line.externalId).field("base", line.base).field("amount", line.amount).endObject();
        }
        w.endArray().endObject();
        return json(w);
    }
    return StoreApi::error(404, QStringLiteral("not_found"),
                           tr("no such endpoint under %1/office").arg(StoreApi::kPrefix));
}

} // namespace mlm
