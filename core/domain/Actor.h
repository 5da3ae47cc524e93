#pragma once

#include <QString>

namespace mlm {

/// Who performs a change, as written to the audit log ("cli:anna", "api:store:shop", "user:admin").
struct Actor
{
    QString name;
};

} // namespace mlm
