// The streaming JSON reader that imports use: values, exact integers, errors with positions.
#include "domain/JsonReader.h"

#include <QTest>

using namespace mlm;
using namespace mlm::json;

class TestJsonReader : public QObject
{
    Q_OBJECT
private slots:
    void values();
    void strings_data();
    void strings();
    void integers_data();
    void integers();
    void errors_data();
    void errors();
    void skipCountsElements_data();
    void skipCountsElements();
    void arrayCursor();
};

namespace {

Value parsed(const QByteArray &text, Document &doc)
{
    Parser parser(text);
    qsizetype pos = 0;
    auto ok = parser.parse(pos, doc);
    if (!ok)
        qWarning("%s", qPrintable(ok.error().message));
    return doc.root();
}

} // namespace

void TestJsonReader::values()
{
    const QByteArray text = R"( {"a": [1, 2, {"b": null}], "t": true, "f": false, "s": "x", "e": {}, "n": -0} )";
    Document doc;
    const Value root = parsed(text, doc);
    QVERIFY(root.isObject());
    QCOMPARE(root.size(), 6);
    QVERIFY(root[QLatin1StringView("a")].isArray());
    QCOMPARE(root[QLatin1StringView("a")].size(), 3);
    QCOMPARE(root[QLatin1StringView("a")].first().toInteger(), qint64(1));
    QCOMPARE(root[QLatin1StringView("a")].first().next().toInteger(), qint64(2));
    QVERIFY(root[QLatin1StringView("a")].first().next().next()[QLatin1StringView("b")].isNull());
    QVERIFY(root[QLatin1StringView("a")].first().next().next().next().isUndefined());
    QVERIFY(root[QLatin1StringView("t")].toBool());
    QVERIFY(root[QLatin1StringView("f")].isBool());
    QVERIFY(!root[QLatin1StringView("f")].toBool());
    QCOMPARE(root[QLatin1StringView("s")].toString(), QStringLiteral("x"));
    QVERIFY(root[QLatin1StringView("e")].isObject());
    QCOMPARE(root[QLatin1StringView("e")].size(), 0);
    QVERIFY(root[QLatin1StringView("missing")].isUndefined());
    QCOMPARE(root[QLatin1StringView("n")].toInteger(), qint64(0));
    QCOMPARE(root.first().key(), QStringLiteral("a"));
    QCOMPARE(root[QLatin1StringView("a")].source(), QByteArrayView("[1, 2, {\"b\": null}]"));
}

void TestJsonReader::strings_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << QByteArray(R"("anna")") << QStringLiteral("anna");
    QTest::newRow("escapes") << QByteArray(R"("a\"b\\c\/d\n\t")") << QStringLiteral("a\"b\\c/d\n\t");
    QTest::newRow("unicode escape") << QByteArray(R"("caf\u00e9")") << QStringLiteral("café");
    QTest::newRow("surrogate pair") << QByteArray(R"("\ud83d\ude00")") << QString::fromUtf8("\xF0\x9F\x98\x80");
    QTest::newRow("utf-8") << QByteArray("\"\xD0\x90\xD0\xBD\xD0\xBD\xD0\xB0\"") << QStringLiteral("Анна");
    QTest::newRow("empty") << QByteArray(R"("")") << QString();
}

void TestJsonReader::strings()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, text);
    Document doc;
    const Value v = parsed(json, doc);
    QVERIFY(v.isString());
    QCOMPARE(v.toString(), text);
    QCOMPARE(v.equals(QLatin1StringView("anna")), text == u"anna");
}

void TestJsonReader::integers_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("whole");
    QTest::addColumn<qint64>("value");
    QTest::newRow("small") << QByteArray("42") << true << qint64(42);
    QTest::newRow("negative") << QByteArray("-7") << true << qint64(-7);
    QTest::newRow("beyond 2^53, exact") << QByteArray("9007199254740993") << true << qint64(9007199254740993LL);
    QTest::newRow("int64 max") << QByteArray("9223372036854775807") << true << std::numeric_limits<qint64>::max();
    QTest::newRow("int64 min") << QByteArray("-9223372036854775808") << true << std::numeric_limits<qint64>::min();
    QTest::newRow("too big") << QByteArray("9223372036854775808") << false << qint64(0);
    QTest::newRow("fraction") << QByteArray("1.5") << false << qint64(0);
    QTest::newRow("whole fraction") << QByteArray("2.0") << true << qint64(2);
    QTest::newRow("exponent") << QByteArray("1e3") << true << qint64(1000);
    QTest::newRow("huge exponent") << QByteArray("1e400") << false << qint64(0); // fuzz: a cast of infinity
    QTest::newRow("beyond int64, written with an exponent") << QByteArray("-9.3e18") << false << qint64(0);
}

void TestJsonReader::integers()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, whole);
    QFETCH(qint64, value);
    Document doc;
    const Value v = parsed(json, doc);
    QVERIFY(v.isNumber());
    QCOMPARE(v.toInteger().has_value(), whole);
    if (whole)
        QCOMPARE(*v.toInteger(), value);
}

void TestJsonReader::errors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("truncated object") << QByteArray("{\"a\": 1") << QStringLiteral("line 1, offset 7: unexpected end");
    QTest::newRow("truncated string") << QByteArray("\"abc") << QStringLiteral("unterminated string");
    QTest::newRow("bad escape") << QByteArray(R"("a\x")") << QStringLiteral("bad escape");
    QTest::newRow("bad unicode escape") << QByteArray(R"("\u12G4")") << QStringLiteral("bad \\u escape");
    QTest::newRow("control character") << QByteArray("\"a\nb\"") << QStringLiteral("control character");
    QTest::newRow("not utf-8") << QByteArray("\"\xC3\x28\"") << QStringLiteral("not valid UTF-8");
    // Text is Unicode without NUL: lone or reversed surrogates, escaped or encoded, and NUL are refused.
    QTest::newRow("lone high surrogate") << QByteArray(R"("S\ud800")") << QStringLiteral("lone surrogate \\ud800");
    QTest::newRow("high surrogate, then text")
        << QByteArray(R"("\udbffx")") << QStringLiteral("lone surrogate \\udbff");
    QTest::newRow("two high surrogates") << QByteArray(R"("\ud800\ud800")") << QStringLiteral("lone surrogate");
    QTest::newRow("lone low surrogate") << QByteArray(R"("\udc00")") << QStringLiteral("lone surrogate \\udc00");
    QTest::newRow("reversed pair") << QByteArray(R"("\ude00\ud83d")") << QStringLiteral("lone surrogate \\ude00");
    QTest::newRow("high surrogate at the end") << QByteArray(R"("\ud83d")") << QStringLiteral("lone surrogate");
    QTest::newRow("encoded surrogate") << QByteArray("\"\xED\xA0\x80\"") << QStringLiteral("not valid UTF-8");
    QTest::newRow("escaped NUL") << QByteArray(R"("a\u0000b")") << QStringLiteral("\\u0000 (NUL)");
    QTest::newRow("NUL byte") << QByteArray("\"a\0b\"", 5) << QStringLiteral("control character");
    QTest::newRow("surrogate in a key") << QByteArray(R"({"\ud800": 1})") << QStringLiteral("lone surrogate");
    QTest::newRow("leading zero") << QByteArray("012") << QStringLiteral("bad number");
    QTest::newRow("bare word") << QByteArray("nul") << QStringLiteral("unexpected character");
    QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << QStringLiteral("expected ':'");
    QTest::newRow("missing comma") << QByteArray("[1 2]") << QStringLiteral("expected ',' or ']'");
    QTest::newRow("key not a string") << QByteArray("{a: 1}") << QStringLiteral("expected a key");
    QTest::newRow("too deep") << QByteArray(100, '[') + QByteArray(100, ']') << QStringLiteral("nested deeper");
    QTest::newRow("second line") << QByteArray("[\n1,\n?]") << QStringLiteral("line 3, offset 5");
}

void TestJsonReader::errors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    Parser parser(json);
    Document doc;
    qsizetype pos = 0;
    auto result = parser.parse(pos, doc);
    QVERIFY(!result);
    QVERIFY2(result.error().message.startsWith(QStringLiteral("malformed JSON at line ")),
             qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
}

void TestJsonReader::skipCountsElements_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<qsizetype>("elements");
    QTest::newRow("empty") << QByteArray("[ ]") << qsizetype(0);
    QTest::newRow("scalars") << QByteArray("[1, 2, 3]") << qsizetype(3);
    QTest::newRow("objects with commas inside") << QByteArray(R"([{"a": [1,2], "b": "x,y"}, {}])") << qsizetype(2);
    QTest::newRow("one string") << QByteArray(R"(["]"])") << qsizetype(1);
}

void TestJsonReader::skipCountsElements()
{
    QFETCH(QByteArray, json);
    QFETCH(qsizetype, elements);
    const QByteArray text = json + " tail";
    Parser parser(text);
    qsizetype pos = 0;
    qsizetype counted = -1;
    QVERIFY(parser.skip(pos, &counted));
    QCOMPARE(counted, elements);
    QCOMPARE(pos, json.size());
    Parser broken("[1, [2, 3]");
    pos = 0;
    QVERIFY(!broken.skip(pos));
}

void TestJsonReader::arrayCursor()
{
    const QByteArray text = R"([{"i": 0}, {"i": 1}, {"i": 2}])";
    Parser parser(text);
    ArrayCursor cursor(parser, 0, 3);
    Document doc;
    qint64 expected = 0;
    for (;;) {
        auto more = cursor.next(doc);
        QVERIFY(more);
        if (!more.value())
            break;
        QCOMPARE(cursor.index(), expected);
        QCOMPARE(doc.root()[QLatin1StringView("i")].toInteger(), expected);
        ++expected;
    }
    QCOMPARE(expected, 3);
    const QByteArray bad = R"([{"i": 0} {"i": 1}])";
    Parser badParser(bad);
    ArrayCursor badCursor(badParser, 0, 2);
    QVERIFY(badCursor.next(doc).value());
    auto second = badCursor.next(doc);
    QVERIFY(!second);
    QVERIFY(second.error().message.contains(QStringLiteral("expected ',' or ']'")));
}

QTEST_GUILESS_MAIN(TestJsonReader)
#include "tst_jsonreader.moc"
