#pragma once

#include "domain/Result.h"

#include "Page.h"
#include "models/CatalogModel.h"

class QLabel;
class QPushButton;
class QTableView;

namespace mlm {

class CatalogModel;

/// The Catalog page (admins): products and their prices in every tier, the customer and distributor prices side by
/// side, the retail fallback shown where a tier has no price. A price is changed in its cell; a block copied from a
/// spreadsheet is pasted at the selected cell (Ctrl+V); the whole price list goes out and comes back as a CSV file.
/// Many prices at once are applied all or nothing, with every bad line named.
class CatalogView : public Page
{
    Q_OBJECT

public:
    explicit CatalogView(AsyncOffice &office, QWidget *parent = nullptr);

    CatalogModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    /// What a change of the catalog did, for the person, or the error (nothing applied then).
    using Done = std::function<void(Result<QString>)>;
    /// Tab-separated cells pasted at the current cell, then `done`.
    void pasteText(const QString &text, Done done = {});
    void importPriceList(const QString &path, Done done = {});
    void exportPriceList(const QString &path, Done done = {});
    /// The error under the grid, or empty.
    QString errorText() const;
    /// View > Refresh: reads the page again, keeping what is selected.
    void refresh() override;

signals:
    /// The catalog read is shown.
    void catalogShown();

private:
    void editProduct(bool isNew);
    /// Reads the catalog, then selects `sku` (if any) in `column`.
    void reload(const QString &sku = {}, int column = CatalogModel::Name);
    /// `done(result)`, with the error also shown under the grid.
    void finish(const Done &done, const Result<QString> &result);

    CatalogModel *m_model;
    QTableView *m_table;
    QLabel *m_error;
};

} // namespace mlm
