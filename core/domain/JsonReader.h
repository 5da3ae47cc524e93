#pragma once

#include "domain/Result.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QLatin1StringView>
#include <QList>
#include <QString>

#include <optional>

namespace mlm::json {

/// A JSON reader for files too big for QJsonDocument: it reads one record at a time into a small tree that points
/// into the file's bytes, so memory stays at the size of the file, and whole numbers are read exactly (int64).
/// Strings are decoded only when asked for. Errors say where: "line 3, offset 57: ...".

enum class Type : quint8
{
    Undefined,
    Null,
    Bool,
    Number,
    String,
    Array,
    Object
};

class Document;

/// A value inside a Document (or undefined: a missing key, an index past the end).
class Value
{
public:
    Value() = default;

    Type type() const;
    bool isUndefined() const { return type() == Type::Undefined; }
    bool isNull() const { return type() == Type::Null; }
    bool isBool() const { return type() == Type::Bool; }
    bool isNumber() const { return type() == Type::Number; }
    bool isString() const { return type() == Type::String; }
    bool isArray() const { return type() == Type::Array; }
    bool isObject() const { return type() == Type::Object; }

    bool toBool() const;
    /// The number if it is a whole number that fits 64 bits.
    std::optional<qint64> toInteger() const;
    /// The string's text (empty for anything else).
    QString toString() const;
    /// Whether the value is a string of printable ASCII without escapes (its text is its bytes).
    bool isPlainString() const;
    /// Whether the string equals `text` (Latin-1), without decoding it.
    bool equals(QLatin1StringView text) const;

    /// An object's member, or undefined.
    Value operator[](QLatin1StringView key) const { return member(key, nullptr); }
    /// The same, looked for first from `*hint` on (a member's node, 0: the first) and then from the start; `*hint`
    /// becomes the member after the one found. A reader that asks for the keys in the order they were written
    /// finds each at the first look.
    Value member(QLatin1StringView key, quint32 *hint) const;
    /// An array's or object's number of elements.
    qsizetype size() const;
    /// The first element (array) or member value (object); next() walks on.
    Value first() const;
    Value next() const;
    /// The key of a value that is an object's member.
    QString key() const;
    /// The bytes of the value as written in the file.
    QByteArrayView source() const;

private:
    friend class Document;
    friend class Parser;
    Value(const Document *doc, quint32 node) : m_doc(doc), m_node(node) {}

    const Document *m_doc = nullptr;
    quint32 m_node = 0;
};

/// The tree of one parsed value. Reused from record to record, so its memory is allocated once.
class Document
{
public:
    Value root() const { return m_nodes.isEmpty() ? Value() : Value(this, 0); }
    /// Room for the nodes of a text of `bytes` bytes, ahead: a whole answer parsed at once grows no more.
    void reserveFor(qsizetype bytes) { m_nodes.reserve(bytes / 8); }

private:
    friend class Value;
    friend class Parser;

    struct Node
    {
        Type type = Type::Null;
        bool escaped = false;  ///< String: has backslash escapes
        bool nonAscii = false; ///< String: has bytes >= 0x80
        bool integral = false; ///< Number: a whole number within int64
        bool boolean = false;
        quint32 begin = 0;   ///< String: first content byte; others: first byte
        quint32 end = 0;     ///< String: the closing quote; others: one past the last byte
        quint32 keyNode = 0; ///< for an object's member: the node of its key (0: none)
        quint32 next = 0;    ///< the next sibling (0: none)
        quint32 count = 0;   ///< Array/Object: elements
        quint32 firstChild = 0;
        qint64 integer = 0;
    };

    QByteArrayView m_text;
    QList<Node> m_nodes;
};

/// Parses values from a byte buffer (a whole file, kept alive by the caller).
class Parser
{
    Q_DECLARE_TR_FUNCTIONS(JsonReader)
public:
    explicit Parser(QByteArrayView text) : m_text(text) {}

    /// Parses the value at `pos` (after white space) into `doc`; `pos` moves past it.
    Status parse(qsizetype &pos, Document &doc, int maxDepth = 64);
    /// Moves `pos` past the value there, checking only its brackets and strings; counts an array's elements.
    Status skip(qsizetype &pos, qsizetype *elements = nullptr);
    /// Skips white space; returns the next byte, or 0 at the end.
    char peek(qsizetype &pos) const;
    /// Expects `c` (after white space) and moves past it.
    Status expect(qsizetype &pos, char c);
    /// A string at `pos` (a key), decoded.
    Result<QString> parseKey(qsizetype &pos);

    Error errorAt(qsizetype pos, const QString &what) const;

private:
    Result<quint32> parseValue(qsizetype &pos, Document &doc, int depth, int maxDepth);
    Status scanString(qsizetype &pos, Document::Node &node);
    /// The code unit of the \u escape (four hex digits) whose backslash is at `at`, or -1.
    int escapedUnit(qsizetype at) const;
    Status scanNumber(qsizetype &pos, Document::Node &node);

    QByteArrayView m_text;
};

/// The elements of one array of a file, parsed one at a time into a reused Document.
class ArrayCursor
{
public:
    /// `start` is the position of the array's '['; a negative start is an empty array.
    ArrayCursor(Parser &parser, qsizetype start, qsizetype size) : m_parser(parser), m_pos(start), m_size(size) {}

    /// Parses the next element into `doc`; false after the last one.
    Result<bool> next(Document &doc);
    /// The position of the element last parsed.
    qsizetype index() const { return m_index; }
    /// How many elements the array has (counted when the file was scanned).
    qsizetype size() const { return m_size; }

private:
    Parser &m_parser;
    qsizetype m_pos;
    qsizetype m_size;
    qsizetype m_index = -1;
    bool m_done = false;
};

/// Runs `body(value, index)` on each element of an array, one at a time in a reused Document; stops at the first
/// error, of the file or of the body.
template <typename Body> Status forEachElement(ArrayCursor &cursor, Body &&body)
{
    Document doc;
    for (;;) {
        auto more = cursor.next(doc);
        if (!more)
            return more.error();
        if (!more.value())
            return {};
        MLM_TRY(body(doc.root(), cursor.index()));
    }
}

} // namespace mlm::json
