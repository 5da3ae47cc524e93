#pragma once

#include "Catalog.h"
#include "domain/Money.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>

#include <optional>

namespace mlm {

/// One price to set: `price` nullopt removes the tier's own price, so that the tier falls back to retail (SPEC 2).
struct PriceEdit
{
    QString sku;
    QString tier;
    std::optional<Money> price;
    bool operator==(const PriceEdit &) const = default;
};

/// The price list as people handle it outside the program: a CSV file (one product per line, one column per tier)
/// and cells pasted from a spreadsheet (tab-separated). Both are read whole: every bad line is reported, and no
/// edit comes out when any line is bad.
class PriceSheet
{
    Q_DECLARE_TR_FUNCTIONS(PriceSheet)
public:
    /// "sku,name,retail,customer,distributor,..." then a line per product; amounts as "12.50", empty where the tier
    /// has no price of its own.
    static QByteArray csv(const QList<Product> &products, const QList<PriceTier> &tiers);
    /// The edits a CSV file asks for. The header needs `sku` and tier codes (`name` is allowed and ignored); an
    /// empty cell removes a tier's own price (not retail's).
    static Result<QList<PriceEdit>> readCsv(const QByteArray &data, const QList<Product> &products,
                                            const QList<PriceTier> &tiers);
    /// The edits of cells pasted at a place in the grid: line i goes to `skus[i]`, column j to `tiers[j]` (the
    /// products and tiers from the pasted-at cell on); amounts use `decimalPoint` (or '.').
    static Result<QList<PriceEdit>> readPasted(const QString &text, const QStringList &skus, const QStringList &tiers,
                                               QChar decimalPoint);
};

} // namespace mlm
