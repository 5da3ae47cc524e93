#pragma once

#include "domain/Result.h"

#include <QByteArray>
#include <QCoreApplication>

namespace mlm {

/// Files the user saves (a price list, a payout file, a statement): written whole or not at all.
struct Files
{
    Q_DECLARE_TR_FUNCTIONS(Files)

public:
    /// Writes `data` to `path` through a temporary file that replaces the old one only when complete.
    static Status write(const QString &path, const QByteArray &data);
};

} // namespace mlm
