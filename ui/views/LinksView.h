#pragma once

#include "domain/ReferralLink.h"

#include <QImage>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace mlm {

class Session;

/// The Referral links page: a member's links (a distributor: its own) with their URLs; create one (a generated or a
/// vanity code), copy its URL, deactivate it, and show its QR code, which can be saved as PNG.
class LinksView : public QWidget
{
    Q_OBJECT

public:
    explicit LinksView(Session &session, QWidget *parent = nullptr);

    /// Shows the links of this member; the error text, or empty.
    QString showMember(const QString &code);
    /// Creates a link for the shown member in `storeCode` (vanity empty: a generated code); the error, or empty.
    QString createLink(const QString &storeCode, const QString &vanityCode);
    bool selectLink(const QString &code);
    QString deactivateSelected();
    QString selectedUrl() const;
    QImage qrImage() const { return m_qr; }
    int linkCount() const;
    /// Puts the selected link's URL on the clipboard.
    void copyUrl();

signals:
    void message(const QString &text);

private:
    void reload();
    void showSelected();
    void saveQr();

    Session &m_session;
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
};

} // namespace mlm
