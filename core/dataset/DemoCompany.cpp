#include "DemoCompany.h"

#include "SyntheticCompany.h"
#include "auth/Users.h"
#include "storage/TransactionGuard.h"

#include <QBuffer>
#include <QDateTime>

namespace mlm {

QByteArray DemoCompany::dataset(QDate today)
{
    SyntheticCompany::Parameters p;
    p.members = kMembers;
    p.orders = kOrders;
    p.months = 12;
    p.seed = 1;
    p.until = QDateTime(today, QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
    QByteArray json;
    QBuffer out(&json);
    out.open(QIODevice::WriteOnly);
    const Status written = SyntheticCompany::write(p, out);
    Q_ASSERT(written); // fixed parameters into memory
    return json;
}

Result<ImportSummary> DemoCompany::create(Database &db, const Actor &actor, QDate today)
{
    if (!today.isValid())
        return makeError(ErrorCode::InvalidArgument, tr("the demo needs a valid day"));
    TransactionGuard tx(db);
    MLM_TRY(tx.began());
    auto summary = DatasetImporter(db).importJson(dataset(today), actor);
    if (!summary)
        return summary.error().prefixed(tr("cannot create the demo (is the database empty?)"));
    Users users(db);
    const NewUser demoUsers[] = {{QStringLiteral("admin"), QStringLiteral("admin-demo"), Role::Admin, {}},
                                 {QStringLiteral("support"), QStringLiteral("support-demo"), Role::Support, {}},
                                 {QStringLiteral("distributor"), QStringLiteral("distributor-demo"), Role::Distributor,
                                  QString::fromLatin1(kDistributorMember)}};
    for (const NewUser &user : demoUsers)
        MLM_TRY(users.add(user, actor));
    MLM_TRY(tx.commit());
    return summary;
}

} // namespace mlm
