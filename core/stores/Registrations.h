#pragma once

#include "domain/Actor.h"
#include "domain/Member.h"
#include "domain/Result.h"
#include "domain/RetailCustomer.h"
#include "stores/Stores.h"

#include <QCoreApplication>
#include <optional>

namespace mlm {

class ReferenceCache;

class Database;

/// A buyer registering through a store (SPEC 3).
struct StoreRegistration
{
    NewRetailCustomer contact; ///< the store, the buyer's contact data and the referral code they came with
    /// Register as a member with this status (customer or distributor): a store's "join us" page. Without it the
    /// store's scenario decides: a member in status customer in scenario 2, a retail customer in 1 and 3.
    std::optional<MemberStatus> memberStatus;
    QString memberCode; ///< a wished member code; generated when empty
};

/// What a registration made, or found: exactly one of member and customer is set.
struct Registered
{
    std::optional<Member> member;
    std::optional<RetailCustomer> customer;
    bool created = false; ///< false when the email was registered already (the record is returned unchanged)
};

/// Registrations through a store by its scenario: members placed under the owner of the referral code (or the
/// store's default sponsor), retail customers owned by the link's owner in scenario 3. An email registered before
/// returns the existing record with its original sponsor or owner.
class Registrations
{
    Q_DECLARE_TR_FUNCTIONS(Registrations)

public:
    /// `cache`: the store API's reference data in memory (ReferenceCache), read instead of the tables; none
    /// elsewhere.
    explicit Registrations(Database &db, const ReferenceCache *cache = nullptr) : m_db(db), m_cache(cache) {}

    Result<Registered> registerBuyer(const StoreRegistration &request, const Actor &actor);

private:
    Result<Registered> registerMember(const StoreRegistration &request, MemberStatus status, const Actor &actor);
    Result<Registered> registerCustomer(const StoreRegistration &request, Id storeId, const Actor &actor);
    Database &m_db;
    const ReferenceCache *m_cache;
};

} // namespace mlm
