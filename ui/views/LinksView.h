#pragma once

#include "domain/ReferralLink.h"

#include <QImage>
#include "Page.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace mlm {

/// The Referral links page: a member's links (a distributor: its own) with their URLs; create one (a generated or a
/// vanity code), copy its URL, deactivate it, and show its QR code, which can be saved as PNG.
class LinksView : public Page
{
    Q_OBJECT

public:
    explicit LinksView(AsyncOffice &office, QWidget *parent = nullptr);

    /// Shows the links of this member when they come, then `done`.
    void showMember(const QString &code, std::function<void(Status)> done = {});
    /// Creates a link for the shown member in `storeCode` (vanity empty: a generated code), then `done`.
    void createLink(const QString &storeCode, const QString &vanityCode, std::function<void(Status)> done = {});
    bool selectLink(const QString &code);
    void deactivateSelected(std::function<void(Status)> done = {});
    /// The stores and the shown member's links read again.
    void refresh() override;
    QString selectedUrl() const;
    QImage qrImage() const { return m_qr; }
    int linkCount() const;
    /// Puts the selected link's URL on the clipboard.
    void copyUrl();
    QPushButton *createButton() const { return m_create; }
    /// What the page says where the list is empty (which member to choose, or that it has no links yet).
    QString emptyText() const;

private:
    void reload();
    void showSelected();
    void saveQr();

    QString m_memberCode;
    QList<ReferralLink> m_links;
    QImage m_qr;
    QLineEdit *m_member;
    QTableWidget *m_table;
    QComboBox *m_store;
    QLineEdit *m_vanity;
    QLabel *m_error;
    QLabel *m_qrLabel;
    QLabel *m_url;
    QPushButton *m_copy;
    QPushButton *m_save;
    QPushButton *m_deactivate;
    QPushButton *m_create;
    QLabel *m_empty;
};

} // namespace mlm
