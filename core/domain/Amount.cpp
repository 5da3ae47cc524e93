#include "Amount.h"

namespace mlm::amount {

namespace {
constexpr Money kMaxMinor = 1'000'000'000'000LL; // 10 billion major units, the catalog's own bound
}

std::optional<Money> parse(QStringView text, QChar decimalPoint, QChar groupSeparator)
{
    text = text.trimmed();
    // A '.' group separator (German "1.234,50") would make "12.50" read as 1250: only the decimal point then.
    if (groupSeparator == u'.' || groupSeparator == decimalPoint)
        groupSeparator = QChar();
    if (text.isEmpty())
        return std::nullopt;
    Money whole = 0;
    int wholeDigits = 0;
    qsizetype i = 0;
    for (; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isDigit() && c.unicode() < 128) {
            whole = whole * 10 + (c.unicode() - u'0');
            ++wholeDigits;
            if (whole * 100 > kMaxMinor)
                return std::nullopt;
        } else if (!groupSeparator.isNull() && (c == groupSeparator || (groupSeparator.isSpace() && c.isSpace()))) {
            if (wholeDigits == 0)
                return std::nullopt;
        } else {
            break;
        }
    }
    if (wholeDigits == 0)
        return std::nullopt;
    Money cents = 0;
    if (i < text.size()) {
        const QChar c = text.at(i);
        if (c != decimalPoint && c != u'.')
            return std::nullopt;
        const QStringView decimals = text.mid(i + 1);
        if (decimals.isEmpty() || decimals.size() > 2)
            return std::nullopt;
        for (QChar d : decimals) {
            if (!d.isDigit() || d.unicode() >= 128)
                return std::nullopt;
        }
        cents = decimals.toInt() * (decimals.size() == 1 ? 10 : 1);
    }
    const Money minor = whole * 100 + cents;
    return minor <= kMaxMinor ? std::optional<Money>(minor) : std::nullopt;
}

QString text(Money minor)
{
    const Money magnitude = minor < 0 ? -minor : minor;
    return (minor < 0 ? QStringLiteral("-") : QString()) + QString::number(magnitude / 100) + u'.' +
           QString::number(magnitude % 100).rightJustified(2, u'0');
}

} // namespace mlm::amount
