#include "Contact.h"

#include "Codes.h"

namespace mlm {

Status Contact::validate(const QString &name, const QString &email, const QString &phone, const QString &country)
{
    if (name.trimmed().isEmpty() || name.size() > kMaxName)
        return makeError(ErrorCode::InvalidArgument, tr("a name is required (at most %1 characters)").arg(kMaxName));
    if (!email.isEmpty() && !codes::isPlausibleEmail(email))
        return makeError(ErrorCode::InvalidArgument, tr("'%1' is not an email address").arg(email.left(254)));
    if (phone.size() > kMaxPhone)
        return makeError(ErrorCode::InvalidArgument, tr("a phone number has at most %1 characters").arg(kMaxPhone));
    if (country.size() > kMaxCountry)
        return makeError(ErrorCode::InvalidArgument, tr("a country has at most %1 characters").arg(kMaxCountry));
    return {};
}

} // namespace mlm
