#pragma once

#include "domain/Result.h"
#include "domain/UtcTime.h"

#include <QCoreApplication>
#include <QIODevice>

#include <optional>

namespace mlm {

/// Generates a deterministic synthetic company as a dataset file, for benchmarks, tests and the demo:
/// a sponsor tree grown by preferential attachment (most members recruit nobody, a few recruit many) with a
/// few deep chains, a realistic status mix, three stores (one per scenario) with links and retail customers,
/// and orders over `months` calendar months ending with `lastPeriod` (or at the moment `until`), with Pareto-like
/// quantities. Orders come in the order of their time (so their ids follow it), members join one after the other
/// (codes follow the join date) and buy only after they joined. The same parameters always give the same bytes.
class SyntheticCompany
{
    Q_DECLARE_TR_FUNCTIONS(SyntheticCompany)
public:
    struct Parameters
    {
        qint64 members = 1000;
        qint64 orders = 5000;
        int months = 12;
        quint64 seed = 1;
        QString lastPeriod = QStringLiteral("2026-10"); ///< "YYYY-MM"
        /// When set, everything happens before this moment instead of the end of `lastPeriod`: the orders span the
        /// `months` months up to it (the demo: a year that ends today).
        std::optional<Timestamp> until;
        int products = 24;
    };

    static Status write(const Parameters &parameters, QIODevice &out);
};

} // namespace mlm
