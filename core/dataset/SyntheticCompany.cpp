#include "SyntheticCompany.h"

#include "domain/UtcTime.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace mlm {

namespace {

const char *const kFirstNames[] = {"Anna",  "Boris", "Carla",  "David", "Elena", "Farid",   "Greta",  "Hugo",
                                   "Irina", "Jonas", "Kira",   "Lucas", "Maria", "Nikolai", "Olga",   "Pablo",
                                   "Quinn", "Rosa",  "Sergei", "Tanja", "Ugo",   "Vera",    "Walter", "Ximena",
                                   "Yusuf", "Zoe",   "Ines",   "Marco", "Sofia", "Dmitri",  "Lena",   "Tomas"};
const char *const kLastNames[] = {"Ivanova", "Garcia", "Mueller", "Smith",  "Petrov", "Lopez",   "Schmidt", "Brown",
                                  "Sokolov", "Martin", "Fischer", "Wilson", "Popova", "Sanchez", "Weber",   "Taylor",
                                  "Kuznets", "Romero", "Wagner",  "Clark",  "Volkov", "Torres",  "Becker",  "Lewis"};
const char *const kCountries[] = {"US", "DE", "ES", "RU", "MX", "PL", "KZ", "AR"};
const char *const kProductNames[] = {
    "Vitamin C Complex", "Omega-3 Capsules", "Protein Shake Vanilla", "Protein Shake Cocoa", "Herbal Tea Detox",
    "Collagen Drink",    "Probiotic Daily",  "Magnesium Night",       "Face Cream Day",      "Face Cream Night",
    "Hair Serum",        "Body Lotion",      "Toothpaste Mint",       "Shampoo Herbal",      "Energy Bar Box",
    "Green Coffee",      "Iron Plus",        "Kids Multivitamin",     "Sport Electrolytes",  "Aloe Vera Gel",
    "Eye Complex",       "Joint Formula",    "Sleep Spray",           "Starter Kit"};

/// The generator's own integer draws: std distributions differ between standard libraries.
class Random
{
public:
    explicit Random(quint64 seed) : m_engine(seed) {}
    quint64 below(quint64 n) { return n == 0 ? 0 : m_engine() % n; }
    bool chance(int percent) { return below(100) < quint64(percent); }
    /// A Pareto-like draw >= 1: many ones, a long tail.
    qint64 pareto(qint64 cap)
    {
        const double u = (double(m_engine() >> 11) + 1.0) / 9007199254740993.0; // (0, 1]
        const qint64 v = qint64(1.0 / std::pow(u, 1.0 / 1.6));
        return std::min(std::max<qint64>(v, 1), cap);
    }

private:
    std::mt19937_64 m_engine;
};

class Writer
{
public:
    explicit Writer(QIODevice &out) : m_out(out) { m_buffer.reserve(1 << 20); }
    ~Writer() { flush(); }
    Writer &operator<<(const char *s)
    {
        m_buffer.append(s);
        return *this;
    }
    Writer &operator<<(char c)
    {
        m_buffer.append(c);
        return *this;
    }
    Writer &operator<<(const QByteArray &s)
    {
        m_buffer.append(s);
        return *this;
    }
    Writer &operator<<(qint64 n)
    {
        m_buffer.append(QByteArray::number(n));
        return *this;
    }
    void endRecord()
    {
        if (m_buffer.size() > (1 << 20) - 4096)
            flush();
    }
    bool flush()
    {
        const bool ok = m_out.write(m_buffer) == m_buffer.size();
        m_buffer.clear();
        return ok;
    }

private:
    QIODevice &m_out;
    QByteArray m_buffer;
};

QByteArray iso(Timestamp t)
{
    return formatIsoTimestamp(t).toLatin1();
}

QByteArray memberCode(qint64 i)
{
    return i == 0 ? QByteArrayLiteral("ROOT") : QByteArrayLiteral("M") + QByteArray::number(i).rightJustified(7, '0');
}

} // namespace

Status SyntheticCompany::write(const Parameters &p, QIODevice &out)
{
    const auto last = Period::parse(p.lastPeriod);
    if (!last)
        return makeError(ErrorCode::InvalidArgument, tr("'%1' is not a period YYYY-MM").arg(p.lastPeriod));
    if (p.members < 1 || p.orders < 0 || p.months < 1 || p.months > 600 || p.products < 1 || p.products > 24)
        return makeError(ErrorCode::InvalidArgument,
                         tr("seed needs at least 1 member, 0 or more orders, 1-600 months and 1-24 products"));
    Timestamp start = 0;
    Timestamp end = 0;
    if (p.until) {
        end = *p.until;
        start = QDateTime::fromSecsSinceEpoch(end, Qt::UTC).addMonths(-p.months).toSecsSinceEpoch();
    } else {
        Period firstPeriod = *last;
        for (int i = 1; i < p.months; ++i)
            firstPeriod = firstPeriod.previous();
        start = firstPeriod.start();
        end = last->end();
    }
    const Timestamp span = end - start;

    Random rng(p.seed);
    Writer w(out);
    w << "{\"format\": \"mlm-dataset/1\",\n\"currency\": \"USD\",\n"
         "\"plan\": {\"levels_bp\": [1000, 500, 300, 200, 100], \"qualification_pv\": 10000, "
         "\"compression\": true, \"retail_profit\": true},\n\"products\": [";
    std::vector<qint64> productPrice(p.products);
    for (int i = 0; i < p.products; ++i) {
        const qint64 retail = 1500 + qint64(rng.below(60)) * 100;
        productPrice[i] = retail;
        const qint64 pv = retail * 8 / 10 / 100 * 100;
        w << (i ? ",\n" : "\n") << "{\"sku\": \"P" << QByteArray::number(i + 1).rightJustified(3, '0')
          << "\", \"name\": \"" << kProductNames[i] << "\", \"pv\": " << pv << ", \"bv\": " << retail * 6 / 10
          << ", \"prices\": {\"retail\": " << retail << ", \"customer\": " << retail * 9 / 10
          << ", \"distributor\": " << retail * 7 / 10 << "}}";
    }
    w << "\n],\n\"members\": [";

    // The tree: each member gets a ticket when it joins and one more per recruit (preferential attachment);
    // one join in twenty extends the newest chain instead, which makes a few long lines.
    std::vector<qint64> tickets;
    tickets.reserve(p.members * 2);
    std::vector<char> status(p.members);
    std::vector<qint64> joined(p.members);
    const Timestamp treeStart = start - 365 * 86400;
    for (qint64 i = 0; i < p.members; ++i) {
        qint64 sponsor = -1;
        if (i > 0) {
            sponsor = rng.chance(5) ? i - 1 : tickets[rng.below(tickets.size())];
            tickets.push_back(sponsor);
        }
        tickets.push_back(i);
        const int roll = int(rng.below(100));
        status[i] = i == 0 ? 'd' : roll < 58 ? 'd' : roll < 88 ? 'c' : roll < 96 ? 's' : 't';
        joined[i] = treeStart + (end - treeStart) * i / p.members;
        const char *first = kFirstNames[rng.below(std::size(kFirstNames))];
        const char *lastName = kLastNames[rng.below(std::size(kLastNames))];
        const QByteArray code = memberCode(i);
        w << (i ? ",\n" : "\n") << "{\"code\": \"" << code << "\", \"name\": \""
          << (i == 0 ? QByteArrayLiteral("Company") : QByteArray(first) + ' ' + lastName) << "\", \"email\": \""
          << (i == 0 ? QByteArray() : QByteArray(first).toLower() + '.' + code.toLower() + "@example.com")
          << "\", \"country\": \"" << kCountries[rng.below(std::size(kCountries))]
          << "\", \"sponsor\": " << (sponsor < 0 ? QByteArrayLiteral("null") : '"' + memberCode(sponsor) + '"')
          << ", \"status\": \""
          << (status[i] == 'd'   ? "distributor"
              : status[i] == 'c' ? "customer"
              : status[i] == 's' ? "suspended"
                                 : "terminated")
          << "\", \"joined_at\": \"" << iso(joined[i]) << "\"}";
        w.endRecord();
    }
    w << "\n],\n\"stores\": [\n"
         "{\"code\": \"outlet\", \"name\": \"Outlet store\", \"scenario\": \"separate_channel\", "
         "\"base_url\": \"https://outlet.example.com\", \"link_template\": "
         "\"https://outlet.example.com/join?ref={code}\", "
         "\"default_sponsor\": null},\n"
         "{\"code\": \"shop\", \"name\": \"Main shop\", \"scenario\": \"distributor_channel\", "
         "\"base_url\": \"https://shop.example.com\", \"link_template\": \"https://shop.example.com/?ref={code}\", "
         "\"default_sponsor\": \"ROOT\"},\n"
         "{\"code\": \"my\", \"name\": \"Personal storefronts\", \"scenario\": \"personal_storefront\", "
         "\"base_url\": \"https://my.example.com\", \"link_template\": \"https://{code}.my.example.com/\", "
         "\"default_sponsor\": null}\n],\n\"links\": [";

    // Storefront links for some distributors; their retail customers buy through them.
    std::vector<qint64> storefrontOwners;
    for (qint64 i = 0; i < p.members; ++i) {
        if (status[i] == 'd' && rng.chance(20)) {
            const QByteArray code = "S" + QByteArray::number(i).rightJustified(7, '0');
            w << (storefrontOwners.empty() ? "\n" : ",\n") << "{\"code\": \"" << code << "\", \"member\": \""
              << memberCode(i) << "\", \"store\": \"my\", \"created_at\": \"" << iso(joined[i]) << "\"}";
            storefrontOwners.push_back(i);
            w.endRecord();
        }
    }
    w << "\n],\n\"customers\": [";
    const qint64 customerCount = std::max<qint64>(1, p.members / 10);
    for (qint64 c = 0; c < customerCount; ++c) {
        const bool storefront = !storefrontOwners.empty() && c % 3 != 0;
        const char *first = kFirstNames[rng.below(std::size(kFirstNames))];
        w << (c ? ",\n" : "\n") << "{\"store\": \"" << (storefront ? "my" : "outlet") << "\", \"email\": \"buyer" << c
          << "@example.net\", \"name\": \"" << first << ' ' << kLastNames[rng.below(std::size(kLastNames))]
          << "\", \"created_at\": \"" << iso(treeStart) << "\", \"via_link\": ";
        if (storefront)
            w << "\"S"
              << QByteArray::number(storefrontOwners[rng.below(storefrontOwners.size())]).rightJustified(7, '0') << '"';
        else
            w << "null";
        w << "}";
        w.endRecord();
    }
    w << "\n],\n\"orders\": [";

    // Orders: most by members who have joined by then (back office or the main shop), some by retail customers;
    // buyers drawn with a heavy tail so that a few buy a lot (the oldest members most). Their times are drawn
    // first and sorted, so that the file, and the ids the import gives, follow the time.
    std::vector<Timestamp> times(p.orders);
    {
        Random clock(p.seed ^ 0x9e3779b97f4a7c15ULL);
        for (Timestamp &t : times)
            t = start + Timestamp(clock.below(quint64(span)));
        std::sort(times.begin(), times.end());
    }
    for (qint64 o = 0; o < p.orders; ++o) {
        const Timestamp paid = times[o];
        w << (o ? ",\n" : "\n") << "{\"external_id\": \"" << QByteArray::number(o + 1) << "\", ";
        if (rng.chance(15)) {
            const qint64 c = qint64(rng.below(quint64(customerCount)));
            const bool storefront = !storefrontOwners.empty() && c % 3 != 0;
            w << "\"store\": \"" << (storefront ? "my" : "outlet") << "\", \"buyer\": {\"customer\": \"buyer" << c
              << "@example.net\"}";
        } else {
            // joined[i] = treeStart + (end - treeStart) * i / members, so these have joined by `paid`:
            const qint64 joinedBy =
                std::clamp<qint64>((paid - treeStart) * p.members / (end - treeStart) + 1, 1, p.members);
            qint64 m = qint64(double(joinedBy) * std::pow(double(rng.below(1u << 30)) / double(1u << 30), 1.3));
            m = std::clamp<qint64>(m, 0, joinedBy - 1);
            while (status[m] == 't') // the company (0) never is
                m = (m + 1) % joinedBy;
            w << "\"store\": " << (rng.chance(50) ? "\"shop\"" : "null") << ", \"buyer\": {\"member\": \""
              << memberCode(m) << "\"}";
        }
        const int roll = int(rng.below(100));
        const char *st = roll < 92 ? "paid" : roll < 95 ? "pending" : roll < 97 ? "cancelled" : "refunded";
        w << ", \"status\": \"" << st << '"';
        if (roll < 92 || roll >= 97)
            w << ", \"paid_at\": \"" << iso(paid) << '"';
        if (roll >= 97)
            w << ", \"refunded_at\": \""
              << iso(std::min(paid + 86400 * Timestamp(1 + rng.below(40)), std::max(paid, end - 1))) << '"';
        if (roll >= 92 && roll < 97)
            w << ", \"created_at\": \"" << iso(paid) << '"';
        w << ", \"lines\": [";
        const int lineCount = rng.chance(70) ? 1 : 1 + int(rng.below(3));
        for (int l = 0; l < lineCount; ++l) {
            w << (l ? ", " : "") << "{\"sku\": \"P"
              << QByteArray::number(1 + l + int(rng.below(p.products - l > 0 ? p.products - l : 1)))
                     .rightJustified(3, '0')
              << "\", \"qty\": " << rng.pareto(20) << "}";
        }
        w << "]}";
        w.endRecord();
    }
    w << "\n]\n}\n";
    if (!w.flush())
        return makeError(ErrorCode::Storage, tr("cannot write the dataset: %1").arg(out.errorString()));
    return {};
}

} // namespace mlm
