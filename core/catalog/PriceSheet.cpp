#include "PriceSheet.h"

#include "domain/Amount.h"
#include "domain/Csv.h"
#include "domain/Pricing.h"

#include <QSet>

namespace mlm {

namespace {

Error rowErrors(const QStringList &errors)
{
    return makeError(ErrorCode::InvalidArgument,
                     PriceSheet::tr("nothing was changed; correct these lines:\n") + errors.join(u'\n'));
}

} // namespace

QByteArray PriceSheet::csv(const QList<Product> &products, const QList<PriceTier> &tiers)
{
    QStringList header{QStringLiteral("sku"), QStringLiteral("name")};
    for (const PriceTier &t : tiers)
        header << t.code;
    QString out = header.join(u',') + u'\n';
    for (const Product &p : products) {
        QStringList fields{csv::field(p.sku), csv::field(p.name)};
        for (const PriceTier &t : tiers)
            fields << (p.prices.contains(t.code) ? amount::text(p.prices.value(t.code)) : QString());
        out += fields.join(u',') + u'\n';
    }
    return out.toUtf8();
}

Result<QList<PriceEdit>> PriceSheet::readCsv(const QByteArray &data, const QList<Product> &products,
                                             const QList<PriceTier> &tiers)
{
    QString text = QString::fromUtf8(data);
    if (text.startsWith(QChar(0xFEFF))) // a spreadsheet's byte order mark
        text.remove(0, 1);
    const QList<QStringList> records = csv::parse(text);
    if (records.isEmpty() || records.first().isEmpty())
        return makeError(ErrorCode::InvalidArgument, tr("the file is empty: its first line must name the columns"));

    QSet<QString> tierCodes;
    for (const PriceTier &t : tiers)
        tierCodes.insert(t.code);
    const QStringList header = records.first();
    int skuColumn = -1;
    QList<QPair<int, QString>> tierColumns;
    QStringList errors;
    for (int column = 0; column < header.size(); ++column) {
        const QString name = header.at(column).trimmed();
        if (name == QLatin1String("sku") && skuColumn < 0)
            skuColumn = column;
        else if (name == QLatin1String("name"))
            continue;
        else if (tierCodes.contains(name) && std::none_of(tierColumns.cbegin(), tierColumns.cend(),
                                                          [&](const auto &c) { return c.second == name; }))
            tierColumns.append({column, name});
        else
            errors << tr("line 1: column %1 '%2' is neither sku, name nor a price tier").arg(column + 1).arg(name);
    }
    if (skuColumn < 0)
        errors << tr("line 1: there is no sku column");
    if (!errors.isEmpty())
        return rowErrors(errors);

    QSet<QString> skus;
    for (const Product &p : products)
        skus.insert(p.sku);
    QSet<QString> seen;
    QList<PriceEdit> edits;
    for (qsizetype line = 1; line < records.size(); ++line) {
        const QStringList &fields = records.at(line);
        if (fields.isEmpty() || (fields.size() == 1 && fields.first().trimmed().isEmpty()))
            continue; // a blank line
        const QString where = tr("line %1").arg(line + 1);
        if (fields.size() != header.size()) {
            errors << tr("%1: %2 fields where the header has %3").arg(where).arg(fields.size()).arg(header.size());
            continue;
        }
        const QString sku = fields.at(skuColumn).trimmed();
        if (!skus.contains(sku)) {
            errors << tr("%1: no product with sku '%2'").arg(where, sku);
            continue;
        }
        if (seen.contains(sku)) {
            errors << tr("%1: sku '%2' appears a second time").arg(where, sku);
            continue;
        }
        seen.insert(sku);
        for (const auto &[column, tier] : std::as_const(tierColumns)) {
            const QString cell = fields.at(column).trimmed();
            if (cell.isEmpty()) {
                if (tier == tiers::retail())
                    errors << tr("%1: the retail price of %2 is empty; every product needs one").arg(where, sku);
                else
                    edits.append({sku, tier, std::nullopt});
                continue;
            }
            const auto price = amount::parse(cell);
            if (!price)
                errors << tr("%1: the %2 price '%3' is not an amount like 12.50").arg(where, tier, cell);
            else
                edits.append({sku, tier, price});
        }
    }
    if (!errors.isEmpty())
        return rowErrors(errors);
    return edits;
}

Result<QList<PriceEdit>> PriceSheet::readPasted(const QString &text, const QStringList &skus, const QStringList &tiers,
                                                QChar decimalPoint)
{
    QStringList lines = text.split(u'\n');
    for (QString &line : lines) {
        if (line.endsWith(u'\r'))
            line.chop(1);
    }
    while (!lines.isEmpty() && lines.last().isEmpty()) // spreadsheets end a copy with a line break
        lines.removeLast();
    if (lines.isEmpty())
        return makeError(ErrorCode::InvalidArgument, tr("there is nothing to paste"));
    QStringList errors;
    if (lines.size() > skus.size())
        errors << tr("too many lines: %1 pasted; products from here down: %2").arg(lines.size()).arg(skus.size());
    QList<PriceEdit> edits;
    for (qsizetype i = 0; i < lines.size() && i < skus.size(); ++i) {
        const QStringList cells = lines.at(i).split(u'\t');
        if (cells.size() > tiers.size()) {
            errors << tr("line %1: too many cells: %2 pasted; tiers from here to the right: %3")
                          .arg(i + 1)
                          .arg(cells.size())
                          .arg(tiers.size());
            continue;
        }
        for (qsizetype j = 0; j < cells.size(); ++j) {
            const QString cell = cells.at(j).trimmed();
            const QString &tier = tiers.at(j);
            if (cell.isEmpty()) {
                if (tier == tiers::retail())
                    errors << tr("line %1: the retail price of %2 cannot be empty").arg(i + 1).arg(skus.at(i));
                else
                    edits.append({skus.at(i), tier, std::nullopt});
                continue;
            }
            const auto price = amount::parse(cell, decimalPoint);
            if (!price)
                errors << tr("line %1: '%2' for %3 (%4) is not an amount").arg(i + 1).arg(cell, skus.at(i), tier);
            else
                edits.append({skus.at(i), tier, price});
        }
    }
    if (!errors.isEmpty())
        return rowErrors(errors);
    return edits;
}

} // namespace mlm
