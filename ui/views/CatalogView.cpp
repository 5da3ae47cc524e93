#include "CatalogView.h"
#include "Ask.h"

#include "Files.h"
#include "Style.h"
#include "catalog/PriceSheet.h"
#include "dialogs/ProductDialog.h"
#include "models/CatalogModel.h"

#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

namespace mlm {

CatalogView::CatalogView(AsyncOffice &office, QWidget *parent)
    : Page(office, parent), m_model(new CatalogModel(office, this)), m_table(new QTableView(this)),
      m_error(style::errorLabel(this))
{
    m_table->setObjectName(QStringLiteral("catalogTable")); // its column layout is remembered under this name
    m_table->setModel(m_model);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionMode(QAbstractItemView::ContiguousSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setStretchLastSection(false);
    connect(m_model, &CatalogModel::refused, this, [this](const QString &error) { style::setError(m_error, error); });
    connect(m_model, &CatalogModel::priceSaved, this, [this] {
        m_error->hide();
        emit message(tr("Price saved"));
    });

    auto *paste = new QShortcut(QKeySequence::Paste, m_table, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(paste, &QShortcut::activated, this, [this] {
        pasteText(QGuiApplication::clipboard()->text(), [this](const Result<QString> &done) {
            if (done)
                emit message(done.value());
        });
    });

    auto *addProduct = new QPushButton(tr("&Add product..."), this);
    auto *editProduct = new QPushButton(tr("&Edit product..."), this);
    auto *addTier = new QPushButton(tr("Add &tier..."), this);
    auto *importList = new QPushButton(tr("&Import price list..."), this);
    auto *exportList = new QPushButton(tr("E&xport price list..."), this);
    connect(addProduct, &QPushButton::clicked, this, [this] { this->editProduct(true); });
    connect(editProduct, &QPushButton::clicked, this, [this] { this->editProduct(false); });
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (!m_model->tierAt(index.column()))
            this->editProduct(false);
    });
    connect(addTier, &QPushButton::clicked, this, [this] {
        TierDialog dialog(m_office, this);
        if (dialog.exec() == QDialog::Accepted) {
            reload();
            emit message(tr("Tier added"));
        }
    });
    connect(importList, &QPushButton::clicked, this, [this] {
        const QString path = ask::openFileName(this, tr("Import price list"), QString(),
                                                          tr("CSV files (*.csv);;All files (*)"));
        if (path.isEmpty())
            return;
        importPriceList(path, [this](const Result<QString> &done) {
            if (done)
                ask::information(this, tr("Import price list"), done.value());
        });
    });
    connect(exportList, &QPushButton::clicked, this, [this] {
        const QString path = ask::saveFileName(this, tr("Export price list"),
                                                          QStringLiteral("price-list.csv"), tr("CSV files (*.csv)"));
        if (path.isEmpty())
            return;
        exportPriceList(path, [this](const Result<QString> &done) {
            if (done)
                emit message(done.value());
        });
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(addProduct);
    buttons->addWidget(editProduct);
    buttons->addWidget(addTier);
    buttons->addStretch();
    buttons->addWidget(importList);
    buttons->addWidget(exportList);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
    layout->addWidget(
        style::noteLabel(tr("Double-click a price to change it; leave it empty and the tier falls back to the retail "
                            "price, shown in grey italics. Cells copied from a spreadsheet are pasted with Ctrl+V "
                            "from the selected price on. Changes apply to orders placed from now on."),
                         this));
    layout->addWidget(m_error);
    reload();
}

void CatalogView::reload(const QString &sku, int column)
{
    m_model->reload([this, sku, column](const Status &read) {
        if (!read)
            return style::setError(m_error, read.error().message);
        m_table->resizeColumnsToContents();
        m_table->setColumnWidth(CatalogModel::Name, std::max(m_table->columnWidth(CatalogModel::Name), 200));
        for (int c = CatalogModel::FirstTier; c < m_model->columnCount(); ++c)
            m_table->setColumnWidth(c, std::max(m_table->columnWidth(c), 120));
        if (const int row = m_model->rowOf(sku); row >= 0)
            m_table->setCurrentIndex(m_model->index(row, column));
        emit catalogShown();
    });
}

void CatalogView::finish(const Done &done, const Result<QString> &result)
{
    style::setError(m_error, result ? QString() : result.error().message);
    if (done)
        done(result);
}

QString CatalogView::errorText() const
{
    return style::errorOf(m_error);
}

void CatalogView::editProduct(bool isNew)
{
    const QModelIndex current = m_table->currentIndex();
    if (!isNew && !current.isValid()) {
        style::setError(m_error, tr("Select a product first."));
        return;
    }
    const Product product = isNew ? Product{} : m_model->product(current.row());
    ProductDialog dialog(m_office, product, m_model->data().currency, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    reload(dialog.sku());
    emit message(isNew ? tr("Product %1 added").arg(dialog.sku()) : tr("Product %1 saved").arg(dialog.sku()));
}

void CatalogView::pasteText(const QString &text, Done done)
{
    const QModelIndex current = m_table->currentIndex();
    const int firstColumn = current.isValid() ? current.column() : -1;
    if (!m_model->tierAt(firstColumn))
        return finish(done, makeError(ErrorCode::InvalidArgument, tr("Select the price cell where the pasted block begins.")));
    QStringList skus, tiers;
    for (int row = current.row(); row < m_model->rowCount(); ++row)
        skus << m_model->product(row).sku;
    for (int column = firstColumn; column < m_model->columnCount(); ++column)
        tiers << m_model->tierAt(column)->code;
    auto edits = PriceSheet::readPasted(text, skus, tiers, QLocale().decimalPoint().front());
    if (!edits)
        return finish(done, edits.error());
    const QString sku = m_model->product(current.row()).sku;
    m_model->apply(edits.value(), [this, done, sku, firstColumn, count = edits->size()](const Status &applied) {
        if (!applied)
            return finish(done, applied.error());
        if (const int row = m_model->rowOf(sku); row >= 0)
            m_table->setCurrentIndex(m_model->index(row, firstColumn));
        finish(done, tr("%n price(s) pasted", nullptr, int(count)));
    });
}

void CatalogView::importPriceList(const QString &path, Done done)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return finish(done, makeError(ErrorCode::InvalidArgument,
                                      tr("cannot read %1: %2").arg(path, file.errorString())));
    ask<qsizetype>([csv = file.readAll()](Office &office) { return office.importPriceList(csv); },
                   [this, done, name = QFileInfo(path).fileName()](Result<qsizetype> applied) {
                       if (!applied)
                           return finish(done, applied.error());
                       reload();
                       finish(done, tr("%n price(s) read from %1.", nullptr, int(applied.value())).arg(name));
                   });
}

void CatalogView::exportPriceList(const QString &path, Done done)
{
    ask<QByteArray>([](Office &office) { return office.priceListCsv(); },
                    [this, done, path](Result<QByteArray> csv) {
                        if (!csv)
                            return finish(done, csv.error());
                        if (const Status written = Files::write(path, csv.value()); !written)
                            return finish(done, written.error());
                        finish(done, tr("Price list saved to %1").arg(path));
                    });
}

void CatalogView::refresh()
{
    const QModelIndex current = m_table->currentIndex();
    reload(current.isValid() ? m_model->product(current.row()).sku : QString(),
           current.isValid() ? current.column() : int(CatalogModel::Name));
}

} // namespace mlm
