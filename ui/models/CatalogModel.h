#pragma once

#include "office/Office.h"

#include <functional>

#include <QAbstractTableModel>

namespace mlm {

class AsyncOffice;

/// The catalog as a grid: a product per row; its sku, name, active flag, PV and BV, then its price in each tier.
/// A tier without a price of its own shows the retail price that applies instead (in italics, with a tooltip).
/// Price cells are editable: the amount typed goes to core through the session (empty: back to retail).
class CatalogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Sku,
        Name,
        Active,
        Pv,
        Bv,
        FirstTier
    };
    /// Whether the cell's price is the tier's own (false: the retail fallback).
    static constexpr int OwnPriceRole = Qt::UserRole + 1;

    explicit CatalogModel(AsyncOffice &office, QObject *parent = nullptr);

    /// Reads the catalog again, then `done` (its error, or nothing).
    void reload(std::function<void(Status)> done = {});
    const Office::CatalogData &data() const { return m_data; }
    const Product &product(int row) const { return m_data.products.at(row); }
    /// The tier of a column, or nullptr for the product's own columns.
    const PriceTier *tierAt(int column) const;
    int columnOf(const QString &tierCode) const;
    int rowOf(const QString &sku) const;
    /// Applies edits (all or none) and reads the catalog again, then `done`.
    void apply(const QList<PriceEdit> &edits, std::function<void(Status)> done);
    /// The last refusal of an edit made in a cell.
    QString lastError() const { return m_lastError; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

signals:
    /// An edit was refused (the cell keeps its price).
    void refused(const QString &error);
    /// An edit made in a cell was saved.
    void priceSaved();

private:
    AsyncOffice &m_office;
    Office::CatalogData m_data;
    QString m_lastError;
};

} // namespace mlm
