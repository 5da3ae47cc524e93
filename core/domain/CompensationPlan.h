#pragma once

#include "Money.h"
#include "Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>

namespace mlm {

/// The parameters of the reference plan (SPEC 6), with its defaults.
struct CompensationPlan
{
    Q_DECLARE_TR_FUNCTIONS(CompensationPlan)
public:
    QList<int> levelsBp{1000, 500, 300, 200, 100};
    Volume qualificationPv = 10000;
    bool compression = true;
    bool retailProfit = true;

    /// Reads the dataset file's "plan" object; missing keys keep their defaults.
    static Result<CompensationPlan> fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
    /// Whether the plan is one the dataset file could hold: one rule for what a plan may be.
    Status validate() const;
    QString levelsText() const; ///< "[1000,500,300,200,100]" as stored
    static Result<QList<int>> parseLevels(const QString &text);
    bool operator==(const CompensationPlan &) const = default;
};

} // namespace mlm
