#include "ApiJson.h"

#include <QJsonDocument>
#include <QStringDecoder>
#include <cmath>

namespace mlm::api {

namespace {

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

void putTime(QJsonObject &object, QLatin1StringView name, const std::optional<Timestamp> &t)
{
    if (t)
        object.insert(name, formatIsoTimestamp(*t));
}

bool hasControlCharacters(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; });
}

} // namespace

std::optional<QString> decodeUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

Result<QJsonObject> RequestFields::parseObject(const QByteArray &body)
{
    if (!decodeUtf8(body))
        return makeError(ErrorCode::InvalidArgument, tr("the body is not valid UTF-8"));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return makeError(
            ErrorCode::InvalidArgument,
            tr("the body is not valid JSON: %1 at byte %2").arg(parseError.errorString()).arg(parseError.offset));
    if (!document.isObject())
        return makeError(ErrorCode::InvalidArgument, tr("the body must be a JSON object"));
    return document.object();
}

QString RequestFields::field(QLatin1StringView name) const
{
    return m_path.isEmpty() ? QString(name) : m_path + u'.' + name;
}

Error RequestFields::invalid(QLatin1StringView name, const QString &problem) const
{
    return makeError(ErrorCode::InvalidArgument, field(name) + QStringLiteral(": ") + problem);
}

Result<QString> RequestFields::text(QLatin1StringView name, bool required, int maxLength) const
{
    const QJsonValue v = m_object.value(name);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            return invalid(name, tr("is required"));
        return QString();
    }
    if (!v.isString())
        return invalid(name, tr("must be a string"));
    const QString text = v.toString();
    if (required && text.trimmed().isEmpty())
        return invalid(name, tr("must not be empty"));
    if (text.size() > maxLength)
        return invalid(name, tr("is longer than %1 characters").arg(maxLength));
    if (hasControlCharacters(text))
        return invalid(name, tr("must not contain control characters"));
    return text;
}

Result<std::optional<qint64>> RequestFields::integer(QLatin1StringView name, bool required, qint64 min,
                                                     qint64 max) const
{
    const QJsonValue v = m_object.value(name);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            return invalid(name, tr("is required"));
        return std::optional<qint64>();
    }
    const double d = v.toDouble();
    // JSON numbers arrive as doubles: whole numbers in range are exact far beyond any limit used here.
    if (!v.isDouble() || d != std::floor(d) || d < double(min) || d > double(max))
        return invalid(name, tr("must be a whole number from %1 to %2").arg(min).arg(max));
    return std::optional<qint64>(qint64(d));
}

Result<std::optional<Timestamp>> RequestFields::timestamp(QLatin1StringView name) const
{
    auto raw = text(name, false, 64);
    if (!raw)
        return raw.error();
    if (raw->isEmpty())
        return std::optional<Timestamp>();
    const auto t = parseIsoTimestamp(raw.value());
    if (!t)
        return invalid(name, tr("'%1' is not an ISO 8601 date-time such as 2026-10-05T12:00:00Z").arg(raw.value()));
    return t;
}

Result<QJsonObject> RequestFields::object(QLatin1StringView name) const
{
    const QJsonValue v = m_object.value(name);
    if (v.isUndefined() || v.isNull())
        return invalid(name, tr("is required"));
    if (!v.isObject())
        return invalid(name, tr("must be an object"));
    return v.toObject();
}

Result<QJsonArray> RequestFields::array(QLatin1StringView name, int minSize, int maxSize) const
{
    const QJsonValue v = m_object.value(name);
    if (v.isUndefined() || v.isNull())
        return invalid(name, tr("is required"));
    if (!v.isArray())
        return invalid(name, tr("must be an array"));
    const QJsonArray array = v.toArray();
    if (array.size() < minSize || array.size() > maxSize)
        return invalid(name, tr("must have %1 to %2 entries").arg(minSize).arg(maxSize));
    return array;
}

QJsonObject memberJson(const Member &member)
{
    return {{QStringLiteral("code"), member.code},
            {QStringLiteral("name"), member.name},
            {QStringLiteral("email"), member.email},
            {QStringLiteral("status"), toText(member.status)},
            {QStringLiteral("sponsor"), textOrNull(member.sponsorCode)},
            {QStringLiteral("joined_at"), formatIsoTimestamp(member.joinedAt)}};
}

QJsonObject customerJson(const RetailCustomer &customer)
{
    return {{QStringLiteral("email"), customer.email},
            {QStringLiteral("name"), customer.name},
            {QStringLiteral("store"), customer.storeCode},
            {QStringLiteral("owner"), textOrNull(customer.ownerCode)},
            {QStringLiteral("via_link"), textOrNull(customer.viaLinkCode)},
            {QStringLiteral("created_at"), formatIsoTimestamp(customer.createdAt)}};
}

QJsonObject orderJson(const Order &order, const QString &currency)
{
    QJsonArray lines;
    for (const OrderLine &line : order.lines) {
        lines.append(QJsonObject{{QStringLiteral("sku"), line.sku},
                                 {QStringLiteral("qty"), line.qty},
                                 {QStringLiteral("unit_price"), line.unitPrice},
                                 {QStringLiteral("amount"), line.unitPrice * line.qty},
                                 {QStringLiteral("pv"), line.pv * line.qty},
                                 {QStringLiteral("bv"), line.bv * line.qty}});
    }
    QJsonObject buyer;
    if (order.buyerMemberId != 0)
        buyer.insert(QStringLiteral("member"), order.buyerMemberCode);
    else
        buyer.insert(QStringLiteral("customer"), order.buyerCustomerEmail);
    QJsonObject json{{QStringLiteral("external_id"), order.externalId},
                     {QStringLiteral("store"), textOrNull(order.storeCode)},
                     {QStringLiteral("status"), toText(order.status)},
                     {QStringLiteral("buyer"), buyer},
                     {QStringLiteral("credited_member"), textOrNull(order.creditedMemberCode)},
                     {QStringLiteral("tier"), order.tier},
                     {QStringLiteral("currency"), currency},
                     {QStringLiteral("total"), order.totalPrice},
                     {QStringLiteral("pv"), order.totalPv},
                     {QStringLiteral("bv"), order.totalBv},
                     {QStringLiteral("lines"), lines},
                     {QStringLiteral("created_at"), formatIsoTimestamp(order.createdAt)}};
    putTime(json, QLatin1StringView("paid_at"), order.paidAt);
    putTime(json, QLatin1StringView("cancelled_at"), order.cancelledAt);
    putTime(json, QLatin1StringView("refunded_at"), order.refundedAt);
    return json;
}

} // namespace mlm::api
