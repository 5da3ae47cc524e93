#pragma once

#include "Result.h"

#include <QCoreApplication>

namespace mlm {

/// Contact data of members and retail customers: the one place their limits live.
class Contact
{
    Q_DECLARE_TR_FUNCTIONS(Contact)

public:
    /// A name of 1-200 characters, an email address (empty allowed: callers that need one check that), a phone of
    /// at most 64 and a country of at most 64 characters.
    static Status validate(const QString &name, const QString &email, const QString &phone, const QString &country);

    static constexpr int kMaxName = 200;
    static constexpr int kMaxPhone = 64;
    static constexpr int kMaxCountry = 64;
};

} // namespace mlm
