#pragma once

#include "Page.h"

#include <functional>
#include <memory>

class QComboBox;
class QDialog;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableView;
class QTimer;

namespace mlm {

class MembersModel;
struct Member;

/// The Members page (admin and support): a table of all members, filtered and sorted in SQL and read page by page,
/// and the selected member's details with its status history and the status change.
class MembersView : public Page
{
    Q_OBJECT

public:
    explicit MembersView(AsyncOffice &office, QWidget *parent = nullptr);

    MembersModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QPushButton *changeStatusButton() const { return m_changeStatus; }
    QPushButton *editContactButton() const { return m_editContact; }
    void setSearchText(const QString &text);
    /// Selects the row of the member with this code, if loaded.
    bool select(const QString &code);
    /// The details shown on the right, as text (for tests and for copying).
    QString detailsText() const;
    /// The rows loaded so far read again.
    void refresh() override;

signals:
    /// The selected member's details (with its history) are shown.
    void detailsShown();

private:
    void applyFilter();
    void showDetails();
    /// The selected member's card: its sponsor by name too once that is known.
    void showCard(const Member &member, const QString &sponsorName);
    void changeStatus();
    void editContact();
    /// Opens the dialog `dialogFor` makes for the selected member; when it was accepted, the list is read again and
    /// `done` (with %1 for the code) goes to the status bar.
    void editSelected(const std::function<std::unique_ptr<QDialog>(const Member &)> &dialogFor, const QString &done);
    const Member *selected() const;

    MembersModel *m_model;
    QString m_selectWhenLoaded; ///< the member to select again once the list is read again
    QTableView *m_table;
    QLineEdit *m_search;
    QComboBox *m_status;
    QLabel *m_count;
    QTimer *m_debounce = nullptr; ///< the pause of the search field (FilterField)
    QLabel *m_details;
    QListWidget *m_history;
    QPushButton *m_changeStatus;
    QPushButton *m_editContact;
};

} // namespace mlm
