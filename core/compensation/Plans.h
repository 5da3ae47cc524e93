#pragma once

#include "domain/Actor.h"
#include "domain/CompensationPlan.h"
#include "domain/Result.h"

namespace mlm {

class Database;

/// The company's current compensation plan, stored in the database. A change applies to runs not closed yet;
/// a closed run keeps the plan it was computed with.
class Plans
{
public:
    static Result<CompensationPlan> current(Database &db);
    static Status save(Database &db, const CompensationPlan &plan, const Actor &actor);
};

} // namespace mlm
