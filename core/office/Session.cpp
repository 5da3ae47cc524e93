#include "Session.h"

#include "catalog/Catalog.h"
#include "compensation/CommissionReport.h"
#include "compensation/Plans.h"
#include "dataset/DatasetExporter.h"
#include "domain/Codes.h"
#include "domain/Pricing.h"
#include "genealogy/Members.h"
#include "stores/Stores.h"

namespace mlm {

Result<QList<NetworkEntry>> Session::treeRoots()
{
    MLM_TRY(Permissions::check(m_user, Action::ViewMember));
    Members members(m_db);
    const Period month = Period::containing(nowUtc());
    const Id own = Permissions::scope(m_user);
    if (own == 0)
        return members.networkChildren(0, month);
    auto entry = members.networkEntry(own, month);
    if (!entry)
        return entry.error();
    return QList<NetworkEntry>{entry.value()};
}

Result<Member> Session::memberFor(Action action, const QString &code)
{
    auto found = Members(m_db).byCode(code);
    if (!found)
        return found.error();
    MLM_TRY(checkMember(action, found->id));
    return found;
}

Result<Member> Session::member(const QString &code)
{
    return memberFor(Action::ViewMember, code);
}

Result<QList<NetworkEntry>> Session::children(const QString &sponsorCode)
{
    auto sponsor = member(sponsorCode);
    if (!sponsor)
        return sponsor.error();
    return Members(m_db).networkChildren(sponsor->id, Period::containing(nowUtc()));
}

Result<TreeIndex> Session::treeIndex()
{
    MLM_TRY(Permissions::check(m_user, Action::ViewMember));
    return TreeIndex::load(m_db);
}

Result<QList<Member>> Session::search(const QString &text, int limit)
{
    MLM_TRY(Permissions::check(m_user, Action::ViewMember));
    Members members(m_db);
    const Id own = Permissions::scope(m_user);
    if (own == 0)
        return members.search(text, limit);
    // A distributor's search runs over the whole index and keeps what lies in its downline.
    auto found = members.search(text, limit * 4);
    if (!found)
        return found.error();
    QList<Member> mine;
    for (const Member &m : found.value()) {
        auto inScope = members.isInDownlineOrSelf(own, m.id);
        if (!inScope)
            return inScope.error();
        if (inScope.value() && mine.size() < limit)
            mine.append(m);
    }
    return mine;
}

Result<QList<Member>> Session::pathTo(const QString &code)
{
    auto found = member(code);
    if (!found)
        return found.error();
    Members members(m_db);
    QList<Member> path;
    const Id root = Permissions::scope(m_user);
    for (Id id = found->id; id != 0;) {
        auto m = members.byId(id);
        if (!m)
            return m.error();
        path.prepend(m.value());
        if (id == root)
            break; // the distributor's tree starts at its own member
        id = m->sponsorId;
        if (path.size() > 100000)
            return makeError(ErrorCode::FailedPrecondition, tr("the sponsor chain of member %1 loops").arg(code));
    }
    return path;
}

Result<QList<StatusChange>> Session::statusHistory(const QString &code)
{
    auto found = member(code);
    if (!found)
        return found.error();
    return Members(m_db).statusHistory(found->id);
}

Result<QList<qint64>> Session::downlineSizes(const QStringList &codes)
{
    MLM_TRY(Permissions::check(m_user, Action::ViewMember));
    if (codes.size() > kMaxSizesAsked)
        return makeError(ErrorCode::InvalidArgument,
                         tr("at most %1 members at a time, not %2").arg(kMaxSizesAsked).arg(codes.size()));
    QList<Id> ids;
    for (const QString &code : codes) {
        auto m = member(code);
        if (!m)
            return m.error();
        ids.append(m->id);
    }
    auto tree = TreeIndex::recent(m_db);
    if (!tree)
        return tree.error();
    QList<qint64> sizes;
    for (const Id id : ids) {
        const qint32 i = tree.value()->indexOf(id);
        sizes.append(i < 0 ? -1 : tree.value()->downlineSize(i));
    }
    return sizes;
}

Result<QList<Member>> Session::membersPage(const MemberFilter &filter, const std::optional<MemberPageKey> &after,
                                           int limit)
{
    MLM_TRY(Permissions::check(m_user, Action::ViewAllMembers));
    return Members(m_db).page(filter, after, limit);
}

Result<qint64> Session::membersCount(const MemberFilter &filter)
{
    MLM_TRY(Permissions::check(m_user, Action::ViewAllMembers));
    return Members(m_db).count(filter);
}

Result<QList<ReferralLink>> Session::links(const QString &memberCode)
{
    auto owner = memberFor(Action::ManageLinks, memberCode);
    if (!owner)
        return owner.error();
    return Stores(m_db).linksOf(owner->id);
}

Result<ReferralLink> Session::createLink(const QString &memberCode, const QString &storeCode, const QString &vanityCode)
{
    auto owner = memberFor(Action::ManageLinks, memberCode);
    if (!owner)
        return owner.error();
    return Stores(m_db).createLink(owner->code, storeCode, vanityCode, actor());
}

Status Session::deactivateLink(const QString &code)
{
    auto link = Stores(m_db).link(code);
    if (!link)
        return link.error();
    auto owner = memberFor(Action::ManageLinks, link->memberCode);
    if (!owner)
        return owner.error();
    return Stores(m_db).deactivateLink(code, actor());
}

Result<QList<Store>> Session::stores()
{
    MLM_TRY(Permissions::check(m_user, Action::ManageLinks));
    return Stores(m_db).stores();
}

Result<QList<RetailCustomer>> Session::customers(const QString &storeCode, const QString &search, int limit)
{
    MLM_TRY(Permissions::check(m_user, Action::ViewCustomers));
    Stores stores(m_db);
    auto store = stores.store(storeCode);
    if (!store)
        return store.error();
    return stores.customers(store->id, search, limit);
}

Result<QList<Order>> Session::ordersPage(const OrderFilter &filter, Id beforeId, int limit)
{
    auto visible = Permissions::visibleOrders(m_user, filter);
    if (!visible)
        return visible.error();
    return Orders(m_db).page(visible.value(), beforeId, limit);
}

Result<qint64> Session::ordersCount(const OrderFilter &filter, Id newerThan)
{
    auto visible = Permissions::visibleOrders(m_user, filter);
    if (!visible)
        return visible.error();
    return Orders(m_db).count(visible.value(), newerThan);
}

Result<Id> Session::orderIdAt(const OrderFilter &filter, Id from, bool older, qint64 offset)
{
    auto visible = Permissions::visibleOrders(m_user, filter);
    if (!visible)
        return visible.error();
    return Orders(m_db).idAt(visible.value(), from, older, offset);
}

Result<Order> Session::order(Id id)
{
    MLM_TRY(Permissions::check(m_user, Action::ViewOrders));
    auto found = Orders(m_db).byId(id);
    if (!found)
        return found.error();
    MLM_TRY(Permissions::checkOrder(m_user, found.value()));
    return found;
}

Result<Order> Session::changeOrderStatus(Id id, OrderStatus to, Timestamp at)
{
    MLM_TRY(Permissions::check(m_user, Action::ChangeOrderStatus));
    auto found = Orders(m_db).byId(id);
    if (!found)
        return found.error();
    return Orders(m_db).changeStatus(found->storeCode.isEmpty() ? QStringLiteral("-") : found->storeCode,
                                     found->externalId, to, at, actor());
}

Result<SubmittedOrder> Session::enterOrder(const QString &memberCode, const QList<OrderLineRequest> &lines,
                                           OrderStatus status)
{
    MLM_TRY(Permissions::check(m_user, Action::EnterOrder));
    NewOrder order;
    order.storeCode = QStringLiteral("-");
    order.externalId = QStringLiteral("BO-") + codes::generateLinkCode();
    order.buyerMemberCode = memberCode;
    order.lines = lines;
    order.status = status;
    return Orders(m_db).submit(order, actor());
}

Result<Office::PriceList> Session::priceList(const QString &memberCode)
{
    MLM_TRY(Permissions::check(m_user, Action::EnterOrder));
    auto member = Members(m_db).byCode(memberCode);
    if (!member)
        return member.error();
    auto tier = Pricing::buyerTier(member->status);
    if (!tier)
        return tier.error();
    auto products = Catalog(m_db).products(true);
    if (!products)
        return products.error();
    return PriceList{member.value(), tier.value(), products.value()};
}

Result<ImportSummary> Session::importDataset(const QString &path, const DatasetImporter::Progress &progress)
{
    MLM_TRY(Permissions::check(m_user, Action::ImportExport));
    DatasetImporter importer(m_db);
    importer.setProgress(progress);
    return importer.importFile(path, actor());
}

Result<ImportSummary> Session::importDataset(const QByteArray &json, const DatasetImporter::Progress &progress)
{
    MLM_TRY(Permissions::check(m_user, Action::ImportExport));
    DatasetImporter importer(m_db);
    importer.setProgress(progress);
    return importer.importJson(json, actor());
}

Status Session::exportDataset(const QString &path, const DatasetExporter::Progress &progress)
{
    MLM_TRY(Permissions::check(m_user, Action::ImportExport));
    DatasetExporter exporter(m_db);
    exporter.setProgress(progress);
    return exporter.exportFile(path);
}

Status Session::exportDataset(QIODevice &out)
{
    MLM_TRY(Permissions::check(m_user, Action::ImportExport));
    return DatasetExporter(m_db).exportTo(out);
}

Status Session::changeStatus(const QString &code, MemberStatus to, const QString &reason)
{
    auto found = Members(m_db).byCode(code);
    if (!found)
        return found.error();
    MLM_TRY(checkMember(to == MemberStatus::Terminated ? Action::Terminate : Action::ChangeStatus, found->id));
    return Members(m_db).changeStatus(code, to, reason, actor());
}

Status Session::move(const QString &code, const QString &newSponsorCode)
{
    MLM_TRY(Permissions::check(m_user, Action::MoveMember));
    return Members(m_db).move(code, newSponsorCode, actor());
}

Status Session::updateContact(const QString &code, const QString &name, const QString &email, const QString &phone,
                              const QString &country)
{
    auto found = Members(m_db).byCode(code);
    if (!found)
        return found.error();
    MLM_TRY(checkMember(Action::EditContact, found->id));
    return Members(m_db).updateContact(code, name, email, phone, country, actor());
}

Result<QList<User>> Session::users()
{
    MLM_TRY(Permissions::check(m_user, Action::ManageUsers));
    return Users(m_db).list();
}

Result<User> Session::addUser(const NewUser &user)
{
    MLM_TRY(Permissions::check(m_user, Action::ManageUsers));
    return Users(m_db).add(user, actor());
}

Status Session::setUserActive(const QString &username, bool active)
{
    MLM_TRY(Permissions::check(m_user, Action::ManageUsers));
    if (!active && username.compare(m_user.username, Qt::CaseInsensitive) == 0)
        return makeError(ErrorCode::FailedPrecondition, tr("you cannot disable the user you are signed in as"));
    return Users(m_db).setActive(username, active, actor());
}

Status Session::resetPassword(const QString &username, const QString &password)
{
    MLM_TRY(Permissions::check(m_user, Action::ManageUsers));
    return Users(m_db).setPassword(username, password, actor());
}

Status Session::setUserRole(const QString &username, Role role, const QString &memberCode)
{
    MLM_TRY(Permissions::check(m_user, Action::ManageUsers));
    return Users(m_db).setRole(username, role, memberCode, actor());
}

Result<QList<AuditEntry>> Session::auditPage(const AuditFilter &filter, Id beforeId, int limit)
{
    MLM_TRY(Permissions::check(m_user, Action::ViewAudit));
    return AuditLog::page(m_db, filter, beforeId, limit);
}

Result<Office::CatalogData> Session::catalog()
{
    MLM_TRY(Permissions::check(m_user, Action::EditCatalog));
    Catalog catalog(m_db);
    CatalogData data;
    auto currency = catalog.currency();
    if (!currency)
        return currency.error();
    auto tiers = catalog.tiers();
    if (!tiers)
        return tiers.error();
    auto products = catalog.products();
    if (!products)
        return products.error();
    return CatalogData{currency.value(), tiers.value(), products.value()};
}

Result<PriceTier> Session::addTier(const QString &code, const QString &name)
{
    MLM_TRY(Permissions::check(m_user, Action::EditCatalog));
    return Catalog(m_db).addTier(code, name, actor());
}

Result<Product> Session::addProduct(const Product &product)
{
    MLM_TRY(Permissions::check(m_user, Action::EditCatalog));
    return Catalog(m_db).addProduct(product, actor());
}

Status Session::updateProduct(const Product &product)
{
    MLM_TRY(Permissions::check(m_user, Action::EditCatalog));
    return Catalog(m_db).updateProduct(product, actor());
}

Status Session::setPrices(const QList<PriceEdit> &edits)
{
    MLM_TRY(Permissions::check(m_user, Action::EditCatalog));
    return Catalog(m_db).setPrices(edits, actor());
}

Result<QByteArray> Session::priceListCsv()
{
    auto data = catalog();
    if (!data)
        return data.error();
    return PriceSheet::csv(data->products, data->tiers);
}

Result<qsizetype> Session::importPriceList(const QByteArray &csv)
{
    auto data = catalog();
    if (!data)
        return data.error();
    auto edits = PriceSheet::readCsv(csv, data->products, data->tiers);
    if (!edits)
        return edits.error();
    MLM_TRY(setPrices(edits.value()));
    return edits->size();
}

Result<Store> Session::createStore(const Store &store)
{
    MLM_TRY(Permissions::check(m_user, Action::EditStores));
    return Stores(m_db).createStore(store, actor());
}

Result<Store> Session::updateStore(const Store &store)
{
    MLM_TRY(Permissions::check(m_user, Action::EditStores));
    return Stores(m_db).updateStore(store, actor());
}

Result<QList<ApiKey>> Session::apiKeys(const QString &storeCode)
{
    MLM_TRY(Permissions::check(m_user, Action::EditStores));
    return ApiKeys(m_db).list(storeCode);
}

Result<IssuedApiKey> Session::createApiKey(const QString &storeCode, const QString &label)
{
    MLM_TRY(Permissions::check(m_user, Action::EditStores));
    return ApiKeys(m_db).create(storeCode, label, actor());
}

Status Session::revokeApiKey(const QString &idOrPrefix)
{
    MLM_TRY(Permissions::check(m_user, Action::EditStores));
    return ApiKeys(m_db).revoke(idOrPrefix, actor());
}

Result<CompensationPlan> Session::plan()
{
    MLM_TRY(Permissions::check(m_user, Action::EditPlan));
    return Plans::current(m_db);
}

Status Session::savePlan(const CompensationPlan &plan)
{
    MLM_TRY(Permissions::check(m_user, Action::EditPlan));
    return Plans::save(m_db, plan, actor());
}

Result<RunOverview> Session::kept(Result<CommissionRun> run)
{
    if (!run)
        return run.error();
    return RunStore::instance().keep(m_user.username, std::move(run.value()));
}

Result<RunOverview> Session::previewPlan(const CompensationPlan &plan, const Period &period,
                                         const Progress &progress)
{
    MLM_TRY(Permissions::check(m_user, Action::EditPlan));
    // Its totals are what a plan's preview is for: its members are not kept.
    auto run = CommissionRuns(m_db).preview(period, progress, plan);
    if (!run)
        return run.error();
    return RunStore::overviewOf(run.value());
}

Result<QList<RunPeriod>> Session::runPeriods()
{
    MLM_TRY(Permissions::check(m_user, Action::ViewCommissions));
    auto periods = CommissionRuns(m_db).periods(Period::containing(nowUtc()));
    if (!periods || m_user.role != Role::Distributor)
        return periods;
    // A distributor sees what each closed month paid it, from the stored results.
    auto q = m_db.exec(QStringLiteral("SELECT r.period, cr.total FROM commission_results cr JOIN commission_runs r ON "
                                      "r.id = cr.run_id WHERE cr.member_id = ? AND r.status = 'closed'"),
                       {m_user.memberId});
    if (!q)
        return q.error();
    QHash<QString, Money> totals;
    while (q->next())
        totals.insert(q->value(0).toString(), Money(q->value(1).toLongLong()));
    for (RunPeriod &p : periods.value()) {
        if (p.closed)
            p.memberTotal = totals.value(p.period.toString(), Money(0));
    }
    return periods;
}

Result<RunOverview> Session::previewRun(const Period &period, const Progress &progress)
{
    MLM_TRY(Permissions::check(m_user, Action::RunCommissions));
    return kept(CommissionRuns(m_db).preview(period, progress));
}

Result<RunOverview> Session::closeRun(const Period &period, const Progress &progress)
{
    MLM_TRY(Permissions::check(m_user, Action::RunCommissions));
    return kept(CommissionRuns(m_db).close(period, actor(), progress));
}

Result<RunOverview> Session::closedRun(const Period &period)
{
    MLM_TRY(Permissions::check(m_user, Action::RunCommissions));
    return kept(CommissionRuns(m_db).closedRun(period));
}

Result<QList<MemberCommission>> Session::runMembers(const QString &runId, qsizetype offset, int limit)
{
    // Only runs this user was given are found; whoever may no longer run commissions reads none of them.
    MLM_TRY(Permissions::check(m_user, Action::RunCommissions));
    return RunStore::instance().members(runId, m_user.username, offset, limit);
}

Result<QByteArray> Session::payoutCsv(const Period &period)
{
    MLM_TRY(Permissions::check(m_user, Action::RunCommissions));
    auto run = CommissionRuns(m_db).closedRun(period);
    if (!run)
        return run.error();
    return CommissionReport::payoutCsv(run.value());
}

Result<Statement> Session::statement(const Period &period, const QString &memberCode, qint64 offset, qint64 limit)
{
    auto m = memberFor(Action::ViewCommissions, memberCode);
    if (!m)
        return m.error();
    return CommissionRuns(m_db).statement(period, m->code, offset, limit);
}

Result<DownlineDashboard> Session::dashboard(const QString &memberCode, const Period &last,
                                             const Progress &progress)
{
    Id memberId = 0;
    if (memberCode.isEmpty()) {
        MLM_TRY(Permissions::check(m_user, Action::ViewCompanyReports));
    } else {
        auto m = memberFor(Action::ViewDashboard, memberCode);
        if (!m)
            return m.error();
        memberId = m->id;
    }
    return DownlinePerformance::dashboard(m_db, memberId, last, 12, 10, 10, progress);
}

} // namespace mlm
