#pragma once

#include "Database.h"
#include "domain/Actor.h"
#include "domain/Money.h"
#include "domain/UtcTime.h"

#include <QJsonObject>

namespace mlm {

/// One recorded change.
struct AuditEntry
{
    Id id = 0;
    Timestamp at = 0;
    QString actor;  ///< "user:sam", "cli:anna", "api:store:shop"
    QString action; ///< "member.status", "order.status", "price.set", ...
    QString entity; ///< "member", "order", "user", ...
    Id entityId = 0;
    QString entityLabel; ///< what people call it today: a member's code, an order's external id, a user's name ...
    QString details;     ///< compact JSON
};

/// Which entries to list; empty fields keep everything.
struct AuditFilter
{
    QString actionPrefix; ///< "member." or "member.status"
    QString actor;        ///< exact, case-insensitive
    QString entity;
    Id entityId = 0;
    Timestamp from = 0;  ///< at >= from (0: no bound)
    Timestamp until = 0; ///< at < until (0: no bound)
};

/// Who changed what and when. Written inside the transaction of the change it records.
class AuditLog
{
public:
    static Status record(Database &db, const Actor &actor, const QString &action, const QString &entity, Id entityId,
                         const QJsonObject &details = {});
    /// Up to `limit` entries older than `beforeId` (0: from the newest), newest first.
    static Result<QList<AuditEntry>> page(Database &db, const AuditFilter &filter, Id beforeId, int limit);
};

} // namespace mlm
