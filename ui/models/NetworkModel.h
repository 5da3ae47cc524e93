#pragma once

#include "domain/Member.h"
#include "genealogy/TreeIndex.h"

#include <QAbstractItemModel>
#include <memory>
#include <vector>

namespace mlm {

class Session;

/// The sponsor tree as an item model, from the session's roots (the company's root, or a distributor's own
/// member). Children are read when a node is expanded (canFetchMore/fetchMore), one query per node, so a
/// 1M-member network opens as fast as a small one and memory grows only with what was opened.
class NetworkModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        CodeColumn,
        NameColumn,
        StatusColumn,
        LevelColumn,
        PvColumn,
        FrontlineColumn,
        DownlineColumn,
        JoinedColumn,
        ColumnCount
    };
    enum Role
    {
        MemberIdRole = Qt::UserRole + 1,
        MemberCodeRole,
    };

    explicit NetworkModel(Session &session, QObject *parent = nullptr);
    ~NetworkModel() override;

    /// Reads the roots again; everything opened is closed.
    void reload();
    /// The tree's index for the downline sizes (built off the GUI thread, it arrives after the first paint; until
    /// then the column shows an ellipsis).
    void setTreeIndex(std::shared_ptr<const TreeIndex> index);
    /// Opens the path (from Session::pathTo) node by node and returns the member's index, or an invalid index.
    QModelIndex reveal(const QList<Member> &path);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    /// A read failed (the database, or a permission): the message is for the status bar.
    void failed(const QString &message);

private:
    struct Node;
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOfNode(Node *node, int column = 0) const;

    Session &m_session;
    std::unique_ptr<Node> m_root; ///< invisible: its children are the session's roots
    std::shared_ptr<const TreeIndex> m_treeIndex;
};

} // namespace mlm
