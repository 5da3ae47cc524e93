#pragma once

#include <QString>

namespace mlm::codes {

/// Member and store codes: 2-32 chars of A-Z a-z 0-9 - _ (SPEC 1).
bool isValidMemberCode(QStringView code);
/// Referral link codes: 4-32 chars of A-Z a-z 0-9 - (SPEC 4).
bool isValidLinkCode(QStringView code);
/// Product skus: 1-64 printable chars without spaces.
bool isValidSku(QStringView sku);
/// Tier codes: 2-32 chars of a-z 0-9 _ (lower case, they appear as keys in the dataset file).
bool isValidTierCode(QStringView code);
/// A light check: one @ with text on both sides, no spaces, at most 254 chars. Empty is handled by callers.
bool isPlausibleEmail(QStringView email);

/// The case-insensitive key under which a code or email is unique.
inline QString key(const QString &text)
{
    return text.toLower();
}

/// A generated referral code: 8 chars of Crockford base32 (no I, L, O, U), from a secure random source.
QString generateLinkCode();
bool isCrockfordBase32(QStringView code);

} // namespace mlm::codes
