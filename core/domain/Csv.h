#pragma once

#include <QList>
#include <QStringList>

namespace mlm::csv {

/// A field as written to a CSV file: quoted when it holds a comma, a quote or a line break.
QString field(const QString &text);
/// Comma-separated fields with "quoted" ones ("" inside quotes is a quote), a record per line (LF or CRLF). An
/// empty line stays an empty record, so that record i is line i + 1.
QList<QStringList> parse(const QString &text);

} // namespace mlm::csv
