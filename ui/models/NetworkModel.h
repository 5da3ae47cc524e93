#pragma once

#include "domain/Member.h"

#include <QAbstractItemModel>
#include <functional>
#include <memory>
#include <vector>

namespace mlm {

class AsyncOffice;

/// The sponsor tree as an item model, from the user's roots (the company's root, or a distributor's own member).
/// Children are read when a node is expanded (canFetchMore/fetchMore), one query per node, so a 1M-member network
/// opens as fast as a small one and memory grows only with what was opened. Every read runs in the background:
/// an expanded node shows "Loading..." until its children come, and the downline sizes (a pass over the tree)
/// follow its rows (an ellipsis until then).
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

    explicit NetworkModel(AsyncOffice &office, QObject *parent = nullptr);
    ~NetworkModel() override;

    /// Reads the roots again; everything opened is closed.
    void reload();
    /// Opens the path (from Office::pathTo) node by node, reading what is not read yet, and hands the member's
    /// index to `found` (invalid when the path leads elsewhere).
    void reveal(const QList<Member> &path, std::function<void(const QModelIndex &)> found);
    /// Whether something asked for (roots, children, sizes) has not come yet.
    bool isLoading() const { return m_waiting > 0; }

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
    /// The roots, or a node's children, are in the model.
    void rowsArrived(const QModelIndex &parent);
    /// The downline sizes of a node's children (or of the roots) are shown.
    void sizesArrived(const QModelIndex &parent);

private:
    struct Node;
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOfNode(Node *node, int column = 0) const;
    /// Reads `node`'s children (once), then `then`; a node gone with a reload is not touched.
    void fetch(Node *node, std::function<void()> then = {});
    void addChildren(Node *node, const QList<NetworkEntry> &entries);
    /// Asks for the downline sizes of `node`'s children.
    void askSizes(Node *node);
    void reveal(Node *node, QList<Member> rest, std::function<void(const QModelIndex &)> found);
    void waiting(int change) { m_waiting += change; }

    AsyncOffice &m_office;
    std::unique_ptr<Node> m_root; ///< invisible: its children are the user's roots
    int m_generation = 0;         ///< of the tree: answers for a tree replaced since are dropped
    int m_reloads = 0;            ///< the roots asked for: only the last answer replaces the tree
    int m_waiting = 0;
};

} // namespace mlm
