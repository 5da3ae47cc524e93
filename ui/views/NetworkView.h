#pragma once

#include "SessionThread.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QTreeView;
class QAction;

namespace mlm {

class NetworkModel;

/// The network (genealogy) page: the sponsor tree, a search that reveals a member in it, and moving a member to
/// another sponsor (admins).
class NetworkView : public QWidget
{
    Q_OBJECT

public:
    explicit NetworkView(Session &session, QWidget *parent = nullptr);

    NetworkModel *model() const { return m_model; }
    QTreeView *tree() const { return m_tree; }
    QAction *moveAction() const { return m_move; }
    /// Finds `text` (code, email or name prefix) and selects the first member found in the tree; false if none.
    bool find(const QString &text);
    /// Moves the selected member under the member with code `sponsorCode`; the error text, or empty on success.
    QString moveSelectedTo(const QString &sponsorCode);
    /// Builds the tree index for the downline sizes on a worker thread; the model gets it when it is ready.
    void loadTreeIndex();

signals:
    void treeIndexLoaded();

    void message(const QString &text);

private:
    void askMove();
    void select(const QModelIndex &index);
    /// Widens the code column when a deeper level opens (each level indents it), so that no code is cut.
    void fitCodeColumn(const QModelIndex &expanded);

    Session &m_session;
    NetworkModel *m_model;
    QTreeView *m_tree;
    QLineEdit *m_search;
    QLabel *m_found;
    QAction *m_move;
    SessionThread m_reads; ///< builds the tree index
};

} // namespace mlm
