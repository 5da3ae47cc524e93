#pragma once

#include "Page.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QTreeView;
class QAction;

namespace mlm {

class NetworkModel;

/// The network (genealogy) page: the sponsor tree, a search that reveals a member in it, and moving a member to
/// another sponsor (admins).
class NetworkView : public Page
{
    Q_OBJECT

public:
    explicit NetworkView(AsyncOffice &office, QWidget *parent = nullptr);

    NetworkModel *model() const { return m_model; }
    QTreeView *tree() const { return m_tree; }
    QAction *moveAction() const { return m_move; }
    /// Finds `text` (code, email or name prefix) and selects the first member found in the tree; then
    /// findFinished() says whether one was.
    void find(const QString &text);
    /// Moves the selected member under the member with code `sponsorCode`, then `done` with the outcome.
    void moveSelectedTo(const QString &sponsorCode, std::function<void(Status)> done = {});
    /// The tree read again from its roots.
    void refresh() override;
    QList<QAction *> pageActions() const override;

signals:
    void findFinished(bool found);

private:
    void askMove();
    void select(const QModelIndex &index);
    /// Widens the code column when a deeper level opens (each level indents it), so that no code is cut.
    void fitCodeColumn(const QModelIndex &expanded);

    NetworkModel *m_model;
    QTreeView *m_tree;
    QLineEdit *m_search;
    QLabel *m_found;
    QAction *m_move;
};

} // namespace mlm
