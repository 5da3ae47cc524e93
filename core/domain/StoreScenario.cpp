#include "StoreScenario.h"

namespace mlm {

QString toText(StoreScenario scenario)
{
    switch (scenario) {
    case StoreScenario::SeparateChannel:
        return QStringLiteral("separate_channel");
    case StoreScenario::DistributorChannel:
        return QStringLiteral("distributor_channel");
    case StoreScenario::PersonalStorefront:
        return QStringLiteral("personal_storefront");
    }
    return {};
}

std::optional<StoreScenario> storeScenarioFromString(QStringView text)
{
    for (auto s :
         {StoreScenario::SeparateChannel, StoreScenario::DistributorChannel, StoreScenario::PersonalStorefront}) {
        if (text == toText(s))
            return s;
    }
    return std::nullopt;
}

} // namespace mlm
