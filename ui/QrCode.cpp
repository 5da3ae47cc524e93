#include "QrCode.h"

#include <qrencode.h>

#include <memory>

namespace mlm {

QImage qrCodeImage(const QString &text, int moduleSize)
{
    const QByteArray utf8 = text.toUtf8();
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString(utf8.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
    if (!code)
        return {};
    constexpr int kQuietZone = 4;
    const int modules = code->width + 2 * kQuietZone;
    QImage image(modules * moduleSize, modules * moduleSize, QImage::Format_Grayscale8);
    image.fill(Qt::white);
    for (int y = 0; y < code->width; ++y) {
        for (int x = 0; x < code->width; ++x) {
            if (!(code->data[y * code->width + x] & 1))
                continue; // bit 0 of each byte: the module is dark
            for (int dy = 0; dy < moduleSize; ++dy) {
                uchar *line = image.scanLine((y + kQuietZone) * moduleSize + dy);
                std::fill_n(line + (x + kQuietZone) * moduleSize, moduleSize, uchar(0));
            }
        }
    }
    return image;
}

} // namespace mlm
