#pragma once

#include "Users.h"

#include <QCoreApplication>

namespace mlm {

/// A sign-in's token, shown once.
struct IssuedSession
{
    QString token;
    Timestamp expiresAt = 0; ///< if unused until then
    User user;
};

/// People signed in to mlm-server (SPEC 9): sign-in with the user's password, a random token kept only as its
/// SHA-256, checked per request by that hash (no password hashing per request), ended by sign-out, by 12 hours
/// without use, by disabling the user and by a change of the user's password (Users ends them there).
/// Failed sign-ins are throttled per user name and per client address, and audited, never with the password.
class UserSessions
{
    Q_DECLARE_TR_FUNCTIONS(UserSessions)
public:
    explicit UserSessions(Database &db) : m_db(db) {}

    static constexpr qint64 kIdleLifetime = 12 * 3600;
    static constexpr qint64 kWindow = 15 * 60;
    static constexpr int kMaxFailuresPerUser = 5;
    static constexpr int kMaxFailuresPerClient = 20;

    /// Unauthenticated with the same message for an unknown name, a wrong password and a disabled user;
    /// Throttled (with the seconds to wait) after too many failures, whether the password is right or not.
    Result<IssuedSession> signIn(const QString &username, const QString &password, const QString &client,
                                 Timestamp now);
    /// The signed-in user of a token, which counts as used now; Unauthenticated for anything else.
    Result<User> authenticate(QStringView token, Timestamp now);
    Status signOut(QStringView token, const Actor &actor);
    /// The user's own password: the old one proves it; every session of the user ends, and a new one begins.
    Result<IssuedSession> changePassword(const User &user, const QString &oldPassword, const QString &newPassword,
                                         const QString &client, Timestamp now);

    /// Whether `text` looks like a user token (not a store's API key): what the API dispatches on.
    static bool isToken(QStringView text);

private:
    Result<IssuedSession> open(const User &user, const QString &client, Timestamp now);
    Status throttled(const QString &usernameKey, const QString &client, Timestamp now);
    Database &m_db;
};

} // namespace mlm
