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

} // namespace mlm
