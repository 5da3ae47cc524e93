#pragma once

#include "Database.h"

namespace mlm {

/// RAII unit of work: begins (or joins) a transaction; commit() makes it count, the destructor rolls back
/// whatever was not committed. Nested guards commit only at the outermost one; an inner guard that is left
/// without commit() makes the whole transaction roll back.
class TransactionGuard
{
public:
    explicit TransactionGuard(Database &db) : m_db(db), m_began(db.beginTransaction()) {}
    ~TransactionGuard()
    {
        if (m_began.ok() && !m_done)
            m_db.rollbackTransaction();
    }
    TransactionGuard(const TransactionGuard &) = delete;
    TransactionGuard &operator=(const TransactionGuard &) = delete;

    /// A guard whose reads all see one snapshot of the database (for reports and exports that read many tables).
    static std::unique_ptr<TransactionGuard> snapshot(Database &db)
    {
        const bool outermost = !db.inTransaction();
        auto guard = std::make_unique<TransactionGuard>(db);
        const QString sql = db.dialect().snapshotSql();
        if (guard->began().ok() && outermost && !sql.isEmpty()) {
            if (auto set = db.exec(sql); !set)
                guard->m_began = set.error();
        }
        return guard;
    }

    /// Whether the transaction began; check it before writing.
    const Status &began() const { return m_began; }

    Status commit()
    {
        if (!m_began.ok())
            return m_began;
        m_done = true;
        return m_db.commitTransaction();
    }

private:
    Database &m_db;
    Status m_began;
    bool m_done = false;
};

} // namespace mlm
