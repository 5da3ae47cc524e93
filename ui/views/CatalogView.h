#pragma once

#include "domain/Result.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace mlm {

class CatalogModel;
class Session;

/// The Catalog page (admins): products and their prices in every tier, the customer and distributor prices side by
/// side, the retail fallback shown where a tier has no price. A price is changed in its cell; a block copied from a
/// spreadsheet is pasted at the selected cell (Ctrl+V); the whole price list goes out and comes back as a CSV file.
/// Many prices at once are applied all or nothing, with every bad line named.
class CatalogView : public QWidget
{
    Q_OBJECT

public:
    explicit CatalogView(Session &session, QWidget *parent = nullptr);

    CatalogModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    /// Tab-separated cells pasted at the current cell: what was done, or the error (nothing applied then).
    Result<QString> pasteText(const QString &text);
    Result<QString> importPriceList(const QString &path);
    Result<QString> exportPriceList(const QString &path);
    /// The error under the grid, or empty.
    QString errorText() const;
    /// View > Refresh: reads the page again, keeping what is selected.
    Q_INVOKABLE void refreshPage();

signals:
    void message(const QString &text);

private:
    void editProduct(bool isNew);
    void reload();

    Session &m_session;
    CatalogModel *m_model;
    QTableView *m_table;
    QLabel *m_error;
};

} // namespace mlm
