#pragma once

#include "domain/Actor.h"
#include "domain/ReferralLink.h"
#include "domain/Result.h"
#include "domain/RetailCustomer.h"
#include "domain/Store.h"

#include <QCoreApplication>
#include <QList>
#include <QVariant>

#include <optional>

namespace mlm {

class ReferenceCache;

class Database;

/// A retail customer's registration in a store (SPEC 3, scenarios 1 and 3).
struct NewRetailCustomer
{
    QString storeCode;
    QString email;
    QString name;
    QString phone;
    QString country;
    QString refCode; ///< the referral code the buyer came with, may be empty
};

/// Stores, their referral links and their retail customers.
class Stores
{
    Q_DECLARE_TR_FUNCTIONS(Stores)
public:
    /// `cache`: the store API's reference data in memory (ReferenceCache), read instead of the tables; none
    /// elsewhere.
    explicit Stores(Database &db, const ReferenceCache *cache = nullptr) : m_db(db), m_cache(cache) {}

    Result<Store> store(const QString &code);
    Result<Store> storeById(Id id);
    Result<QList<Store>> stores();
    Result<Store> createStore(const Store &store, const Actor &actor);
    /// Changes a store (found by its code): name, base URL, scenario, link template, default sponsor, pinned tier.
    /// A scenario change applies to the orders and registrations that come after it; those before keep theirs.
    Result<Store> updateStore(const Store &store, const Actor &actor);
    static Status validateStore(const Store &store);

    /// A new link for a member to a store; `vanityCode` empty generates an 8-character Crockford code.
    Result<ReferralLink> createLink(const QString &memberCode, const QString &storeCode, const QString &vanityCode,
                                    const Actor &actor);
    Status deactivateLink(const QString &code, const Actor &actor);
    Result<ReferralLink> link(const QString &code);
    Result<QList<ReferralLink>> linksOf(Id memberId);
    /// The link behind a code if it is active and its owner is a customer or distributor (SPEC 4), else nullopt.
    Result<std::optional<ReferralLink>> resolveLink(const QString &code);

    /// Registers a retail customer; an existing email in that store returns the existing record unchanged
    /// (its first-touch owner is kept).
    Result<RetailCustomer> registerCustomer(const NewRetailCustomer &request, const Actor &actor);
    Result<std::optional<RetailCustomer>> customer(Id storeId, const QString &email);
    Result<QList<RetailCustomer>> customers(Id storeId, const QString &search = {}, int limit = 100);

private:
    /// The rows a store refers to: its default sponsor (not terminated) and its pinned tier (null when none).
    struct References
    {
        Id defaultSponsorId;
        QVariant pinnedTierId;
    };
    Result<References> referencesOf(const Store &store);
    Result<QList<ReferralLink>> queryLinks(const QString &where, const QVariantList &values);
    Result<QList<RetailCustomer>> queryCustomers(const QString &where, const QVariantList &values,
                                                 const QString &tail = {});

    Database &m_db;
    const ReferenceCache *m_cache;
};

} // namespace mlm
