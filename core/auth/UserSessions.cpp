#include "UserSessions.h"

#include "domain/Codes.h"
#include "storage/AuditLog.h"
#include "storage/Database.h"
#include "storage/TransactionGuard.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace mlm {

namespace {

const QString kTokenStart = QStringLiteral("mlmu_");

QString tokenHash(QStringView token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString newToken()
{
    quint32 words[8]; // 256 random bits from the system's generator
    QRandomGenerator::system()->fillRange(words);
    return kTokenStart +
           QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), sizeof words)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

bool UserSessions::isToken(QStringView text)
{
    return text.startsWith(kTokenStart);
}

Status UserSessions::throttled(const QString &usernameKey, const QString &client, Timestamp now)
{
    const struct
    {
        const char *column;
        QString value;
        int max;
    } limits[] = {{"username_key", usernameKey, kMaxFailuresPerUser}, {"client", client, kMaxFailuresPerClient}};
    for (const auto &limit : limits) {
        auto q = m_db.exec(QStringLiteral("SELECT COUNT(*), MAX(at) FROM sign_in_failures WHERE %1 = ? AND at > ?")
                               .arg(QLatin1StringView(limit.column)),
                           {limit.value, now - kWindow});
        if (!q)
            return q.error();
        if (q->next() && q->value(0).toInt() >= limit.max) {
            Error error = makeError(ErrorCode::Throttled, tr("too many failed sign-ins; try again later"));
            error.retryAfterSeconds = int(std::max<qint64>(1, q->value(1).toLongLong() + kWindow - now));
            return error;
        }
    }
    return {};
}

Result<IssuedSession> UserSessions::signIn(const QString &username, const QString &password, const QString &client,
                                           Timestamp now)
{
    const QString key = codes::key(username.left(200));
    const Actor actor{QStringLiteral("sign-in:") + client};
    if (auto locked = throttled(key, client, now); !locked) {
        if (locked.error().code == ErrorCode::Throttled)
            (void)AuditLog::record(m_db, actor, QStringLiteral("session.refused_locked"), QStringLiteral("user"), 0,
                                   {{QStringLiteral("username"), key}, {QStringLiteral("client"), client}});
        return locked.error();
    }
    auto user = Users(m_db).signIn(username, password);
    if (!user) {
        if (user.error().code != ErrorCode::Unauthenticated)
            return user.error();
        TransactionGuard tx(m_db);
        MLM_TRY(tx.began());
        MLM_TRY(m_db.exec(QStringLiteral("INSERT INTO sign_in_failures (username_key, client, at) VALUES (?, ?, ?)"),
                          {key, client, now}));
        MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("session.sign_in_failed"), QStringLiteral("user"), 0,
                                 {{QStringLiteral("username"), key}, {QStringLiteral("client"), client}}));
        if (auto nowLocked = throttled(key, client, now); !nowLocked)
            MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("session.locked_out"), QStringLiteral("user"), 0,
                                     {{QStringLiteral("username"), key}, {QStringLiteral("client"), client}}));
        MLM_TRY(tx.commit());
        return user.error();
    }
    return open(user.value(), client, now);
}

Result<IssuedSession> UserSessions::open(const User &user, const QString &client, Timestamp now)
{
    const QString token = newToken();
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    // A good sign-in forgets the name's failures (not the address's: one address may try many names).
    MLM_TRY(m_db.exec(QStringLiteral("DELETE FROM sign_in_failures WHERE username_key = ?"), {user.username}));
    MLM_TRY(m_db.exec(QStringLiteral("DELETE FROM user_sessions WHERE last_used_at < ?"), {now - kIdleLifetime}));
    MLM_TRY(m_db.exec(QStringLiteral("INSERT INTO user_sessions (user_id, token_hash, client, created_at, "
                                     "last_used_at) VALUES (?, ?, ?, ?, ?)"),
                      {user.id, tokenHash(token), client, now, now}));
    MLM_TRY(AuditLog::record(m_db, Actor{QStringLiteral("user:") + user.username}, QStringLiteral("session.sign_in"),
                             QStringLiteral("user"), user.id, {{QStringLiteral("client"), client}}));
    MLM_TRY(tx.commit());
    return IssuedSession{token, now + kIdleLifetime, user};
}

Result<User> UserSessions::authenticate(QStringView token, Timestamp now)
{
    const Error refused = makeError(ErrorCode::Unauthenticated,
                                    tr("the session is not valid (signed out, expired or never begun): sign in again"));
    if (!isToken(token) || token.size() > 100)
        return refused;
    const QString hash = tokenHash(token);
    auto q = m_db.execReused(
        QStringLiteral("SELECT s.id, s.last_used_at, u.username FROM user_sessions s JOIN users u ON u.id = s.user_id "
                       "WHERE s.token_hash = ? AND u.active = 1"),
        {hash});
    if (!q)
        return q.error();
    if (!q.value()->next())
        return refused;
    const Id sessionId = q.value()->value(0).toLongLong();
    const Timestamp lastUsed = q.value()->value(1).toLongLong();
    const QString username = q.value()->value(2).toString();
    q.value()->finish();
    if (lastUsed + kIdleLifetime < now) {
        MLM_TRY(m_db.exec(QStringLiteral("DELETE FROM user_sessions WHERE id = ?"), {sessionId}));
        return refused;
    }
    // Written at most once a minute: a request per token per second would otherwise be a write each.
    if (now - lastUsed >= 60)
        MLM_TRY(m_db.exec(QStringLiteral("UPDATE user_sessions SET last_used_at = ? WHERE id = ?"), {now, sessionId}));
    return Users(m_db).byName(username);
}

Status UserSessions::signOut(QStringView token, const Actor &actor)
{
    if (!isToken(token))
        return makeError(ErrorCode::Unauthenticated, tr("not a session token"));
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    auto q = m_db.exec(QStringLiteral("DELETE FROM user_sessions WHERE token_hash = ?"), {tokenHash(token)});
    if (!q)
        return q.error();
    MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("session.sign_out"), QStringLiteral("user"), 0, {}));
    return tx.commit();
}

Result<IssuedSession> UserSessions::changePassword(const User &user, const QString &oldPassword,
                                                   const QString &newPassword, const QString &client, Timestamp now)
{
    auto proven = Users(m_db).signIn(user.username, oldPassword);
    if (!proven)
        return makeError(ErrorCode::PermissionDenied, tr("the old password is not right"));
    const Actor actor{QStringLiteral("user:") + user.username};
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    MLM_TRY(Users(m_db).setPassword(user.username, newPassword, actor)); // ends every session of the user
    auto opened = open(proven.value(), client, now);
    if (!opened)
        return opened.error();
    MLM_TRY(tx.commit());
    return opened;
}

} // namespace mlm
