#pragma once

#include "Money.h"
#include "StoreScenario.h"

#include <QString>

namespace mlm {

/// An online store connected to the back office (SPEC 3).
struct Store
{
    Id id = 0;
    QString code;
    QString name;
    QString baseUrl;
    StoreScenario scenario = StoreScenario::DistributorChannel;
    QString linkTemplate; ///< e.g. https://shop.example.com/?ref={code}
    Id defaultSponsorId = 0;
    QString defaultSponsorCode;
    QString pinnedTier; ///< empty: prices by the buyer's tier

    /// The store's link template with {code} replaced (SPEC 4).
    QString linkUrl(const QString &linkCode) const
    {
        QString url = linkTemplate;
        return url.replace(QStringLiteral("{code}"), linkCode);
    }
};

} // namespace mlm
