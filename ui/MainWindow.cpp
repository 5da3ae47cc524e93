#include "MainWindow.h"
#include "Ask.h"

#include "BackgroundWork.h"
#include "Labels.h"
#include "AsyncOffice.h"
#include "office/RemoteOffice.h"
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
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>

namespace mlm {

MainWindow::MainWindow(AsyncOffice &office, const QString &where, std::optional<DatabaseUrl> database,
                       QWidget *parent)
    : QMainWindow(parent), m_office(office), m_where(where), m_database(std::move(database)),
      m_navigation(new QListWidget(this)), m_pages(new QStackedWidget(this)), m_signedIn(new QLabel(this)),
      m_network(new NetworkView(office, this)), m_banner(new QWidget(this)), m_bannerText(new QLabel(this)),
      m_busy(new QLabel(this))
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
    if (office.can(Action::ViewAllMembers)) {
        m_members = new MembersView(office, this);
        addPage(tr("Members"), m_members);
    }
    if (office.can(Action::ViewCustomers)) {
        auto *customers = new CustomersView(office, this);
        addPage(tr("Customers"), customers);
    }
    if (office.can(Action::ViewOrders)) {
        m_orders = new OrdersView(office, this);
        addPage(tr("Orders"), m_orders);
    }
    if (office.can(Action::ManageLinks)) {
        m_links = new LinksView(office, this);
        addPage(tr("Referral links"), m_links);
    }
    {
        auto *dashboard = new DashboardView(office, this);
        addPage(tr("Performance"), dashboard);
    }
    if (office.can(Action::ViewCommissions)) {
        auto *commissions = new CommissionsView(office, this);
        addPage(tr("Commissions"), commissions);
    }
    if (office.can(Action::EditCatalog)) {
        auto *catalog = new CatalogView(office, this);
        addPage(tr("Catalog"), catalog);
    }
    if (office.can(Action::EditStores)) {
        auto *stores = new StoresView(office, this);
        addPage(tr("Stores"), stores);
    }
    if (office.can(Action::EditPlan)) {
        auto *plan = new PlanView(office, this);
        addPage(tr("Compensation plan"), plan);
    }
    if (office.can(Action::ManageUsers)) {
        auto *users = new UsersView(office, this);
        addPage(tr("Users"), users);
    }
    if (office.can(Action::ViewAudit)) {
        auto *audit = new AuditView(office, this);
        addPage(tr("Audit log"), audit);
    }
    m_navigation->setCurrentRow(0);

    // The banner over the pages when the server or the database cannot be reached; the pages stay usable.
    m_banner->setObjectName(QStringLiteral("connectionBanner"));
    m_banner->setAutoFillBackground(true);
    m_banner->setStyleSheet(QStringLiteral("#connectionBanner { background: #fff4ce; border-bottom: 1px solid #e0c060; }"));
    m_bannerText->setWordWrap(true);
    auto *retry = new QPushButton(tr("&Try again"), m_banner);
    retry->setObjectName(QStringLiteral("retryConnection"));
    connect(retry, &QPushButton::clicked, this, [this] {
        m_bannerText->setText(tr("Trying again..."));
        if (Page *page = currentPage())
            page->refresh();
    });
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(12, 6, 12, 6);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(retry);
    m_banner->hide();
    connect(&office, &AsyncOffice::connectionLost, this, &MainWindow::showConnectionLost);
    connect(&office, &AsyncOffice::connectionBack, m_banner, &QWidget::hide);
    connect(&office, &AsyncOffice::signInNeeded, this, &MainWindow::signInAgain);
    m_busy->setObjectName(QStringLiteral("busy"));
    m_busy->setText(tr("Loading..."));
    m_busy->setVisible(office.pending() > 0);
    connect(&office, &AsyncOffice::busyChanged, m_busy, &QWidget::setVisible);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigation);
    auto *right = new QVBoxLayout;
    right->setContentsMargins(0, 0, 0, 0);
    right->setSpacing(0);
    right->addWidget(m_banner);
    right->addWidget(m_pages, 1);
    layout->addLayout(right, 1);
    setCentralWidget(central);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open another database..."), QKeySequence::Open, this, [] {
          // A new window of the program asks which database, and who signs in there.
          QProcess::startDetached(QCoreApplication::applicationFilePath(), {});
      })->setObjectName(QStringLiteral("openAnother"));
    file->addSeparator();
    if (office.can(Action::ImportExport)) {
        QAction *importAction = file->addAction(tr("&Import dataset..."), this, [this] {
            const QString path =
                ask::openFileName(this, tr("Import dataset"), QString(), tr("Dataset files (*.json)"));
            if (path.isEmpty())
                return;
            auto done = importDataset(path);
            ask::information(this, tr("Import dataset"), done ? done.value() : done.error().message);
        });
        QAction *exportAction = file->addAction(tr("&Export dataset..."), this, [this] {
            const QString path = ask::saveFileName(
                this, tr("Export dataset"), QStringLiteral("backoffice.json"), tr("Dataset files (*.json)"));
            if (path.isEmpty())
                return;
            auto done = exportDataset(path);
            ask::information(this, tr("Export dataset"), done ? done.value() : done.error().message);
        });
        importAction->setObjectName(QStringLiteral("importDataset"));
        exportAction->setObjectName(QStringLiteral("exportDataset"));
        if (!m_database) {
            // A dataset is read and written at the database itself: the company's server does not take one.
            for (QAction *action : {importAction, exportAction}) {
                action->setEnabled(false);
                action->setToolTip(tr("Datasets are imported and exported at the database itself (mlmctl on the "
                                      "server's machine), not over the company's server."));
            }
            file->setToolTipsVisible(true);
        }
        file->addSeparator();
    }
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close)->setObjectName(QStringLiteral("quit"));
    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *findAction = view->addAction(tr("&Find a member"), QKeySequence::Find, this, [this] {
        m_navigation->setCurrentRow(0);
        if (auto *search = m_network->findChild<QLineEdit *>(QStringLiteral("networkSearch")))
            search->setFocus();
    });
    QAction *refreshAction = view->addAction(tr("&Refresh"), QKeySequence::Refresh, this, [this] {
        if (Page *page = currentPage())
            page->refresh();
    });
    findAction->setObjectName(QStringLiteral("findMember"));
    refreshAction->setObjectName(QStringLiteral("refresh"));
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
        action->setObjectName(QStringLiteral("language-") + (code.isEmpty() ? QStringLiteral("system") : code));
        languages->addAction(action);
    }
    connect(languages, &QActionGroup::triggered, this, [this](QAction *action) {
        setLanguage(action->data().toString());
        ask::information(this, tr("Language"),
                                 tr("The program will speak %1 from its next start.").arg(action->text()));
    });
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About"), this, [this] {
            QMessageBox::about(this, tr("About MLM Back Office"),
                               tr("<b>MLM Back Office</b> %1<br>Distributors, customers, orders and commissions for "
                                  "direct-selling companies.")
                                   .arg(QStringLiteral(MLM_VERSION)));
        })->setObjectName(QStringLiteral("about"));

    m_signedIn->setObjectName(QStringLiteral("signedIn"));
    m_signedIn->setText(signedInText());
    statusBar()->addPermanentWidget(m_busy);
    statusBar()->addPermanentWidget(m_signedIn);

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1100, 700);
    for (QHeaderView *header : columnHeaders())
        header->restoreState(settings.value(QStringLiteral("columns/") + header->parent()->objectName()).toByteArray());

    auto *tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->toggleViewAction()->setObjectName(QStringLiteral("showMainToolBar"));
    tools->setMovable(false);
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    tools->addAction(findAction);
    tools->addAction(refreshAction);
    m_pageActionsAt = tools->addSeparator();
    m_tools = tools;
    showPageActions();
    connect(m_navigation, &QListWidget::currentRowChanged, this, &MainWindow::showPageActions);
}

void MainWindow::showPageActions()
{
    // The common actions, then the shown page's own: another page's never (they would act on what is not seen).
    const QList<QAction *> all = m_tools->actions();
    for (qsizetype i = all.indexOf(m_pageActionsAt) + 1; i < all.size(); ++i)
        m_tools->removeAction(all.at(i));
    const QList<QAction *> own = currentPage() ? currentPage()->pageActions() : QList<QAction *>();
    m_pageActionsAt->setVisible(!own.isEmpty());
    m_tools->addActions(own);
}

QList<QAction *> MainWindow::toolBarActions() const
{
    QList<QAction *> shown;
    for (QAction *action : m_tools->actions()) {
        if (!action->isSeparator())
            shown.append(action);
    }
    return shown;
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
    const User &user = m_office.user();
    QString who = tr("Signed in as %1 (%2)").arg(user.username, Labels::role(user.role));
    if (user.role == Role::Distributor)
        who += tr(", member %1").arg(user.memberCode);
    return who + QStringLiteral("  |  ") + m_where;
}

QStringList MainWindow::pageTitles() const
{
    QStringList titles;
    for (int i = 0; i < m_navigation->count(); ++i)
        titles << m_navigation->item(i)->text();
    return titles;
}

Page *MainWindow::currentPage() const
{
    return qobject_cast<Page *>(m_pages->currentWidget());
}

void MainWindow::showConnectionLost(const QString &message)
{
    m_bannerText->setText(tr("<b>No connection.</b> %1. What is shown may be out of date; changes cannot be saved "
                             "until the connection is back.")
                              .arg(message.toHtmlEscaped()));
    m_banner->show();
}

void MainWindow::signInAgain(const QString &why)
{
    if (m_signingIn)
        return; // every call refused meanwhile says the same
    m_signingIn = true;
    bool ok = false;
    const QString password =
        ask::text(this, tr("Sign in again"),
                  tr("The server ended your session (%1).\nPassword of %2:").arg(why, m_office.user().username),
                  QLineEdit::Password, QString(), &ok);
    if (!ok) {
        m_signingIn = false;
        showMessage(tr("Not signed in: the pages cannot be read until you sign in again (View > Refresh)."));
        return;
    }
    m_office.call<void>(
        this,
        [password](Office &office) -> Status {
            auto *remote = dynamic_cast<RemoteOffice *>(&office);
            if (!remote)
                return makeError(ErrorCode::FailedPrecondition, tr("not signed in to a server"));
            return remote->renew(password);
        },
        [this](Status renewed) {
            m_signingIn = false;
            if (!renewed)
                return signInAgain(renewed.error().message);
            showMessage(tr("Signed in again"));
            if (Page *page = currentPage())
                page->refresh(); // where the person was, read again
        });
}

Result<QString> MainWindow::importDataset(const QString &path)
{
    if (!m_database)
        return makeError(ErrorCode::FailedPrecondition, tr("datasets are imported at the database itself"));
    auto done = BackgroundWork::run(
        this, *m_database, m_office.user(), tr("Importing %1").arg(QFileInfo(path).fileName()),
        [path](Session &worker, const BackgroundWork::Progress &progress) -> Result<QString> {
            auto summary = worker.importDataset(path, progress);
            if (!summary)
                return summary.error();
            return tr("Imported %1 members and %2 orders.").arg(summary->members).arg(summary->orders);
        });
    if (done) {
        m_network->refresh();
        if (m_members)
            m_members->refresh();
    }
    return done;
}

Result<QString> MainWindow::exportDataset(const QString &path)
{
    if (!m_database)
        return makeError(ErrorCode::FailedPrecondition, tr("datasets are exported at the database itself"));
    return BackgroundWork::run(this, *m_database, m_office.user(), tr("Exporting to %1").arg(QFileInfo(path).fileName()),
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
