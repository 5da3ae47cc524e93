#include "UsersView.h"
#include "Ask.h"

#include "Labels.h"
#include "dialogs/UserDialog.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace mlm {

UsersView::UsersView(AsyncOffice &office, QWidget *parent)
    : Page(office, parent), m_table(new QTableWidget(0, 5, this)),
      m_add(new QPushButton(tr("&Add user..."), this)), m_role(new QPushButton(tr("Change &role..."), this)),
      m_password(new QPushButton(tr("Set &password..."), this)), m_active(new QPushButton(tr("&Disable"), this))
{
    m_table->setObjectName(QStringLiteral("usersTable")); // its column layout is remembered under this name
    m_table->setHorizontalHeaderLabels({tr("User"), tr("Role"), tr("Member"), tr("State"), tr("Since")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    // A user name is short: the last column takes the room that is left, not the name.
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(0, 220);
    m_table->setColumnWidth(1, 120);
    m_table->setColumnWidth(2, 120);
    m_table->setColumnWidth(3, 100);
    m_table->setColumnWidth(4, 120);
    m_active->setObjectName(QStringLiteral("userActive"));
    connect(m_table, &QTableWidget::currentCellChanged, this, &UsersView::updateButtons);
    connect(m_add, &QPushButton::clicked, this, [this] { openDialog(int(UserDialog::Change::NewUser)); });
    connect(m_role, &QPushButton::clicked, this, [this] { openDialog(int(UserDialog::Change::Role)); });
    connect(m_password, &QPushButton::clicked, this, [this] { openDialog(int(UserDialog::Change::Password)); });
    connect(m_active, &QPushButton::clicked, this, [this] {
        const User *user = selected();
        if (!user)
            return;
        if (user->active && !ask::confirm(this, tr("Disable user"),
                                          tr("Disable %1? The account stays, but cannot sign in until it is "
                                             "enabled again.")
                                              .arg(user->username),
                                          tr("Disable user"), QMessageBox::Warning))
            return;
        setSelectedActive(!user->active, [this](const Status &done) {
            if (!done)
                ask::warning(this, tr("Users"), done.error().message);
        });
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addStretch();
    buttons->addWidget(m_role);
    buttons->addWidget(m_password);
    buttons->addWidget(m_active);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    refresh();
}

void UsersView::refresh()
{
    askLatest<QList<User>>(0, [](Office &office) { return office.users(); },
                           [this](Result<QList<User>> users) {
                               if (!users)
                                   return emit message(users.error().message);
                               showUsers(users.value());
                               emit usersShown();
                           });
}

void UsersView::showUsers(const QList<User> &users)
{
    const QString current = selected() ? selected()->username : QString();
    m_users = users;
    m_table->setRowCount(int(m_users.size()));
    for (int row = 0; row < m_users.size(); ++row) {
        const User &u = m_users.at(row);
        const QStringList cells{u.username, Labels::role(u.role), u.memberCode,
                                u.active ? tr("active") : tr("disabled"), Labels::date(u.createdAt)};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (!u.active)
                item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
            m_table->setItem(row, column, item);
        }
    }
    if (current.isEmpty() || !select(current))
        m_table->setCurrentCell(m_users.isEmpty() ? -1 : 0, 0);
    updateButtons();
}

bool UsersView::select(const QString &username)
{
    for (int row = 0; row < m_users.size(); ++row) {
        if (m_users.at(row).username.compare(username, Qt::CaseInsensitive) == 0) {
            m_table->setCurrentCell(row, 0);
            return true;
        }
    }
    return false;
}

const User *UsersView::selected() const
{
    const int row = m_table->currentRow();
    return row >= 0 && row < m_users.size() ? &m_users.at(row) : nullptr;
}

void UsersView::updateButtons()
{
    const User *user = selected();
    for (QPushButton *b : {m_role, m_password, m_active})
        b->setEnabled(user != nullptr);
    m_active->setText(user && !user->active ? tr("&Enable") : tr("&Disable"));
    // Core refuses to disable the user signed in; the button says so before it is pressed.
    const bool self = user && user->username.compare(m_office.user().username, Qt::CaseInsensitive) == 0;
    if (self && user->active)
        m_active->setEnabled(false);
    m_active->setToolTip(self ? tr("You are signed in as this user: another administrator can disable it.")
                              : QString());
}

void UsersView::setSelectedActive(bool active, std::function<void(Status)> done)
{
    const User *user = selected();
    if (!user) {
        if (done)
            done(makeError(ErrorCode::InvalidArgument, tr("Select a user first.")));
        return;
    }
    ask<void>([name = user->username, active](Office &office) { return office.setUserActive(name, active); },
              [this, name = user->username, active, done = std::move(done)](Status changed) {
                  if (changed) {
                      emit message(active ? tr("%1 may sign in again").arg(name) : tr("%1 is disabled").arg(name));
                      refresh();
                  }
                  if (done)
                      done(changed);
              });
}

void UsersView::openDialog(int change)
{
    const auto kind = UserDialog::Change(change);
    const User *user = selected();
    if (kind != UserDialog::Change::NewUser && !user)
        return;
    UserDialog dialog(m_office, kind, user ? *user : User{}, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    emit message(tr("Users saved"));
    refresh();
}

} // namespace mlm
