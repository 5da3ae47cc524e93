#pragma once

#include "domain/Member.h"
#include "domain/MemberStatus.h"
#include "domain/Money.h"
#include "domain/Order.h"
#include "domain/Product.h"
#include "domain/ReferralLink.h"
#include "domain/RetailCustomer.h"
#include "domain/Store.h"
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

struct ProductRecord : Product
{
    bool isNew = false;
};

struct MemberRecord : Member
{
    QString codeKey;  ///< the case-insensitive keys, computed once
    QString emailKey; ///< empty for no email
    bool isNew = false;
};

struct StoreRecord : Store
{
    Id pinnedTierId = 0;
    bool isNew = false;
};

struct LinkRecord : ReferralLink
{
    bool isNew = false;
};

struct CustomerRecord : RetailCustomer
{
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
    QSet<std::pair<Id, QString>> orderKeys;  ///< (store id, external id) of the orders known
    QHash<Id, qsizetype> memberById;
};

inline QString customerKey(Id storeId, const QString &email)
{
    return QString::number(storeId) + u'/' + email.toLower();
}

inline std::pair<Id, QString> orderKey(Id storeId, const QString &externalId)
{
    return {storeId, externalId};
}

} // namespace mlm::dataset
