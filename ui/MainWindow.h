#pragma once

#include "domain/Result.h"

#include <QListWidget>
#include <QMainWindow>
#include <QStackedWidget>

class QHeaderView;
class QLabel;

namespace mlm {

class LinksView;
class MembersView;
class NetworkView;
class OrdersView;
class Session;

/// The desktop program's window: navigation between the pages on the left, the page on the right, who is signed in
/// (and where) in the status bar. Geometry is remembered between starts.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(Session &session, QWidget *parent = nullptr);

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
    /// File > Import dataset and Export dataset, without the file dialogs: the message shown, or the error.
    Result<QString> importDataset(const QString &path);
    Result<QString> exportDataset(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    /// A page in the navigation; what it says (its message signal) goes to the status bar.
    template <typename Page> Page *addPage(const QString &title, Page *page)
    {
        m_navigation->addItem(title);
        m_pages->addWidget(page);
        connect(page, &Page::message, this, &MainWindow::showMessage);
        return page;
    }
    void showMessage(const QString &text);
    /// The column headers of the pages' lists that have a name: their layout is remembered.
    QList<QHeaderView *> columnHeaders() const;

    Session &m_session;
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    QLabel *m_signedIn;
    NetworkView *m_network;
    MembersView *m_members = nullptr;
    LinksView *m_links = nullptr;
    OrdersView *m_orders = nullptr;
};

} // namespace mlm
