#pragma once

#include "domain/Money.h"
#include "domain/Result.h"

#include <QList>

#include <algorithm>
#include <memory>

namespace mlm {

class Database;

/// The sponsor tree in memory, numbered in preorder: a member's whole downline is the contiguous range
/// [begin(m), end(m)) of preorder positions, so that any sum over a downline is a difference of two prefix sums and
/// a count of members at a given depth below m is two binary searches. Built in O(members), without recursion.
class TreeIndex
{
public:
    /// `ids` (ascending) and `sponsors` side by side (sponsor id 0 for a root); members whose sponsor is unknown are
    /// roots. A member's dense index is its place in `ids`.
    static TreeIndex build(const QList<Id> &ids, const QList<Id> &sponsors);
    static Result<TreeIndex> load(Database &db);
    /// The tree of `db`'s database as loaded at most `maxAgeSeconds` ago, shared by every connection of this process
    /// to it (a server's requests, a desktop's views): loading a million members takes most of a second.
    static Result<std::shared_ptr<const TreeIndex>> recent(Database &db, qint64 maxAgeSeconds = kRecentSeconds);
    static constexpr qint64 kRecentSeconds = 60;

    qsizetype size() const { return m_ids.size(); }
    /// The dense index of a member id, or -1.
    qint32 indexOf(Id id) const
    {
        if (m_dense) // ids without gaps (the usual case): no search
            return id >= m_firstId && id - m_firstId < m_ids.size() ? qint32(id - m_firstId) : -1;
        const auto it = std::lower_bound(m_ids.cbegin(), m_ids.cend(), id);
        return it != m_ids.cend() && *it == id ? qint32(it - m_ids.cbegin()) : -1;
    }
    Id idAt(qint32 index) const { return m_ids.at(index); }

    qint32 preorder(qint32 index) const { return m_pre.at(index); }
    /// The member at a preorder position.
    qint32 atPreorder(qint32 position) const { return m_order.at(position); }
    /// The downline of `index` (itself included) is the preorder range [begin, end).
    qint32 begin(qint32 index) const { return m_pre.at(index); }
    qint32 end(qint32 index) const { return m_pre.at(index) + m_size.at(index); }
    qint32 depth(qint32 index) const { return m_depth.at(index); }
    /// Members in the downline of `index`, not counting itself.
    qint64 downlineSize(qint32 index) const { return m_size.at(index) - 1; }
    /// How many members sit 1, 2, ... `levels` levels below `index`.
    QList<qint64> membersPerLevel(qint32 index, int levels) const;
    /// The company's levels: how many members sit at depth 0 (the roots), 1, ... `levels` - 1.
    QList<qint64> membersPerDepth(int levels) const;
    /// The first line of `index` (index -1: the roots), in preorder.
    QList<qint32> children(qint32 index) const;

    /// Sums per downline over a value per member: prefix sums in preorder, built once per series of values.
    class Sums
    {
    public:
        Sums() = default;
        /// From values laid out in preorder (the value of position p at p).
        static Sums inPreorder(const QList<qint64> &valueAtPosition);
        /// The sum over the downline of `index`, itself included.
        qint64 downline(const TreeIndex &tree, qint32 index) const
        {
            return m_prefix.at(tree.end(index)) - m_prefix.at(tree.begin(index));
        }

    private:
        QList<qint64> m_prefix;
    };

private:
    QList<Id> m_ids;
    bool m_dense = false; ///< m_ids is m_firstId, m_firstId + 1, ...
    Id m_firstId = 0;
    QList<qint32> m_pre;   ///< index -> preorder position
    QList<qint32> m_order; ///< preorder position -> index
    QList<qint32> m_size;  ///< subtree size, itself included
    QList<qint32> m_depth;
    QList<QList<qint32>> m_byDepth; ///< per depth: the preorder positions there, ascending
};

} // namespace mlm
