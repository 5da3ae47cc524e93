#include "Office.h"

namespace mlm {

Result<CommissionRun> Office::wholeRun(const RunOverview &overview)
{
    CommissionRun run{overview.period, overview.closed, overview.currency, overview.plan, {}};
    run.members.reserve(overview.totals.members);
    while (run.members.size() < overview.totals.members) {
        auto page = runMembers(overview.id, run.members.size(), RunStore::kMaxPage);
        if (!page)
            return page.error();
        if (page->isEmpty())
            break;
        run.members.append(page.value());
    }
    return run;
}

} // namespace mlm
