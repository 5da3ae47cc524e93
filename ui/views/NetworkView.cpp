#include "NetworkView.h"

#include "Labels.h"
#include "Style.h"

#include "office/Session.h"
#include "models/NetworkModel.h"

#include "storage/Database.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace mlm {

NetworkView::NetworkView(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_model(new NetworkModel(session, this)), m_tree(new QTreeView(this)),
      m_search(new QLineEdit(this)), m_found(new QLabel(this)),
      m_move(new QAction(tr("&Move to another sponsor..."), this)), m_reads(session)
{
    m_tree->setObjectName(QStringLiteral("networkTree")); // its column layout is remembered under this name
    m_search->setPlaceholderText(tr("Find a member by code, email or name, then press Enter"));
    m_search->setClearButtonEnabled(true);
    m_search->setObjectName(QStringLiteral("networkSearch"));
    m_found->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_found->hide();
    connect(m_search, &QLineEdit::returnPressed, this, [this] { find(m_search->text()); });

    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true); // a million rows scroll only with this
    m_tree->setAlternatingRowColors(true);
    m_tree->setStyleSheet(QStringLiteral("QTreeView::item { padding: 3px 8px; }"));
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(NetworkModel::NameColumn, QHeaderView::Stretch);
    style::fitColumns(m_tree, m_tree->header(),
                      {{NetworkModel::CodeColumn, 170},
                       {NetworkModel::StatusColumn, 95},
                       {NetworkModel::LevelColumn, 50},
                       {NetworkModel::FrontlineColumn, 75},
                       {NetworkModel::PvColumn, 100},
                       {NetworkModel::DownlineColumn, 75},
                       {NetworkModel::JoinedColumn, 100}},
                      Labels::memberStatuses(), NetworkModel::StatusColumn);
    m_tree->expand(m_model->index(0, 0));

    m_move->setObjectName(QStringLiteral("moveMember"));
    m_move->setVisible(m_session.can(Action::MoveMember));
    m_move->setEnabled(false);
    m_tree->addAction(m_move);
    connect(m_move, &QAction::triggered, this, &NetworkView::askMove);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { m_move->setEnabled(current.isValid()); });
    connect(m_model, &NetworkModel::failed, this, &NetworkView::message);
    connect(m_tree, &QTreeView::expanded, this, &NetworkView::fitCodeColumn);

    loadTreeIndex();

    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_found);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(8);
    layout->addLayout(searchRow);
    layout->addWidget(m_tree, 1);
}

void NetworkView::fitCodeColumn(const QModelIndex &expanded)
{
    int depth = 2; // the children's: one indentation for the top level's branch marks, one per level below
    for (QModelIndex up = expanded.parent(); up.isValid(); up = up.parent())
        ++depth;
    const QFontMetrics metrics(m_tree->font());
    int widest = 0;
    const int rows = std::min(m_model->rowCount(expanded), 200); // codes have one length or two: a sample says it
    for (int row = 0; row < rows; ++row)
        widest = std::max(widest,
                          metrics.horizontalAdvance(m_model->index(row, NetworkModel::CodeColumn, expanded).data().toString()));
    constexpr int kPaddingAndSlack = 2 * 8 + 16; // the item's padding (the style sheet) and room to breathe
    const int needed = depth * m_tree->indentation() + widest + kPaddingAndSlack;
    if (needed > m_tree->header()->sectionSize(NetworkModel::CodeColumn))
        m_tree->header()->resizeSection(NetworkModel::CodeColumn, needed);
}

void NetworkView::select(const QModelIndex &index)
{
    m_tree->scrollTo(index, QAbstractItemView::PositionAtCenter);
    m_tree->setCurrentIndex(index);
}

bool NetworkView::find(const QString &text)
{
    if (text.trimmed().isEmpty())
        return false;
    auto found = m_session.search(text.trimmed(), 20);
    if (!found) {
        emit message(found.error().message);
        return false;
    }
    if (found->isEmpty()) {
        m_found->setText(tr("Nobody found"));
        m_found->show();
        return false;
    }
    auto path = m_session.pathTo(found->first().code);
    if (!path) {
        emit message(path.error().message);
        return false;
    }
    const QModelIndex index = m_model->reveal(path.value());
    if (!index.isValid())
        return false;
    select(index);
    m_found->setText(tr("%n found; showing the first", nullptr, int(found->size())));
    m_found->setVisible(found->size() > 1);
    return true;
}

QString NetworkView::moveSelectedTo(const QString &sponsorCode)
{
    const QModelIndex current = m_tree->currentIndex();
    if (!current.isValid())
        return tr("Select a member first.");
    const QString code = current.data(NetworkModel::MemberCodeRole).toString();
    if (auto moved = m_session.move(code, sponsorCode.trimmed()); !moved)
        return moved.error().message;
    m_model->reload();
    loadTreeIndex();
    m_tree->expand(m_model->index(0, 0));
    if (auto path = m_session.member(code); path)
        find(code);
    emit message(tr("%1 now sits under %2").arg(code, sponsorCode.trimmed()));
    return {};
}

void NetworkView::loadTreeIndex()
{
    QPointer<NetworkModel> model(m_model);
    QPointer<NetworkView> view(this);
    m_reads.start(
        [model, view](Session &session) {
            auto index = session.treeIndex();
            if (!index)
                return;
            auto shared = std::make_shared<const TreeIndex>(std::move(index.value()));
            QMetaObject::invokeMethod(qApp, [model, view, shared] {
                if (model)
                    model->setTreeIndex(shared);
                if (view)
                    emit view->treeIndexLoaded();
            });
        },
        true);
}

void NetworkView::askMove()
{
    const QModelIndex current = m_tree->currentIndex();
    if (!current.isValid())
        return;
    const QString code = current.data(NetworkModel::MemberCodeRole).toString();
    bool ok = false;
    const QString sponsor = QInputDialog::getText(this, tr("Move %1").arg(code),
                                                  tr("Code of the new sponsor of %1 (its whole downline moves "
                                                     "with it):")
                                                      .arg(code),
                                                  QLineEdit::Normal, QString(), &ok);
    if (!ok || sponsor.trimmed().isEmpty())
        return;
    if (const QString error = moveSelectedTo(sponsor); !error.isEmpty())
        QMessageBox::warning(this, tr("Move %1").arg(code), error);
}

} // namespace mlm
