#pragma once

#include "Money.h"

#include <QHash>
#include <QString>

namespace mlm {

/// A catalog product with its prices per tier code (SPEC 2).
struct Product
{
    Id id = 0;
    QString sku;
    QString name;
    bool active = true;
    Volume pv = 0;
    Money bv = 0;
    QHash<QString, Money> prices; ///< tier code -> price in minor units
};

} // namespace mlm
