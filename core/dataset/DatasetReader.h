#pragma once

#include "DatasetRecords.h"
#include "domain/CompensationPlan.h"
#include "domain/Result.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

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

    Status readHeader(const QJsonObject &root, QString *currency, std::optional<CompensationPlan> *plan);
    Status readTiers(const QJsonArray &array);
    Status readProducts(const QJsonArray &array);
    Status readMembers(const QJsonArray &array);
    Status readStores(const QJsonArray &array);
    Status readLinks(const QJsonArray &array);
    Status readCustomers(const QJsonArray &array);
    /// One order; orders are many, so they are read (and written) one at a time.
    Result<OrderRecord> readOrder(const QJsonValue &value, qsizetype index);

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
