#pragma once
// What the GUI tests on a local database share: the includes, a user at the test's database (Desk), the small
// company loaded for each test, screenshots.
#include "TestData.h"
#include "TestDatabase.h"
#include "UiSupport.h"

#include "Ask.h"
#include "AsyncOffice.h"
#include "BackgroundWork.h"
#include "InlineProgress.h"
#include "Labels.h"
#include "MainWindow.h"
#include "auth/ApiKeys.h"
#include "catalog/Catalog.h"
#include "charts/DownlineCharts.h"
#include "compensation/CommissionReport.h"
#include "compensation/Plans.h"
#include "dataset/DemoCompany.h"
#include "dialogs/ContactDialog.h"
#include "dialogs/FirstAdminDialog.h"
#include "dialogs/OpenDatabaseDialog.h"
#include "dialogs/OrderEntryDialog.h"
#include "dialogs/ProductDialog.h"
#include "dialogs/SignInDialog.h"
#include "dialogs/StatementDialog.h"
#include "dialogs/StatusChangeDialog.h"
#include "dialogs/UserDialog.h"
#include "domain/Csv.h"
#include "genealogy/Members.h"
#include "models/CatalogModel.h"
#include "models/CommissionsModel.h"
#include "models/MembersModel.h"
#include "models/NetworkModel.h"
#include "models/OrdersModel.h"
#include "office/Session.h"
#include "reports/CompanySummary.h"
#include "storage/Migrations.h"
#include "stores/Stores.h"
#include "views/AuditView.h"
#include "views/CatalogView.h"
#include "views/CommissionsView.h"
#include "views/CustomersView.h"
#include "views/DashboardView.h"
#include "views/LinksView.h"
#include "views/MembersView.h"
#include "views/NetworkView.h"
#include "views/OrdersView.h"
#include "views/PlanView.h"
#include "views/StoresView.h"
#include "views/UsersView.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QClipboard>
#include <QDeadlineTimer>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QHorizontalBarSeries>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QMenu>
#include <QPieSeries>
#include <QPieSlice>
#include <QProcess>
#include <QPushButton>
#include <QScrollBar>
#include <QSemaphore>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <QTreeView>
#include <QValueAxis>

#include <memory>

namespace mlm::test {

/// A user at the test's database: the AsyncOffice the window calls through (its own connections, on threads of its
/// own), and a Session of its own for the checks beside the window.
class Desk
{
public:
    Desk(Database &db, const User &user)
        : m_url(db.url()), m_session(db, user), m_office(AsyncOffice::local(db.url(), user))
    {
    }
    operator AsyncOffice &() { return *m_office; }
    Session *operator->() { return &m_session; }
    AsyncOffice &office() { return *m_office; }
    const DatabaseUrl &url() const { return m_url; }
    QString where() const { return m_url.displayString(); }
    /// Waits until every answer asked for so far was delivered.
    void settle() { test::settle(*m_office); }

private:
    DatabaseUrl m_url;
    Session m_session;
    std::unique_ptr<AsyncOffice> m_office;
};

/// The small company in a database of the test's own backend, for each test function.
class UiFixture
{
protected:
    void start()
    {
        m_t = TestDatabase::create();
        QVERIFY(m_t);
        QVERIFY(loadSmallCompany(m_t->db()));
    }
    void stop() { m_t.reset(); }
    User user(const QString &name, Role role, const QString &member = {})
    {
        auto added = Users(m_t->db()).add({name, QStringLiteral("password1"), role, member}, testActor());
        if (!added)
            qFatal("%s", qPrintable(added.error().message));
        return added.value();
    }
    /// The window shows "this month" by the clock: its demo is made today, as run-demo.sh makes it.
    static QDate today() { return QDateTime::currentDateTimeUtc().date(); }
    /// The demo company (320 members, a year of orders) made today in a database of its own, its admin at a desk,
    /// and the last month with paid orders; empty when that fails.
    struct Demo
    {
        std::unique_ptr<TestDatabase> database;
        std::unique_ptr<Desk> admin;
        Period lastMonth;
    };
    static std::optional<Demo> demo()
    {
        Demo d;
        d.database = TestDatabase::create();
        if (!d.database || !DemoCompany::create(d.database->db(), testActor(), today()))
            return std::nullopt;
        auto summary = CompanySummary::read(d.database->db());
        auto admin = Users(d.database->db()).signIn(QStringLiteral("admin"), QStringLiteral("admin-demo"));
        if (!summary || !summary->lastPaid || !admin)
            return std::nullopt;
        d.lastMonth = Period::containing(*summary->lastPaid);
        d.admin = std::make_unique<Desk>(d.database->db(), admin.value());
        return d;
    }
    static void screenshot(QWidget *widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("MLM_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            widget->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
    }
    static QStringList codesUnder(NetworkModel &model, const QModelIndex &parent, Desk &desk)
    {
        desk.settle();
        if (model.canFetchMore(parent))
            model.fetchMore(parent);
        desk.settle();
        QStringList codes;
        for (int row = 0; row < model.rowCount(parent); ++row)
            codes << model.index(row, NetworkModel::CodeColumn, parent).data().toString();
        return codes;
    }
    std::unique_ptr<TestDatabase> m_t;
};

} // namespace mlm::test
