#pragma once

#include "DatasetImporter.h"

namespace mlm {

/// The demo company (resources/demo/demo-dataset.json) with one user of each role, for trying the program:
///   admin / admin-demo, support / support-demo, and distributor / distributor-demo signed in as member
///   M0000001 (Pablo Ivanova, with a downline of several levels).
class DemoCompany
{
    Q_DECLARE_TR_FUNCTIONS(DemoCompany)

public:
    /// Loads the demo into an empty database, users included, all or nothing.
    static Result<ImportSummary> create(Database &db, const Actor &actor);
    static constexpr const char *kDistributorMember = "M0000001";
};

} // namespace mlm
