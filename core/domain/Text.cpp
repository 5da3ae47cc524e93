#include "Text.h"

namespace mlm {

std::optional<QString> Text::problem(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.unicode() == 0)
            return tr("contains the character U+0000 (NUL)");
        if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            ++i;
            continue;
        }
        if (c.isSurrogate())
            return tr("is not valid Unicode: a lone surrogate U+%1")
                .arg(QString::number(c.unicode(), 16).toUpper().rightJustified(4, u'0'));
    }
    return std::nullopt;
}

} // namespace mlm
