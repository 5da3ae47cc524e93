#include "JsonWriter.h"

#include <algorithm>
#include <charconv>

namespace mlm {

QByteArray JsonWriter::quoted(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    const bool plain = std::none_of(utf8.cbegin(), utf8.cend(), [](char c) {
        return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
    });
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    if (plain) {
        out += utf8;
    } else {
        for (char c : utf8) {
            if (c == '"' || c == '\\')
                out += '\\';
            if (static_cast<unsigned char>(c) < 0x20)
                out += "\\u00" + QByteArray::number(static_cast<unsigned char>(c), 16).rightJustified(2, '0');
            else
                out += c;
        }
    }
    out += '"';
    return out;
}

void JsonWriter::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_hasItems.isEmpty()) {
        if (m_hasItems.last())
            m_out += ',';
        m_hasItems.last() = true;
    }
}

JsonWriter &JsonWriter::open(char bracket)
{
    separate();
    m_out += bracket;
    m_hasItems.append(false);
    return *this;
}

JsonWriter &JsonWriter::close(char bracket)
{
    m_out += bracket;
    m_hasItems.removeLast();
    return *this;
}

JsonWriter &JsonWriter::key(const char *name)
{
    separate();
    m_out += '"';
    m_out += name;
    m_out += "\":";
    m_afterKey = true;
    return *this;
}

JsonWriter &JsonWriter::value(const QString &text)
{
    separate();
    // Plain ASCII (codes, amounts' currencies, most names) goes in as it is, without a UTF-8 copy.
    const bool plain = std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.unicode() >= 0x20 && c.unicode() < 0x80 && c != u'"' && c != u'\\';
    });
    if (!plain) {
        m_out += quoted(text);
        return *this;
    }
    const qsizetype at = m_out.size();
    m_out.resize(at + text.size() + 2);
    char *out = m_out.data() + at;
    *out++ = '"';
    for (QChar c : text)
        *out++ = char(c.unicode());
    *out = '"';
    return *this;
}

JsonWriter &JsonWriter::value(qint64 number)
{
    separate();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
    m_out.append(digits, end - digits);
    return *this;
}

JsonWriter &JsonWriter::value(bool flag)
{
    separate();
    m_out += flag ? "true" : "false";
    return *this;
}

JsonWriter &JsonWriter::null()
{
    separate();
    m_out += "null";
    return *this;
}

JsonWriter &JsonWriter::raw(const QByteArray &json)
{
    separate();
    m_out += json;
    return *this;
}

} // namespace mlm
