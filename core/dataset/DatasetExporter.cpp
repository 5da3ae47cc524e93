#include "DatasetExporter.h"

#include "catalog/Catalog.h"

#include "compensation/Plans.h"
#include "domain/UtcTime.h"
#include "storage/Database.h"
#include "storage/TransactionGuard.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSqlQuery>

namespace mlm {

namespace {

/// Writes `"name": [` + one compact JSON object per line + `]`.
class ArrayWriter
{
public:
    ArrayWriter(QIODevice &out, const char *name) : m_out(out)
    {
        m_out.write(",\n\"");
        m_out.write(name);
        m_out.write("\": [");
    }
    void add(const QJsonObject &object)
    {
        m_out.write(m_first ? "\n" : ",\n");
        m_first = false;
        m_out.write(QJsonDocument(object).toJson(QJsonDocument::Compact));
    }
    void close() { m_out.write(m_first ? "]" : "\n]"); }

private:
    QIODevice &m_out;
    bool m_first = true;
};

QJsonValue textOrNull(const QVariant &v)
{
    return v.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(v.toString());
}

void putTime(QJsonObject &o, const char *key, const QVariant &v)
{
    if (!v.isNull())
        o.insert(QLatin1StringView(key), formatIsoTimestamp(v.toLongLong()));
}

} // namespace

Status DatasetExporter::exportFile(const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::InvalidArgument, tr("cannot write %1: %2").arg(path, file.errorString()));
    MLM_TRY(exportTo(file));
    if (!file.commit())
        return makeError(ErrorCode::Storage, tr("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

Status DatasetExporter::report(const char *stage, qint64 done)
{
    if (m_progress && !m_progress(QLatin1StringView(stage), done, 0))
        return makeError(ErrorCode::FailedPrecondition, tr("the export was cancelled; no file was written"));
    return {};
}

Status DatasetExporter::exportTo(QIODevice &out)
{
    // One transaction gives one consistent snapshot, even while others write.
    TransactionGuard tx(m_db, TransactionGuard::Mode::Snapshot);
    MLM_TRY(tx.began());
    MLM_TRY(report("start", 0));
    auto currency = Catalog(m_db).currency();
    if (!currency)
        return currency.error();
    auto plan = Plans::current(m_db);
    if (!plan)
        return plan.error();
    out.write("{\"format\": \"mlm-dataset/1\",\n\"currency\": ");
    out.write('"' + currency->toUtf8() + '"');
    out.write(",\n\"plan\": ");
    out.write(QJsonDocument(plan->toJson()).toJson(QJsonDocument::Compact));

    ArrayWriter tiers(out, "tiers");
    auto q = m_db.exec(QStringLiteral("SELECT code, name FROM price_tiers WHERE builtin = 0 ORDER BY id"));
    if (!q)
        return q.error();
    while (q->next())
        tiers.add({{QStringLiteral("code"), q->value(0).toString()}, {QStringLiteral("name"), q->value(1).toString()}});
    tiers.close();

    ArrayWriter products(out, "products");
    q = m_db.exec(QStringLiteral("SELECT p.id, p.sku, p.name, p.active, p.pv, p.bv, t.code, pp.price FROM products p "
                                 "LEFT JOIN product_prices pp ON pp.product_id = p.id "
                                 "LEFT JOIN price_tiers t ON t.id = pp.tier_id ORDER BY p.id, t.id"));
    if (!q)
        return q.error();
    QJsonObject product;
    QJsonObject prices;
    Id current = 0;
    auto flushProduct = [&] {
        if (current != 0) {
            product.insert(QStringLiteral("prices"), prices);
            products.add(product);
        }
    };
    while (q->next()) {
        if (q->value(0).toLongLong() != current) {
            flushProduct();
            current = q->value(0).toLongLong();
            prices = {};
            product = {{QStringLiteral("sku"), q->value(1).toString()},
                       {QStringLiteral("name"), q->value(2).toString()},
                       {QStringLiteral("active"), q->value(3).toInt() != 0},
                       {QStringLiteral("pv"), q->value(4).toLongLong()},
                       {QStringLiteral("bv"), q->value(5).toLongLong()}};
        }
        if (!q->value(6).isNull())
            prices.insert(q->value(6).toString(), q->value(7).toLongLong());
    }
    flushProduct();
    products.close();

    ArrayWriter members(out, "members");
    q = m_db.exec(QStringLiteral("SELECT m.code, m.name, m.email, m.phone, m.country, s.code, m.status, m.joined_at "
                                 "FROM members m LEFT JOIN members s ON s.id = m.sponsor_id ORDER BY m.id"));
    if (!q)
        return q.error();
    while (q->next()) {
        QJsonObject m{{QStringLiteral("code"), q->value(0).toString()},
                      {QStringLiteral("name"), q->value(1).toString()},
                      {QStringLiteral("email"), q->value(2).toString()},
                      {QStringLiteral("sponsor"), textOrNull(q->value(5))},
                      {QStringLiteral("status"), q->value(6).toString()},
                      {QStringLiteral("joined_at"), formatIsoTimestamp(q->value(7).toLongLong())}};
        if (!q->value(3).toString().isEmpty())
            m.insert(QStringLiteral("phone"), q->value(3).toString());
        if (!q->value(4).toString().isEmpty())
            m.insert(QStringLiteral("country"), q->value(4).toString());
        members.add(m);
    }
    members.close();

    ArrayWriter stores(out, "stores");
    q = m_db.exec(QStringLiteral("SELECT s.code, s.name, s.base_url, s.scenario, s.link_template, m.code, t.code "
                                 "FROM stores s LEFT JOIN members m ON m.id = s.default_sponsor_id "
                                 "LEFT JOIN price_tiers t ON t.id = s.pinned_tier_id ORDER BY s.id"));
    if (!q)
        return q.error();
    while (q->next()) {
        QJsonObject s{{QStringLiteral("code"), q->value(0).toString()},
                      {QStringLiteral("name"), q->value(1).toString()},
                      {QStringLiteral("scenario"), q->value(3).toString()},
                      {QStringLiteral("link_template"), q->value(4).toString()},
                      {QStringLiteral("default_sponsor"), textOrNull(q->value(5))}};
        if (!q->value(2).toString().isEmpty())
            s.insert(QStringLiteral("base_url"), q->value(2).toString());
        if (!q->value(6).isNull())
            s.insert(QStringLiteral("pinned_tier"), q->value(6).toString());
        stores.add(s);
    }
    stores.close();

    ArrayWriter links(out, "links");
    q = m_db.exec(
        QStringLiteral("SELECT l.code, m.code, s.code, l.active, l.created_at FROM referral_links l "
                       "JOIN members m ON m.id = l.member_id JOIN stores s ON s.id = l.store_id ORDER BY l.id"));
    if (!q)
        return q.error();
    while (q->next()) {
        QJsonObject l{{QStringLiteral("code"), q->value(0).toString()},
                      {QStringLiteral("member"), q->value(1).toString()},
                      {QStringLiteral("store"), q->value(2).toString()},
                      {QStringLiteral("created_at"), formatIsoTimestamp(q->value(4).toLongLong())}};
        if (q->value(3).toInt() == 0)
            l.insert(QStringLiteral("active"), false);
        links.add(l);
    }
    links.close();

    ArrayWriter customers(out, "customers");
    q = m_db.exec(QStringLiteral("SELECT s.code, c.email, c.name, c.phone, c.country, l.code, m.code, c.created_at "
                                 "FROM retail_customers c JOIN stores s ON s.id = c.store_id "
                                 "LEFT JOIN referral_links l ON l.id = c.via_link_id "
                                 "LEFT JOIN members m ON m.id = c.owner_id ORDER BY c.id"));
    if (!q)
        return q.error();
    while (q->next()) {
        QJsonObject c{{QStringLiteral("store"), q->value(0).toString()},
                      {QStringLiteral("email"), q->value(1).toString()},
                      {QStringLiteral("name"), q->value(2).toString()},
                      {QStringLiteral("via_link"), textOrNull(q->value(5))},
                      {QStringLiteral("owner"), textOrNull(q->value(6))},
                      {QStringLiteral("created_at"), formatIsoTimestamp(q->value(7).toLongLong())}};
        if (!q->value(3).toString().isEmpty())
            c.insert(QStringLiteral("phone"), q->value(3).toString());
        if (!q->value(4).toString().isEmpty())
            c.insert(QStringLiteral("country"), q->value(4).toString());
        customers.add(c);
    }
    customers.close();

    // Orders in batches by id, each with its lines: one open result at a time (PostgreSQL allows no more).
    ArrayWriter orders(out, "orders");
    constexpr int kBatch = 5000;
    qint64 written = 0;
    for (Id after = 0;;) {
        MLM_TRY(report("orders", written));
        q = m_db.exec(QStringLiteral("SELECT o.id, s.code, o.external_id, bm.code, c.email, cm.code, t.code, o.status, "
                                     "o.created_at, o.paid_at, o.cancelled_at, o.refunded_at FROM orders o "
                                     "LEFT JOIN stores s ON s.id = o.store_id "
                                     "LEFT JOIN members bm ON bm.id = o.buyer_member_id "
                                     "LEFT JOIN retail_customers c ON c.id = o.buyer_customer_id "
                                     "LEFT JOIN members cm ON cm.id = o.credited_member_id "
                                     "JOIN price_tiers t ON t.id = o.tier_id WHERE o.id > ? ORDER BY o.id LIMIT %1")
                          .arg(kBatch),
                      {after});
        if (!q)
            return q.error();
        QList<std::pair<Id, QJsonObject>> batch;
        while (q->next()) {
            QJsonObject o{{QStringLiteral("store"), textOrNull(q->value(1))},
                          {QStringLiteral("external_id"), q->value(2).toString()},
                          {QStringLiteral("buyer"),
                           q->value(3).isNull() ? QJsonObject{{QStringLiteral("customer"), q->value(4).toString()}}
                                                : QJsonObject{{QStringLiteral("member"), q->value(3).toString()}}},
                          {QStringLiteral("credited_member"), textOrNull(q->value(5))},
                          {QStringLiteral("tier"), q->value(6).toString()},
                          {QStringLiteral("status"), q->value(7).toString()},
                          {QStringLiteral("created_at"), formatIsoTimestamp(q->value(8).toLongLong())}};
            putTime(o, "paid_at", q->value(9));
            putTime(o, "cancelled_at", q->value(10));
            putTime(o, "refunded_at", q->value(11));
            batch.append({q->value(0).toLongLong(), o});
        }
        if (batch.isEmpty())
            break;
        after = batch.constLast().first;
        auto lines =
            m_db.exec(QStringLiteral("SELECT l.order_id, p.sku, l.qty, l.unit_price, l.distributor_price, "
                                     "l.pv, l.bv FROM order_lines l JOIN products p ON p.id = l.product_id "
                                     "WHERE l.order_id >= ? AND l.order_id <= ? ORDER BY l.order_id, l.line_no"),
                      {batch.constFirst().first, after});
        if (!lines)
            return lines.error();
        QHash<Id, QJsonArray> linesOf;
        while (lines->next()) {
            linesOf[lines->value(0).toLongLong()].append(
                QJsonObject{{QStringLiteral("sku"), lines->value(1).toString()},
                            {QStringLiteral("qty"), lines->value(2).toLongLong()},
                            {QStringLiteral("unit_price"), lines->value(3).toLongLong()},
                            {QStringLiteral("distributor_price"), lines->value(4).toLongLong()},
                            {QStringLiteral("pv"), lines->value(5).toLongLong()},
                            {QStringLiteral("bv"), lines->value(6).toLongLong()}});
        }
        for (auto &[id, o] : batch) {
            o.insert(QStringLiteral("lines"), linesOf.value(id));
            orders.add(o);
        }
        written += batch.size();
    }
    orders.close();
    out.write("\n}\n");
    return tx.commit();
}

} // namespace mlm
