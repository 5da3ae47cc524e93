#pragma once

#include "Money.h"

#include <QString>

#include <optional>

namespace mlm {

/// Amounts typed or pasted by people, and written to files for them: "1234.50" <-> 123450 minor units, exactly
/// (never through a floating-point number). Two decimals at most, no sign.
namespace amount {

/// Parses "12", "12.5", "12.50" and, with `groupSeparator`, "1,234.50"; `decimalPoint` is '.' in files and the
/// user's locale's in the window (where '.' is accepted too; a '.' group separator is then not accepted). Surrounding
/// spaces are ignored; anything else -- a sign, a third decimal, letters, an amount beyond 10 billion -- gives nullopt.
std::optional<Money> parse(QStringView text, QChar decimalPoint = u'.', QChar groupSeparator = {});
/// 123450 -> "1234.50": the form files use.
QString text(Money minor);

} // namespace amount
} // namespace mlm
