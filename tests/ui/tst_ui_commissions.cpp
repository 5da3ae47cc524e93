// The pages about what is paid: the compensation plan and its preview, commission runs (preview, close, payout
// file, statements), the performance dashboards and their charts.
// Item models run under QAbstractItemModelTester. With MLM_SCREENSHOT_DIR set, the windows are also saved as PNG.
#include "UiTest.h"

#include <QComboBox>

using namespace mlm;
using namespace mlm::test;

class TestUiCommissions : public QObject, public UiFixture
{
    Q_OBJECT

private slots:
    void init() { start(); }
    void cleanup() { stop(); }
    void planPreviewThenSave();
    void planPreviewCancelledAtEachStep();
    void commissionRowsOfARunNoLongerKept();
    void commissionPreviewCloseAndStatement();
    void distributorStatementsOnly();
    void dashboardChartsShowCoreNumbers();
    void distributorSeesOnlyItsOwnDashboard();
    void demoDashboards();
};

namespace {

QList<double> valuesOf(const QBarSet *set)
{
    QList<double> values;
    for (int i = 0; i < set->count(); ++i)
        values << set->at(i);
    return values;
}

QString pdfText(const QString &path)
{
    QProcess pdftotext;
    pdftotext.start(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
    if (!pdftotext.waitForFinished(30000))
        return {};
    return QString::fromUtf8(pdftotext.readAllStandardOutput());
}

} // namespace

void TestUiCommissions::planPreviewThenSave()
{
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    PlanView view(admin);
    view.resize(1280, 640);
    view.show();
    admin.settle();
    // The qualification field is as wide as a figure, not as the page (it was about 1000 px).
    auto *qualification = view.findChild<QLineEdit *>(QStringLiteral("qualificationPv"));
    QVERIFY(qualification);
    QVERIFY2(qualification->width() <= 200, qPrintable(QString::number(qualification->width())));
    view.resize(1000, 640);
    const CompensationPlan stored = Plans::current(m_t->db()).value();
    QCOMPARE(view.formPlan().value(), stored);
    // The preview starts on the newest month with paid orders, not on the current month with nothing in it.
    auto *month = view.findChild<QComboBox *>(QStringLiteral("previewPeriod"));
    QVERIFY(month);
    const auto lastPaid = m_t->db().scalar(QStringLiteral("SELECT MAX(paid_at) FROM orders WHERE status = 'paid'"));
    QVERIFY(lastPaid && !lastPaid->isNull());
    const Period paidMonth = Period::containing(lastPaid->toLongLong());
    QVERIFY(paidMonth < Period::containing(nowUtc()));
    QCOMPARE(month->currentData().toString(), paidMonth.toString());
    QCOMPARE(month->itemText(0),
             QStringLiteral("%1 (no paid orders)").arg(Labels::month(Period::containing(nowUtc()))));
    const QString point = QLocale().decimalPoint();
    view.levelsTable()->item(0, 0)->setText(QStringLiteral("150"));
    QVERIFY(!view.preview(Period{2026, 10}));
    QVERIFY2(view.errorText().contains(QStringLiteral("level 1")), qPrintable(view.errorText()));

    // Level 1 at 20 %, qualification at 0 PV: everybody qualifies, so levels pay.
    view.levelsTable()->item(0, 0)->setText(QStringLiteral("20") + point + QStringLiteral("00"));
    CompensationPlan edited = stored;
    edited.levelsBp[0] = 2000;
    edited.qualificationPv = 0;
    CompensationPlan form = view.formPlan().value();
    form.qualificationPv = 0;
    view.setFormPlan(form);
    QCOMPARE(view.formPlan().value(), edited);
    QVERIFY(view.preview(Period{2026, 10}));
    QVERIFY(view.progress()->isRunning());
    QVERIFY(!view.preview(Period{2026, 10})); // one at a time
    QVERIFY(view.progress()->waitUntilDone());
    QVERIFY(view.lastPreview().has_value());
    auto expected = CommissionRuns(m_t->db()).preview(Period{2026, 10}, {}, edited);
    QVERIFY(expected);
    QCOMPARE(view.lastPreview()->totals, RunTotals::of(expected.value()));
    QVERIFY(view.lastPreview()->id.isEmpty()); // a plan's preview keeps no members
    Money total = 0;
    for (const MemberCommission &m : expected->members)
        total += m.total;
    QVERIFY(total > 0);
    const QTableWidget *table = view.previewTable();
    QCOMPARE(table->item(table->rowCount() - 1, 2)->text(), Labels::money(total));
    QCOMPARE(Plans::current(m_t->db()).value(), stored); // a preview saves nothing
    screenshot(&view, QStringLiteral("plan"));

    AuditFilter saved;
    saved.actor = QStringLiteral("user:boss");
    QVERIFY(admin->auditPage(saved, 0, 10)->isEmpty());
    QVERIFY(await<Status>([&](auto done) { view.save(done); }));
    QCOMPARE(Plans::current(m_t->db()).value(), edited);
    auto entries = admin->auditPage(saved, 0, 10);
    QCOMPARE(entries->size(), 1);
    QCOMPARE(entries->first().action, QStringLiteral("plan.save"));
}

void TestUiCommissions::planPreviewCancelledAtEachStep()
{
    // The demo company: a preview of its last month takes a few steps.
    auto demo = UiFixture::demo();
    QVERIFY(demo);
    const Period last = demo->lastMonth;
    Desk &admin = *demo->admin;
    auto &t = demo->database;
    PlanView view(admin);
    admin.settle();
    auto *previewButton = view.findChild<QPushButton *>(QStringLiteral("previewPlan"));
    QVERIFY(previewButton);
    const auto expected = CommissionRuns(t->db()).preview(last, {}, view.formPlan().value());
    QVERIFY(expected);

    // Waiting for its turn behind other work (the Work lane held): Cancel ends it at once, and it never begins.
    {
        HeldLane held(admin, AsyncOffice::Lane::Work);
        QVERIFY(view.preview(last));
        QVERIFY(view.progress()->isRunning());
        QVERIFY(!previewButton->isEnabled());
        QVERIFY(!view.preview(last)); // one at a time
        view.findChild<QPushButton *>(QStringLiteral("cancelWork"))->click();
        QVERIFY(!view.progress()->isRunning());
        QVERIFY(!view.progress()->isVisible());
        QVERIFY(previewButton->isEnabled());
        QVERIFY2(view.errorText().contains(QStringLiteral("cancelled")), qPrintable(view.errorText()));
    }
    admin.settle();
    QVERIFY(!view.lastPreview().has_value()); // its late answer (had it begun) would have been dropped
    QVERIFY(view.errorText().contains(QStringLiteral("cancelled")));

    // Cancelled at its k-th report (8 in all: two runs of 4 steps): it ends (cancelled, or done if the work was
    // past its last step), the page says which, and the next preview runs whole.
    for (int k = 1; k <= 8; ++k) {
        int reports = 0;
        const auto connection = connect(view.progress(), &InlineProgress::progressed, &view, [&] {
            if (++reports == k)
                view.progress()->cancel();
        });
        QVERIFY(view.preview(last));
        QVERIFY2(view.progress()->waitUntilDone(30000), qPrintable(QString::number(k)));
        disconnect(connection);
        QVERIFY(previewButton->isEnabled());
        if (view.errorText().isEmpty()) {
            QVERIFY(view.lastPreview().has_value());
            QCOMPARE(view.lastPreview()->totals, RunTotals::of(expected.value()));
        } else {
            QVERIFY2(view.errorText().contains(QStringLiteral("cancelled")), qPrintable(view.errorText()));
        }
        admin.settle();
        QVERIFY(view.preview(last));
        QVERIFY(view.progress()->waitUntilDone(30000));
        QVERIFY2(view.errorText().isEmpty(), qPrintable(view.errorText()));
        QCOMPARE(view.lastPreview()->totals, RunTotals::of(expected.value()));
    }
}

void TestUiCommissions::commissionRowsOfARunNoLongerKept()
{
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    auto preview = admin->previewRun(Period{2026, 10});
    QVERIFY(preview);
    QVERIFY(preview->totals.members > 0);
    CommissionsModel model(admin);
    QSignalSpy refused(&model, &CommissionsModel::membersRefused);
    model.setRun(preview.value());
    QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("Loading..."));
    admin.settle();
    QCOMPARE(model.data(model.index(0, 0)).toString(), model.memberAt(0).code);
    QVERIFY(!model.memberAt(0).code.isEmpty());
    // The user's newer runs push it out of the store: a table opened on it now says so, once, and stays empty.
    for (int i = 0; i < RunStore::kPerUser; ++i)
        QVERIFY(admin->previewRun(Period{2026, 10}));
    model.setRun(preview.value());
    QCOMPARE(model.rowCount(), int(preview->totals.members));
    (void)model.data(model.index(0, 0)); // asks for the first block
    admin.settle();
    QVERIFY(model.data(model.index(0, 0)).isNull());
    QVERIFY(model.data(model.index(0, 1)).isNull());
    admin.settle();
    QCOMPARE(refused.size(), 1);
    QVERIFY2(refused.first().first().toString().contains(QStringLiteral("run it again")),
             qPrintable(refused.first().first().toString()));
}

void TestUiCommissions::commissionPreviewCloseAndStatement()
{
    CompensationPlan plan = Plans::current(m_t->db()).value();
    plan.qualificationPv = 0; // so that the small company's uplines earn levels
    QVERIFY(Plans::save(m_t->db(), plan, testActor()));
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    CommissionsView view(admin);
    view.resize(1100, 600);
    QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    admin.settle();
    const Period oct{2026, 10};
    QVERIFY(view.select(oct));
    QVERIFY(!view.selectedIsClosed());
    QVERIFY(view.previewButton()->isEnabled());
    QVERIFY(view.startPreview());
    QVERIFY(!view.previewButton()->isEnabled()); // while it runs; the rest of the window works
    QVERIFY(view.progress()->waitUntilDone());
    auto expected = CommissionRuns(m_t->db()).preview(oct);
    QVERIFY(expected);
    QCOMPARE(view.model()->rowCount(), int(expected->members.size()));
    (void)view.model()->memberAt(0);
    admin.settle();
    Money total = 0;
    for (int row = 0; row < view.model()->rowCount(); ++row) {
        QCOMPARE(view.model()->memberAt(row).code, expected->members.at(row).code);
        QCOMPARE(view.model()->memberAt(row).total, expected->members.at(row).total);
        total += expected->members.at(row).total;
    }
    QVERIFY(total > 0);
    const QTableWidget *levels = view.levelsTable();
    QCOMPARE(levels->item(levels->rowCount() - 1, 3)->text(), Labels::money(total));
    QVERIFY(view.summaryText().contains(QStringLiteral("nothing is stored")));
    QVERIFY(!CommissionRuns(m_t->db()).isClosed(oct).value());
    screenshot(&view, QStringLiteral("commissions-preview"));

    // A payout file only for a closed period; then the close, after which the period is read-only.
    QTemporaryDir dir;
    QVERIFY(!view.startPayout(dir.filePath(QStringLiteral("early.csv"))));
    QVERIFY(view.errorText().contains(QStringLiteral("closed period only")));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("early.csv"))));
    QVERIFY(view.startClose());
    QVERIFY(!view.closeButton()->isEnabled()); // while it runs
    QVERIFY(view.progress()->waitUntilDone());
    admin.settle(); // the periods read again, the closed run with them
    QCOMPARE(view.errorText(), QString());
    QVERIFY(CommissionRuns(m_t->db()).isClosed(oct).value());
    QVERIFY(!view.startClose());
    QVERIFY(view.selectedIsClosed());
    QVERIFY(!view.closeButton()->isEnabled());
    QVERIFY(!view.previewButton()->isEnabled());
    QVERIFY(!view.startPreview());
    QCOMPARE(view.model()->rowCount(), int(expected->members.size()));
    QVERIFY(view.model()->run().closed);
    // Selected again later, the closed run is read in the background.
    QVERIFY(view.select(Period{2026, 9}));
    QCOMPARE(view.model()->rowCount(), 0);
    QVERIFY(view.select(oct));
    QVERIFY(view.progress()->isRunning() || view.model()->rowCount() > 0);
    QVERIFY(view.progress()->waitUntilDone());
    QVERIFY(view.model()->run().closed);
    QCOMPARE(view.model()->rowCount(), int(expected->members.size()));
    (void)view.model()->memberAt(0);
    admin.settle();
    QCOMPARE(view.model()->memberAt(0).code, expected->members.first().code);
    QVERIFY(view.periodsTable()->item(view.periodsTable()->currentRow(), 1)->text().contains(QStringLiteral("closed")));
    // A month is named as on the Performance page ("Oct 2026"), not "2026-10".
    QCOMPARE(view.periodsTable()->item(view.periodsTable()->currentRow(), 0)->text(),
             Labels::month(view.model()->run().period));
    QVERIFY(!view.periodsTable()->item(view.periodsTable()->currentRow(), 0)->text().contains(u'-'));
    const QString payout = dir.filePath(QStringLiteral("payout.csv"));
    QVERIFY(view.startPayout(payout));
    QVERIFY(view.progress()->waitUntilDone());
    QCOMPARE(view.errorText(), QString());
    // Where it cannot be written: said in the page.
    QVERIFY(view.startPayout(dir.filePath(QStringLiteral("no/such/dir/payout.csv"))));
    QVERIFY(view.progress()->waitUntilDone());
    QVERIFY(!view.errorText().isEmpty());
    QFile payoutFile(payout);
    QVERIFY(payoutFile.open(QIODevice::ReadOnly));
    QCOMPARE(payoutFile.readAll(), CommissionReport::payoutCsv(CommissionRuns(m_t->db()).closedRun(oct).value()));

    // ANNA's statement: every line, and the lines add up to her total in the run.
    using Named = Result<std::pair<Statement, QString>>;
    auto named = await<Named>([&](auto done) { view.statement(QStringLiteral("ANNA"), done); });
    QVERIFY2(named, why(named).constData());
    QCOMPARE(named->second, QStringLiteral("Anna Smith"));
    const std::optional<Statement> statement = named->first;
    QVERIFY(statement->closed);
    Money annaTotal = 0;
    for (int row = 0; row < view.model()->rowCount(); ++row) {
        if (view.model()->memberAt(row).code == QLatin1String("ANNA"))
            annaTotal = view.model()->memberAt(row).total;
    }
    QVERIFY(annaTotal > 0);
    QVERIFY(statement->lines.size() >= 2);
    Money sum = 0;
    for (const StatementLine &l : statement->lines)
        sum += l.amount;
    QCOMPARE(sum, annaTotal);
    QCOMPARE(statement->totals.total, annaTotal);
    StatementDialog dialog(statement.value(), QStringLiteral("Anna Smith"), &view);
    QCOMPARE(dialog.linesTable()->rowCount(), int(statement->lines.size()));
    Money shown = 0;
    for (int row = 0; row < dialog.linesTable()->rowCount(); ++row) {
        const StatementLine &l = statement->lines.at(row);
        QCOMPARE(dialog.linesTable()->item(row, 6)->text(), Labels::money(l.amount));
        shown += l.amount;
    }
    QCOMPARE(shown, annaTotal);
    screenshot(&dialog, QStringLiteral("statement"));
    const QString csvPath = dir.filePath(QStringLiteral("anna.csv"));
    QVERIFY(dialog.pageText().isEmpty()); // one page: no pager shown
    QVERIFY(await<Status>([&](auto done) { dialog.saveCsv(csvPath, done); }));
    QFile csvFile(csvPath);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    const QByteArray wholeCsv = csvFile.readAll();
    const QList<QStringList> records = csv::parse(QString::fromUtf8(wholeCsv));
    QCOMPARE(records.last().last().toLongLong(), annaTotal);

    // The same statement two lines a page, as a statement of many lines comes: Next and Previous read the other
    // pages through the pager, the CSV is still the whole statement's; printing is for one page only.
    auto firstTwo = admin->statement(oct, QStringLiteral("ANNA"), 0, 2);
    QVERIFY2(firstTwo, why(firstTwo).constData());
    QCOMPARE(firstTwo->lineCount, statement->lines.size());
    QCOMPARE(firstTwo->lines.size(), 2);
    int pagesAsked = 0;
    StatementDialog paged(firstTwo.value(), QStringLiteral("Anna Smith"), &view,
                          [&](qint64 offset, qint64 limit, auto done) {
                              ++pagesAsked;
                              done(admin->statement(oct, QStringLiteral("ANNA"), offset, limit));
                          });
    QCOMPARE(paged.pageText(), QStringLiteral("Lines 1-2 of %1").arg(statement->lines.size()));
    auto *next = paged.findChild<QPushButton *>(QStringLiteral("nextPage"));
    auto *previous = paged.findChild<QPushButton *>(QStringLiteral("previousPage"));
    QVERIFY(next && previous);
    QVERIFY(next->isEnabled() && !previous->isEnabled());
    QVERIFY(!paged.findChild<QPushButton *>(QStringLiteral("savePdf"))->isEnabled());
    qsizetype seen = 0, lastStart = 0;
    for (;;) {
        lastStart = seen;
        for (int row = 0; row < paged.linesTable()->rowCount(); ++row, ++seen)
            QCOMPARE(paged.linesTable()->item(row, 6)->text(), Labels::money(statement->lines.at(seen).amount));
        if (!next->isEnabled())
            break;
        next->click();
    }
    QCOMPARE(seen, statement->lines.size());
    QCOMPARE(pagesAsked, int((statement->lines.size() + 1) / 2) - 1);
    previous->click();
    QCOMPARE(paged.pageText(), QStringLiteral("Lines %1-%2 of %3").arg(lastStart - 1).arg(lastStart).arg(seen));
    screenshot(&paged, QStringLiteral("statement-pages"));
    const QString pagedCsv = dir.filePath(QStringLiteral("anna-paged.csv"));
    QVERIFY(await<Status>([&](auto done) { paged.saveCsv(pagedCsv, done); }));
    QFile pagedFile(pagedCsv);
    QVERIFY(pagedFile.open(QIODevice::ReadOnly));
    QCOMPARE(pagedFile.readAll(), wholeCsv);
    const QString pdfPath = dir.filePath(QStringLiteral("anna.pdf"));
    QVERIFY(dialog.savePdf(pdfPath));
    QProcess pdftotext;
    pdftotext.start(QStringLiteral("pdftotext"), {pdfPath, QStringLiteral("-")});
    QVERIFY2(pdftotext.waitForFinished(30000), "pdftotext (Debian package poppler-utils) reads the PDF back");
    const QString text = QString::fromUtf8(pdftotext.readAllStandardOutput());
    QVERIFY2(text.contains(QStringLiteral("Commission statement")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Anna Smith")));
    QVERIFY(text.contains(Labels::money(annaTotal)));
    QVERIFY(!await<Named>([&](auto done) { view.statement(QStringLiteral("NOBODY"), done); }));
}

void TestUiCommissions::distributorStatementsOnly()
{
    Desk anna(m_t->db(), user(QStringLiteral("anna"), Role::Distributor, QStringLiteral("ANNA")));
    CommissionsView view(anna);
    anna.settle();
    QVERIFY(view.previewButton()->isHidden());
    QVERIFY(!view.startPreview() || view.progress()->waitUntilDone());
    QVERIFY(view.select(Period{2026, 10}));
    using Named = Result<std::pair<Statement, QString>>;
    auto own = await<Named>([&](auto done) { view.statement(QStringLiteral("ANNA"), done); });
    QVERIFY2(own, why(own).constData());
    QCOMPARE(own->first.totals.code, QStringLiteral("ANNA"));
    QCOMPARE(await<Named>([&](auto done) { view.statement(QStringLiteral("CARL"), done); }).error().code,
             ErrorCode::PermissionDenied);
    QVERIFY(view.startClose());
    QVERIFY(view.progress()->waitUntilDone());
    QVERIFY2(!view.errorText().isEmpty(), "a distributor's close is refused in core");
    QVERIFY(!CommissionRuns(m_t->db()).isClosed(Period{2026, 10}).value());
    QVERIFY(view.findChild<QLabel *>(QStringLiteral("statementNote"))->text().contains(QStringLiteral("paid you")));
    // Support reads other members' statements: its note speaks of the member, not of "you".
    Desk support(m_t->db(), user(QStringLiteral("sam"), Role::Support));
    CommissionsView theirs(support);
    const QString note = theirs.findChild<QLabel *>(QStringLiteral("statementNote"))->text();
    QVERIFY2(!note.contains(QStringLiteral("you")) && note.contains(QStringLiteral("member's code")), qPrintable(note));
    QVERIFY(theirs.periodsTable()->isColumnHidden(2)); // "Paid you": a distributor's own column

    // Once October is closed, the distributor's list says what it paid her, from the stored results.
    QVERIFY(CommissionRuns(m_t->db()).close(Period{2026, 10}, testActor()));
    const Money annaTotal =
        m_t->db()
            .scalar(QStringLiteral("SELECT cr.total FROM commission_results cr JOIN commission_runs r ON r.id = "
                                   "cr.run_id JOIN members m ON m.id = cr.member_id WHERE m.code = 'ANNA' AND "
                                   "r.period = '2026-10'"))
            ->toLongLong();
    QVERIFY(annaTotal > 0);
    CommissionsView after(anna);
    anna.settle();
    QVERIFY(!after.periodsTable()->isColumnHidden(2));
    int october = -1;
    for (int row = 0; row < after.periodsTable()->rowCount(); ++row) {
        if (after.periodsTable()->item(row, 0)->text() == Labels::month(Period{2026, 10}))
            october = row;
        else if (!after.periodsTable()->item(row, 1)->text().startsWith(QStringLiteral("closed")))
            QVERIFY(after.periodsTable()->item(row, 2)->text().isEmpty()); // open: nothing final to say
    }
    QVERIFY(october >= 0);
    QCOMPARE(after.periodsTable()->item(october, 2)->text(), Labels::money(annaTotal));
    after.resize(1100, 500);
    QVERIFY(after.select(Period{2026, 10}));
    anna.settle();
    screenshot(&after, QStringLiteral("commissions-distributor"));
}

void TestUiCommissions::dashboardChartsShowCoreNumbers()
{
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    DashboardView view(admin);
    view.resize(1100, 1100);
    const Period oct{2026, 10};
    QVERIFY(view.showDashboard({}, oct));
    QVERIFY(view.progress()->waitUntilDone());
    QTRY_VERIFY(!view.isDrawing()); // the charts come one by one
    QVERIFY2(view.errorText().isEmpty(), qPrintable(view.errorText()));
    auto expected = DownlinePerformance::dashboard(m_t->db(), 0, oct);
    QVERIFY(expected);
    const QList<QChartView *> views = view.chartViews();
    QCOMPARE(views.size(), 5);
    for (QChartView *v : views) {
        QVERIFY(!v->chart()->title().isEmpty());
        QVERIFY(v->chart()->legend()->isVisible());
        for (QAbstractAxis *axis : v->chart()->axes())
            QVERIFY2(!axis->titleText().isEmpty(), qPrintable(v->chart()->title()));
    }

    // Volume: the company's volume per month, in points, month by month.
    QChart *volume = views.at(0)->chart();
    QCOMPARE(volume->series().size(), 1); // the company has no personal volume
    auto *line = qobject_cast<QLineSeries *>(volume->series().first());
    QVERIFY(line);
    QCOMPARE(line->count(), 12);
    for (int i = 0; i < 12; ++i)
        QCOMPARE(line->at(i).y(), charts::points(expected->months.at(i).groupVolume));
    QCOMPARE(line->at(11).y(), 124.0);
    auto *months = qobject_cast<QBarCategoryAxis *>(volume->axes(Qt::Horizontal).first());
    QCOMPARE(months->categories().last(), charts::axisMonthLabel(oct));
    QVERIFY(months->titleText().contains(Labels::month(oct)));
    QVERIFY(volume->legend()->isVisible());

    // New and active members per month.
    auto *bars = qobject_cast<QBarSeries *>(views.at(1)->chart()->series().first());
    QVERIFY(bars);
    QCOMPARE(bars->count(), 2);
    QList<double> recruits, active;
    for (const DownlineSummary &m : expected->months) {
        recruits << double(m.newRecruits);
        active << double(m.activeMembers);
    }
    QCOMPARE(valuesOf(bars->barSets().at(0)), recruits);
    QCOMPARE(valuesOf(bars->barSets().at(1)), active);
    // A bar says its value on hover.
    emit bars->barSets().at(0)->hovered(true, 2);
    QVERIFY2(QToolTip::text().contains(Labels::month(expected->months.at(2).period)), qPrintable(QToolTip::text()));
    QVERIFY(QToolTip::text().endsWith(QLocale().toString(qint64(recruits.at(2)))));

    // Members per level, the top lines, the status mix.
    auto *levels = qobject_cast<QBarSeries *>(views.at(2)->chart()->series().first());
    QList<double> perLevel;
    for (qint64 n : expected->membersPerLevel)
        perLevel << double(n);
    QCOMPARE(valuesOf(levels->barSets().first()), perLevel);
    QCOMPARE(perLevel.mid(0, 4), (QList<double>{2, 3, 1, 0})); // ROOT is the company, not its level 1
    auto *legs = qobject_cast<QHorizontalBarSeries *>(views.at(3)->chart()->series().first());
    QVERIFY(legs);
    QCOMPARE(legs->barSets().first()->count(), int(expected->topLegs.size()));
    QCOMPARE(legs->barSets().first()->at(0), charts::points(expected->topLegs.last().groupVolume));
    auto *pie = qobject_cast<QPieSeries *>(views.at(4)->chart()->series().first());
    QVERIFY(pie);
    QCOMPARE(pie->count(), int(expected->statusMix.size()));
    for (int i = 0; i < pie->count(); ++i)
        QCOMPARE(pie->slices().at(i)->value(), double(expected->statusMix.at(i).second));
    screenshot(&view, QStringLiteral("dashboard-small-company"));
    emit pie->slices().at(1)->hovered(true);
    QVERIFY2(QToolTip::text().contains(QStringLiteral("3 of 6")), qPrintable(QToolTip::text()));
    QVERIFY(pie->slices().at(1)->isExploded());

    // A member picked by the admin: its personal volume is drawn too.
    QVERIFY(view.showDashboard(QStringLiteral("ANNA"), oct));
    QVERIFY(view.progress()->waitUntilDone());
    QTRY_VERIFY(!view.isDrawing()); // the charts come one by one
    QCOMPARE(view.dashboard()->memberCode, QStringLiteral("ANNA"));
    QChart *anna = view.chartViews().at(0)->chart();
    QCOMPARE(anna->series().size(), 2);
    QCOMPARE(qobject_cast<QLineSeries *>(anna->series().at(1))->at(11).y(), 25.0);
    auto *annaLegs = qobject_cast<QHorizontalBarSeries *>(view.chartViews().at(3)->chart()->series().first());
    QCOMPARE(
        qobject_cast<QBarCategoryAxis *>(view.chartViews().at(3)->chart()->axes(Qt::Vertical).first())->categories(),
        (QStringList{QStringLiteral("BOB Bob Jones"), QStringLiteral("CARL Carl Brown")}));
    QCOMPARE(valuesOf(annaLegs->barSets().first()), (QList<double>{49.0, 50.0}));
    // Her key numbers: October beside September (124.00 PV of group volume, up from nothing).
    QVERIFY2(view.figuresText().contains(Labels::volume(12400)), qPrintable(view.figuresText()));
    QVERIFY(view.figuresText().contains(QStringLiteral("+") + Labels::volume(12400)));

    // Exports: a chart as PNG, the dashboard as a PDF page.
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("volume.png"));
    QVERIFY(view.saveChartPng(0, png));
    QImage image(png);
    QCOMPARE(image.size(), view.chartViews().at(0)->size());
    const QString pdf = qEnvironmentVariableIsSet("MLM_SCREENSHOT_DIR")
                            ? QDir(qEnvironmentVariable("MLM_SCREENSHOT_DIR")).filePath(QStringLiteral("dashboard.pdf"))
                            : dir.filePath(QStringLiteral("dashboard.pdf"));
    QVERIFY(view.savePdf(pdf));
    QVERIFY(pdfText(pdf).contains(QStringLiteral("Anna Smith")));
    QVERIFY(!view.saveChartPng(7, png));
}

void TestUiCommissions::distributorSeesOnlyItsOwnDashboard()
{
    Desk anna(m_t->db(), user(QStringLiteral("anna"), Role::Distributor, QStringLiteral("ANNA")));
    DashboardView view(anna);
    const Period oct{2026, 10};
    QVERIFY(view.showDashboard(QStringLiteral("CARL"), oct));
    QVERIFY(view.progress()->waitUntilDone());
    QTRY_VERIFY(!view.isDrawing()); // the charts come one by one
    QVERIFY2(view.errorText().contains(QStringLiteral("own downline")), qPrintable(view.errorText()));
    QVERIFY(!view.dashboard());
    QVERIFY(view.showDashboard({}, oct)); // the company's
    QVERIFY(view.progress()->waitUntilDone());
    QTRY_VERIFY(!view.isDrawing()); // the charts come one by one
    QVERIFY(!view.errorText().isEmpty());
    QVERIFY(!view.dashboard());
    QVERIFY(view.showDashboard(QStringLiteral("ANNA"), oct));
    QVERIFY(view.progress()->waitUntilDone());
    QTRY_VERIFY(!view.isDrawing()); // the charts come one by one
    QVERIFY(view.errorText().isEmpty());
    QCOMPARE(view.dashboard()->memberCode, QStringLiteral("ANNA"));
    // The page in her window starts on her own code, which she cannot change.
    MainWindow window(anna, anna.where(), anna.url());
    anna.settle();
    QVERIFY(window.pageTitles().contains(QStringLiteral("Performance")));
    auto *own = window.findChild<DashboardView *>();
    QVERIFY(own);
    const QList<QLineEdit *> fields = own->findChildren<QLineEdit *>();
    QVERIFY(std::any_of(fields.cbegin(), fields.cend(),
                        [](const QLineEdit *e) { return e->isReadOnly() && e->text() == QLatin1String("ANNA"); }));

    // Support: no company dashboard, so Show waits for a member's code, and the page says what to do.
    Desk support(m_t->db(), user(QStringLiteral("sam"), Role::Support));
    DashboardView theirs(support);
    auto *show = theirs.findChild<QPushButton *>(QStringLiteral("showDashboard"));
    QVERIFY(show);
    QVERIFY(!show->isEnabled());
    QVERIFY(theirs.findChild<QLabel *>(QStringLiteral("dashboardHeading"))->text().contains(QStringLiteral("code")));
    auto *cards = theirs.findChild<QWidget *>(QStringLiteral("dashboardCards"));
    QVERIFY(cards);
    QVERIFY(!cards->isVisibleTo(&theirs)); // no blank cards before there is a dashboard
    theirs.resize(1280, 800);
    screenshot(&theirs, QStringLiteral("dashboard-support-empty"));
    auto *code = theirs.findChildren<QLineEdit *>().first();
    code->setText(QStringLiteral("ANNA"));
    QVERIFY(show->isEnabled());
    show->click();
    QVERIFY(theirs.progress()->waitUntilDone());
    QTRY_VERIFY(theirs.dashboard().has_value());
    QCOMPARE(theirs.dashboard()->memberCode, QStringLiteral("ANNA"));
    QVERIFY(cards->isVisibleTo(&theirs));
    QVERIFY(show->isEnabled());
    code->clear();
    QVERIFY(!show->isEnabled());
}

void TestUiCommissions::demoDashboards()
{
    auto demo = UiFixture::demo();
    QVERIFY(demo);
    auto &t = demo->database;
    const auto summary = CompanySummary::read(t->db());
    const Period last = demo->lastMonth;
    Users users(t->db());
    Desk &admin = *demo->admin;
    DashboardView company(admin);
    company.resize(1100, 1080);
    QVERIFY(company.showDashboard({}, last));
    QVERIFY(company.progress()->waitUntilDone());
    QTRY_VERIFY(!company.isDrawing()); // the charts come one by one
    QVERIFY2(company.errorText().isEmpty(), qPrintable(company.errorText()));
    QCOMPARE(company.dashboard()->months.last().downlineSize, summary->members - 1); // the demo's ROOT is the company
    screenshot(&company, QStringLiteral("dashboard-company"));
    // Each leg is named whole beside its bar (Qt Charts had cut every code to "..." at this size).
    const auto legAxes = company.chartViews().at(3)->chart()->axes(Qt::Vertical);
    QCOMPARE(legAxes.size(), 1);
    QStringList expected;
    for (const DownlineLeg &leg : company.dashboard()->topLegs)
        expected.prepend(leg.code + u' ' + leg.name); // the biggest at the top, drawn last
    QVERIFY(!expected.isEmpty());
    QCOMPARE(qobject_cast<QBarCategoryAxis *>(legAxes.first())->categories(), expected);
    QVERIFY(!legAxes.first()->labelsTruncated());
    // A bar's or slice's value is its own tooltip: no tooltip of the whole chart covers it.
    for (QChartView *chart : company.chartViews())
        QVERIFY(chart->toolTip().isEmpty() && !chart->statusTip().isEmpty());
    {
        QChartView *legs = company.chartViews().at(3);
        company.show();
        QVERIFY(QTest::qWaitForWindowExposed(&company));
        auto *series = qobject_cast<QHorizontalBarSeries *>(legs->chart()->series().first());
        const qsizetype top = series->barSets().first()->count() - 1; // the biggest leg, drawn at the top
        const QPointF onBar = legs->chart()->mapToPosition(QPointF(series->barSets().first()->at(top) / 2, top), series);
        const QPoint at = legs->mapFromScene(legs->chart()->mapToScene(onBar));
        QTest::mouseMove(legs->viewport(), at);
        QTRY_VERIFY2(QToolTip::text().contains(company.dashboard()->topLegs.first().code), qPrintable(QToolTip::text()));
        QVERIFY(QToolTip::text().contains(QStringLiteral("PV")));
        company.hide();
    }
    Desk distributor(t->db(),
                        users.signIn(QStringLiteral("distributor"), QStringLiteral("distributor-demo")).value());
    DashboardView own(distributor);
    own.resize(1100, 1080);
    QVERIFY(own.showDashboard(QString::fromLatin1(DemoCompany::kDistributorMember), last));
    QVERIFY(own.progress()->waitUntilDone());
    QTRY_VERIFY(!own.isDrawing()); // the charts come one by one
    QVERIFY2(own.errorText().isEmpty(), qPrintable(own.errorText()));
    screenshot(&own, QStringLiteral("dashboard-distributor"));
    CommissionsView runs(admin);
    runs.resize(1100, 600);
    admin.settle();
    QVERIFY(runs.select(last));
    QVERIFY(runs.startPreview());
    QVERIFY(runs.progress()->waitUntilDone());
    QVERIFY(runs.model()->rowCount() > 10);
    (void)runs.model()->memberAt(0);
    admin.settle();
    QVERIFY(!runs.model()->memberAt(0).code.isEmpty());
    screenshot(&runs, QStringLiteral("commissions-demo"));
    CatalogView catalog(admin);
    catalog.resize(1100, 500);
    StoresView stores(admin);
    stores.resize(1100, 640);
    PlanView plan(admin);
    plan.resize(1000, 640);
    admin.settle();
    screenshot(&catalog, QStringLiteral("catalog-demo"));
    screenshot(&stores, QStringLiteral("stores-demo"));
    screenshot(&plan, QStringLiteral("plan-demo"));
}

QTEST_MAIN(TestUiCommissions)
#include "tst_ui_commissions.moc"
