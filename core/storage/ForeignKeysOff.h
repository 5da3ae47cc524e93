#pragma once

#include "Database.h"

namespace mlm {

/// For a bulk write whose every reference the caller has resolved itself: SQLite then skips its row-by-row foreign
/// key checks (PostgreSQL keeps them). The pragma only works outside a transaction, so this wraps the
/// TransactionGuard, and does nothing when a transaction is already open.
class ForeignKeysOff
{
public:
    explicit ForeignKeysOff(Database &db) : m_db(db)
    {
        const QString off = db.dialect().foreignKeysSql(false);
        m_active = !off.isEmpty() && !db.inTransaction() && db.exec(off).ok();
    }
    ~ForeignKeysOff()
    {
        if (m_active)
            (void)m_db.exec(m_db.dialect().foreignKeysSql(true));
    }
    ForeignKeysOff(const ForeignKeysOff &) = delete;
    ForeignKeysOff &operator=(const ForeignKeysOff &) = delete;

private:
    Database &m_db;
    bool m_active = false;
};

} // namespace mlm
