#include "MemberStatus.h"

namespace mlm {

QString toText(MemberStatus status)
{
    switch (status) {
    case MemberStatus::Customer:
        return QStringLiteral("customer");
    case MemberStatus::Distributor:
        return QStringLiteral("distributor");
    case MemberStatus::Suspended:
        return QStringLiteral("suspended");
    case MemberStatus::Terminated:
        return QStringLiteral("terminated");
    }
    return {};
}

std::optional<MemberStatus> memberStatusFromString(QStringView text)
{
    for (auto s :
         {MemberStatus::Customer, MemberStatus::Distributor, MemberStatus::Suspended, MemberStatus::Terminated}) {
        if (text == toText(s))
            return s;
    }
    return std::nullopt;
}

bool isAllowedStatusChange(MemberStatus from, MemberStatus to)
{
    if (from == to || from == MemberStatus::Terminated)
        return false;
    if (to == MemberStatus::Terminated)
        return true;
    switch (from) {
    case MemberStatus::Customer:
        return to == MemberStatus::Distributor || to == MemberStatus::Suspended;
    case MemberStatus::Distributor:
        return to == MemberStatus::Customer || to == MemberStatus::Suspended;
    case MemberStatus::Suspended:
        return to == MemberStatus::Customer || to == MemberStatus::Distributor;
    case MemberStatus::Terminated:
        return false;
    }
    return false;
}

} // namespace mlm
