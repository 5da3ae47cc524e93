#include "JsonReader.h"

#include <cmath>

#include <QStringDecoder>

#include <cstdlib>
#include <cstring>

namespace mlm::json {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/// Decodes the content of a JSON string (between its quotes), already checked by the scanner.
QString decodeString(QByteArrayView raw, bool escaped, bool nonAscii)
{
    if (!escaped) {
        return nonAscii ? QString::fromUtf8(raw) : QString::fromLatin1(raw);
    }
    QByteArray utf8;
    utf8.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c != '\\') {
            utf8.append(c);
            continue;
        }
        const char e = raw[++i];
        switch (e) {
        case 'b':
            utf8.append('\b');
            break;
        case 'f':
            utf8.append('\f');
            break;
        case 'n':
            utf8.append('\n');
            break;
        case 'r':
            utf8.append('\r');
            break;
        case 't':
            utf8.append('\t');
            break;
        case 'u': {
            char32_t code = 0;
            for (int k = 1; k <= 4; ++k)
                code = code * 16 + char32_t(hexValue(raw[i + k]));
            i += 4;
            if (code >= 0xd800 && code < 0xdc00 && i + 6 < raw.size() && raw[i + 1] == '\\' && raw[i + 2] == 'u') {
                char32_t low = 0;
                for (int k = 3; k <= 6; ++k)
                    low = low * 16 + char32_t(hexValue(raw[i + k]));
                if (low >= 0xdc00 && low < 0xe000) {
                    code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
                    i += 6;
                }
            }
            utf8.append(QString::fromUcs4(&code, 1).toUtf8());
            break;
        }
        default: // " \ /
            utf8.append(e);
        }
    }
    return QString::fromUtf8(utf8);
}

} // namespace

// --- Value

Type Value::type() const
{
    return m_doc ? m_doc->m_nodes.at(m_node).type : Type::Undefined;
}

bool Value::toBool() const
{
    return isBool() && m_doc->m_nodes.at(m_node).boolean;
}

std::optional<qint64> Value::toInteger() const
{
    if (!isNumber() || !m_doc->m_nodes.at(m_node).integral)
        return std::nullopt;
    return m_doc->m_nodes.at(m_node).integer;
}

QString Value::toString() const
{
    if (!isString())
        return {};
    const auto &n = m_doc->m_nodes.at(m_node);
    return decodeString(m_doc->m_text.sliced(n.begin, n.end - n.begin), n.escaped, n.nonAscii);
}

bool Value::isPlainString() const
{
    if (!isString())
        return false;
    const auto &n = m_doc->m_nodes.at(m_node);
    return !n.escaped && !n.nonAscii;
}

bool Value::equals(QLatin1StringView text) const
{
    if (!isString())
        return false;
    const auto &n = m_doc->m_nodes.at(m_node);
    if (n.escaped || n.nonAscii)
        return toString() == text;
    return qsizetype(n.end - n.begin) == text.size() &&
           std::memcmp(m_doc->m_text.data() + n.begin, text.data(), size_t(text.size())) == 0;
}

Value Value::member(QLatin1StringView key, quint32 *hint) const
{
    if (!isObject())
        return {};
    // Records have a handful of keys: a linear scan over their bytes beats any index.
    const auto &nodes = m_doc->m_nodes;
    const char *text = m_doc->m_text.data();
    const auto matches = [&](quint32 member) {
        const auto &k = nodes.at(nodes.at(member).keyNode);
        if (k.escaped || k.nonAscii)
            return Value(m_doc, nodes.at(member).keyNode).equals(key);
        return qsizetype(k.end - k.begin) == key.size() && std::memcmp(text + k.begin, key.data(), size_t(key.size())) == 0;
    };
    const auto found = [&](quint32 member) {
        if (hint)
            *hint = nodes.at(member).next;
        return Value(m_doc, member);
    };
    const quint32 first = nodes.at(m_node).count ? nodes.at(m_node).firstChild : 0;
    const quint32 start = hint && *hint ? *hint : first;
    // From the hint to the last member, then from the first up to the hint.
    for (quint32 member = start; member != 0; member = nodes.at(member).next) {
        if (matches(member))
            return found(member);
    }
    for (quint32 member = first; member != start && member != 0; member = nodes.at(member).next) {
        if (matches(member))
            return found(member);
    }
    return {};
}

qsizetype Value::size() const
{
    return isArray() || isObject() ? m_doc->m_nodes.at(m_node).count : 0;
}

Value Value::first() const
{
    if (size() == 0)
        return {};
    return Value(m_doc, m_doc->m_nodes.at(m_node).firstChild);
}

Value Value::next() const
{
    if (!m_doc)
        return {};
    const quint32 next = m_doc->m_nodes.at(m_node).next;
    return next ? Value(m_doc, next) : Value();
}

QString Value::key() const
{
    if (!m_doc || m_doc->m_nodes.at(m_node).keyNode == 0)
        return {};
    return Value(m_doc, m_doc->m_nodes.at(m_node).keyNode).toString();
}

QByteArrayView Value::source() const
{
    if (!m_doc)
        return {};
    const auto &n = m_doc->m_nodes.at(m_node);
    if (n.type == Type::String)
        return m_doc->m_text.sliced(n.begin - 1, n.end - n.begin + 2);
    return m_doc->m_text.sliced(n.begin, n.end - n.begin);
}

// --- Parser

Error Parser::errorAt(qsizetype pos, const QString &what) const
{
    pos = std::min(pos, m_text.size());
    const qsizetype line = m_text.first(pos).count('\n') + 1;
    return makeError(ErrorCode::InvalidArgument,
                     tr("malformed JSON at line %1, offset %2: %3").arg(line).arg(pos).arg(what));
}

char Parser::peek(qsizetype &pos) const
{
    while (pos < m_text.size() && isSpace(m_text[pos]))
        ++pos;
    return pos < m_text.size() ? m_text[pos] : '\0';
}

Status Parser::expect(qsizetype &pos, char c)
{
    if (peek(pos) != c)
        return errorAt(pos, pos >= m_text.size() ? tr("unexpected end of the file, expected '%1'").arg(QLatin1Char(c))
                                                 : tr("expected '%1'").arg(QLatin1Char(c)));
    ++pos;
    return {};
}

int Parser::escapedUnit(qsizetype at) const
{
    // at: the backslash of a \u escape and its four hex digits
    if (at + 5 >= m_text.size() || m_text[at + 1] != 'u')
        return -1;
    int code = 0;
    for (qsizetype k = at + 2; k < at + 6; ++k) {
        const int digit = hexValue(m_text[k]);
        if (digit < 0)
            return -1;
        code = code * 16 + digit;
    }
    return code;
}

Status Parser::scanString(qsizetype &pos, Document::Node &node)
{
    // pos is at the opening quote
    const qsizetype size = m_text.size();
    const char *data = m_text.data();
    qsizetype i = pos + 1;
    node.type = Type::String;
    node.begin = quint32(i);
    for (;;) {
        if (i >= size)
            return errorAt(pos, tr("unterminated string"));
        const unsigned char c = static_cast<unsigned char>(data[i]);
        if (c == '"')
            break;
        if (c < 0x20)
            return errorAt(i, tr("control character in a string"));
        if (c == '\\') {
            node.escaped = true;
            if (i + 1 >= size)
                return errorAt(i, tr("unterminated string"));
            const char e = data[i + 1];
            if (e == 'u') {
                const auto code = escapedUnit(i);
                if (code < 0)
                    return errorAt(i, tr("bad \\u escape"));
                // Text is Unicode without NUL (Text::problem): a surrogate only as the first half of a pair.
                if (code == 0)
                    return errorAt(i, tr("\\u0000 (NUL) in a string"));
                if (code >= 0xdc00 && code < 0xe000)
                    return errorAt(
                        i,
                        tr("a lone surrogate \\u%1 in a string is not valid Unicode").arg(QString::number(code, 16)));
                if (code >= 0xd800 && code < 0xdc00) {
                    const auto low = i + 11 < size && data[i + 6] == '\\' ? escapedUnit(i + 6) : -1;
                    if (low < 0xdc00 || low >= 0xe000)
                        return errorAt(i, tr("a lone surrogate \\u%1 in a string is not valid Unicode")
                                              .arg(QString::number(code, 16)));
                    i += 6;
                }
                i += 6;
                continue;
            }
            if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't')
                return errorAt(i, tr("bad escape"));
            i += 2;
            continue;
        }
        if (c >= 0x80)
            node.nonAscii = true;
        ++i;
    }
    node.end = quint32(i);
    if (node.nonAscii) {
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString decoded = decoder.decode(m_text.sliced(node.begin, node.end - node.begin)); // decode is lazy
        if (decoder.hasError())
            return errorAt(pos, tr("a string is not valid UTF-8"));
    }
    pos = i + 1;
    return {};
}

Status Parser::scanNumber(qsizetype &pos, Document::Node &node)
{
    const qsizetype start = pos;
    qsizetype i = pos;
    const qsizetype size = m_text.size();
    const char *data = m_text.data();
    bool negative = false;
    if (i < size && data[i] == '-') {
        negative = true;
        ++i;
    }
    const qsizetype digitsStart = i;
    quint64 magnitude = 0;
    bool overflow = false;
    while (i < size && data[i] >= '0' && data[i] <= '9') {
        const unsigned digit = unsigned(data[i] - '0');
        if (magnitude > (std::numeric_limits<quint64>::max() - digit) / 10)
            overflow = true;
        else
            magnitude = magnitude * 10 + digit;
        ++i;
    }
    if (i == digitsStart || (data[digitsStart] == '0' && i - digitsStart > 1))
        return errorAt(start, tr("bad number"));
    bool fraction = false;
    if (i < size && data[i] == '.') {
        fraction = true;
        const qsizetype f = ++i;
        while (i < size && data[i] >= '0' && data[i] <= '9')
            ++i;
        if (i == f)
            return errorAt(start, tr("bad number"));
    }
    if (i < size && (data[i] == 'e' || data[i] == 'E')) {
        fraction = true;
        ++i;
        if (i < size && (data[i] == '+' || data[i] == '-'))
            ++i;
        const qsizetype e = i;
        while (i < size && data[i] >= '0' && data[i] <= '9')
            ++i;
        if (i == e)
            return errorAt(start, tr("bad number"));
    }
    node.type = Type::Number;
    node.begin = quint32(start);
    node.end = quint32(i);
    const quint64 limit =
        negative ? quint64(std::numeric_limits<qint64>::max()) + 1 : quint64(std::numeric_limits<qint64>::max());
    if (!fraction && !overflow && magnitude <= limit) {
        node.integral = true;
        node.integer = negative ? qint64(0 - magnitude) : qint64(magnitude);
    } else if (fraction) {
        // 2.0 or 1e3 are whole numbers written otherwise.
        const double d = std::strtod(QByteArray(data + start, i - start).constData(), nullptr);
        // The range first: converting a double beyond int64 (1e400 is infinity) is undefined (found by fuzzing).
        if (d > -9.2e18 && d < 9.2e18 && d == std::floor(d)) {
            node.integral = true;
            node.integer = qint64(d);
        }
    }
    pos = i;
    return {};
}

Result<quint32> Parser::parseValue(qsizetype &pos, Document &doc, int depth, int maxDepth)
{
    const char c = peek(pos);
    const quint32 index = quint32(doc.m_nodes.size());
    doc.m_nodes.append(Document::Node());
    auto node = [&doc, index]() -> Document::Node & { return doc.m_nodes[index]; };
    node().begin = quint32(pos);
    switch (c) {
    case '\0':
        return errorAt(pos, tr("unexpected end of the file"));
    case '"':
        MLM_TRY(scanString(pos, node()));
        return index;
    case '{':
    case '[': {
        if (depth >= maxDepth)
            return errorAt(pos, tr("nested deeper than %1 levels").arg(maxDepth));
        const bool object = c == '{';
        node().type = object ? Type::Object : Type::Array;
        ++pos;
        quint32 previous = 0;
        quint32 count = 0;
        if (peek(pos) == (object ? '}' : ']')) {
            ++pos;
            node().end = quint32(pos);
            return index;
        }
        for (;;) {
            quint32 keyNode = 0;
            if (object) {
                if (peek(pos) != '"')
                    return errorAt(pos, pos >= m_text.size() ? tr("unexpected end of the file") : tr("expected a key"));
                keyNode = quint32(doc.m_nodes.size());
                doc.m_nodes.append(Document::Node());
                MLM_TRY(scanString(pos, doc.m_nodes[keyNode]));
                MLM_TRY(expect(pos, ':'));
            }
            auto child = parseValue(pos, doc, depth + 1, maxDepth);
            if (!child)
                return child.error();
            doc.m_nodes[child.value()].keyNode = keyNode;
            if (previous)
                doc.m_nodes[previous].next = child.value();
            else
                node().firstChild = child.value();
            previous = child.value();
            ++count;
            const char sep = peek(pos);
            if (sep == ',') {
                ++pos;
                continue;
            }
            if (sep == (object ? '}' : ']')) {
                ++pos;
                break;
            }
            return errorAt(pos, pos >= m_text.size() ? tr("unexpected end of the file")
                                                     : tr("expected ',' or '%1'").arg(QLatin1Char(object ? '}' : ']')));
        }
        node().count = count;
        node().end = quint32(pos);
        return index;
    }
    case 't':
    case 'f':
    case 'n': {
        const QByteArrayView word = c == 't' ? "true" : c == 'f' ? "false" : "null";
        if (m_text.sliced(pos).first(std::min(word.size(), m_text.size() - pos)) != word)
            return errorAt(pos, tr("unexpected character"));
        node().type = c == 'n' ? Type::Null : Type::Bool;
        node().boolean = c == 't';
        pos += word.size();
        node().end = quint32(pos);
        return index;
    }
    default:
        if (c == '-' || (c >= '0' && c <= '9')) {
            MLM_TRY(scanNumber(pos, node()));
            return index;
        }
        return errorAt(pos, tr("unexpected character"));
    }
}

Status Parser::parse(qsizetype &pos, Document &doc, int maxDepth)
{
    if (m_text.size() >= qsizetype(std::numeric_limits<quint32>::max()))
        return errorAt(0, tr("the file is larger than 4 GB"));
    doc.m_text = m_text;
    doc.m_nodes.clear();
    auto root = parseValue(pos, doc, 0, maxDepth);
    if (!root)
        return root.error();
    return {};
}

Result<QString> Parser::parseKey(qsizetype &pos)
{
    if (peek(pos) != '"')
        return errorAt(pos, pos >= m_text.size() ? tr("unexpected end of the file") : tr("expected a key"));
    Document::Node node;
    MLM_TRY(scanString(pos, node));
    return decodeString(m_text.sliced(node.begin, node.end - node.begin), node.escaped, node.nonAscii);
}

Status Parser::skip(qsizetype &pos, qsizetype *elements)
{
    const char c = peek(pos);
    if (c == '"') {
        Document::Node node;
        return scanString(pos, node);
    }
    if (c != '[' && c != '{') {
        Document scratch;
        scratch.m_text = m_text;
        auto v = parseValue(pos, scratch, 0, 1);
        return v ? Status() : Status(v.error());
    }
    // Brackets and strings only: the records inside are parsed, and checked, one by one later.
    const qsizetype start = pos;
    QByteArray stack;
    qsizetype commas = 0;
    bool empty = true;
    const char *data = m_text.data();
    const qsizetype size = m_text.size();
    while (pos < size) {
        const char ch = data[pos];
        if (stack.size() == 1 && !isSpace(ch) && ch != stack.back()) {
            empty = false;
            if (ch == ',')
                ++commas;
        }
        if (ch == '"') {
            Document::Node node;
            MLM_TRY(scanString(pos, node));
            continue;
        }
        if (ch == '[' || ch == '{') {
            if (stack.size() >= 64)
                return errorAt(pos, tr("nested deeper than %1 levels").arg(64));
            stack.append(ch == '[' ? ']' : '}');
        } else if (ch == ']' || ch == '}') {
            if (stack.isEmpty() || stack.back() != ch)
                return errorAt(pos, tr("unbalanced '%1'").arg(QLatin1Char(ch)));
            stack.chop(1);
            if (stack.isEmpty()) {
                ++pos;
                if (elements)
                    *elements = empty ? 0 : commas + 1;
                return {};
            }
        }
        ++pos;
    }
    return errorAt(start, tr("unexpected end of the file: '%1' is never closed").arg(QLatin1Char(c)));
}

Result<bool> ArrayCursor::next(Document &doc)
{
    if (m_done || m_pos < 0)
        return false;
    if (m_index < 0) {
        MLM_TRY(m_parser.expect(m_pos, '['));
        if (m_parser.peek(m_pos) == ']') {
            m_done = true;
            return false;
        }
    } else {
        const char sep = m_parser.peek(m_pos);
        if (sep == ']') {
            m_done = true;
            return false;
        }
        if (sep != ',')
            return m_parser.errorAt(m_pos, Parser::tr("expected ',' or ']'"));
        ++m_pos;
    }
    MLM_TRY(m_parser.parse(m_pos, doc));
    ++m_index;
    return true;
}

} // namespace mlm::json
