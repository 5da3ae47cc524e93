#pragma once

#include "Money.h"
#include "UtcTime.h"

#include <QString>

namespace mlm {

/// A member's referral link to one store (SPEC 4).
struct ReferralLink
{
    Id id = 0;
    QString code;
    Id memberId = 0;
    QString memberCode;
    Id storeId = 0;
    QString storeCode;
    bool active = true;
    Timestamp createdAt = 0;
    QString url;
};

} // namespace mlm
