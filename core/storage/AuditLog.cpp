#include "AuditLog.h"

#include "domain/UtcTime.h"

#include <QJsonDocument>

namespace mlm {

Status AuditLog::record(Database &db, const Actor &actor, const QString &action, const QString &entity, Id entityId,
                        const QJsonObject &details)
{
    const QString json = QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact));
    MLM_TRY(db.execReused(QStringLiteral("INSERT INTO audit_log (at, actor, action, entity, entity_id, details) "
                                         "VALUES (?, ?, ?, ?, ?, ?)"),
                          {nowUtc(), actor.name, action, entity, entityId, json}));
    return {};
}

namespace {

/// The name of an entry's record as people know it, looked up for the page's rows only (a row per entity table).
QString labelColumn()
{
    static const std::pair<const char *, const char *> names[] = {
        {"member", "SELECT code FROM members WHERE id = a.entity_id"},
        {"order", "SELECT external_id FROM orders WHERE id = a.entity_id"},
        {"user", "SELECT username FROM users WHERE id = a.entity_id"},
        {"product", "SELECT sku FROM products WHERE id = a.entity_id"},
        {"price_tier", "SELECT code FROM price_tiers WHERE id = a.entity_id"},
        {"store", "SELECT code FROM stores WHERE id = a.entity_id"},
        {"referral_link", "SELECT code FROM referral_links WHERE id = a.entity_id"},
        {"retail_customer", "SELECT email FROM retail_customers WHERE id = a.entity_id"},
        {"api_key", "SELECT prefix FROM api_keys WHERE id = a.entity_id"},
        {"commission_run", "SELECT period FROM commission_runs WHERE id = a.entity_id"}};
    QString sql = QStringLiteral("CASE a.entity");
    for (const auto &[entity, select] : names)
        sql += QStringLiteral(" WHEN '%1' THEN (%2)").arg(QLatin1StringView(entity), QLatin1StringView(select));
    return sql + QStringLiteral(" END");
}

} // namespace

Result<QList<AuditEntry>> AuditLog::page(Database &db, const AuditFilter &filter, Id beforeId, int limit)
{
    QStringList where;
    QVariantList values;
    if (!filter.actionPrefix.isEmpty()) {
        // A prefix by range, not LIKE: '_' and '%' in an action name mean themselves.
        where << QStringLiteral("action >= ? AND action < ?");
        values << filter.actionPrefix << filter.actionPrefix + QChar(0xFFFF);
    }
    if (!filter.actor.isEmpty()) {
        where << QStringLiteral("LOWER(actor) = ?");
        values << filter.actor.toLower();
    }
    if (!filter.entity.isEmpty()) {
        where << QStringLiteral("entity = ?");
        values << filter.entity;
    }
    if (filter.entityId != 0) {
        where << QStringLiteral("entity_id = ?");
        values << filter.entityId;
    }
    if (filter.from != 0) {
        where << QStringLiteral("at >= ?");
        values << filter.from;
    }
    if (filter.until != 0) {
        where << QStringLiteral("at < ?");
        values << filter.until;
    }
    if (beforeId != 0) {
        where << QStringLiteral("id < ?");
        values << beforeId;
    }
    auto q =
        db.exec(QStringLiteral("SELECT id, at, actor, action, entity, entity_id, details, %3 FROM audit_log a%1 "
                               "ORDER BY id DESC LIMIT %2")
                    .arg(where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND ")))
                    .arg(limit)
                    .arg(labelColumn()),
                values);
    if (!q)
        return q.error();
    QList<AuditEntry> entries;
    while (q->next()) {
        entries.append({q->value(0).toLongLong(), q->value(1).toLongLong(), q->value(2).toString(),
                        q->value(3).toString(), q->value(4).toString(), q->value(5).toLongLong(),
                        q->value(7).toString(), q->value(6).toString()});
    }
    return entries;
}

} // namespace mlm
