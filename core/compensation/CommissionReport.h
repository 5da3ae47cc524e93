#pragma once

#include "CommissionRuns.h"

#include <QByteArray>

namespace mlm {

/// The outputs of a run: the JSON of SPEC 8, a CSV payout file, a member's statement as JSON.
/// Written by hand, in a fixed key order, so that the same run always gives the same bytes.
class CommissionReport
{
public:
    static QByteArray runJson(const CommissionRun &run);
    static QByteArray runCsv(const CommissionRun &run);
    static QByteArray statementJson(const Statement &statement);
};

} // namespace mlm
