#include "NetworkView.h"
#include "Ask.h"

#include "Labels.h"
#include "Style.h"

#include "models/NetworkModel.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace mlm {

NetworkView::NetworkView(AsyncOffice &office, QWidget *parent)
    : Page(office, parent), m_model(new NetworkModel(office, this)), m_tree(new QTreeView(this)),
      m_search(new QLineEdit(this)), m_found(new QLabel(this)),
      m_move(new QAction(tr("&Move to another sponsor..."), this))
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
    // The company's root (or the distributor's own member) opens as soon as it is there.
    connect(m_model, &NetworkModel::rowsArrived, this, [this](const QModelIndex &parent) {
        if (!parent.isValid())
            m_tree->expand(m_model->index(0, 0));
    });

    m_move->setObjectName(QStringLiteral("moveMember"));
    m_move->setVisible(m_office.can(Action::MoveMember));
    m_move->setEnabled(false);
    m_tree->addAction(m_move);
    connect(m_move, &QAction::triggered, this, &NetworkView::askMove);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { m_move->setEnabled(current.isValid()); });
    connect(m_model, &NetworkModel::failed, this, &NetworkView::message);
    connect(m_tree, &QTreeView::expanded, this, &NetworkView::fitCodeColumn);


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

void NetworkView::find(const QString &text)
{
    const QString wanted = text.trimmed();
    if (wanted.isEmpty())
        return emit findFinished(false);
    struct Found
    {
        qsizetype count = 0;
        QList<Member> path; ///< to the first one found
    };
    ask<Found>(
        [wanted](Office &office) -> Result<Found> {
            auto found = office.search(wanted, 20);
            if (!found)
                return found.error();
            if (found->isEmpty())
                return Found{};
            auto path = office.pathTo(found->first().code);
            if (!path)
                return path.error();
            return Found{found->size(), path.value()};
        },
        [this](Result<Found> found) {
            if (!found) {
                emit message(found.error().message);
                return emit findFinished(false);
            }
            if (found->count == 0) {
                m_found->setText(tr("Nobody found"));
                m_found->show();
                return emit findFinished(false);
            }
            m_model->reveal(found->path, [this, count = found->count](const QModelIndex &index) {
                if (index.isValid()) {
                    select(index);
                    m_found->setText(tr("%n found; showing the first", nullptr, int(count)));
                    m_found->setVisible(count > 1);
                }
                emit findFinished(index.isValid());
            });
        });
}

void NetworkView::moveSelectedTo(const QString &sponsorCode, std::function<void(Status)> done)
{
    const QModelIndex current = m_tree->currentIndex();
    if (!current.isValid()) {
        if (done)
            done(makeError(ErrorCode::InvalidArgument, tr("Select a member first.")));
        return;
    }
    const QString code = current.data(NetworkModel::MemberCodeRole).toString();
    const QString sponsor = sponsorCode.trimmed();
    ask<void>([code, sponsor](Office &office) { return office.move(code, sponsor); },
        [this, code, sponsor, done = std::move(done)](Status moved) {
            if (moved) {
                refresh();
                find(code);
                emit message(tr("%1 now sits under %2").arg(code, sponsor));
            }
            if (done)
                done(moved);
        });
}

QList<QAction *> NetworkView::pageActions() const
{
    if (!m_office.can(Action::MoveMember))
        return {};
    return {m_move};
}

void NetworkView::refresh()
{
    m_model->reload();
}

void NetworkView::askMove()
{
    const QModelIndex current = m_tree->currentIndex();
    if (!current.isValid())
        return;
    const QString code = current.data(NetworkModel::MemberCodeRole).toString();
    bool ok = false;
    const QString sponsor = ask::text(this, tr("Move %1").arg(code),
                                                  tr("Code of the new sponsor of %1 (its whole downline moves "
                                                     "with it):")
                                                      .arg(code),
                                                  QLineEdit::Normal, QString(), &ok);
    if (!ok || sponsor.trimmed().isEmpty())
        return;
    moveSelectedTo(sponsor, [this, code](const Status &moved) {
        if (!moved)
            ask::warning(this, tr("Move %1").arg(code), moved.error().message);
    });
}

} // namespace mlm
