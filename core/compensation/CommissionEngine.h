#pragma once

#include "domain/CompensationPlan.h"
#include "domain/MemberStatus.h"
#include "domain/Money.h"

#include <QList>

namespace mlm {

/// What a payment line is for.
enum class CommissionKind : quint8
{
    Level,
    RetailProfit,
    Clawback
};
/// "level", "retail_profit", "clawback": as stored and as the APIs write it.
QString toText(CommissionKind kind);
std::optional<CommissionKind> commissionKindFromString(QStringView text);

/// One payment of a run to one member on one order: the answer to "why did I get this amount".
struct CommissionLine
{
    qint32 member = -1; ///< index into the engine's members
    CommissionKind kind = CommissionKind::Level;
    qint8 level = 0; ///< 1-based for Level lines
    Id orderId = 0;
    qint32 rateBp = 0;
    Money base = 0; ///< the order's BV for levels, its retail margin for retail profit
    Money amount = 0;
};

/// The reference plan (SPEC 6) as pure computation over a period's data held in memory: no SQL here.
/// Members are dense indexes 0..n-1; every sponsor index is smaller than... nothing: any order is accepted, the
/// engine orders the tree itself. One pass over the orders, each walking at most `levels` uplines thanks to a
/// precomputed "next qualified ancestor" for compression: O(members + orders x levels).
class CommissionEngine
{
public:
    struct Order
    {
        Id orderId = 0;
        qint32 credited = -1; ///< member index, -1 for nobody
        Volume pv = 0;
        Money bv = 0;
        Money retailMargin = 0; ///< sum over lines of max(0, qty x (unit price - distributor price))
        bool boughtByRetailCustomer = false;
    };

    struct Clawback
    {
        Id orderId = 0;
        qint32 member = -1;
        Money paid = 0; ///< what the member was paid on the order in a closed run (positive)
    };

    struct Input
    {
        CompensationPlan plan;
        QList<qint32> sponsor; ///< per member: sponsor index or -1
        QList<MemberStatus> status;
        QList<Order> orders;
        QList<Clawback> clawbacks;
        bool collectLines = false;
        qint32 linesOf = -1; ///< with collectLines: only this member's lines (-1: everybody's)
    };

    struct Output
    {
        QList<Volume> pv;
        QList<bool> qualified;
        QList<Money> retailProfit;
        QList<Money> levels; ///< member-major: levels[m * levelCount + k]
        QList<Money> clawback;
        int levelCount = 0;
        QList<CommissionLine> lines; ///< only with collectLines

        Money level(qsizetype member, int k) const { return levels.at(member * levelCount + k); }
        Money total(qsizetype member) const;
    };

    static Output compute(const Input &input);

    /// floor(base x bp / 10000) without overflow; base is never negative here.
    static Money levelAmount(Money base, int bp);
};

} // namespace mlm
