#include "OfficeApi.h"

#include "ApiJson.h"
#include "auth/Session.h"
#include "auth/UserSessions.h"
#include "domain/JsonWriter.h"
#include "domain/UtcTime.h"

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
