#pragma once

#include <QByteArray>
#include <QString>

namespace mlm {

/// Password hashing for the users of the desktop program (issue 5): PBKDF2-HMAC-SHA256 with a random salt per
/// password, stored as "pbkdf2-sha256$ITERATIONS$SALT$HASH" (base64). The iteration count travels with the hash, so
/// raising it later leaves older hashes valid. Clear passwords are never stored or logged.
namespace passwords {

/// The iteration count of new hashes: about 0.4 s per sign-in on this project's 2-core machine (Qt's PBKDF2).
constexpr int kIterations = 200'000;

QString hash(const QString &password, int iterations = kIterations);
/// Whether `password` matches `stored`; false for anything that is not a hash of ours. Constant-time comparison.
bool verify(const QString &password, const QString &stored);

} // namespace passwords

} // namespace mlm
