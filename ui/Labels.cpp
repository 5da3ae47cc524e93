#include "Labels.h"

namespace mlm {

QString Labels::memberStatus(MemberStatus status)
{
    switch (status) {
    case MemberStatus::Customer:
        return tr("Customer");
    case MemberStatus::Distributor:
        return tr("Distributor");
    case MemberStatus::Suspended:
        return tr("Suspended");
    case MemberStatus::Terminated:
        return tr("Terminated");
    }
    return {};
}

QString Labels::role(Role role)
{
    switch (role) {
    case Role::Admin:
        return tr("Administrator");
    case Role::Support:
        return tr("Support");
    case Role::Distributor:
        return tr("Distributor");
    }
    return {};
}

} // namespace mlm
