#pragma once

#include "Money.h"
#include "UtcTime.h"

#include <QString>

namespace mlm {

/// A buyer outside the network, registered in one store (SPEC 1).
struct RetailCustomer
{
    Id id = 0;
    Id storeId = 0;
    QString storeCode;
    QString email;
    QString name;
    QString phone;
    QString country;
    Id ownerId = 0; ///< first touch; 0 for none
    QString ownerCode;
    Id viaLinkId = 0;
    QString viaLinkCode;
    Timestamp createdAt = 0;
};

} // namespace mlm
