#pragma once

#include "genealogy/Members.h"

#include <QAbstractTableModel>

namespace mlm {

class Session;

/// The Members list as a table read page by page by key (Members::page): sorting and filtering happen in SQL, and
/// only the rows scrolled to are in memory, however many members there are.
class MembersModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        CodeColumn,
        NameColumn,
        EmailColumn,
        StatusColumn,
        SponsorColumn,
        JoinedColumn,
        ColumnCount
    };

    explicit MembersModel(Session &session, QObject *parent = nullptr);

    void setFilter(const MemberFilter &filter);
    const MemberFilter &filter() const { return m_filter; }
    void setPageSize(int rows) { m_pageSize = rows; }
    /// How many members the filter selects (all pages).
    qint64 totalCount() const { return m_total; }
    const Member *memberAt(int row) const;
    /// Reads the rows loaded so far again (after a change).
    void refresh();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    void failed(const QString &message);
    void totalChanged(qint64 total);

private:
    Session &m_session;
    MemberFilter m_filter;
    QList<Member> m_rows;
    qint64 m_total = 0;
    bool m_atEnd = false;
    int m_pageSize = 200;
};

} // namespace mlm
