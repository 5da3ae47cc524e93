#pragma once

#include "domain/Actor.h"
#include "domain/Money.h"
#include "domain/Result.h"
#include "domain/UtcTime.h"

#include <QCoreApplication>
#include <QList>
#include <optional>

namespace mlm {

class Database;

/// What a user may do (SPEC 7): admin everything; support sees all and edits contacts and statuses; a distributor
/// sees its own member and downline.
enum class Role
{
    Admin,
    Support,
    Distributor
};

QString toText(Role role);
std::optional<Role> roleFromString(QStringView text);

/// A person who signs in to the desktop program.
struct User
{
    Id id = 0;
    QString username; ///< lower case; sign-in is case-insensitive
    Role role = Role::Support;
    Id memberId = 0; ///< the member a distributor user is; 0 for admin and support
    QString memberCode;
    bool active = true;
    Timestamp createdAt = 0;
};

struct NewUser
{
    QString username;
    QString password;
    Role role = Role::Support;
    QString memberCode; ///< required for a distributor, refused for the others
};

/// The users of the desktop program: accounts, roles, passwords (hashed, see passwords::hash), sign-in.
class Users
{
    Q_DECLARE_TR_FUNCTIONS(Users)

public:
    explicit Users(Database &db) : m_db(db) {}

    Result<User> add(const NewUser &user, const Actor &actor);
    Result<QList<User>> list();
    Result<User> byName(const QString &username);
    /// How many users there are: none means the program asks for the first admin.
    Result<qint64> count();
    Status setPassword(const QString &username, const QString &password, const Actor &actor);
    /// Disabling keeps the account (and its history) but refuses its sign-in. The last active admin stays.
    Status setActive(const QString &username, bool active, const Actor &actor);
    Status setRole(const QString &username, Role role, const QString &memberCode, const Actor &actor);
    /// The active user with this name and password; the same Unauthenticated error for every mismatch.
    Result<User> signIn(const QString &username, const QString &password);

    static Status validateUsername(const QString &username);
    static Status validatePassword(const QString &password);
    static constexpr int kMinPassword = 8;

private:
    Result<QList<User>> query(const QString &where, const QVariantList &values);
    /// The member a distributor user stands for (must exist and not be terminated); 0 for the other roles.
    Result<Id> memberFor(Role role, const QString &memberCode);
    Status keepAnAdmin(const User &changed, bool stillAdmin);
    Database &m_db;
};

} // namespace mlm
