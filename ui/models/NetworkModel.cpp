#include "NetworkModel.h"

#include "office/Session.h"

#include "Labels.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

namespace mlm {

struct NetworkModel::Node
{
    NetworkEntry entry;
    Node *parent = nullptr;
    int row = 0;
    int level = 0; ///< 0 for the session's roots
    bool fetched = false;
    std::vector<std::unique_ptr<Node>> children;
};

NetworkModel::NetworkModel(Session &session, QObject *parent)
    : QAbstractItemModel(parent), m_session(session), m_root(std::make_unique<Node>())
{
    reload();
}

NetworkModel::~NetworkModel() = default;

void NetworkModel::reload()
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_root->fetched = true;
    m_root->level = -1;
    if (auto roots = m_session.treeRoots(); roots) {
        for (const NetworkEntry &entry : roots.value()) {
            auto node = std::make_unique<Node>();
            node->entry = entry;
            node->parent = m_root.get();
            node->row = int(m_root->children.size());
            node->level = 0;
            m_root->children.push_back(std::move(node));
        }
    } else {
        emit failed(roots.error().message);
    }
    endResetModel();
}

NetworkModel::Node *NetworkModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex NetworkModel::indexOfNode(Node *node, int column) const
{
    return node == m_root.get() ? QModelIndex() : createIndex(node->row, column, node);
}

QModelIndex NetworkModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *p = nodeOf(parent);
    if (row < 0 || column < 0 || column >= ColumnCount || row >= int(p->children.size()))
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex NetworkModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOfNode(nodeOf(child)->parent);
}

int NetworkModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int NetworkModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool NetworkModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Node *node = nodeOf(parent);
    return node == m_root.get() ? !node->children.empty() : node->entry.frontline > 0;
}

bool NetworkModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Node *node = nodeOf(parent);
    return !node->fetched && node->entry.frontline > 0;
}

void NetworkModel::fetchMore(const QModelIndex &parent)
{
    Node *node = nodeOf(parent);
    if (node->fetched)
        return;
    node->fetched = true;
    auto children = m_session.children(node->entry.member.code);
    if (!children) {
        emit failed(children.error().message);
        return;
    }
    if (children->isEmpty())
        return;
    beginInsertRows(parent, 0, int(children->size()) - 1);
    node->children.reserve(size_t(children->size()));
    for (const NetworkEntry &entry : children.value()) {
        auto child = std::make_unique<Node>();
        child->entry = entry;
        child->parent = node;
        child->row = int(node->children.size());
        child->level = node->level + 1;
        node->children.push_back(std::move(child));
    }
    endInsertRows();
}

QVariant NetworkModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeOf(index);
    const Member &m = node->entry.member;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case CodeColumn:
            return m.code;
        case NameColumn:
            return m.name;
        case StatusColumn:
            return memberStatusLabel(m.status);
        case LevelColumn:
            return node->level;
        case PvColumn:
            return Labels::volume(node->entry.pv);
        case FrontlineColumn:
            return QLocale().toString(node->entry.frontline);
        case DownlineColumn: {
            const qint32 i = m_treeIndex ? m_treeIndex->indexOf(m.id) : -1;
            return i < 0 ? QStringLiteral("\u2026") : QLocale().toString(m_treeIndex->downlineSize(i));
        }
        case JoinedColumn:
            return Labels::date(m.joinedAt);
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == LevelColumn || index.column() == FrontlineColumn || index.column() == PvColumn ||
            index.column() == DownlineColumn)
            return int(Qt::AlignCenter);
        break;
    case Qt::ToolTipRole:
        return tr("%1, %2, sponsor %3")
            .arg(m.name, m.email.isEmpty() ? tr("no email") : m.email,
                 m.sponsorCode.isEmpty() ? tr("none") : m.sponsorCode);
    case MemberIdRole:
        return m.id;
    case MemberCodeRole:
        return m.code;
    }
    return {};
}

QVariant NetworkModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CodeColumn:
        return tr("Code");
    case NameColumn:
        return tr("Name");
    case StatusColumn:
        return tr("Status");
    case LevelColumn:
        return tr("Level");
    case PvColumn:
        return tr("PV this month");
    case FrontlineColumn:
        return tr("First line");
    case DownlineColumn:
        return tr("Downline");
    case JoinedColumn:
        return tr("Joined");
    }
    return {};
}

void NetworkModel::setTreeIndex(std::shared_ptr<const TreeIndex> index)
{
    m_treeIndex = std::move(index);
    // Every loaded row's downline cell changes; views repaint what is visible.
    std::function<void(Node *)> touch = [&](Node *node) {
        if (!node->children.empty())
            emit dataChanged(indexOfNode(node->children.front().get(), DownlineColumn),
                             indexOfNode(node->children.back().get(), DownlineColumn));
        for (const auto &child : node->children)
            touch(child.get());
    };
    touch(m_root.get());
}

QModelIndex NetworkModel::reveal(const QList<Member> &path)
{
    Node *node = m_root.get();
    for (const Member &step : path) {
        if (node != m_root.get())
            fetchMore(indexOfNode(node));
        auto found = std::find_if(node->children.begin(), node->children.end(),
                                  [&](const auto &child) { return child->entry.member.id == step.id; });
        if (found == node->children.end())
            return {};
        node = found->get();
    }
    return node == m_root.get() ? QModelIndex() : indexOfNode(node);
}

} // namespace mlm
