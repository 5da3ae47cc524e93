#pragma once

#include "Database.h"
#include "domain/Actor.h"
#include "domain/Money.h"

#include <QJsonObject>

namespace mlm {

/// Who changed what and when. Written inside the transaction of the change it records.
class AuditLog
{
public:
    static Status record(Database &db, const Actor &actor, const QString &action, const QString &entity, Id entityId,
                         const QJsonObject &details = {});
};

} // namespace mlm
