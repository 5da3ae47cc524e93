#pragma once

#include "StoreApi.h"

#include <optional>

namespace mlm {

struct User;
class Session;

/// The API for people (SPEC 9): sign-in and sign-out under /api/v1/session, the user's own password, and the
/// desktop program's operations under /api/v1/office/, each run through a Session of the signed-in user, so the
/// permission checks of SPEC 7 are the same as in the desktop program. Every Office operation has its route here
/// (docs/api.md), its values written and read by officejson, so RemoteOffice gets what the Session returned. A user
/// token is not a store key: each is refused (401) where the other is expected.
class OfficeApi
{
    Q_DECLARE_TR_FUNCTIONS(OfficeApi)
public:
    explicit OfficeApi(Database &db) : m_db(db) {}

    /// `segments`: the path below /api/v1, its first one "session" or "office".
    ApiResponse handle(const ApiRequest &request, const QStringList &segments);

private:
    ApiResponse session(const ApiRequest &request, const QStringList &segments);
    ApiResponse office(Session &session, const ApiRequest &request, const QStringList &segments);
    Result<User> signedIn(const ApiRequest &request);

    Database &m_db;
};

} // namespace mlm
