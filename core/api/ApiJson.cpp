#include "ApiJson.h"

#include "domain/Text.h"

#include <QJsonDocument>
#include <QStringDecoder>
#include <cmath>

namespace mlm::api {

std::optional<QString> RequestFields::textProblem(QStringView text)
{
    if (std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; }))
        return tr("must not contain control characters");
    return Text::problem(text);
}

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
    if (const auto problem = textProblem(text))
        return invalid(name, *problem);
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

void writeMember(JsonWriter &w, const Member &member, bool withContact)
{
    w.beginObject().field("code", member.code).field("name", member.name).field("email", member.email);
    if (withContact)
        w.field("phone", member.phone).field("country", member.country);
    w.field("status", toText(member.status));
    w.key("sponsor").textOrNull(member.sponsorCode);
    w.field("joined_at", formatIsoTimestamp(member.joinedAt)).endObject();
}

void writeCustomer(JsonWriter &w, const RetailCustomer &customer)
{
    w.beginObject().field("email", customer.email).field("name", customer.name).field("store", customer.storeCode);
    w.key("owner").textOrNull(customer.ownerCode);
    w.key("via_link").textOrNull(customer.viaLinkCode);
    w.field("created_at", formatIsoTimestamp(customer.createdAt)).endObject();
}

void writeOrder(JsonWriter &w, const Order &order, const QString &currency)
{
    w.beginObject().field("external_id", order.externalId);
    w.key("store").textOrNull(order.storeCode);
    w.field("status", toText(order.status));
    w.key("buyer").beginObject();
    if (order.buyerMemberId != 0)
        w.field("member", order.buyerMemberCode);
    else
        w.field("customer", order.buyerCustomerEmail);
    w.endObject();
    w.key("credited_member").textOrNull(order.creditedMemberCode);
    w.field("tier", order.tier)
        .field("currency", currency)
        .field("total", order.totalPrice)
        .field("pv", order.totalPv)
        .field("bv", order.totalBv);
    w.key("lines").beginArray();
    for (const OrderLine &line : order.lines) {
        w.beginObject()
            .field("sku", line.sku)
            .field("qty", line.qty)
            .field("unit_price", line.unitPrice)
            .field("amount", line.unitPrice * line.qty)
            .field("pv", line.pv * line.qty)
            .field("bv", line.bv * line.qty)
            .endObject();
    }
    w.endArray().field("created_at", formatIsoTimestamp(order.createdAt));
    for (const auto &[name, time] : {std::pair{"paid_at", order.paidAt}, std::pair{"cancelled_at", order.cancelledAt},
                                     std::pair{"refunded_at", order.refundedAt}}) {
        if (time)
            w.field(name, formatIsoTimestamp(*time));
    }
    w.endObject();
}

} // namespace mlm::api
