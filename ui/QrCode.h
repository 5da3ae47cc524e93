#pragma once

#include <QImage>
#include <QString>

namespace mlm {

/// The QR code of `text` (libqrencode, error correction level M) as a black-on-white image with the standard quiet
/// zone of four modules, each module `moduleSize` pixels. A null image if the text does not fit in a QR code.
QImage qrCodeImage(const QString &text, int moduleSize = 8);

} // namespace mlm
