#pragma once

#include "office/RunStore.h"

#include "OfficeJobs.h"
#include "domain/JsonReader.h"
#include "domain/JsonWriter.h"
#include "office/Office.h"

#include <QUrlQuery>
#include <memory>

namespace mlm::officejson {

/// The office API's values as JSON, written once and read back here: mlm-server writes what a Session returns and
/// reads what a RemoteOffice sends; a RemoteOffice writes its requests and reads the answers with the same pairs,
/// so the two sides cannot drift apart field by field. Money in minor units, times in ISO 8601 UTC, members by
/// code (their ids as well, for the desktop's models).

/// Reads one JSON object field by field, keeping the first problem with the field's path ("lines[2].qty: ...")
/// and giving defaults after it, so a reader is a plain sequence of reads and one check at its end.
class JsonIn
{
    Q_DECLARE_TR_FUNCTIONS(JsonIn)

public:
    /// An empty object.
    JsonIn();
    /// The object a JSON text holds, or why it holds none ("line 1, offset 9: ..."; "... is not an object").
    static Result<JsonIn> parse(QByteArray json);

    bool has(const char *name) const { return !m_object[QLatin1StringView(name)].isUndefined(); }
    /// A string (null or absent: empty) without control characters or invalid text.
    QString text(const char *name, bool required = false);
    qint64 number(const char *name, bool required = true);
    bool flag(const char *name);
    /// An ISO 8601 time; null or absent: 0.
    Timestamp time(const char *name);
    std::optional<Timestamp> optionalTime(const char *name);
    std::optional<qint64> optionalNumber(const char *name);
    template <typename E> E choice(const char *name, std::optional<E> (*parseText)(QStringView), E fallback)
    {
        ShortText t;
        shortText(name, true, t);
        if (t.view().isEmpty())
            return fallback;
        if (auto e = parseText(t.view()))
            return *e;
        fail(name, tr("'%1' is not one of the allowed values").arg(t.view().left(40)));
        return fallback;
    }
    Period period(const char *name);
    JsonIn object(const char *name);
    /// The objects of an array, each with its path.
    QList<JsonIn> objects(const char *name);
    QList<qint64> numbers(const char *name);
    /// An array of strings, each checked as text() checks one.
    QStringList texts(const char *name);
    /// An object whose keys are data (a tier's code), each with a whole number.
    QList<std::pair<QString, qint64>> numbersByKey(const char *name);

    void fail(const char *name, const QString &problem);
    /// The first problem, as an InvalidArgument error.
    const std::optional<Error> &error() const { return *m_error; }
    bool ok() const { return !m_error->has_value(); }

private:
    struct Source;
    /// A short string (a time, a choice) in UTF-16 on the stack when it is plain ASCII, as a QString otherwise:
    /// 10,000 members carry two each, and making a QString of each cost a fifth of reading them.
    struct ShortText
    {
        char16_t buffer[64];
        qsizetype size = 0;
        QString text; ///< when not plain ASCII or longer
        bool plain = false;
        QStringView view() const { return plain ? QStringView(buffer, size) : QStringView(text); }
    };
    /// The field's text; empty when absent, null or not a valid string (the problem kept, as text() keeps it).
    void shortText(const char *name, bool required, ShortText &out);
    JsonIn(std::shared_ptr<const Source> source, json::Value object, QString path, qsizetype index,
           std::shared_ptr<std::optional<Error>> error);
    QString pathOf(const char *name) const;
    json::Value at(const char *name, bool required);
    std::optional<qint64> numberOf(const json::Value &v, const char *name);
    QString textOf(const json::Value &v, const char *name);

    std::shared_ptr<const Source> m_source; ///< the bytes and their tree, shared by the objects read from them
    json::Value m_object;
    QString m_path;          ///< of this object, or of the array it is an item of
    qsizetype m_index = -1;  ///< its place in that array: the path is made only for an error message
    quint32 m_hint = 0;      ///< where the next field is looked for first (readers ask in the order written)
    std::shared_ptr<std::optional<Error>> m_error;
};

void write(JsonWriter &w, const Member &m);
void write(JsonWriter &w, const NetworkEntry &e);
void write(JsonWriter &w, const StatusChange &c);
void write(JsonWriter &w, const ReferralLink &l);
void write(JsonWriter &w, const Store &s);
void write(JsonWriter &w, const RetailCustomer &c);
void write(JsonWriter &w, const Order &o);
void write(JsonWriter &w, const SubmittedOrder &o);
void write(JsonWriter &w, const OrderLineRequest &l);
void write(JsonWriter &w, const Product &p);
void write(JsonWriter &w, const PriceTier &t);
void write(JsonWriter &w, const PriceEdit &e);
void write(JsonWriter &w, const User &u);
void write(JsonWriter &w, const NewUser &u);
void write(JsonWriter &w, const AuditEntry &e);
void write(JsonWriter &w, const ApiKey &k);
void write(JsonWriter &w, const IssuedApiKey &k);
void write(JsonWriter &w, const CompensationPlan &p);
void write(JsonWriter &w, const RunPeriod &p);
void write(JsonWriter &w, const MemberCommission &m);
void write(JsonWriter &w, const RunTotals &t);
void write(JsonWriter &w, const RunOverview &r);
void write(JsonWriter &w, const Statement &s);
void write(JsonWriter &w, const DownlineDashboard &d);
void write(JsonWriter &w, const Office::PriceList &p);
void write(JsonWriter &w, const Office::CatalogData &c);
/// A long operation: {"id", "kind", "state", "stage", "done", "total"}, with "result" (the value) when done and
/// "error" {"code", "message"} when failed or cancelled.
void write(JsonWriter &w, const OfficeJobs::Snapshot &job);

void read(JsonIn &in, Member &m);
void read(JsonIn &in, NetworkEntry &e);
void read(JsonIn &in, StatusChange &c);
void read(JsonIn &in, ReferralLink &l);
void read(JsonIn &in, Store &s);
void read(JsonIn &in, RetailCustomer &c);
void read(JsonIn &in, Order &o);
void read(JsonIn &in, SubmittedOrder &o);
void read(JsonIn &in, OrderLineRequest &l);
void read(JsonIn &in, Product &p);
void read(JsonIn &in, PriceTier &t);
void read(JsonIn &in, PriceEdit &e);
void read(JsonIn &in, User &u);
void read(JsonIn &in, NewUser &u);
void read(JsonIn &in, AuditEntry &e);
void read(JsonIn &in, ApiKey &k);
void read(JsonIn &in, IssuedApiKey &k);
void read(JsonIn &in, CompensationPlan &p);
void read(JsonIn &in, RunPeriod &p);
void read(JsonIn &in, MemberCommission &m);
void read(JsonIn &in, RunTotals &t);
void read(JsonIn &in, RunOverview &r);
void read(JsonIn &in, Statement &s);
void read(JsonIn &in, DownlineDashboard &d);
void read(JsonIn &in, Office::PriceList &p);
void read(JsonIn &in, Office::CatalogData &c);
/// All but the result, which the reader of the job's kind reads from in.object("result").
void read(JsonIn &in, OfficeJobs::Snapshot &job);

/// `{"<name>": [values]}`.
template <typename T> QByteArray list(const char *name, const QList<T> &values)
{
    JsonWriter w;
    w.beginObject().key(name).beginArray();
    for (const T &v : values)
        write(w, v);
    w.endArray().endObject();
    return w.take();
}

template <typename T> QByteArray one(const T &value)
{
    JsonWriter w;
    write(w, value);
    return w.take();
}

/// A value read from a whole object, or the reader's first problem.
template <typename T> Result<T> readOne(JsonIn &in)
{
    T value{};
    read(in, value);
    if (!in.ok())
        return *in.error();
    return value;
}

template <typename T> Result<QList<T>> readList(JsonIn &in, const char *name)
{
    QList<T> values;
    QList<JsonIn> items = in.objects(name);
    values.reserve(items.size());
    for (JsonIn &item : items) {
        T value{};
        read(item, value);
        values.append(std::move(value));
    }
    if (!in.ok())
        return *in.error();
    return values;
}

/// The HTTP status and error code of a core error in the office API, and the way back: one table, so an error
/// comes out of a RemoteOffice with the code it had in the server's Session.
struct WireError
{
    int status;
    const char *code;
};
WireError wireError(ErrorCode code);
ErrorCode errorCodeOf(int status, QStringView code);

/// The query of a members page (filter and key after which it starts) and back.
QUrlQuery membersQuery(const MemberFilter &filter, const std::optional<MemberPageKey> &after, int limit);
Result<MemberFilter> memberFilterOf(const QUrlQuery &query);
Result<std::optional<MemberPageKey>> memberPageKeyOf(const QUrlQuery &query, MemberFilter::SortBy sortBy);
/// The query of an orders list and back.
void addOrderFilter(QUrlQuery &query, const OrderFilter &filter);
Result<OrderFilter> orderFilterOf(const QUrlQuery &query);
/// The query of an audit page and back.
void addAuditFilter(QUrlQuery &query, const AuditFilter &filter);
Result<AuditFilter> auditFilterOf(const QUrlQuery &query);
/// A whole number from the query, within bounds; `fallback` when absent.
Result<qint64> queryNumber(const QUrlQuery &query, const QString &name, qint64 fallback, qint64 min, qint64 max);

} // namespace mlm::officejson
