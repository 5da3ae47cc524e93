#pragma once

#include "domain/MemberStatus.h"
#include "domain/Money.h"
#include "domain/Order.h"
#include "domain/Product.h"
#include "domain/StoreScenario.h"
#include "domain/UtcTime.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace mlm::dataset {

// The dataset's records once validated, with every reference resolved to a row id. `isNew` marks records that
// come from the file (and must be written); the others were already in the database.

struct TierRecord
{
    Id id = 0;
    QString code;
    QString name;
    bool isNew = false;
};

struct ProductRecord
{
    Id id = 0;
    QString sku;
    QString name;
    bool active = true;
    Volume pv = 0;
    Money bv = 0;
    QHash<QString, Money> prices; ///< tier code -> price
    bool isNew = false;

    Product toProduct() const { return Product{id, sku, name, active, pv, bv, prices}; }
};

struct MemberRecord
{
    Id id = 0;
    QString code;
    QString name;
    QString email;
    QString phone;
    QString country;
    QString sponsorCode; ///< as written in the file
    QString codeKey;     ///< the case-insensitive keys, computed once
    QString emailKey;    ///< empty for no email
    Id sponsorId = 0;
    MemberStatus status = MemberStatus::Customer;
    Timestamp joinedAt = 0;
    bool isNew = false;
};

struct StoreRecord
{
    Id id = 0;
    QString code;
    QString name;
    QString baseUrl;
    StoreScenario scenario = StoreScenario::SeparateChannel;
    QString linkTemplate;
    Id defaultSponsorId = 0;
    Id pinnedTierId = 0;
    QString pinnedTier;
    bool isNew = false;
};

struct LinkRecord
{
    Id id = 0;
    QString code;
    Id memberId = 0;
    Id storeId = 0;
    bool active = true;
    Timestamp createdAt = 0;
    bool isNew = false;
};

struct CustomerRecord
{
    Id id = 0;
    Id storeId = 0;
    QString email;
    QString name;
    QString phone;
    QString country;
    Id ownerId = 0;
    Id viaLinkId = 0;
    Timestamp createdAt = 0;
    bool isNew = false;
};

struct OrderRecord
{
    Id id = 0;
    Id storeId = 0;
    QString externalId;
    Id buyerMemberId = 0;
    Id buyerCustomerId = 0;
    Id creditedMemberId = 0;
    Id tierId = 0;
    Order order; ///< status, timestamps, lines and totals
};

/// Everything the file and the database hold that references can point to.
struct Catalogue
{
    QHash<QString, TierRecord> tiers; ///< by code
    QList<ProductRecord> products;
    QHash<QString, qsizetype> productBySku;
    QList<MemberRecord> members;
    QHash<QString, qsizetype> memberByKey; ///< lower-case code -> index
    QSet<QString> emailKeys;
    QList<StoreRecord> stores;
    QHash<QString, qsizetype> storeByCode; ///< lower-case code -> index
    QList<LinkRecord> links;
    QHash<QString, qsizetype> linkByKey;
    QList<CustomerRecord> customers;
    QHash<QString, qsizetype> customerByKey; ///< "storeId/email key" -> index
    QSet<QString> orderKeys;                 ///< "storeId/external id" of the orders already stored
    QHash<Id, qsizetype> memberById;
};

inline QString customerKey(Id storeId, const QString &email)
{
    return QString::number(storeId) + u'/' + email.toLower();
}

inline QString orderKey(Id storeId, const QString &externalId)
{
    return QString::number(storeId) + u'/' + externalId;
}

} // namespace mlm::dataset
