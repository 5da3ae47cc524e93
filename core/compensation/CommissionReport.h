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
    /// A statement's lines, a line per order and kind (amounts in minor units), then a total line.
    static QByteArray statementCsv(const Statement &statement);
    /// What to pay for a closed run: the members whose total is above zero, "code,currency,amount_minor,amount".
    static QByteArray payoutCsv(const CommissionRun &run);
};

} // namespace mlm
