#pragma once

#include "genealogy/Members.h"

#include <QAbstractTableModel>

namespace mlm {

class AsyncOffice;

/// The Members list as a table read page by page by key (Members::page): sorting and filtering happen in SQL, and
/// only the rows scrolled to are in memory, however many members there are. Pages are asked for in the
/// background; rows come in when the answer does, and an answer for a filter no longer shown is dropped.
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

    explicit MembersModel(AsyncOffice &office, QObject *parent = nullptr);

    void setFilter(const MemberFilter &filter);
    const MemberFilter &filter() const { return m_filter; }
    void setPageSize(int rows) { m_pageSize = rows; }
    /// How many members the filter selects (all pages).
    qint64 totalCount() const { return m_total; }
    const Member *memberAt(int row) const;
    /// Reads the rows loaded so far again (after a change).
    void refresh();
    /// Whether a page asked for has not come yet.
    bool isLoading() const { return m_loading; }

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
    /// A page asked for was answered (its rows are in, or its error said).
    void pageArrived();

private:
    /// The first `firstPage` rows of `filter` and their count, in place of those shown when they come.
    void reset(const MemberFilter &filter, int firstPage);
    /// Asks for `limit` rows after the last one loaded (`replace`: the first rows, in place of those shown); rows
    /// of an older filter (another generation) are dropped.
    void load(int limit, bool replace = false);

    AsyncOffice &m_office;
    MemberFilter m_filter;
    int m_generation = 0;
    bool m_loading = false;
    QList<Member> m_rows;
    qint64 m_total = 0;
    bool m_atEnd = false;
    int m_pageSize = 200;
};

} // namespace mlm
