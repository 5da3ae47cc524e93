#pragma once

#include "domain/Result.h"
#include "storage/DatabaseUrl.h"

#include <optional>

#include <QListWidget>
#include <QMainWindow>
#include <QStackedWidget>

class QHeaderView;
class QLabel;
class QToolBar;

namespace mlm {

class LinksView;
class MembersView;
class NetworkView;
class OrdersView;
class AsyncOffice;
class Page;

/// The desktop program's window: navigation between the pages on the left, the page on the right, who is signed in
/// (and where) in the status bar. Geometry is remembered between starts. Every page reads through the AsyncOffice,
/// so the window never waits on the database or the server; while answers are on their way the status bar says
/// so, and when the server or the database cannot be reached a banner says it and offers to try again.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    /// `where`: the database or the server, as the status bar names it; `database`: the database itself when this
    /// program opened it (dataset import and export work there only), none over the company's server.
    MainWindow(AsyncOffice &office, const QString &where, std::optional<DatabaseUrl> database = std::nullopt,
               QWidget *parent = nullptr);

    NetworkView *networkView() const { return m_network; }
    /// The Members page, or nullptr for a role that does not see all members.
    MembersView *membersView() const { return m_members; }
    LinksView *linksView() const { return m_links; }
    OrdersView *ordersView() const { return m_orders; }
    /// The titles in the navigation, in order.
    QStringList pageTitles() const;
    QString signedInText() const;
    /// Settings > Language: the language of the next start ("de", "es", "ru", "en"; empty: the system's).
    static void setLanguage(const QString &code);
    /// The page shown.
    Page *currentPage() const;
    /// What the tool bar offers now: Find and Refresh, then the shown page's own actions.
    QList<QAction *> toolBarActions() const;
    /// The banner saying the connection is lost (hidden while it is not).
    QWidget *connectionBanner() const { return m_banner; }
    /// File > Import dataset and Export dataset, without the file dialogs: the message shown, or the error.
    Result<QString> importDataset(const QString &path);
    Result<QString> exportDataset(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    /// A page in the navigation; what it says (its message signal) goes to the status bar.
    template <typename View> View *addPage(const QString &title, View *page)
    {
        m_navigation->addItem(title);
        m_pages->addWidget(page);
        connect(page, &View::message, this, &MainWindow::showMessage);
        return page;
    }
    void showMessage(const QString &text);
    /// The column headers of the pages' lists that have a name: their layout is remembered.
    QList<QHeaderView *> columnHeaders() const;

    void showConnectionLost(const QString &message);
    void showPageActions();
    /// The server ended the sign-in: the password again, then the page shown is read again.
    void signInAgain(const QString &why);

    AsyncOffice &m_office;
    QString m_where;
    std::optional<DatabaseUrl> m_database;
    QWidget *m_banner;
    QLabel *m_bannerText;
    QLabel *m_busy;
    QToolBar *m_tools = nullptr;
    QAction *m_pageActionsAt = nullptr; ///< the separator before the page's own actions
    bool m_signingIn = false;
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    QLabel *m_signedIn;
    NetworkView *m_network;
    MembersView *m_members = nullptr;
    LinksView *m_links = nullptr;
    OrdersView *m_orders = nullptr;
};

} // namespace mlm
