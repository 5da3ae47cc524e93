#pragma once

#include <QString>

#include <optional>

namespace mlm {

/// How an online store is connected to the back office (SPEC 3).
enum class StoreScenario
{
    SeparateChannel = 1,
    DistributorChannel = 2,
    PersonalStorefront = 3
};

QString toText(StoreScenario scenario);
std::optional<StoreScenario> storeScenarioFromString(QStringView text);

} // namespace mlm
