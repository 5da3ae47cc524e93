#include "CatalogModel.h"

#include "AsyncOffice.h"
#include "Labels.h"
#include "domain/Amount.h"
#include "domain/Pricing.h"

#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace mlm {

CatalogModel::CatalogModel(AsyncOffice &office, QObject *parent) : QAbstractTableModel(parent), m_office(office) {}

void CatalogModel::reload(std::function<void(Status)> done)
{
    m_office.call<Office::CatalogData>(
        this, [](Office &office) { return office.catalog(); },
        [this, done = std::move(done)](Result<Office::CatalogData> data) {
            if (data) {
                beginResetModel();
                m_data = data.value();
                endResetModel();
            }
            if (done)
                done(data ? Status() : Status(data.error()));
        });
}

const PriceTier *CatalogModel::tierAt(int column) const
{
    const int t = column - FirstTier;
    return t >= 0 && t < m_data.tiers.size() ? &m_data.tiers.at(t) : nullptr;
}

int CatalogModel::columnOf(const QString &tierCode) const
{
    for (qsizetype t = 0; t < m_data.tiers.size(); ++t) {
        if (m_data.tiers.at(t).code == tierCode)
            return FirstTier + int(t);
    }
    return -1;
}

int CatalogModel::rowOf(const QString &sku) const
{
    for (qsizetype row = 0; row < m_data.products.size(); ++row) {
        if (m_data.products.at(row).sku == sku)
            return int(row);
    }
    return -1;
}

void CatalogModel::apply(const QList<PriceEdit> &edits, std::function<void(Status)> done)
{
    m_office.call<void>(
        this, [edits](Office &office) { return office.setPrices(edits); },
        [this, done = std::move(done)](Status applied) {
            if (!applied)
                return done(applied);
            reload(done);
        });
}

int CatalogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_data.products.size());
}

int CatalogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstTier + int(m_data.tiers.size());
}

QVariant CatalogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_data.products.size())
        return {};
    const Product &p = m_data.products.at(index.row());
    if (const PriceTier *tier = tierAt(index.column())) {
        const bool own = p.prices.contains(tier->code);
        const std::optional<Money> price = Pricing::priceIn(p.prices, tier->code);
        switch (role) {
        case Qt::DisplayRole:
            return price ? Labels::money(*price) : QString();
        case Qt::EditRole:
            // What the editor starts from: the amount without group separators, in the user's decimal point.
            return own ? amount::text(p.prices.value(tier->code)).replace(u'.', QLocale().decimalPoint()) : QString();
        case Qt::TextAlignmentRole:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        case Qt::FontRole:
            if (!own) {
                QFont font;
                font.setItalic(true);
                return font;
            }
            return {};
        case Qt::ForegroundRole:
            if (!own)
                return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
            return {};
        case Qt::ToolTipRole:
            return own ? tr("%1 price of %2").arg(tier->name, p.name)
                       : tr("%1 has no %2 price of its own: buyers in this tier pay the retail price")
                             .arg(p.name, tier->name);
        case OwnPriceRole:
            return own;
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Pv || index.column() == Bv))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::CheckStateRole && index.column() == Active)
        return p.active ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::ForegroundRole && !p.active)
        return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Sku:
        return p.sku;
    case Name:
        return p.name;
    case Active:
        return p.active ? tr("for sale") : tr("withdrawn");
    case Pv:
        return Labels::volume(p.pv);
    case Bv:
        return Labels::money(p.bv);
    default:
        return {};
    }
}

QVariant CatalogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (const PriceTier *tier = tierAt(section)) {
        if (role == Qt::DisplayRole)
            return tr("%1 (%2)").arg(tier->name, m_data.currency);
        if (role == Qt::ToolTipRole)
            return tr("Price in the %1 tier (code %2), in %3").arg(tier->name, tier->code, m_data.currency);
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Sku:
        return tr("SKU");
    case Name:
        return tr("Product");
    case Active:
        return tr("Active");
    case Pv:
        return tr("PV");
    case Bv:
        return tr("BV (%1)").arg(m_data.currency);
    default:
        return {};
    }
}

Qt::ItemFlags CatalogModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (tierAt(index.column()))
        f |= Qt::ItemIsEditable;
    return f;
}

bool CatalogModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const PriceTier *tier = tierAt(index.column());
    if (role != Qt::EditRole || !tier || index.row() >= m_data.products.size())
        return false;
    const QString text = value.toString().trimmed();
    const QString sku = m_data.products.at(index.row()).sku;
    std::optional<Money> price;
    if (!text.isEmpty()) {
        price = amount::parse(text, QLocale().decimalPoint().front());
        if (!price) {
            m_lastError = tr("'%1' is not an amount: type a price like %2").arg(text, Labels::money(1250));
            emit refused(m_lastError);
            return false;
        }
    }
    // The cell shows the new price once it is saved; a refusal leaves it as it was.
    m_office.call<void>(
        this, [sku, tier = tier->code, price](Office &office) { return office.setPrices({{sku, tier, price}}); },
        [this, sku, tier = tier->code, price](Status saved) {
            if (!saved) {
                m_lastError = saved.error().message;
                emit refused(m_lastError);
                return;
            }
            m_lastError.clear();
            const int row = rowOf(sku), column = columnOf(tier);
            if (row < 0 || column < 0)
                return; // the catalog was read again meanwhile
            Product &p = m_data.products[row];
            if (price)
                p.prices.insert(tier, *price);
            else
                p.prices.remove(tier);
            emit dataChanged(this->index(row, column), this->index(row, column));
            emit priceSaved();
        });
    return true;
}

} // namespace mlm
