// Fuzz target: the streaming JSON reader (core/dataset/JsonReader), on any bytes: parse, walk every value, skip,
// and read a top-level array element by element, as the dataset import does.
#include "FuzzSupport.h"

#include "domain/JsonReader.h"

using namespace mlm;

namespace {

void walk(json::Value v, int depth)
{
    switch (v.type()) {
    case json::Type::String:
        (void)v.toString();
        (void)v.equals(QLatin1StringView("code"));
        break;
    case json::Type::Number:
        (void)v.toInteger();
        break;
    case json::Type::Bool:
        (void)v.toBool();
        break;
    case json::Type::Array:
    case json::Type::Object:
        (void)v.size();
        (void)v[QLatin1StringView("code")];
        for (json::Value child = v.first(); !child.isUndefined(); child = child.next()) {
            if (v.isObject())
                (void)child.key();
            walk(child, depth + 1);
        }
        break;
    default:
        break;
    }
    (void)v.source();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView text = fuzz::bytes(data, size);
    json::Parser parser(text);
    json::Document doc;
    qsizetype pos = 0;
    if (parser.parse(pos, doc, 16))
        walk(doc.root(), 0);
    pos = 0;
    qsizetype elements = 0;
    const bool skipped = parser.skip(pos, &elements).ok();
    pos = 0;
    if (skipped && parser.peek(pos) == '[') {
        json::ArrayCursor cursor(parser, pos, elements);
        (void)json::forEachElement(cursor, [](json::Value v, qsizetype) {
            walk(v, 0);
            return Status{};
        });
    }
    return 0;
}
