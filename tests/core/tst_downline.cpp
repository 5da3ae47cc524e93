// Downline performance from the in-memory tree index, checked by hand and against the database walked naively.
#include "TestData.h"
#include "TestDatabase.h"
#include "dataset/SyntheticCompany.h"
#include "genealogy/Members.h"
#include "reports/DownlinePerformance.h"

#include <QBuffer>
#include <QTest>

using namespace mlm;
using namespace mlm::test;

class TestDownline : public QObject
{
    Q_OBJECT
private slots:
    void treeIndexOfAChain();
    void smallCompany();
    void agreesWithANaiveWalk();
    void series();
    void dashboard();
};

void TestDownline::treeIndexOfAChain()
{
    // 1 > 2 > 3, 1 > 4, and 5 alone; 6 names an unknown sponsor and becomes a root.
    const TreeIndex t = TreeIndex::build({1, 2, 3, 4, 5, 6}, {0, 1, 2, 1, 0, 99});
    QCOMPARE(t.size(), 6);
    const qint32 one = t.indexOf(1);
    QCOMPARE(t.downlineSize(one), 3);
    QCOMPARE(t.membersPerLevel(one, 3), (QList<qint64>{2, 1, 0}));
    QCOMPARE(t.downlineSize(t.indexOf(3)), 0);
    QCOMPARE(t.depth(t.indexOf(3)), 2);
    QCOMPARE(t.downlineSize(t.indexOf(6)), 0);
    QCOMPARE(t.indexOf(42), -1);
    // Values by dense index, laid out in preorder as the sums take them.
    const QList<qint64> byIndex{10, 20, 30, 40, 50, 60};
    QList<qint64> inPreorder(byIndex.size());
    for (qint32 i = 0; i < byIndex.size(); ++i)
        inPreorder[t.preorder(i)] = byIndex.at(i);
    const TreeIndex::Sums sums = TreeIndex::Sums::inPreorder(inPreorder);
    QCOMPARE(sums.downline(t, one), 100);
    QCOMPARE(sums.downline(t, t.indexOf(2)), 50);
    QCOMPARE(sums.downline(t, t.indexOf(5)), 50);

    // Ids with gaps (members deleted in an import's history, say) are found by search, not by offset.
    const TreeIndex gaps = TreeIndex::build({3, 10, 11, 40}, {0, 3, 10, 3});
    QCOMPARE(gaps.indexOf(10), 1);
    QCOMPARE(gaps.indexOf(40), 3);
    QCOMPARE(gaps.indexOf(4), -1);
    QCOMPARE(gaps.indexOf(41), -1);
    QCOMPARE(gaps.indexOf(2), -1);
    QCOMPARE(gaps.downlineSize(gaps.indexOf(3)), 3);
    QCOMPARE(gaps.membersPerLevel(gaps.indexOf(3), 2), (QList<qint64>{2, 1}));
    QCOMPARE(t.indexOf(0), -1);
    QCOMPARE(t.indexOf(7), -1);
}

void TestDownline::smallCompany()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    QVERIFY(loadSmallCompany(t->db()));
    auto perf = DownlinePerformance::load(t->db());
    QVERIFY(perf);
    QVERIFY(perf->selectPeriod(t->db(), Period{2026, 10}));
    auto id = [&](const char *code) { return Members(t->db()).byCode(QLatin1StringView(code))->id; };
    const DownlineSummary root = perf->summary(perf->tree().indexOf(id("ROOT")));
    // October: CARL 5000 (BO-1), BOB 4900 (1001), ANNA 2500 (S-1, her storefront customer); the rest counts nothing.
    QCOMPARE(root.personalVolume, 0);
    QCOMPARE(root.groupVolume, 12400);
    QCOMPARE(root.downlineSize, 6);
    QCOMPARE(root.membersPerLevel, (QList<qint64>{2, 3, 1, 0, 0}));
    QCOMPARE(root.newRecruits, 0);
    QCOMPARE(root.activeMembers, 0);
    const DownlineSummary anna = perf->summary(perf->tree().indexOf(id("ANNA")));
    QCOMPARE(anna.personalVolume, 2500);
    QCOMPARE(anna.groupVolume, 12400);
    QCOMPARE(anna.membersPerLevel, (QList<qint64>{2, 1, 0, 0, 0}));
    QVERIFY(perf->selectPeriod(t->db(), Period{2026, 3}));
    QCOMPARE(perf->summary(perf->tree().indexOf(id("ROOT"))).newRecruits, 1); // FRED joined in March
    QCOMPARE(perf->summary(perf->tree().indexOf(id("EVE"))).newRecruits, 1);
}

void TestDownline::agreesWithANaiveWalk()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    SyntheticCompany::Parameters p;
    p.members = 400;
    p.orders = 3000;
    p.months = 2;
    p.seed = 11;
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(SyntheticCompany::write(p, buffer));
    QVERIFY(DatasetImporter(t->db()).importJson(buffer.data(), testActor()));
    auto perf = DownlinePerformance::load(t->db());
    QVERIFY(perf);
    const Period period{2026, 10};
    QVERIFY(perf->selectPeriod(t->db(), period));
    QHash<Id, qint64> pv;
    auto q = t->db().exec(QStringLiteral("SELECT credited_member_id, total_pv FROM orders WHERE status = 'paid' "
                                         "AND paid_at >= ? AND paid_at < ? AND credited_member_id IS NOT NULL"),
                          {period.start(), period.end()});
    QVERIFY(q);
    while (q->next())
        pv[q->value(0).toLongLong()] += q->value(1).toLongLong();
    Members members(t->db());
    for (const char *code : {"ROOT", "M0000001", "M0000002", "M0000007", "M0000050", "M0000399"}) {
        auto m = members.byCode(QLatin1StringView(code));
        QVERIFY(m);
        auto downline = members.downline(m->id);
        QVERIFY(downline);
        qint64 group = pv.value(m->id);
        QList<qint64> perLevel(5, 0);
        for (const DownlineEntry &e : downline.value()) {
            group += pv.value(e.member.id);
            if (e.level <= 5)
                ++perLevel[e.level - 1];
        }
        const DownlineSummary s = perf->summary(perf->tree().indexOf(m->id));
        QCOMPARE(s.downlineSize, downline->size());
        QCOMPARE(s.groupVolume, group);
        QCOMPARE(s.membersPerLevel, perLevel);
        QCOMPARE(s.personalVolume, pv.value(m->id));
        // The dashboard looks a small downline's volumes up member by member (the series reads each month whole):
        // the same numbers either way.
        auto dashboard = DownlinePerformance::dashboard(t->db(), m->id, period, 3, 5);
        QVERIFY2(dashboard, why(dashboard).constData());
        auto series = perf->series(t->db(), m->id, period, 3);
        QVERIFY(series);
        for (qsizetype i = 0; i < 3; ++i) {
            const DownlineSummary &a = dashboard->months.at(i), &b = series->at(i);
            QCOMPARE(a.period, b.period);
            QCOMPARE(std::tuple(a.personalVolume, a.groupVolume, a.newRecruits, a.activeMembers, a.downlineSize),
                     std::tuple(b.personalVolume, b.groupVolume, b.newRecruits, b.activeMembers, b.downlineSize));
        }
        QCOMPARE(dashboard->months.last().groupVolume, group);
    }
}

void TestDownline::series()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    QVERIFY(loadSmallCompany(t->db()));
    auto perf = DownlinePerformance::load(t->db());
    QVERIFY(perf);
    const Id root = Members(t->db()).byCode(QStringLiteral("ROOT"))->id;
    auto series = perf->series(t->db(), root, Period{2026, 10}, 12);
    QVERIFY(series);
    QCOMPARE(series->size(), 12);
    QCOMPARE(series->first().period.toString(), QStringLiteral("2025-11"));
    QCOMPARE(series->last().period.toString(), QStringLiteral("2026-10"));
    QCOMPARE(series->last().groupVolume, 12400);
    QCOMPARE(series->at(10).groupVolume, 0); // September's only paid order was refunded
    qint64 recruits = 0;
    for (const DownlineSummary &s : series.value())
        recruits += s.newRecruits;
    QCOMPARE(recruits, 6); // everyone below ROOT joined within these twelve months
    QCOMPARE(perf->series(t->db(), 999999, Period{2026, 10}, 3).error().code, ErrorCode::NotFound);
}

void TestDownline::dashboard()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    QVERIFY(loadSmallCompany(t->db()));
    const Period oct{2026, 10};
    qint64 lastStep = 0;
    auto company =
        DownlinePerformance::dashboard(t->db(), 0, oct, 12, 10, 10, [&](const QString &, qint64 done, qint64 total) {
            lastStep = done;
            return done <= total;
        });
    QVERIFY2(company, why(company).constData());
    QCOMPARE(lastStep, 14);
    QCOMPARE(company->months.size(), 12);
    QCOMPARE(company->months.last().period, oct);
    QCOMPARE(company->months.last().groupVolume, 12400);
    // ROOT ("Company") is the company itself: not a member of it, not its level 1.
    QCOMPARE(company->months.last().downlineSize, 6);
    QCOMPARE(company->months.last().personalVolume, 0);
    QCOMPARE(company->membersPerLevel, (QList<qint64>{2, 3, 1, 0, 0, 0, 0, 0, 0, 0}));
    QCOMPARE(company->topLegs.size(), 2); // one top member (ROOT): its first line are the company's legs
    QCOMPARE(company->topLegs.first().code, QStringLiteral("ANNA"));
    QCOMPARE(company->topLegs.first().groupVolume, 12400);
    QCOMPARE(company->topLegs.first().downlineSize, 4);
    QCOMPARE(company->topLegs.last().code, QStringLiteral("EVE"));
    const QList<QPair<MemberStatus, qint64>> everybody{{MemberStatus::Customer, 1},
                                                       {MemberStatus::Distributor, 3},
                                                       {MemberStatus::Suspended, 1},
                                                       {MemberStatus::Terminated, 1}};
    QCOMPARE(company->statusMix, everybody);
    qint64 recruits = 0;
    for (const DownlineSummary &m : company->months)
        recruits += m.newRecruits;
    QCOMPARE(recruits, 6);

    const Id annaId = Members(t->db()).byCode(QStringLiteral("ANNA"))->id;
    auto anna = DownlinePerformance::dashboard(t->db(), annaId, oct);
    QVERIFY(anna);
    QCOMPARE(anna->memberCode, QStringLiteral("ANNA"));
    QCOMPARE(anna->months.last().personalVolume, 2500);
    QCOMPARE(anna->months.last().groupVolume, 12400);
    QCOMPARE(anna->membersPerLevel.mid(0, 3), (QList<qint64>{2, 1, 0}));
    QCOMPARE(anna->topLegs.size(), 2);
    QCOMPARE(anna->topLegs.at(0).code, QStringLiteral("CARL")); // 5000 in October, DORA below him
    QCOMPARE(anna->topLegs.at(0).groupVolume, 5000);
    QCOMPARE(anna->topLegs.at(0).downlineSize, 2);
    QCOMPARE(anna->topLegs.at(1).code, QStringLiteral("BOB"));
    QCOMPARE(anna->topLegs.at(1).groupVolume, 4900);
    const QList<QPair<MemberStatus, qint64>> below{{MemberStatus::Customer, 1},
                                                   {MemberStatus::Distributor, 1},
                                                   {MemberStatus::Suspended, 1},
                                                   {MemberStatus::Terminated, 0}};
    QCOMPARE(anna->statusMix, below);
    auto cancelled = DownlinePerformance::dashboard(t->db(), annaId, oct, 12, 10, 10,
                                                    [](const QString &, qint64 done, qint64) { return done < 3; });
    QCOMPARE(cancelled.error().code, ErrorCode::FailedPrecondition);
    QCOMPARE(DownlinePerformance::dashboard(t->db(), 999999, oct).error().code, ErrorCode::NotFound);

    // A company with several roots: they are its level 1 and its legs, and all are counted.
    QVERIFY(DatasetImporter(t->db()).importJson(readTestFile(QStringLiteral("good-addition.json")), testActor()));
    auto roots = DownlinePerformance::dashboard(t->db(), 0, oct);
    QVERIFY2(roots, why(roots).constData());
    const qint64 members = t->db().scalar(QStringLiteral("SELECT COUNT(*) FROM members"))->toLongLong();
    QCOMPARE(roots->months.last().downlineSize, members);
    QCOMPARE(roots->membersPerLevel.first(), 2); // ROOT and NEWROOT
    QCOMPARE(roots->topLegs.size(), 2);
    QCOMPARE(roots->topLegs.first().code, QStringLiteral("ROOT"));
    qint64 mixed = 0;
    for (const auto &[status, n] : roots->statusMix)
        mixed += n;
    QCOMPARE(mixed, members);
}

QTEST_GUILESS_MAIN(TestDownline)
#include "tst_downline.moc"
