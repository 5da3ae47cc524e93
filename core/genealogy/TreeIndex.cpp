#include "TreeIndex.h"

#include "storage/Database.h"
#include "storage/Rows.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>

#include <algorithm>

namespace mlm {

TreeIndex TreeIndex::build(const QList<Id> &ids, const QList<Id> &sponsors)
{
    TreeIndex t;
    const qsizetype n = ids.size();
    Q_ASSERT(std::is_sorted(ids.cbegin(), ids.cend()));
    t.m_ids = ids;
    t.m_firstId = n > 0 ? ids.first() : 0;
    t.m_dense = n == 0 || ids.last() - ids.first() == n - 1;
    QList<qint32> parent(n, -1);
    QList<qint32> childStart(n + 1, 0);
    for (qsizetype i = 0; i < n; ++i) {
        parent[i] = sponsors.at(i) ? t.indexOf(sponsors.at(i)) : -1;
        if (parent.at(i) >= 0)
            ++childStart[parent.at(i) + 1];
    }
    for (qsizetype i = 0; i < n; ++i)
        childStart[i + 1] += childStart[i];
    QList<qint32> children(childStart.last());
    QList<qint32> fill = childStart;
    for (qsizetype i = 0; i < n; ++i) {
        if (parent.at(i) >= 0)
            children[fill[parent.at(i)]++] = qint32(i);
    }

    // Iterative depth-first walk: preorder positions on the way down, subtree sizes on the way back.
    t.m_pre.fill(-1, n);
    t.m_size.fill(1, n);
    t.m_depth.fill(0, n);
    t.m_order.reserve(n);
    QList<std::pair<qint32, qint32>> stack; // (member, next child slot)
    for (qsizetype root = 0; root < n; ++root) {
        if (parent.at(root) >= 0)
            continue;
        stack.append({qint32(root), childStart.at(root)});
        t.m_pre[root] = qint32(t.m_order.size());
        t.m_order.append(qint32(root));
        while (!stack.isEmpty()) {
            auto &[member, slot] = stack.last();
            if (slot < childStart.at(member + 1)) {
                const qint32 child = children.at(slot++);
                t.m_pre[child] = qint32(t.m_order.size());
                t.m_order.append(child);
                t.m_depth[child] = t.m_depth.at(member) + 1;
                stack.append({child, childStart.at(child)});
            } else {
                const qint32 done = member;
                stack.removeLast();
                if (!stack.isEmpty())
                    t.m_size[stack.last().first] += t.m_size.at(done);
            }
        }
    }
    qint32 maxDepth = 0;
    for (qint32 d : std::as_const(t.m_depth))
        maxDepth = std::max(maxDepth, d);
    t.m_byDepth.resize(maxDepth + 1);
    for (qsizetype position = 0; position < t.m_order.size(); ++position) // ascending by construction
        t.m_byDepth[t.m_depth.at(t.m_order.at(position))].append(qint32(position));
    return t;
}

Result<std::shared_ptr<const TreeIndex>> TreeIndex::recent(Database &db, qint64 maxAgeSeconds)
{
    struct Loaded
    {
        std::shared_ptr<const TreeIndex> tree;
        QElapsedTimer since;
    };
    static QMutex mutex;
    static QHash<QString, Loaded> loaded; // by database, without its password
    const QString key = db.url().displayString();
    QMutexLocker lock(&mutex);
    if (const auto it = loaded.constFind(key); it != loaded.constEnd() && it->since.elapsed() < maxAgeSeconds * 1000)
        return it->tree;
    auto tree = load(db);
    if (!tree)
        return tree.error();
    auto shared = std::make_shared<const TreeIndex>(std::move(tree.value()));
    QElapsedTimer since;
    since.start();
    loaded.insert(key, {shared, since});
    return shared;
}

Result<TreeIndex> TreeIndex::load(Database &db)
{
    QList<Id> ids, sponsors;
    MLM_TRY(db.forEachRow(QStringLiteral("SELECT id, sponsor_id FROM members ORDER BY id"), {}, [&](const Row &r) {
        ids.append(r.integer(0));
        sponsors.append(r.integer(1));
    }));
    return build(ids, sponsors);
}

QList<qint64> TreeIndex::membersPerLevel(qint32 index, int levels) const
{
    QList<qint64> counts;
    for (int k = 1; k <= levels; ++k) {
        const qint32 d = m_depth.at(index) + k;
        if (d >= m_byDepth.size()) {
            counts.append(0);
            continue;
        }
        const QList<qint32> &at = m_byDepth.at(d);
        const auto lo = std::lower_bound(at.cbegin(), at.cend(), begin(index));
        const auto hi = std::lower_bound(lo, at.cend(), end(index));
        counts.append(hi - lo);
    }
    return counts;
}

QList<qint64> TreeIndex::membersPerDepth(int levels) const
{
    QList<qint64> counts;
    for (int d = 0; d < levels; ++d)
        counts.append(d < m_byDepth.size() ? m_byDepth.at(d).size() : 0);
    return counts;
}

QList<qint32> TreeIndex::children(qint32 index) const
{
    const qint32 d = index < 0 ? 0 : m_depth.at(index) + 1;
    QList<qint32> result;
    if (d >= m_byDepth.size())
        return result;
    const QList<qint32> &at = m_byDepth.at(d);
    const auto lo = index < 0 ? at.cbegin() : std::lower_bound(at.cbegin(), at.cend(), begin(index));
    const auto hi = index < 0 ? at.cend() : std::lower_bound(lo, at.cend(), end(index));
    for (auto it = lo; it != hi; ++it)
        result.append(m_order.at(*it));
    return result;
}

TreeIndex::Sums TreeIndex::Sums::inPreorder(const QList<qint64> &valueAtPosition)
{
    Sums s;
    s.m_prefix.resize(valueAtPosition.size() + 1);
    s.m_prefix[0] = 0;
    for (qsizetype position = 0; position < valueAtPosition.size(); ++position)
        s.m_prefix[position + 1] = s.m_prefix.at(position) + valueAtPosition.at(position);
    return s;
}

} // namespace mlm
