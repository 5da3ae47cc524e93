#include "NetworkModel.h"

#include "AsyncOffice.h"

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
    int level = 0; ///< 0 for the user's roots
    bool fetched = false; ///< its children were asked for
    bool loading = false; ///< ... and have not come
    qint64 downline = -1; ///< members below it at any depth; -1 until known
    std::vector<std::function<void()>> whenFetched;
    std::vector<std::unique_ptr<Node>> children;
};

NetworkModel::NetworkModel(AsyncOffice &office, QObject *parent)
    : QAbstractItemModel(parent), m_office(office), m_root(std::make_unique<Node>())
{
    m_root->level = -1;
    m_root->fetched = true; // its children are the roots, which reload() asks for
    reload();
}

NetworkModel::~NetworkModel() = default;

void NetworkModel::reload()
{
    // The tree shown stays until the roots are read again: then it is replaced, everything opened closed (and
    // answers for the old tree dropped). A failed answer leaves it as it was.
    const int reload = ++m_reloads;
    waiting(+1);
    m_office.call<QList<NetworkEntry>>(
        this, [](Office &office) { return office.treeRoots(); },
        [this, reload](Result<QList<NetworkEntry>> roots) {
            waiting(-1);
            if (reload != m_reloads)
                return; // asked again since
            if (!roots)
                return emit failed(roots.error().message);
            beginResetModel();
            ++m_generation;
            m_root = std::make_unique<Node>();
            m_root->level = -1;
            m_root->fetched = true;
            endResetModel();
            addChildren(m_root.get(), roots.value());
        });
}

void NetworkModel::addChildren(Node *node, const QList<NetworkEntry> &entries)
{
    const QModelIndex parent = indexOfNode(node);
    if (!entries.isEmpty()) {
        beginInsertRows(parent, 0, int(entries.size()) - 1);
        node->children.reserve(size_t(entries.size()));
        for (const NetworkEntry &entry : entries) {
            auto child = std::make_unique<Node>();
            child->entry = entry;
            child->parent = node;
            child->row = int(node->children.size());
            child->level = node->level + 1;
            node->children.push_back(std::move(child));
        }
        endInsertRows();
    }
    emit rowsArrived(parent);
    askSizes(node);
    for (auto &then : std::exchange(node->whenFetched, {}))
        then();
}

void NetworkModel::askSizes(Node *node)
{
    for (size_t first = 0; first < node->children.size(); first += Office::kMaxSizesAsked) {
        const size_t last = std::min(node->children.size(), first + Office::kMaxSizesAsked);
        QStringList codes;
        codes.reserve(qsizetype(last - first));
        for (size_t i = first; i < last; ++i)
            codes << node->children[i]->entry.member.code;
        waiting(+1);
        // Within one generation nodes stay where they are: only a new tree removes them.
        m_office.call<QList<qint64>>(
            this, [codes](Office &office) { return office.downlineSizes(codes); },
            [this, node, first, generation = m_generation](Result<QList<qint64>> sizes) {
                waiting(-1);
                if (generation != m_generation)
                    return;
                if (!sizes) {
                    emit failed(sizes.error().message);
                    return;
                }
                const size_t count = std::min(size_t(sizes->size()), node->children.size() - first);
                for (size_t i = 0; i < count; ++i)
                    node->children[first + i]->downline = sizes->at(qsizetype(i));
                if (count > 0)
                    emit dataChanged(indexOfNode(node->children[first].get(), DownlineColumn),
                                     indexOfNode(node->children[first + count - 1].get(), DownlineColumn));
                emit sizesArrived(indexOfNode(node));
            },
            AsyncOffice::Lane::Scans);
    }
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
    if (canFetchMore(parent))
        fetch(nodeOf(parent));
}

void NetworkModel::fetch(Node *node, std::function<void()> then)
{
    if (then) {
        if (node->fetched && !node->loading)
            return then();
        node->whenFetched.push_back(std::move(then));
    }
    if (node->fetched)
        return;
    node->fetched = true;
    if (node->entry.frontline <= 0) {
        addChildren(node, {});
        return;
    }
    node->loading = true;
    waiting(+1);
    // The node says it is loading (a placeholder row would be a member that is not one).
    emit dataChanged(indexOfNode(node, NameColumn), indexOfNode(node, NameColumn));
    m_office.call<QList<NetworkEntry>>(
        this, [code = node->entry.member.code](Office &office) { return office.children(code); },
        [this, node, generation = m_generation](Result<QList<NetworkEntry>> children) {
            waiting(-1);
            if (generation != m_generation)
                return; // `node` went with the tree it belonged to
            node->loading = false;
            emit dataChanged(indexOfNode(node, NameColumn), indexOfNode(node, NameColumn));
            if (!children) {
                node->fetched = false; // asked again when it is expanded again
                node->whenFetched.clear();
                emit failed(children.error().message);
                return;
            }
            addChildren(node, children.value());
        });
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
            return node->loading ? tr("%1 (loading its first line...)").arg(m.name) : m.name;
        case StatusColumn:
            return memberStatusLabel(m.status);
        case LevelColumn:
            return node->level;
        case PvColumn:
            return Labels::volume(node->entry.pv);
        case FrontlineColumn:
            return QLocale().toString(node->entry.frontline);
        case DownlineColumn:
            return node->downline < 0 ? QStringLiteral("\u2026") : QLocale().toString(node->downline);
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

void NetworkModel::reveal(const QList<Member> &path, std::function<void(const QModelIndex &)> found)
{
    reveal(m_root.get(), path, std::move(found));
}

void NetworkModel::reveal(Node *node, QList<Member> rest, std::function<void(const QModelIndex &)> found)
{
    if (rest.isEmpty())
        return found(node == m_root.get() ? QModelIndex() : indexOfNode(node));
    const int generation = m_generation;
    fetch(node, [this, node, rest = std::move(rest), found = std::move(found), generation]() mutable {
        if (generation != m_generation)
            return found({});
        const Id next = rest.takeFirst().id;
        auto child = std::find_if(node->children.begin(), node->children.end(),
                                  [&](const auto &c) { return c->entry.member.id == next; });
        if (child == node->children.end())
            return found({});
        reveal(child->get(), std::move(rest), std::move(found));
    });
}

} // namespace mlm
