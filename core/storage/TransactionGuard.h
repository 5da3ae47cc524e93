#pragma once

#include "Database.h"

namespace mlm {

/// RAII unit of work: begins (or joins) a transaction; commit() makes it count, the destructor rolls back
/// whatever was not committed. Nested guards commit only at the outermost one; an inner guard that is left
/// without commit() makes the whole transaction roll back.
class TransactionGuard
{
public:
    /// Write: the usual unit of work. Snapshot: reads only, one state of the database for all of them.
    /// SnapshotWrite: both, for work that reads a consistent picture and writes from it (closing a period).
    enum class Mode
    {
        Write,
        Snapshot,
        SnapshotWrite
    };

    explicit TransactionGuard(Database &db, Mode mode = Mode::Write)
        : m_db(db), m_began(db.beginTransaction(mode != Mode::Snapshot, mode != Mode::Write))
    {
    }
    ~TransactionGuard()
    {
        if (m_began.ok() && !m_done)
            m_db.rollbackTransaction();
    }
    TransactionGuard(const TransactionGuard &) = delete;
    TransactionGuard &operator=(const TransactionGuard &) = delete;

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
