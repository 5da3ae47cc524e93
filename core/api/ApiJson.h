#pragma once

#include "domain/JsonWriter.h"
#include "domain/Member.h"
#include "domain/Order.h"
#include "domain/Result.h"
#include "domain/RetailCustomer.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <optional>

namespace mlm::api {

/// Text from UTF-8 bytes, or nullopt when they are not valid UTF-8.
std::optional<QString> decodeUtf8(QByteArrayView bytes);

/// Reads a JSON request body and its fields, naming the field in every error ("lines[2].qty must be ...").
class RequestFields
{
    Q_DECLARE_TR_FUNCTIONS(RequestFields)

public:
    explicit RequestFields(QJsonObject object, QString path = {}) : m_object(std::move(object)), m_path(std::move(path))
    {
    }

    /// The body as a JSON object: valid UTF-8, well-formed, an object at the top.
    static Result<QJsonObject> parseObject(const QByteArray &body);

    bool has(QLatin1StringView name) const { return m_object.contains(name); }
    /// A string of at most `maxLength` characters without control characters; empty when absent and not required.
    Result<QString> text(QLatin1StringView name, bool required, int maxLength) const;
    /// Why text from a request (a field, a path segment, a query value) is refused, or nullopt: control characters,
    /// then Text::problem.
    static std::optional<QString> textProblem(QStringView text);
    /// A whole number in [min, max]; nullopt when absent and not required.
    Result<std::optional<qint64>> integer(QLatin1StringView name, bool required, qint64 min, qint64 max) const;
    /// An ISO 8601 date-time; nullopt when absent or null.
    Result<std::optional<Timestamp>> timestamp(QLatin1StringView name) const;
    Result<QJsonObject> object(QLatin1StringView name) const;
    Result<QJsonArray> array(QLatin1StringView name, int minSize, int maxSize) const;
    QString field(QLatin1StringView name) const;
    Error invalid(QLatin1StringView name, const QString &problem) const;

private:
    QJsonObject m_object;
    QString m_path;
};

/// A member: code, name, email, (phone and country `withContact`: the office API), status, sponsor, joined_at.
void writeMember(JsonWriter &w, const Member &member, bool withContact = false);
void writeCustomer(JsonWriter &w, const RetailCustomer &customer);
void writeOrder(JsonWriter &w, const Order &order, const QString &currency);

} // namespace mlm::api
