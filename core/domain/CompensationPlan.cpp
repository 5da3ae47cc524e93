#include "CompensationPlan.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace mlm {

namespace {
constexpr int kMaxLevels = 50;
}

Result<CompensationPlan> CompensationPlan::fromJson(const QJsonObject &json)
{
    CompensationPlan plan;
    if (json.contains(QStringLiteral("levels_bp"))) {
        const QJsonValue levels = json.value(QStringLiteral("levels_bp"));
        if (!levels.isArray() || levels.toArray().size() > kMaxLevels)
            return makeError(ErrorCode::InvalidArgument,
                             tr("plan.levels_bp must be an array of at most %1 rates").arg(kMaxLevels));
        plan.levelsBp.clear();
        const QJsonArray array = levels.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const double v = array.at(i).toDouble(-1);
            if (!array.at(i).isDouble() || v != double(qint64(v)) || v < 0 || v > 10000)
                return makeError(
                    ErrorCode::InvalidArgument,
                    tr("plan.levels_bp[%1] must be a whole number of basis points from 0 to 10000").arg(i));
            plan.levelsBp.append(int(v));
        }
    }
    if (json.contains(QStringLiteral("qualification_pv"))) {
        const QJsonValue v = json.value(QStringLiteral("qualification_pv"));
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d != double(qint64(d)) || d < 0 || d > 1e15)
            return makeError(ErrorCode::InvalidArgument,
                             tr("plan.qualification_pv must be a whole number of hundredths of a point, 0 or more"));
        plan.qualificationPv = qint64(d);
    }
    for (const auto &[key, field] : {std::pair{QStringLiteral("compression"), &CompensationPlan::compression},
                                     std::pair{QStringLiteral("retail_profit"), &CompensationPlan::retailProfit}}) {
        if (!json.contains(key))
            continue;
        if (!json.value(key).isBool())
            return makeError(ErrorCode::InvalidArgument, tr("plan.%1 must be true or false").arg(key));
        plan.*field = json.value(key).toBool();
    }
    return plan;
}

QJsonObject CompensationPlan::toJson() const
{
    QJsonArray levels;
    for (int bp : levelsBp)
        levels.append(bp);
    return QJsonObject{{QStringLiteral("levels_bp"), levels},
                       {QStringLiteral("qualification_pv"), qualificationPv},
                       {QStringLiteral("compression"), compression},
                       {QStringLiteral("retail_profit"), retailProfit}};
}

Status CompensationPlan::validate() const
{
    if (auto valid = fromJson(toJson()); !valid)
        return valid.error();
    return {};
}

QString CompensationPlan::levelsText() const
{
    QStringList parts;
    for (int bp : levelsBp)
        parts << QString::number(bp);
    return u'[' + parts.join(u',') + u']';
}

Result<QList<int>> CompensationPlan::parseLevels(const QString &text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    auto plan = fromJson(QJsonObject{{QStringLiteral("levels_bp"), doc.array()}});
    if (!doc.isArray() || !plan)
        return makeError(ErrorCode::Storage, tr("the stored plan levels '%1' are not valid").arg(text));
    return plan->levelsBp;
}

} // namespace mlm
