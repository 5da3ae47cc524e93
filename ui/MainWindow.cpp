#include "MainWindow.h"

#include "BackgroundWork.h"
#include "Labels.h"
#include "office/Session.h"
#include "i18n/Translations.h"
#include "models/MembersModel.h"
#include "models/NetworkModel.h"
#include "models/OrdersModel.h"
#include "storage/Database.h"
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

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>

namespace mlm {

MainWindow::MainWindow(Session &session, QWidget *parent)
    : QMainWindow(parent), m_session(session), m_navigation(new QListWidget(this)), m_pages(new QStackedWidget(this)),
      m_signedIn(new QLabel(this)), m_network(new NetworkView(session, this))
{
    setWindowTitle(tr("MLM Back Office"));
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setFixedWidth(170);
    m_navigation->setStyleSheet(QStringLiteral("QListWidget { background: palette(window); padding: 8px 6px; }"
                                               "QListWidget::item { padding: 7px 12px; border-radius: 4px; }"
                                               "QListWidget::item:selected { background: palette(highlight); "
                                               "color: palette(highlighted-text); }"));
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    addPage(tr("Network"), m_network);
    if (session.can(Action::ViewAllMembers)) {
        m_members = new MembersView(session, this);
        addPage(tr("Members"), m_members);
    }
    if (session.can(Action::ViewCustomers)) {
        auto *customers = new CustomersView(session, this);
        addPage(tr("Customers"), customers);
    }
    if (session.can(Action::ViewOrders)) {
        m_orders = new OrdersView(session, this);
        addPage(tr("Orders"), m_orders);
    }
    if (session.can(Action::ManageLinks)) {
        m_links = new LinksView(session, this);
        addPage(tr("Referral links"), m_links);
    }
    {
        auto *dashboard = new DashboardView(session, this);
        addPage(tr("Performance"), dashboard);
    }
    if (session.can(Action::ViewCommissions)) {
        auto *commissions = new CommissionsView(session, this);
        addPage(tr("Commissions"), commissions);
    }
    if (session.can(Action::EditCatalog)) {
        auto *catalog = new CatalogView(session, this);
        addPage(tr("Catalog"), catalog);
    }
    if (session.can(Action::EditStores)) {
        auto *stores = new StoresView(session, this);
        addPage(tr("Stores"), stores);
    }
    if (session.can(Action::EditPlan)) {
        auto *plan = new PlanView(session, this);
        addPage(tr("Compensation plan"), plan);
    }
    if (session.can(Action::ManageUsers)) {
        auto *users = new UsersView(session, this);
        addPage(tr("Users"), users);
    }
    if (session.can(Action::ViewAudit)) {
        auto *audit = new AuditView(session, this);
        addPage(tr("Audit log"), audit);
    }
    m_navigation->setCurrentRow(0);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open another database..."), QKeySequence::Open, this, [] {
        // A new window of the program asks which database, and who signs in there.
        QProcess::startDetached(QCoreApplication::applicationFilePath(), {});
    });
    file->addSeparator();
    if (session.can(Action::ImportExport)) {
        file->addAction(tr("&Import dataset..."), this, [this] {
            const QString path =
                QFileDialog::getOpenFileName(this, tr("Import dataset"), QString(), tr("Dataset files (*.json)"));
            if (path.isEmpty())
                return;
            auto done = importDataset(path);
            QMessageBox::information(this, tr("Import dataset"), done ? done.value() : done.error().message);
        });
        file->addAction(tr("&Export dataset..."), this, [this] {
            const QString path = QFileDialog::getSaveFileName(
                this, tr("Export dataset"), QStringLiteral("backoffice.json"), tr("Dataset files (*.json)"));
            if (path.isEmpty())
                return;
            auto done = exportDataset(path);
            QMessageBox::information(this, tr("Export dataset"), done ? done.value() : done.error().message);
        });
        file->addSeparator();
    }
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *findAction = view->addAction(tr("&Find a member"), QKeySequence::Find, this, [this] {
        m_navigation->setCurrentRow(0);
        if (auto *search = m_network->findChild<QLineEdit *>(QStringLiteral("networkSearch")))
            search->setFocus();
    });
    QAction *refreshAction = view->addAction(tr("&Refresh"), QKeySequence::Refresh, this, [this] {
        m_network->model()->reload();
        m_network->loadTreeIndex();
        if (m_members)
            m_members->model()->refresh();
        if (m_orders)
            m_orders->model()->setFilter(m_orders->model()->filter());
        // The other pages read themselves again when they are the one shown.
        QWidget *page = m_pages->currentWidget();
        if (page->metaObject()->indexOfMethod("refreshPage()") >= 0)
            QMetaObject::invokeMethod(page, "refreshPage");
    });
    view->addAction(m_network->moveAction());
    QMenu *settingsMenu = menuBar()->addMenu(tr("&Settings"));
    QMenu *language = settingsMenu->addMenu(tr("&Language"));
    auto *languages = new QActionGroup(this);
    const QString chosen = QSettings().value(QStringLiteral("language")).toString();
    QList<std::pair<QString, QString>> choices{{QString(), tr("The system's language")},
                                               {QStringLiteral("en"), QStringLiteral("English")}};
    for (const QString &code : translatedLanguages()) {
        const QLocale locale(code);
        QString name = locale.nativeLanguageName();
        choices.append({code, name.left(1).toUpper() + name.mid(1)});
    }
    for (const auto &[code, name] : choices) {
        QAction *action = language->addAction(name);
        action->setCheckable(true);
        action->setChecked(code == chosen);
        action->setData(code);
        languages->addAction(action);
    }
    connect(languages, &QActionGroup::triggered, this, [this](QAction *action) {
        setLanguage(action->data().toString());
        QMessageBox::information(this, tr("Language"),
                                 tr("The program will speak %1 from its next start.").arg(action->text()));
    });
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About"), this, [this] {
        QMessageBox::about(this, tr("About MLM Back Office"),
                           tr("<b>MLM Back Office</b> %1<br>Distributors, customers, orders and commissions for "
                              "direct-selling companies.")
                               .arg(QStringLiteral(MLM_VERSION)));
    });

    m_signedIn->setObjectName(QStringLiteral("signedIn"));
    m_signedIn->setText(signedInText());
    statusBar()->addPermanentWidget(m_signedIn);

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1100, 700);
    for (QHeaderView *header : columnHeaders())
        header->restoreState(settings.value(QStringLiteral("columns/") + header->parent()->objectName()).toByteArray());

    auto *tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setMovable(false);
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    tools->addAction(findAction);
    tools->addAction(refreshAction);
    if (m_network->moveAction()->isVisible())
        tools->addAction(m_network->moveAction());
}

void MainWindow::setLanguage(const QString &code)
{
    QSettings settings;
    if (code.isEmpty())
        settings.remove(QStringLiteral("language"));
    else
        settings.setValue(QStringLiteral("language"), code);
}

QString MainWindow::signedInText() const
{
    const User &user = m_session.user();
    QString who = tr("Signed in as %1 (%2)").arg(user.username, Labels::role(user.role));
    if (user.role == Role::Distributor)
        who += tr(", member %1").arg(user.memberCode);
    return who + QStringLiteral("  |  ") + m_session.database().url().displayString();
}

QStringList MainWindow::pageTitles() const
{
    QStringList titles;
    for (int i = 0; i < m_navigation->count(); ++i)
        titles << m_navigation->item(i)->text();
    return titles;
}

Result<QString> MainWindow::importDataset(const QString &path)
{
    auto done = BackgroundWork::run(
        this, m_session, tr("Importing %1").arg(QFileInfo(path).fileName()),
        [path](Session &worker, const BackgroundWork::Progress &progress) -> Result<QString> {
            auto summary = worker.importDataset(path, progress);
            if (!summary)
                return summary.error();
            return tr("Imported %1 members and %2 orders.").arg(summary->members).arg(summary->orders);
        });
    if (done) {
        m_network->model()->reload();
        if (m_members)
            m_members->model()->refresh();
    }
    return done;
}

Result<QString> MainWindow::exportDataset(const QString &path)
{
    return BackgroundWork::run(this, m_session, tr("Exporting to %1").arg(QFileInfo(path).fileName()),
                               [path](Session &worker, const BackgroundWork::Progress &progress) -> Result<QString> {
                                   MLM_TRY(worker.exportDataset(path, progress));
                                   return tr("Exported to %1.").arg(path);
                               });
}

void MainWindow::showMessage(const QString &text)
{
    statusBar()->showMessage(text, 8000);
}

QList<QHeaderView *> MainWindow::columnHeaders() const
{
    QList<QHeaderView *> headers;
    for (QAbstractItemView *view : findChildren<QAbstractItemView *>()) {
        QHeaderView *header = nullptr;
        if (auto *tree = qobject_cast<QTreeView *>(view))
            header = tree->header();
        else if (auto *table = qobject_cast<QTableView *>(view))
            header = table->horizontalHeader();
        if (header && !view->objectName().isEmpty())
            headers << header;
    }
    return headers;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    for (QHeaderView *header : columnHeaders())
        settings.setValue(QStringLiteral("columns/") + header->parent()->objectName(), header->saveState());
    event->accept();
}

} // namespace mlm
