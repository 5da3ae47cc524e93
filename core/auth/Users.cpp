#include "Users.h"

#include "Passwords.h"
#include "domain/Codes.h"
#include "genealogy/Members.h"
#include "storage/AuditLog.h"
#include "storage/Database.h"
#include "storage/SqlValues.h"
#include "storage/TransactionGuard.h"

#include <QRegularExpression>
#include <QSqlQuery>

namespace mlm {

namespace {

const QString kSelect = QStringLiteral("SELECT u.id, u.username, u.role, u.member_id, m.code, u.active, u.created_at "
                                       "FROM users u LEFT JOIN members m ON m.id = u.member_id WHERE ");

} // namespace

QString toText(Role role)
{
    switch (role) {
    case Role::Admin:
        return QStringLiteral("admin");
    case Role::Support:
        return QStringLiteral("support");
    case Role::Distributor:
        return QStringLiteral("distributor");
    }
    return {};
}

std::optional<Role> roleFromString(QStringView text)
{
    for (Role r : {Role::Admin, Role::Support, Role::Distributor}) {
        if (text == toText(r))
            return r;
    }
    return std::nullopt;
}

Status Users::validateUsername(const QString &username)
{
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9._@-]{2,64}$"));
    if (!allowed.match(username).hasMatch())
        return makeError(ErrorCode::InvalidArgument,
                         tr("a user name has 2-64 characters of A-Z, a-z, 0-9, '.', '_', '@' and '-'"));
    return {};
}

Status Users::validatePassword(const QString &password)
{
    if (password.size() < kMinPassword || password.size() > 1024)
        return makeError(ErrorCode::InvalidArgument, tr("a password has at least %1 characters").arg(kMinPassword));
    if (password.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidArgument, tr("a password cannot be only spaces"));
    return {};
}

Result<QList<User>> Users::query(const QString &where, const QVariantList &values)
{
    auto q = m_db.exec(kSelect + where + QStringLiteral(" ORDER BY u.username"), values);
    if (!q)
        return q.error();
    QList<User> users;
    while (q->next()) {
        users.append({q->value(0).toLongLong(), q->value(1).toString(),
                      roleFromString(q->value(2).toString()).value_or(Role::Support), q->value(3).toLongLong(),
                      q->value(4).toString(), q->value(5).toInt() != 0, q->value(6).toLongLong()});
    }
    return users;
}

Result<QList<User>> Users::list()
{
    return query(QStringLiteral("1 = 1"), {});
}

Result<User> Users::byName(const QString &username)
{
    auto found = query(QStringLiteral("u.username = ?"), {codes::key(username)});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return makeError(ErrorCode::NotFound, tr("no user '%1'").arg(username));
    return found->first();
}

Result<qint64> Users::count()
{
    auto n = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM users"));
    if (!n)
        return n.error();
    return n->toLongLong();
}

Result<Id> Users::memberFor(Role role, const QString &memberCode)
{
    if (role != Role::Distributor) {
        if (!memberCode.isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             tr("only a distributor user stands for a member; %1 users do not").arg(toText(role)));
        return Id(0);
    }
    if (memberCode.isEmpty())
        return makeError(ErrorCode::InvalidArgument, tr("a distributor user needs the member it signs in as"));
    auto member = Members(m_db).byCode(memberCode);
    if (!member)
        return member.error();
    if (member->status == MemberStatus::Terminated)
        return makeError(ErrorCode::FailedPrecondition,
                         tr("member %1 is terminated and cannot sign in").arg(member->code));
    return member->id;
}

Result<User> Users::add(const NewUser &user, const Actor &actor)
{
    MLM_TRY(validateUsername(user.username));
    MLM_TRY(validatePassword(user.password));
    const QString hashed = passwords::hash(user.password); // slow on purpose: outside the transaction
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    auto memberId = memberFor(user.role, user.memberCode);
    if (!memberId)
        return memberId.error();
    if (byName(user.username).ok())
        return makeError(ErrorCode::AlreadyExists, tr("the user name '%1' is taken").arg(user.username));
    auto id =
        m_db.scalar(QStringLiteral("INSERT INTO users (username, password_hash, role, member_id, active, "
                                   "created_at) VALUES (?, ?, ?, ?, 1, ?) RETURNING id"),
                    {codes::key(user.username), hashed, toText(user.role), sql::idOrNull(memberId.value()), nowUtc()});
    if (!id)
        return id.error();
    MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("user.add"), QStringLiteral("user"), id->toLongLong(),
                             {{QStringLiteral("username"), codes::key(user.username)},
                              {QStringLiteral("role"), toText(user.role)},
                              {QStringLiteral("member"), user.memberCode}}));
    MLM_TRY(tx.commit());
    return byName(user.username);
}

Status Users::setPassword(const QString &username, const QString &password, const Actor &actor)
{
    MLM_TRY(validatePassword(password));
    const QString hashed = passwords::hash(password);
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    auto user = byName(username);
    if (!user)
        return user.error();
    MLM_TRY(m_db.exec(QStringLiteral("UPDATE users SET password_hash = ? WHERE id = ?"), {hashed, user->id}));
    // A new password ends every session of the user (SPEC 9).
    MLM_TRY(m_db.exec(QStringLiteral("DELETE FROM user_sessions WHERE user_id = ?"), {user->id}));
    MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("user.password"), QStringLiteral("user"), user->id,
                             {{QStringLiteral("username"), user->username}}));
    return tx.commit();
}

Status Users::keepAnAdmin(const User &changed, bool stillAdmin)
{
    if (changed.role != Role::Admin || !changed.active || stillAdmin)
        return {};
    auto admins = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1"));
    if (!admins)
        return admins.error();
    if (admins->toLongLong() <= 1)
        return makeError(ErrorCode::FailedPrecondition,
                         tr("%1 is the last active admin; make another admin first").arg(changed.username));
    return {};
}

Status Users::setActive(const QString &username, bool active, const Actor &actor)
{
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    auto user = byName(username);
    if (!user)
        return user.error();
    if (user->active == active)
        return tx.commit();
    MLM_TRY(keepAnAdmin(user.value(), active));
    MLM_TRY(m_db.exec(QStringLiteral("UPDATE users SET active = ? WHERE id = ?"), {active ? 1 : 0, user->id}));
    if (!active) // a disabled user's sessions end with it (SPEC 9)
        MLM_TRY(m_db.exec(QStringLiteral("DELETE FROM user_sessions WHERE user_id = ?"), {user->id}));
    MLM_TRY(AuditLog::record(m_db, actor, active ? QStringLiteral("user.enable") : QStringLiteral("user.disable"),
                             QStringLiteral("user"), user->id, {{QStringLiteral("username"), user->username}}));
    return tx.commit();
}

Status Users::setRole(const QString &username, Role role, const QString &memberCode, const Actor &actor)
{
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    auto user = byName(username);
    if (!user)
        return user.error();
    auto memberId = memberFor(role, memberCode);
    if (!memberId)
        return memberId.error();
    MLM_TRY(keepAnAdmin(user.value(), role == Role::Admin));
    MLM_TRY(m_db.exec(QStringLiteral("UPDATE users SET role = ?, member_id = ? WHERE id = ?"),
                      {toText(role), sql::idOrNull(memberId.value()), user->id}));
    MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("user.role"), QStringLiteral("user"), user->id,
                             {{QStringLiteral("username"), user->username},
                              {QStringLiteral("from"), toText(user->role)},
                              {QStringLiteral("to"), toText(role)},
                              {QStringLiteral("member"), memberCode}}));
    return tx.commit();
}

Result<User> Users::signIn(const QString &username, const QString &password)
{
    const Error refused = makeError(ErrorCode::Unauthenticated, tr("wrong user name or password"));
    auto q = m_db.exec(QStringLiteral("SELECT password_hash FROM users WHERE username = ? AND active = 1"),
                       {codes::key(username)});
    if (!q)
        return q.error();
    const QString stored = q->next() ? q->value(0).toString() : QString();
    // An unknown name costs the same time as a wrong password: nobody learns which names exist.
    static const QString decoy = passwords::hash(QStringLiteral("decoy password"));
    if (!passwords::verify(password, stored.isEmpty() ? decoy : stored) || stored.isEmpty())
        return refused;
    return byName(username);
}

} // namespace mlm
