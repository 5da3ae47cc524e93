// bench_json: our JSON reader (core/domain/JsonReader) against simdjson's On-Demand API (Debian's libsimdjson-dev
// 3.0.1), issue 18. Both visit every value of a dataset file: whole numbers read as int64, strings checked as
// UTF-8 (ours: decoded when they are not plain ASCII; simdjson: always, into its buffer), arrays and objects
// walked. Each parser runs in a process of its own (this program again with --child PARSER FILE) so that its peak
// memory is its own. Then both parse an order submission, the store API's most frequent body, 200,000 times.
//   bench_json [--members N] [--orders M] [--file DATASET.json]
#include "BenchSupport.h"

#include "domain/JsonReader.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <simdjson.h>

using namespace mlm;

namespace {

/// What a visit found: counts and sums, printed so that neither parser's work can be skipped, and compared.
struct Visit
{
    qint64 values = 0;
    qint64 numbers = 0;
    qint64 stringBytes = 0;
    bool ok = true;
};

void visitOurs(const json::Value &v, Visit &out)
{
    ++out.values;
    switch (v.type()) {
    case json::Type::Number:
        out.numbers += v.toInteger().value_or(0);
        break;
    case json::Type::String:
        out.stringBytes += v.isPlainString() ? v.source().size() - 2 : v.toString().toUtf8().size(); // no quotes
        break;
    case json::Type::Array:
    case json::Type::Object:
        for (json::Value c = v.first(); !c.isUndefined(); c = c.next())
            visitOurs(c, out);
        break;
    default:
        break;
    }
}

/// The dataset file as the importer reads it: the top object's keys one by one, each array element by element.
Visit readOurs(const QString &path)
{
    Visit out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {0, 0, 0, false};
    const uchar *bytes = file.map(0, file.size());
    const QByteArrayView text(reinterpret_cast<const char *>(bytes), file.size());
    json::Parser parser(text);
    qsizetype pos = 0;
    if (!parser.expect(pos, '{'))
        return {0, 0, 0, false};
    json::Document doc;
    for (;;) {
        auto key = parser.parseKey(pos);
        if (!key || !parser.expect(pos, ':'))
            return {0, 0, 0, false};
        ++out.values;
        if (parser.peek(pos) == '[') {
            qsizetype start = pos, elements = 0;
            if (!parser.skip(pos, &elements))
                return {0, 0, 0, false};
            json::ArrayCursor cursor(parser, start, elements);
            ++out.values;
            const Status done = json::forEachElement(cursor, [&](json::Value element, qsizetype) -> Status {
                visitOurs(element, out);
                return {};
            });
            if (!done)
                return {0, 0, 0, false};
        } else {
            if (!parser.parse(pos, doc))
                return {0, 0, 0, false};
            visitOurs(doc.root(), out);
        }
        const char c = parser.peek(pos);
        if (c == '}')
            break;
        if (!parser.expect(pos, ','))
            return {0, 0, 0, false};
    }
    return out;
}

template <typename V> void visitSimd(V &&v, Visit &out)
{
    ++out.values;
    switch (v.type().value()) {
    case simdjson::ondemand::json_type::number: {
        int64_t n = 0;
        if (!v.get_int64().get(n))
            out.numbers += n;
        break;
    }
    case simdjson::ondemand::json_type::string: {
        std::string_view s;
        if (v.get_string().get(s))
            out.ok = false;
        out.stringBytes += qint64(s.size());
        break;
    }
    case simdjson::ondemand::json_type::array:
        for (auto element : v.get_array())
            visitSimd(element.value(), out);
        break;
    case simdjson::ondemand::json_type::object:
        for (auto field : v.get_object())
            visitSimd(field.value().value(), out);
        break;
    case simdjson::ondemand::json_type::boolean:
        (void)v.get_bool().value();
        break;
    case simdjson::ondemand::json_type::null:
        (void)v.is_null();
        break;
    }
}

Visit readSimd(const QString &path)
{
    Visit out;
    simdjson::padded_string text;
    if (simdjson::padded_string::load(path.toStdString()).get(text))
        return {0, 0, 0, false};
    simdjson::ondemand::parser parser;
    simdjson::ondemand::document doc;
    if (parser.iterate(text).get(doc))
        return {0, 0, 0, false};
    simdjson::ondemand::object top;
    if (doc.get_object().get(top))
        return {0, 0, 0, false};
    for (auto field : top) {
        ++out.values;
        simdjson::ondemand::value v;
        if (field.value().get(v))
            return {0, 0, 0, false};
        visitSimd(v, out);
    }
    return out;
}

const char *kOrderBody = R"({"external_id": "SHOP-100234", "buyer": {"member_code": "M0012345"},
 "lines": [{"sku": "P001", "qty": 2}, {"sku": "P014", "qty": 1}, {"sku": "P007", "qty": 3}],
 "status": "paid", "paid_at": "2026-10-05T12:00:00Z", "created_at": "2026-10-05T11:58:00Z"})";

/// Parses the order body `times` times and reads its fields; the ms it took.
double bodiesOurs(int times, qint64 &check)
{
    const QByteArray body(kOrderBody);
    json::Document doc;
    doc.reserveFor(body.size());
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < times; ++i) {
        json::Parser parser(body);
        qsizetype pos = 0;
        if (!parser.parse(pos, doc))
            return -1;
        const json::Value root = doc.root();
        check += root[QLatin1StringView("external_id")].toString().size();
        check += root[QLatin1StringView("buyer")][QLatin1StringView("member_code")].toString().size();
        const json::Value lines = root[QLatin1StringView("lines")];
        for (json::Value l = lines.first(); !l.isUndefined(); l = l.next())
            check +=
                l[QLatin1StringView("sku")].toString().size() + l[QLatin1StringView("qty")].toInteger().value_or(0);
        check += root[QLatin1StringView("status")].toString().size();
        check += root[QLatin1StringView("paid_at")].toString().size();
    }
    return double(t.nsecsElapsed()) / 1e6;
}

double bodiesSimd(int times, qint64 &check)
{
    const simdjson::padded_string body(std::string_view{kOrderBody});
    simdjson::ondemand::parser parser;
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < times; ++i) {
        auto doc = parser.iterate(body);
        std::string_view s;
        // Strings become QStrings, as the API's handlers use them.
        if (doc["external_id"].get_string().get(s))
            return -1;
        check += QString::fromUtf8(s.data(), qsizetype(s.size())).size();
        if (doc["buyer"]["member_code"].get_string().get(s))
            return -1;
        check += QString::fromUtf8(s.data(), qsizetype(s.size())).size();
        for (auto line : doc["lines"].get_array()) {
            if (line["sku"].get_string().get(s))
                return -1;
            check += QString::fromUtf8(s.data(), qsizetype(s.size())).size() + line["qty"].get_int64().value();
        }
        if (doc["status"].get_string().get(s))
            return -1;
        check += QString::fromUtf8(s.data(), qsizetype(s.size())).size();
        if (doc["paid_at"].get_string().get(s))
            return -1;
        check += QString::fromUtf8(s.data(), qsizetype(s.size())).size();
    }
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = bench::start(app);
    if (const qsizetype child = args.indexOf(QStringLiteral("--child")); child >= 0 && child + 2 < args.size()) {
        const bool simd = args.at(child + 1) == QLatin1String("simdjson");
        QElapsedTimer t;
        t.start();
        const Visit v = simd ? readSimd(args.at(child + 2)) : readOurs(args.at(child + 2));
        const double seconds = double(t.elapsed()) / 1000.0;
        std::printf("%-9s the file: %.2f s, peak resident memory %.0f MB (%lld values, numbers sum %lld, %lld string "
                    "bytes)%s\n",
                    simd ? "simdjson" : "ours", seconds, bench::peakRssMb(), qlonglong(v.values), qlonglong(v.numbers),
                    qlonglong(v.stringBytes), v.ok ? "" : " FAILED");
        return v.ok ? 0 : 1;
    }
    QTemporaryDir dir;
    QString file = bench::option(args, QStringLiteral("--file"), QString());
    if (file.isEmpty()) {
        file = dir.filePath(QStringLiteral("company.json"));
        if (!bench::writeCompany(
                file, bench::option(args, QStringLiteral("--members"), QStringLiteral("1000000")).toLongLong(),
                bench::option(args, QStringLiteral("--orders"), QStringLiteral("1000000")).toLongLong()))
            return 1;
    }
    std::printf("%s: %.1f MB\n", qPrintable(QFileInfo(file).fileName()), double(QFileInfo(file).size()) / 1e6);
    std::fflush(stdout);
    bool ok = true;
    for (const char *parser : {"ours", "simdjson"}) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--child"), QString::fromLatin1(parser), file});
        ok = child.waitForFinished(-1) && child.exitCode() == 0 && ok;
    }
    constexpr int kBodies = 200000;
    qint64 checkOurs = 0, checkSimd = 0;
    const double oursMs = bodiesOurs(kBodies, checkOurs);
    const double simdMs = bodiesSimd(kBodies, checkSimd);
    std::printf("an order body (%d bytes) parsed and read %d times: ours %.0f ms (%.2f us each), simdjson %.0f ms "
                "(%.2f us each)%s\n",
                int(qstrlen(kOrderBody)), kBodies, oursMs, oursMs * 1000 / kBodies, simdMs, simdMs * 1000 / kBodies,
                checkOurs == checkSimd ? "" : " (the two read different values!)");
    return ok && checkOurs == checkSimd ? 0 : 1;
}
