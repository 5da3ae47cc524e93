// The commission engine and runs (SPEC 6): hand-computed cases, closing, immutability, statements, clawbacks.
#include "TestData.h"
#include "TestDatabase.h"
#include "compensation/CommissionReport.h"
#include "compensation/CommissionRuns.h"
#include "compensation/Plans.h"
#include "domain/Amount.h"
#include "domain/Csv.h"
#include "genealogy/Members.h"
#include "orders/Orders.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace mlm;
using namespace mlm::test;

namespace {

const Period kOct{2026, 10};
const Period kNov{2026, 11};
const Period kDec{2026, 12};

const MemberCommission *find(const CommissionRun &run, const QString &code)
{
    for (const MemberCommission &m : run.members) {
        if (m.code == code)
            return &m;
    }
    return nullptr;
}

Money clawbackOf(const CommissionRun &run, const QString &code)
{
    const MemberCommission *m = find(run, code);
    return m ? m->clawback : 0;
}

} // namespace

class TestCommissions : public QObject
{
    Q_OBJECT
private slots:
    void handComputed_data();
    void handComputed();
    void deterministic();
    void closeMakesTheRunImmutable();
    void statementsAddUp();
    void refundInAnOpenPeriodRemovesTheOrder();
    void clawbackInTheNextPeriod();
    void clawbackOfABackdatedRefund();
    void closedRunKeepsItsPlanAndTree();
    void previewOfAnEditedPlan();
    void progressAndCancel();
    void periodsAndFiles();

private:
    std::unique_ptr<TestDatabase> chain(const char *name = "chain-compression")
    {
        auto t = TestDatabase::create();
        if (!t)
            return nullptr;
        auto imported = DatasetImporter(t->db()).importJson(
            readTestFile(QStringLiteral("commissions/%1/dataset.json").arg(QLatin1StringView(name))), testActor());
        if (!imported) {
            qWarning("%s", qPrintable(imported.error().message));
            return nullptr;
        }
        return t;
    }
};

void TestCommissions::handComputed_data()
{
    QTest::addColumn<QString>("folder");
    const QDir cases(QStringLiteral(MLM_TEST_DATA_DIR "/commissions"));
    for (const QString &c : cases.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        QTest::newRow(qPrintable(c)) << cases.filePath(c);
}

void TestCommissions::handComputed()
{
    QFETCH(QString, folder);
    auto t = TestDatabase::create();
    QVERIFY(t);
    auto imported = DatasetImporter(t->db()).importFile(folder + QStringLiteral("/dataset.json"), testActor());
    QVERIFY2(imported, imported ? "" : qPrintable(imported.error().message));
    QFile periodFile(folder + QStringLiteral("/period.txt"));
    QVERIFY(periodFile.open(QIODevice::ReadOnly));
    const auto period = Period::parse(QString::fromUtf8(periodFile.readAll()).trimmed());
    QVERIFY(period);
    auto run = CommissionRuns(t->db()).preview(*period);
    QVERIFY2(run, run ? "" : qPrintable(run.error().message));
    QFile expectedFile(folder + QStringLiteral("/expected.json"));
    QVERIFY(expectedFile.open(QIODevice::ReadOnly));
    const QJsonObject expected = QJsonDocument::fromJson(expectedFile.readAll()).object();
    QJsonParseError error;
    const QJsonObject actual = QJsonDocument::fromJson(CommissionReport::runJson(run.value()), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonArray a = actual.value(QStringLiteral("members")).toArray();
    const QJsonArray e = expected.value(QStringLiteral("members")).toArray();
    QCOMPARE(a.size(), e.size());
    for (qsizetype i = 0; i < e.size(); ++i)
        QCOMPARE(QJsonDocument(a.at(i).toObject()).toJson(), QJsonDocument(e.at(i).toObject()).toJson());
    QCOMPARE(actual, expected);
}

void TestCommissions::deterministic()
{
    auto t = chain();
    QVERIFY(t);
    auto first = CommissionRuns(t->db()).preview(kOct);
    auto second = CommissionRuns(t->db()).preview(kOct);
    QVERIFY(first && second);
    QCOMPARE(CommissionReport::runJson(second.value()), CommissionReport::runJson(first.value()));
    QCOMPARE(CommissionReport::runCsv(second.value()), CommissionReport::runCsv(first.value()));
    QVERIFY(CommissionReport::runCsv(first.value())
                .startsWith("code,pv,qualified,retail_profit,level_1,level_2,level_3,"
                            "clawback,total\nAA,10100,1,0,5600,650,0,0,6250\n"));
}

void TestCommissions::closeMakesTheRunImmutable()
{
    auto t = chain();
    QVERIFY(t);
    CommissionRuns runs(t->db());
    auto preview = runs.preview(kOct);
    QVERIFY(preview);
    QVERIFY(!runs.isClosed(kOct).value());
    auto closed = runs.close(kOct, testActor());
    QVERIFY2(closed, closed ? "" : qPrintable(closed.error().message));
    QVERIFY(closed->closed);
    preview->closed = true;
    QCOMPARE(CommissionReport::runJson(closed.value()), CommissionReport::runJson(preview.value()));
    QVERIFY(runs.isClosed(kOct).value());

    const QString before = TestDatabase::fingerprint(t->db());
    auto again = runs.preview(kOct);
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::FailedPrecondition);
    QVERIFY(again.error().message.contains(QStringLiteral("2026-10 is closed")));
    auto closeAgain = runs.close(kOct, testActor());
    QVERIFY(!closeAgain);
    QCOMPARE(TestDatabase::fingerprint(t->db()), before);

    auto stored = runs.closedRun(kOct);
    QVERIFY(stored);
    QCOMPARE(CommissionReport::runJson(stored.value()), CommissionReport::runJson(closed.value()));
    QCOMPARE(runs.closedRun(kNov).error().code, ErrorCode::NotFound);
    QCOMPARE(t->db()
                 .scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'commissions.close'"))
                 .value()
                 .toInt(),
             1);
}

void TestCommissions::statementsAddUp()
{
    auto t = chain();
    QVERIFY(t);
    CommissionRuns runs(t->db());
    for (bool close : {false, true}) {
        if (close)
            QVERIFY(runs.close(kOct, testActor()));
        auto run = close ? runs.closedRun(kOct) : runs.preview(kOct);
        QVERIFY(run);
        for (const MemberCommission &m : run->members) {
            auto s = runs.statement(kOct, m.code);
            QVERIFY2(s, s ? "" : qPrintable(s.error().message));
            QCOMPARE(s->closed, close);
            QCOMPARE(s->totals.total, m.total);
            Money sum = 0;
            QList<Money> levels(m.levels.size(), 0);
            for (const StatementLine &l : s->lines) {
                sum += l.amount;
                if (l.kind == CommissionKind::Level)
                    levels[l.level - 1] += l.amount;
            }
            QCOMPARE(sum, m.total);
            QCOMPARE(levels, m.levels);
            QCOMPARE(s->lineCount, s->lines.size());
            QCOMPARE(s->firstLine, 0);
            // Sorted by kind (as text), level and order; the pages of two lines are the whole statement's slices.
            for (qsizetype i = 1; i < s->lines.size(); ++i) {
                const StatementLine &a = s->lines.at(i - 1), &b = s->lines.at(i);
                QVERIFY(std::pair(toText(a.kind), a.level) <= std::pair(toText(b.kind), b.level));
            }
            for (qint64 offset = 0; offset <= s->lines.size() + 1; offset += 2) {
                auto page = runs.statement(kOct, m.code, offset, 2);
                QVERIFY(page);
                QCOMPARE(page->lineCount, s->lineCount);
                QCOMPARE(page->firstLine, offset);
                QCOMPARE(page->totals.total, m.total);
                const QList<StatementLine> slice = s->lines.mid(qMin(offset, s->lines.size()), 2);
                QCOMPARE(page->lines.size(), slice.size());
                for (qsizetype i = 0; i < slice.size(); ++i)
                    QCOMPARE(
                        std::tuple(page->lines.at(i).externalId, page->lines.at(i).amount, page->lines.at(i).level),
                        std::tuple(slice.at(i).externalId, slice.at(i).amount, slice.at(i).level));
            }
        }
        QCOMPARE(runs.statement(kOct, QStringLiteral("ROOT"), -1, 2).error().code, ErrorCode::InvalidArgument);
    }
    // A closed run keeps each statement's length; one stored without it (an older database) has its lines counted.
    const qint64 kept = runs.statement(kOct, QStringLiteral("ROOT"), 0, 1)->lineCount;
    QVERIFY(kept > 1);
    QVERIFY(t->db().exec(QStringLiteral("UPDATE commission_results SET line_count = NULL")));
    QCOMPARE(runs.statement(kOct, QStringLiteral("ROOT"), 0, 1)->lineCount, kept);
    auto ROOT = runs.statement(kOct, QStringLiteral("root"));
    QVERIFY(ROOT);
    // ROOT's level 3 comes from EE's order o4 (3% of 3000) and FF's order o5 (3% of 10000).
    QList<QString> level3;
    for (const StatementLine &l : ROOT->lines) {
        if (l.kind == CommissionKind::Level && l.level == 3)
            level3 << QStringLiteral("%1:%2:%3:%4").arg(l.externalId).arg(l.rateBp).arg(l.base).arg(l.amount);
    }
    QCOMPARE(level3, (QList<QString>{QStringLiteral("o4:300:3000:90"), QStringLiteral("o5:300:10000:300")}));
    QCOMPARE(runs.statement(kOct, QStringLiteral("NOBODY")).error().code, ErrorCode::NotFound);
}

void TestCommissions::refundInAnOpenPeriodRemovesTheOrder()
{
    auto t = chain();
    QVERIFY(t);
    QVERIFY(Orders(t->db()).refund(QStringLiteral("-"), QStringLiteral("o5"),
                                   *parseIsoTimestamp(u"2026-10-20T00:00:00Z"), testActor()));
    auto run = CommissionRuns(t->db()).preview(kOct);
    QVERIFY(run);
    QVERIFY(!find(run.value(), QStringLiteral("FF"))); // its only order is gone: no pv, no entry
    QCOMPARE(find(run.value(), QStringLiteral("CC"))->levels, (QList<Money>{300, 0, 0}));
    QCOMPARE(find(run.value(), QStringLiteral("AA"))->levels, (QList<Money>{5600, 150, 0}));
    QCOMPARE(find(run.value(), QStringLiteral("ROOT"))->levels, (QList<Money>{1033, 2800, 90}));
    QCOMPARE(clawbackOf(run.value(), QStringLiteral("CC")), 0);
}

void TestCommissions::clawbackInTheNextPeriod()
{
    auto t = chain();
    QVERIFY(t);
    CommissionRuns runs(t->db());
    QVERIFY(runs.close(kOct, testActor()));
    // o7 paid CC 6000 of retail profit, AA 2300 (level 1) and ROOT 1150 (level 2) in the closed October.
    QVERIFY(Orders(t->db()).refund(QStringLiteral("my"), QStringLiteral("o7"),
                                   *parseIsoTimestamp(u"2026-11-05T00:00:00Z"), testActor()));
    auto nov = runs.preview(kNov);
    QVERIFY(nov);
    QCOMPARE(clawbackOf(nov.value(), QStringLiteral("CC")), -6000);
    QCOMPARE(clawbackOf(nov.value(), QStringLiteral("AA")), -2300);
    QCOMPARE(clawbackOf(nov.value(), QStringLiteral("ROOT")), -1150);
    QCOMPARE(find(nov.value(), QStringLiteral("CC"))->total, -6000);
    // AA's own November order (o11) qualifies AA; ROOT has no volume in November, so nobody earns on it.
    QCOMPARE(find(nov.value(), QStringLiteral("AA"))->pv, 50000);
    QCOMPARE(find(nov.value(), QStringLiteral("AA"))->total, -2300);
    QCOMPARE(find(nov.value(), QStringLiteral("ROOT"))->total, -1150);
    auto statement = runs.statement(kNov, QStringLiteral("CC"));
    QVERIFY(statement);
    QCOMPARE(statement->lines.size(), 1);
    QCOMPARE(statement->lines.first().kind, CommissionKind::Clawback);
    QCOMPARE(statement->lines.first().externalId, QStringLiteral("o7"));
    QCOMPARE(statement->lines.first().amount, -6000);

    QVERIFY(runs.close(kNov, testActor()));
    auto dec = runs.preview(kDec);
    QVERIFY(dec);
    QCOMPARE(clawbackOf(dec.value(), QStringLiteral("CC")), 0); // clawed back once only
    QVERIFY(dec->members.isEmpty());
    auto closedNov = runs.closedRun(kNov);
    QCOMPARE(clawbackOf(closedNov.value(), QStringLiteral("AA")), -2300);
}

void TestCommissions::clawbackOfABackdatedRefund()
{
    auto t = chain();
    QVERIFY(t);
    CommissionRuns runs(t->db());
    QVERIFY(runs.close(kOct, testActor()));
    QVERIFY(runs.close(kNov, testActor()));
    // Refunded with a date in the closed October: the clawback goes to the first period not closed, December.
    QVERIFY(Orders(t->db()).refund(QStringLiteral("-"), QStringLiteral("o3"),
                                   *parseIsoTimestamp(u"2026-10-25T00:00:00Z"), testActor()));
    auto dec = runs.preview(kDec);
    QVERIFY(dec);
    QCOMPARE(clawbackOf(dec.value(), QStringLiteral("AA")), -2000);
    QCOMPARE(clawbackOf(dec.value(), QStringLiteral("ROOT")), -1000);
    QCOMPARE(clawbackOf(dec.value(), QStringLiteral("CC")), 0); // the buyer was not paid on its own order
    auto jan = runs.preview(Period{2027, 1});
    QVERIFY(jan);
    QCOMPARE(clawbackOf(jan.value(), QStringLiteral("AA")), 0); // December is open: the clawback is December's
}

void TestCommissions::closedRunKeepsItsPlanAndTree()
{
    auto t = chain();
    QVERIFY(t);
    CommissionRuns runs(t->db());
    auto closed = runs.close(kOct, testActor());
    QVERIFY(closed);
    const QByteArray before = CommissionReport::runJson(closed.value());
    auto statementBefore = runs.statement(kOct, QStringLiteral("ROOT"));
    // Change everything a run depends on; the closed run and its statements must not move.
    QVERIFY(t->db().exec(QStringLiteral("UPDATE compensation_plan SET levels_bp = '[9000]', qualification_pv = 0")));
    QVERIFY(Members(t->db()).move(QStringLiteral("CC"), QStringLiteral("ROOT"), testActor()));
    QVERIFY(
        Members(t->db()).changeStatus(QStringLiteral("AA"), MemberStatus::Suspended, QStringLiteral("x"), testActor()));
    auto after = runs.closedRun(kOct);
    QVERIFY(after);
    QCOMPARE(CommissionReport::runJson(after.value()), before);
    QCOMPARE(after->plan.levelsBp, (QList<int>{1000, 500, 300}));
    auto statementAfter = runs.statement(kOct, QStringLiteral("ROOT"));
    QCOMPARE(CommissionReport::statementJson(statementAfter.value()),
             CommissionReport::statementJson(statementBefore.value()));
    // while an open period follows the changes
    auto nov = runs.preview(kNov);
    QCOMPARE(nov->plan.levelsBp, (QList<int>{9000}));
}

void TestCommissions::previewOfAnEditedPlan()
{
    auto t = chain();
    QVERIFY(t);
    CommissionRuns runs(t->db());
    auto stored = runs.preview(kOct);
    QVERIFY(stored);
    CompensationPlan doubled = stored->plan;
    for (int &bp : doubled.levelsBp)
        bp *= 2;
    auto edited = runs.preview(kOct, {}, doubled);
    QVERIFY2(edited, why(edited).constData());
    QCOMPARE(edited->plan, doubled);
    QCOMPARE(edited->members.size(), stored->members.size());
    for (qsizetype i = 0; i < stored->members.size(); ++i) {
        const MemberCommission &a = stored->members.at(i), &b = edited->members.at(i);
        QCOMPARE(b.code, a.code);
        for (qsizetype k = 0; k < a.levels.size(); ++k) // rates doubled: amounts doubled, to the cent or one off
            QVERIFY(qAbs(b.levels.at(k) - 2 * a.levels.at(k)) <= 1);
    }
    QCOMPARE(Plans::current(t->db()).value(), stored->plan); // a preview saves nothing
    CompensationPlan bad = doubled;
    bad.levelsBp[0] = 20000;
    QCOMPARE(runs.preview(kOct, {}, bad).error().code, ErrorCode::InvalidArgument);
}

void TestCommissions::progressAndCancel()
{
    auto t = chain();
    QVERIFY(t);
    CommissionRuns runs(t->db());
    QList<qint64> steps;
    auto run = runs.preview(kOct, [&](const QString &, qint64 done, qint64 total) {
        steps << done;
        return total == 4;
    });
    QVERIFY(run);
    QCOMPARE(steps, (QList<qint64>{0, 1, 2, 3, 4}));
    auto cancelled = runs.preview(kOct, [](const QString &, qint64 done, qint64) { return done < 2; });
    QCOMPARE(cancelled.error().code, ErrorCode::FailedPrecondition);
    QVERIFY(cancelled.error().message.contains(QStringLiteral("cancelled")));
}

void TestCommissions::periodsAndFiles()
{
    auto t = chain();
    QVERIFY(t);
    CommissionRuns runs(t->db());
    QVERIFY(runs.close(kOct, testActor()));
    auto periods = runs.periods(kDec);
    QVERIFY(periods);
    QVERIFY(periods->size() >= 3);
    QCOMPARE(periods->first().period, kDec);
    QCOMPARE(periods->at(2).period, kOct);
    QVERIFY(periods->at(2).closed);
    QVERIFY(periods->at(2).closedAt > 0);
    QVERIFY(!periods->at(1).closed);
    QVERIFY(periods->last().period <= kOct);

    auto run = runs.closedRun(kOct);
    QVERIFY(run);
    // The payout file: every member with a positive total, amounts exact.
    const QList<QStringList> payout = csv::parse(QString::fromUtf8(CommissionReport::payoutCsv(run.value())));
    QCOMPARE(payout.first(), (QStringList{QStringLiteral("code"), QStringLiteral("currency"),
                                          QStringLiteral("amount_minor"), QStringLiteral("amount")}));
    Money paid = 0, expected = 0;
    for (const MemberCommission &m : run->members)
        expected += m.total > 0 ? m.total : 0;
    for (qsizetype i = 1; i < payout.size(); ++i) {
        paid += payout.at(i).at(2).toLongLong();
        QCOMPARE(amount::parse(payout.at(i).at(3)), payout.at(i).at(2).toLongLong());
        QCOMPARE(payout.at(i).at(1), run->currency);
    }
    QVERIFY(expected > 0);
    QCOMPARE(paid, expected);
    // A statement's CSV: its lines and a total line equal to the member's total.
    auto root = runs.statement(kOct, QStringLiteral("ROOT"));
    QVERIFY(root);
    const QList<QStringList> lines = csv::parse(QString::fromUtf8(CommissionReport::statementCsv(root.value())));
    QCOMPARE(lines.size(), root->lines.size() + 2);
    QCOMPARE(lines.last().at(2), QStringLiteral("total"));
    QCOMPARE(lines.last().last().toLongLong(), root->totals.total);
    Money sum = 0;
    for (qsizetype i = 1; i + 1 < lines.size(); ++i)
        sum += lines.at(i).last().toLongLong();
    QCOMPARE(sum, root->totals.total);
}

QTEST_GUILESS_MAIN(TestCommissions)
#include "tst_commissions.moc"
