#pragma once

#include "auth/Users.h"
#include "domain/MemberStatus.h"

#include <QCoreApplication>

namespace mlm {

/// The words the screens show for core's codes ("distributor" -> "Distributor"), translated.
struct Labels
{
    Q_DECLARE_TR_FUNCTIONS(Labels)

public:
    static QString memberStatus(MemberStatus status);
    static QString role(Role role);
};

inline QString memberStatusLabel(MemberStatus status)
{
    return Labels::memberStatus(status);
}

} // namespace mlm
