#include "DatasetImporter.h"

#include "DatasetReader.h"
#include "compensation/Plans.h"
#include "domain/Codes.h"
#include "orders/OrderVolumes.h"
#include "storage/AuditLog.h"
#include "storage/BulkInsert.h"
#include "storage/BulkLoadSuspension.h"
#include "storage/Database.h"
#include "storage/ForeignKeysOff.h"
#include "storage/SqlValues.h"
#include "storage/TransactionGuard.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>

namespace mlm {

using namespace dataset;

namespace {

constexpr qint64 kProgressEvery = 20000;
/// From this many new rows on, a table's indexes (and PostgreSQL's foreign keys) are built once at the end.
constexpr qsizetype kSuspendFrom = 10000;

Result<Id> nextId(Database &db, const QString &table)
{
    auto max = db.scalar(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM %1").arg(table));
    if (!max)
        return max.error();
    return max->toLongLong() + 1;
}

/// What the database already holds, so that the file may reference it and may not duplicate it.
Status loadExisting(Database &db, Catalogue &c, NextIds &ids)
{
    for (auto [table, field] :
         {std::pair{"price_tiers", &NextIds::tier}, std::pair{"products", &NextIds::product},
          std::pair{"members", &NextIds::member}, std::pair{"stores", &NextIds::store},
          std::pair{"referral_links", &NextIds::link}, std::pair{"retail_customers", &NextIds::customer},
          std::pair{"orders", &NextIds::order}}) {
        auto next = nextId(db, QLatin1StringView(table));
        if (!next)
            return next.error();
        ids.*field = next.value();
    }
    auto q = db.exec(QStringLiteral("SELECT id, code, name FROM price_tiers"));
    if (!q)
        return q.error();
    while (q->next())
        c.tiers.insert(q->value(1).toString(),
                       {q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString()});

    q = db.exec(QStringLiteral("SELECT id, sku, name, active, pv, bv FROM products ORDER BY id"));
    if (!q)
        return q.error();
    QHash<Id, qsizetype> productById;
    while (q->next()) {
        ProductRecord p;
        p.id = q->value(0).toLongLong();
        p.sku = q->value(1).toString();
        p.name = q->value(2).toString();
        p.active = q->value(3).toBool();
        p.pv = q->value(4).toLongLong();
        p.bv = q->value(5).toLongLong();
        productById.insert(p.id, c.products.size());
        c.productBySku.insert(p.sku, c.products.size());
        c.products.append(p);
    }
    q = db.exec(QStringLiteral("SELECT pp.product_id, t.code, pp.price FROM product_prices pp "
                               "JOIN price_tiers t ON t.id = pp.tier_id"));
    if (!q)
        return q.error();
    while (q->next())
        c.products[productById.value(q->value(0).toLongLong())].prices.insert(q->value(1).toString(),
                                                                              q->value(2).toLongLong());

    q = db.exec(QStringLiteral("SELECT id, code, email_key, status FROM members"));
    if (!q)
        return q.error();
    while (q->next()) {
        MemberRecord m;
        m.id = q->value(0).toLongLong();
        m.code = q->value(1).toString();
        m.status = memberStatusFromString(q->value(3).toString()).value_or(MemberStatus::Terminated);
        if (!q->value(2).isNull())
            c.emailKeys.insert(q->value(2).toString());
        c.memberByKey.insert(codes::key(m.code), c.members.size());
        c.memberById.insert(m.id, c.members.size());
        c.members.append(m);
    }
    q = db.exec(QStringLiteral("SELECT s.id, s.code, s.scenario, t.code FROM stores s "
                               "LEFT JOIN price_tiers t ON t.id = s.pinned_tier_id"));
    if (!q)
        return q.error();
    while (q->next()) {
        StoreRecord s;
        s.id = q->value(0).toLongLong();
        s.code = q->value(1).toString();
        s.scenario = storeScenarioFromString(q->value(2).toString()).value_or(StoreScenario::SeparateChannel);
        s.pinnedTier = q->value(3).toString();
        c.storeByCode.insert(codes::key(s.code), c.stores.size());
        c.stores.append(s);
    }
    q = db.exec(QStringLiteral("SELECT id, code, member_id, store_id, active FROM referral_links"));
    if (!q)
        return q.error();
    while (q->next()) {
        LinkRecord l;
        l.id = q->value(0).toLongLong();
        l.code = q->value(1).toString();
        l.memberId = q->value(2).toLongLong();
        l.storeId = q->value(3).toLongLong();
        l.active = q->value(4).toBool();
        c.linkByKey.insert(codes::key(l.code), c.links.size());
        c.links.append(l);
    }
    q = db.exec(QStringLiteral("SELECT id, store_id, email, owner_id FROM retail_customers"));
    if (!q)
        return q.error();
    while (q->next()) {
        CustomerRecord cr;
        cr.id = q->value(0).toLongLong();
        cr.storeId = q->value(1).toLongLong();
        cr.email = q->value(2).toString();
        cr.ownerId = q->value(3).toLongLong();
        c.customerByKey.insert(customerKey(cr.storeId, cr.email), c.customers.size());
        c.customers.append(cr);
    }
    q = db.exec(QStringLiteral("SELECT COALESCE(store_id, 0), external_id FROM orders"));
    if (!q)
        return q.error();
    while (q->next())
        c.orderKeys.insert(orderKey(q->value(0).toLongLong(), q->value(1).toString()));
    return {};
}

/// Where the parts of a dataset file are: its header values, and the start and size of each array.
struct Layout
{
    json::Document format, currency, plan;
    QHash<QString, std::pair<qsizetype, qsizetype>> sections; ///< name -> (position of '[', elements)
};

const QStringList kSections{QStringLiteral("tiers"),   QStringLiteral("products"), QStringLiteral("stores"),
                            QStringLiteral("members"), QStringLiteral("links"),    QStringLiteral("customers"),
                            QStringLiteral("orders")};

/// One pass over the file that finds its parts; the records themselves are read later, section by section, in the
/// order references need (members before the orders that name them), whatever the order in the file.
Status scanLayout(json::Parser &parser, Layout &layout)
{
    qsizetype pos = 0;
    if (parser.peek(pos) != '{')
        return makeError(ErrorCode::InvalidArgument, DatasetImporter::tr("a dataset file is one JSON object"));
    ++pos;
    if (parser.peek(pos) == '}') {
        ++pos;
    } else {
        for (;;) {
            auto key = parser.parseKey(pos);
            if (!key)
                return key.error();
            MLM_TRY(parser.expect(pos, ':'));
            if (kSections.contains(key.value())) {
                const char next = parser.peek(pos);
                if (next != '[' && next != 'n')
                    return makeError(ErrorCode::InvalidArgument,
                                     DatasetImporter::tr("%1: must be an array").arg(key.value()));
                qsizetype elements = 0;
                const qsizetype start = next == '[' ? pos : -1;
                MLM_TRY(parser.skip(pos, &elements));
                layout.sections.insert(key.value(), {start, elements});
            } else if (key.value() == u"format" || key.value() == u"currency" || key.value() == u"plan") {
                json::Document &doc = key.value() == u"format"     ? layout.format
                                      : key.value() == u"currency" ? layout.currency
                                                                   : layout.plan;
                MLM_TRY(parser.parse(pos, doc));
            } else {
                MLM_TRY(parser.skip(pos));
            }
            const char sep = parser.peek(pos);
            if (sep == ',') {
                ++pos;
                continue;
            }
            if (sep == '}') {
                ++pos;
                break;
            }
            return parser.errorAt(pos, DatasetImporter::tr("expected ',' or '}'"));
        }
    }
    if (parser.peek(pos) != '\0')
        return parser.errorAt(pos, DatasetImporter::tr("unexpected content after the dataset"));
    return {};
}

} // namespace

Result<ImportSummary> DatasetImporter::importFile(const QString &path, const Actor &actor)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound, tr("cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() == 0)
        return makeError(ErrorCode::InvalidArgument, tr("%1 is empty").arg(path));
    // Mapped, not read: the file's pages are the parser's input and no copy of it is made.
    if (const uchar *data = file.map(0, file.size()))
        return importBytes(QByteArrayView(data, file.size()), actor);
    return importJson(file.readAll(), actor);
}

Result<ImportSummary> DatasetImporter::importJson(const QByteArray &json, const Actor &actor)
{
    return importBytes(json, actor);
}

Result<ImportSummary> DatasetImporter::importBytes(QByteArrayView json, const Actor &actor)
{
    qint64 done = 0;
    qint64 total = 0;
    auto report = [&](const char *stage) -> Status {
        if (m_progress && !m_progress(QLatin1StringView(stage), done, total))
            return makeError(ErrorCode::FailedPrecondition, tr("the import was cancelled; nothing was changed"));
        return {};
    };
    json::Parser parser(json);
    Layout layout;
    MLM_TRY(report("scan"));
    MLM_TRY(scanLayout(parser, layout));
    MLM_TRY(report("read"));

    ForeignKeysOff foreignKeysOff(m_db);
    TransactionGuard tx(m_db);
    MLM_TRY(tx.began());
    Catalogue catalogue;
    NextIds ids;
    MLM_TRY(loadExisting(m_db, catalogue, ids));
    DatasetReader reader(catalogue, ids, nowUtc());
    QString currency;
    std::optional<CompensationPlan> plan;
    MLM_TRY(reader.readHeader(layout.format.root(), layout.currency.root(), layout.plan.root(), &currency, &plan));
    auto section = [&](const char *key) {
        const auto [start, size] = layout.sections.value(QLatin1StringView(key), {-1, 0});
        return json::ArrayCursor(parser, start, size);
    };
    for (const char *name : {"tiers", "products", "members", "stores", "links", "customers"}) {
        json::ArrayCursor cursor = section(name);
        const QByteArrayView which(name);
        MLM_TRY(which == "tiers"      ? reader.readTiers(cursor)
                : which == "products" ? reader.readProducts(cursor)
                : which == "members"  ? reader.readMembers(cursor)
                : which == "stores"   ? reader.readStores(cursor)
                : which == "links"    ? reader.readLinks(cursor)
                                      : reader.readCustomers(cursor));
    }

    ImportSummary summary;
    json::ArrayCursor orders = section("orders");
    total = catalogue.members.size() + orders.size();

    if (!currency.isEmpty()) {
        auto existing = m_db.scalar(QStringLiteral("SELECT value FROM settings WHERE key = 'currency'"));
        if (!existing)
            return existing.error();
        if (existing->isValid() && existing->toString() != currency && !catalogue.orderKeys.isEmpty())
            return makeError(
                ErrorCode::FailedPrecondition,
                tr("currency: the database holds orders in %1, not %2").arg(existing->toString(), currency));
        MLM_TRY(m_db.exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('currency', ?) "
                                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                          {currency}));
    }
    if (plan) {
        MLM_TRY(Plans::save(m_db, *plan, actor));
    }

    BulkInsert tiersOut(
        m_db, QStringLiteral("price_tiers"),
        {QStringLiteral("id"), QStringLiteral("code"), QStringLiteral("name"), QStringLiteral("builtin")});
    for (const TierRecord &t : std::as_const(catalogue.tiers)) {
        if (!t.isNew)
            continue;
        tiersOut << t.id, tiersOut << t.code, tiersOut << t.name, tiersOut << 0;
        MLM_TRY(tiersOut.endRow());
    }
    MLM_TRY(tiersOut.finish());
    summary.tiers = tiersOut.rowsWritten();

    BulkInsert productsOut(m_db, QStringLiteral("products"),
                           {QStringLiteral("id"), QStringLiteral("sku"), QStringLiteral("name"),
                            QStringLiteral("active"), QStringLiteral("pv"), QStringLiteral("bv")});
    BulkInsert pricesOut(m_db, QStringLiteral("product_prices"),
                         {QStringLiteral("product_id"), QStringLiteral("tier_id"), QStringLiteral("price")});
    for (const ProductRecord &p : std::as_const(catalogue.products)) {
        if (!p.isNew)
            continue;
        productsOut << p.id, productsOut << p.sku, productsOut << p.name, productsOut << (p.active ? 1 : 0);
        productsOut << p.pv, productsOut << p.bv;
        MLM_TRY(productsOut.endRow());
    }
    MLM_TRY(productsOut.finish());
    for (const ProductRecord &p : std::as_const(catalogue.products)) {
        if (!p.isNew)
            continue;
        for (auto it = p.prices.cbegin(); it != p.prices.cend(); ++it) {
            pricesOut << p.id, pricesOut << catalogue.tiers.value(it.key()).id, pricesOut << it.value();
            MLM_TRY(pricesOut.endRow());
        }
    }
    MLM_TRY(pricesOut.finish());
    summary.products = productsOut.rowsWritten();

    BulkInsert membersOut(m_db, QStringLiteral("members"),
                          {QStringLiteral("id"), QStringLiteral("code"), QStringLiteral("code_key"),
                           QStringLiteral("name"), QStringLiteral("name_key"), QStringLiteral("email"),
                           QStringLiteral("email_key"), QStringLiteral("phone"), QStringLiteral("country"),
                           QStringLiteral("sponsor_id"), QStringLiteral("status"), QStringLiteral("joined_at")});
    MLM_TRY(report("members"));
    BulkLoadSuspension memberLoad(m_db, QStringLiteral("members"));
    if (reader.memberWriteOrder().size() >= kSuspendFrom)
        MLM_TRY(memberLoad.suspend());
    for (qsizetype i : reader.memberWriteOrder()) {
        const MemberRecord &m = catalogue.members.at(i);
        membersOut << m.id, membersOut << m.code, membersOut << m.codeKey, membersOut << m.name;
        membersOut << codes::key(m.name), membersOut << m.email;
        membersOut << sql::textOrNull(m.emailKey);
        membersOut << m.phone, membersOut << m.country, membersOut << sql::idOrNull(m.sponsorId);
        membersOut << toText(m.status), membersOut << m.joinedAt;
        MLM_TRY(membersOut.endRow());
        if (++done % kProgressEvery == 0)
            MLM_TRY(report("members"));
    }
    MLM_TRY(membersOut.finish());
    MLM_TRY(report("member indexes"));
    MLM_TRY(memberLoad.restore());
    summary.members = membersOut.rowsWritten();

    BulkInsert storesOut(m_db, QStringLiteral("stores"),
                         {QStringLiteral("id"), QStringLiteral("code"), QStringLiteral("name"),
                          QStringLiteral("base_url"), QStringLiteral("scenario"), QStringLiteral("link_template"),
                          QStringLiteral("default_sponsor_id"), QStringLiteral("pinned_tier_id"),
                          QStringLiteral("created_at")});
    for (const StoreRecord &s : std::as_const(catalogue.stores)) {
        if (!s.isNew)
            continue;
        storesOut << s.id, storesOut << s.code, storesOut << s.name, storesOut << s.baseUrl;
        storesOut << toText(s.scenario), storesOut << s.linkTemplate, storesOut << sql::idOrNull(s.defaultSponsorId);
        storesOut << sql::idOrNull(s.pinnedTierId), storesOut << nowUtc();
        MLM_TRY(storesOut.endRow());
    }
    MLM_TRY(storesOut.finish());
    summary.stores = storesOut.rowsWritten();

    BulkInsert linksOut(m_db, QStringLiteral("referral_links"),
                        {QStringLiteral("id"), QStringLiteral("code"), QStringLiteral("code_key"),
                         QStringLiteral("member_id"), QStringLiteral("store_id"), QStringLiteral("active"),
                         QStringLiteral("created_at")});
    for (const LinkRecord &l : std::as_const(catalogue.links)) {
        if (!l.isNew)
            continue;
        linksOut << l.id, linksOut << l.code, linksOut << codes::key(l.code), linksOut << l.memberId;
        linksOut << l.storeId, linksOut << (l.active ? 1 : 0), linksOut << l.createdAt;
        MLM_TRY(linksOut.endRow());
    }
    MLM_TRY(linksOut.finish());
    summary.links = linksOut.rowsWritten();

    BulkInsert customersOut(m_db, QStringLiteral("retail_customers"),
                            {QStringLiteral("id"), QStringLiteral("store_id"), QStringLiteral("email"),
                             QStringLiteral("email_key"), QStringLiteral("name"), QStringLiteral("phone"),
                             QStringLiteral("country"), QStringLiteral("owner_id"), QStringLiteral("via_link_id"),
                             QStringLiteral("created_at")});
    for (const CustomerRecord &c : std::as_const(catalogue.customers)) {
        if (!c.isNew)
            continue;
        customersOut << c.id, customersOut << c.storeId, customersOut << c.email, customersOut << codes::key(c.email);
        customersOut << c.name, customersOut << c.phone, customersOut << c.country,
            customersOut << sql::idOrNull(c.ownerId);
        customersOut << sql::idOrNull(c.viaLinkId), customersOut << c.createdAt;
        MLM_TRY(customersOut.endRow());
    }
    MLM_TRY(customersOut.finish());
    summary.customers = customersOut.rowsWritten();

    // Orders are read and written one by one: an error further on still rolls everything back.
    BulkInsert ordersOut(m_db, QStringLiteral("orders"),
                         {QStringLiteral("id"), QStringLiteral("store_id"), QStringLiteral("external_id"),
                          QStringLiteral("buyer_member_id"), QStringLiteral("buyer_customer_id"),
                          QStringLiteral("credited_member_id"), QStringLiteral("tier_id"),
                          QStringLiteral("total_price"), QStringLiteral("total_pv"), QStringLiteral("total_bv"),
                          QStringLiteral("status"), QStringLiteral("created_at"), QStringLiteral("paid_at"),
                          QStringLiteral("cancelled_at"), QStringLiteral("refunded_at")});
    BulkInsert linesOut(m_db, QStringLiteral("order_lines"),
                        {QStringLiteral("order_id"), QStringLiteral("line_no"), QStringLiteral("product_id"),
                         QStringLiteral("qty"), QStringLiteral("unit_price"), QStringLiteral("distributor_price"),
                         QStringLiteral("pv"), QStringLiteral("bv")});
    MLM_TRY(report("orders"));
    BulkLoadSuspension orderLoad(m_db, QStringLiteral("orders"));
    BulkLoadSuspension lineLoad(m_db, QStringLiteral("order_lines"));
    if (orders.size() >= kSuspendFrom) {
        MLM_TRY(orderLoad.suspend());
        MLM_TRY(lineLoad.suspend());
    }
    const Status ordersRead = json::forEachElement(orders, [&](json::Value element, qsizetype index) -> Status {
        auto record = reader.readOrder(element, index);
        if (!record)
            return record.error();
        const OrderRecord &r = record.value();
        const Order &o = r.order;
        ordersOut << r.id, ordersOut << sql::idOrNull(r.storeId), ordersOut << r.externalId;
        ordersOut << sql::idOrNull(r.buyerMemberId), ordersOut << sql::idOrNull(r.buyerCustomerId);
        ordersOut << sql::idOrNull(r.creditedMemberId), ordersOut << r.tierId, ordersOut << o.totalPrice;
        ordersOut << o.totalPv, ordersOut << o.totalBv, ordersOut << toText(o.status), ordersOut << o.createdAt;
        ordersOut << sql::timeOrNull(o.paidAt), ordersOut << sql::timeOrNull(o.cancelledAt);
        ordersOut << sql::timeOrNull(o.refundedAt);
        const qint64 ordersBefore = ordersOut.rowsWritten();
        MLM_TRY(ordersOut.endRow());
        for (qsizetype l = 0; l < o.lines.size(); ++l) {
            const OrderLine &line = o.lines.at(l);
            linesOut << r.id, linesOut << l + 1, linesOut << line.productId, linesOut << line.qty;
            linesOut << line.unitPrice, linesOut << line.distributorPrice, linesOut << line.pv, linesOut << line.bv;
            MLM_TRY(linesOut.endRow(false));
        }
        if (ordersOut.rowsWritten() != ordersBefore) // lines only after their orders (foreign keys)
            MLM_TRY(linesOut.writeFull());
        if (++done % kProgressEvery == 0)
            MLM_TRY(report("orders"));
        return {};
    });
    if (!ordersRead)
        return ordersRead.error();
    MLM_TRY(ordersOut.finish());
    MLM_TRY(linesOut.finish());
    MLM_TRY(report("order indexes"));
    MLM_TRY(orderLoad.restore());
    MLM_TRY(lineLoad.restore());
    MLM_TRY(report("volumes"));
    MLM_TRY(OrderVolumes::rebuild(m_db));
    summary.orders = ordersOut.rowsWritten();
    summary.orderLines = linesOut.rowsWritten();

    for (const char *table :
         {"price_tiers", "products", "members", "stores", "referral_links", "retail_customers", "orders"}) {
        const QString sql = m_db.dialect().resetIdSequenceSql(QLatin1StringView(table));
        if (!sql.isEmpty())
            MLM_TRY(m_db.exec(sql));
    }
    MLM_TRY(AuditLog::record(m_db, actor, QStringLiteral("dataset.import"), QStringLiteral("dataset"), 0,
                             {{QStringLiteral("members"), summary.members},
                              {QStringLiteral("orders"), summary.orders},
                              {QStringLiteral("products"), summary.products},
                              {QStringLiteral("stores"), summary.stores}}));
    MLM_TRY(report("commit"));
    MLM_TRY(tx.commit());
    return summary;
}

} // namespace mlm
