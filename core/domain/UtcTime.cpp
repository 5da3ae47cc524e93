#include "UtcTime.h"

#include <QDateTime>

namespace mlm {

namespace {

// Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date.
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

// Its inverse, civil_from_days: the proleptic Gregorian date of a day since 1970-01-01.
void civilFromDays(qint64 z, qint64 &y, unsigned &m, unsigned &d)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = qint64(yoe) + era * 400 + (m <= 2);
}

bool isLeap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m)
{
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : days[m - 1];
}

bool digits(QStringView s, qsizetype pos, int count, int &out)
{
    if (pos + count > s.size())
        return false;
    int v = 0;
    for (int i = 0; i < count; ++i) {
        const char16_t c = s[pos + i].unicode();
        if (c < u'0' || c > u'9')
            return false;
        v = v * 10 + (c - u'0');
    }
    out = v;
    return true;
}

} // namespace

std::optional<Timestamp> parseIsoTimestamp(QStringView s)
{
    int y, mo, d, h = 0, mi = 0, sec = 0;
    if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != u'-' || !digits(s, 5, 2, mo) || s[7] != u'-' ||
        !digits(s, 8, 2, d))
        return std::nullopt;
    if (y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo))
        return std::nullopt;
    qsizetype pos = 10;
    qint64 offsetSeconds = 0;
    if (pos < s.size()) {
        if ((s[pos] != u'T' && s[pos] != u't' && s[pos] != u' ') || !digits(s, pos + 1, 2, h) || s.size() < pos + 6 ||
            s[pos + 3] != u':' || !digits(s, pos + 4, 2, mi))
            return std::nullopt;
        pos += 6;
        if (pos < s.size() && s[pos] == u':') {
            if (!digits(s, pos + 1, 2, sec))
                return std::nullopt;
            pos += 3;
            if (pos < s.size() && (s[pos] == u'.' || s[pos] == u',')) {
                ++pos;
                const qsizetype fracStart = pos;
                while (pos < s.size() && s[pos].isDigit())
                    ++pos;
                if (pos == fracStart)
                    return std::nullopt;
            }
        }
        if (h > 23 || mi > 59 || sec > 59)
            return std::nullopt;
        if (pos >= s.size())
            return std::nullopt; // a time without a zone is ambiguous
        if (s[pos] == u'Z' || s[pos] == u'z') {
            ++pos;
        } else if (s[pos] == u'+' || s[pos] == u'-') {
            int oh, om;
            if (!digits(s, pos + 1, 2, oh) || s.size() < pos + 6 || s[pos + 3] != u':' || !digits(s, pos + 4, 2, om) ||
                oh > 23 || om > 59)
                return std::nullopt;
            offsetSeconds = (oh * 3600 + om * 60) * (s[pos] == u'+' ? 1 : -1);
            pos += 6;
        } else {
            return std::nullopt;
        }
    }
    if (pos != s.size())
        return std::nullopt;
    return daysFromCivil(y, unsigned(mo), unsigned(d)) * 86400 + h * 3600 + mi * 60 + sec - offsetSeconds;
}

QString formatIsoTimestamp(Timestamp t)
{
    // Written here rather than by QDateTime, which costs a microsecond a time: lists of 10,000 members each carry
    // one. Years outside 0..9999 are QDateTime's.
    const qint64 days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    const qint64 second = t - days * 86400;
    qint64 y;
    unsigned m, d;
    civilFromDays(days, y, m, d);
    if (y < 0 || y > 9999)
        return QDateTime::fromSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODate);
    char16_t out[20];
    const auto put = [&](int at, qint64 value, int width) {
        for (int i = width - 1; i >= 0; --i, value /= 10)
            out[at + i] = char16_t(u'0' + value % 10);
    };
    put(0, y, 4);
    out[4] = u'-';
    put(5, m, 2);
    out[7] = u'-';
    put(8, d, 2);
    out[10] = u'T';
    put(11, second / 3600, 2);
    out[13] = u':';
    put(14, second / 60 % 60, 2);
    out[16] = u':';
    put(17, second % 60, 2);
    out[19] = u'Z';
    return QString(reinterpret_cast<const QChar *>(out), 20);
}

Timestamp nowUtc()
{
    return QDateTime::currentSecsSinceEpoch();
}

std::optional<Period> Period::parse(QStringView text)
{
    int y, m;
    if (text.size() != 7 || !digits(text, 0, 4, y) || text[4] != u'-' || !digits(text, 5, 2, m) || m < 1 || m > 12 ||
        y < 1900)
        return std::nullopt;
    return Period{y, m};
}

Period Period::containing(Timestamp t)
{
    const QDate date = QDateTime::fromSecsSinceEpoch(t, Qt::UTC).date();
    return Period{date.year(), date.month()};
}

QString Period::toString() const
{
    return QStringLiteral("%1-%2").arg(year, 4, 10, QLatin1Char('0')).arg(month, 2, 10, QLatin1Char('0'));
}

Timestamp Period::start() const
{
    return daysFromCivil(year, unsigned(month), 1) * 86400;
}

Timestamp Period::end() const
{
    return next().start();
}

Period Period::next() const
{
    return month == 12 ? Period{year + 1, 1} : Period{year, month + 1};
}

Period Period::previous() const
{
    return month == 1 ? Period{year - 1, 12} : Period{year, month - 1};
}

} // namespace mlm
