#include "Registrations.h"

#include "Stores.h"
#include "domain/Codes.h"
#include "genealogy/Members.h"
#include "storage/Database.h"
#include "storage/TransactionGuard.h"

namespace mlm {

Result<Registered> Registrations::registerBuyer(const StoreRegistration &request, const Actor &actor)
{
    if (request.contact.email.isEmpty() || !codes::isPlausibleEmail(request.contact.email))
        return makeError(
            ErrorCode::InvalidArgument,
            tr("'%1' is not an email address; a registration needs one").arg(request.contact.email.left(254)));
    auto store = Stores(m_db, m_cache).store(request.contact.storeCode);
    if (!store)
        return store.error();
    std::optional<MemberStatus> status = request.memberStatus;
    if (!status && store->scenario == StoreScenario::DistributorChannel)
        status = MemberStatus::Customer;
    // Two registrations of one email at the same time: the unique email lets one win; the other, tried again,
    // finds the winner's record as if it had come second.
    auto once = [&] {
        return status ? registerMember(request, *status, actor) : registerCustomer(request, store->id, actor);
    };
    auto first = once();
    if (!first && first.error().code == ErrorCode::AlreadyExists && !m_db.inTransaction())
        return once();
    return first;
}

Result<Registered> Registrations::registerMember(const StoreRegistration &request, MemberStatus status,
                                                 const Actor &actor)
{
    if (status != MemberStatus::Customer && status != MemberStatus::Distributor)
        return makeError(ErrorCode::InvalidArgument,
                         tr("a new member starts as customer or distributor, not %1").arg(toText(status)));
    Members members(m_db);
    Stores stores(m_db, m_cache);
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    auto existing = members.byEmail(request.contact.email);
    if (!existing)
        return existing.error();
    if (existing.value())
        return Registered{existing.value(), std::nullopt, false};

    auto store = stores.store(request.contact.storeCode);
    if (!store)
        return store.error();
    auto link = stores.resolveLink(request.contact.refCode);
    if (!link)
        return link.error();
    QString sponsorCode;
    if (link.value()) {
        auto owner = members.byId(link.value()->memberId);
        if (!owner)
            return owner.error();
        sponsorCode = owner->code;
    } else if (store->defaultSponsorId != 0) {
        sponsorCode = store->defaultSponsorCode;
    } else {
        return makeError(ErrorCode::FailedPrecondition,
                         tr("store '%1' has no default sponsor, and the registration came without a valid referral "
                            "code: nobody to place the new member under")
                             .arg(store->code));
    }

    const NewRetailCustomer &c = request.contact;
    NewMember member{request.memberCode, c.name, c.email, c.phone, c.country, sponsorCode, status, std::nullopt};
    // A generated code that happens to be taken is drawn again (32^8 codes make a second clash unlikely).
    for (int attempt = 0; member.code.isEmpty() && attempt < 4; ++attempt) {
        const QString candidate = codes::generateLinkCode();
        auto taken = members.byCode(candidate);
        if (!taken && taken.error().code != ErrorCode::NotFound)
            return taken.error();
        if (!taken)
            member.code = candidate;
    }
    auto registered = members.registerMember(member, actor);
    if (!registered)
        return registered.error();
    MLM_TRY(tx.commit());
    return Registered{registered.value(), std::nullopt, true};
}

Result<Registered> Registrations::registerCustomer(const StoreRegistration &request, Id storeId, const Actor &actor)
{
    Stores stores(m_db, m_cache);
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    auto existing = stores.customer(storeId, request.contact.email);
    if (!existing)
        return existing.error();
    if (existing.value())
        return Registered{std::nullopt, existing.value(), false};
    auto created = stores.registerCustomer(request.contact, actor);
    if (!created)
        return created.error();
    MLM_TRY(tx.commit());
    return Registered{std::nullopt, created.value(), true};
}

} // namespace mlm
