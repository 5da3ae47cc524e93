#pragma once

#include "DatasetRecords.h"
#include "domain/CompensationPlan.h"
#include "domain/Result.h"

#include "domain/JsonReader.h"
#include <QCoreApplication>

#include <optional>

namespace mlm::dataset {

/// The next free row id per table, so that bulk inserts can reference rows they have not written yet.
struct NextIds
{
    Id tier = 1, product = 1, member = 1, store = 1, link = 1, customer = 1, order = 1;
};

/// Validates the sections of a dataset file into records, resolving references against `catalogue` (which
/// starts with what the database holds and grows with what the file adds). Each error names its record.
class DatasetReader
{
    Q_DECLARE_TR_FUNCTIONS(DatasetReader)
public:
    DatasetReader(Catalogue &catalogue, NextIds &ids, Timestamp now) : m_c(catalogue), m_ids(ids), m_now(now) {}

    Status readHeader(json::Value format, json::Value currency, json::Value plan, QString *currencyOut,
                      std::optional<CompensationPlan> *planOut);
    Status readTiers(json::ArrayCursor &section);
    Status readProducts(json::ArrayCursor &section);
    Status readMembers(json::ArrayCursor &section);
    Status readStores(json::ArrayCursor &section);
    Status readLinks(json::ArrayCursor &section);
    Status readCustomers(json::ArrayCursor &section);
    /// One order; orders are many, so they are read (and written) one at a time.
    Result<OrderRecord> readOrder(json::Value value, qsizetype index);

    /// The members of the file in an order where every sponsor comes before its downline.
    const QList<qsizetype> &memberWriteOrder() const { return m_memberOrder; }

private:
    Status checkSponsors(qsizetype firstNew);

    Catalogue &m_c;
    NextIds &m_ids;
    Timestamp m_now;
    QList<qsizetype> m_memberOrder;
};

} // namespace mlm::dataset
