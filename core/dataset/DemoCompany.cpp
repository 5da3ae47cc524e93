#include "DemoCompany.h"

#include "auth/Users.h"
#include "storage/TransactionGuard.h"

#include <QFile>

namespace mlm {

Result<ImportSummary> DemoCompany::create(Database &db, const Actor &actor)
{
    QFile demo(QStringLiteral(":/demo/demo-dataset.json"));
    if (!demo.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound, tr("the demo dataset is missing from this build"));
    TransactionGuard tx(db);
    MLM_TRY(tx.began());
    auto summary = DatasetImporter(db).importJson(demo.readAll(), actor);
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
