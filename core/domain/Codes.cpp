#include "Codes.h"

#include <QRandomGenerator>

namespace mlm::codes {

namespace {

constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

bool isAsciiAlnum(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9');
}

} // namespace

bool isValidMemberCode(QStringView code)
{
    if (code.size() < 2 || code.size() > 32)
        return false;
    for (QChar c : code) {
        if (!isAsciiAlnum(c) && c != u'-' && c != u'_')
            return false;
    }
    return true;
}

bool isValidLinkCode(QStringView code)
{
    if (code.size() < 4 || code.size() > 32)
        return false;
    for (QChar c : code) {
        if (!isAsciiAlnum(c) && c != u'-')
            return false;
    }
    return true;
}

bool isValidSku(QStringView sku)
{
    if (sku.isEmpty() || sku.size() > 64)
        return false;
    for (QChar c : sku) {
        if (c.unicode() <= 0x20 || c.unicode() == 0x7f)
            return false;
    }
    return true;
}

bool isValidTierCode(QStringView code)
{
    if (code.size() < 2 || code.size() > 32)
        return false;
    for (QChar c : code) {
        const char16_t u = c.unicode();
        if (!((u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'_'))
            return false;
    }
    return true;
}

bool isPlausibleEmail(QStringView email)
{
    if (email.size() > 254)
        return false;
    const qsizetype at = email.indexOf(u'@');
    if (at <= 0 || at != email.lastIndexOf(u'@') || at == email.size() - 1)
        return false;
    for (QChar c : email) {
        if (c.isSpace())
            return false;
    }
    return true;
}

QString generateLinkCode()
{
    QString code(8, Qt::Uninitialized);
    auto *rng = QRandomGenerator::system();
    for (int i = 0; i < 8; ++i)
        code[i] = QLatin1Char(kCrockford[rng->bounded(32)]);
    return code;
}

bool isCrockfordBase32(QStringView code)
{
    for (QChar c : code) {
        if (c.unicode() > 0x7f || !QByteArrayView(kCrockford).contains(char(c.unicode())))
            return false;
    }
    return !code.isEmpty();
}

} // namespace mlm::codes
