#pragma once

#include "Money.h"
#include "StoreScenario.h"

#include <optional>

namespace mlm {

/// Who an order is credited to (SPEC 3 and 5), as a pure rule:
/// - back office (no store) and scenario 2: the buying member;
/// - scenario 3: the owner of the buying retail customer (a member buying there is credited himself);
/// - scenario 1: nobody;
/// - a retail customer elsewhere: its owner, if any.
/// Returns 0 for nobody.
struct Attribution
{
    static Id creditedMember(std::optional<StoreScenario> scenario, Id buyerMemberId, Id customerOwnerId)
    {
        if (scenario == StoreScenario::SeparateChannel)
            return 0;
        return buyerMemberId != 0 ? buyerMemberId : customerOwnerId;
    }

    /// The owner of a retail customer registering in a store through a link owned by `linkOwnerId`
    /// (0 when the link did not resolve): none in scenario 1, the link owner otherwise (first touch).
    static Id customerOwner(StoreScenario scenario, Id linkOwnerId)
    {
        return scenario == StoreScenario::SeparateChannel ? 0 : linkOwnerId;
    }
};

} // namespace mlm
