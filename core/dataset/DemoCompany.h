#pragma once

#include "DatasetImporter.h"

#include <QDate>

namespace mlm {

/// The demo company with one user of each role, for trying the program:
///   admin / admin-demo, support / support-demo, and distributor / distributor-demo signed in as member
///   M0000001 (a first-line member with a downline of several levels).
/// Its dates are relative to the day it is made: its year of orders ends when that day begins (UTC), so the
/// current month, the current commission period and the dashboard's last months have data. For one day the
/// company is always the same (a fixed seed); order ids and member codes follow their time.
class DemoCompany
{
    Q_DECLARE_TR_FUNCTIONS(DemoCompany)

public:
    /// The demo's dataset file (SPEC 8) as made on `today`.
    static QByteArray dataset(QDate today);
    /// Loads the demo of `today` into an empty database, users included, all or nothing.
    static Result<ImportSummary> create(Database &db, const Actor &actor, QDate today);
    static constexpr const char *kDistributorMember = "M0000001";
    static constexpr qint64 kMembers = 320;
    static constexpr qint64 kOrders = 4800;
};

} // namespace mlm
