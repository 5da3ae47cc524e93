#pragma once

#include "auth/ApiKeys.h"
#include "domain/Result.h"
#include "domain/Store.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace mlm {

class Session;

/// The Stores page (admins): the stores and how each is connected (SPEC 3). The form explains the chosen scenario
/// in a paragraph, previews a referral link as the template makes it, and keeps the default sponsor and the pinned
/// tier; below it, the store's API keys: a new key is shown once, a key can be revoked.
class StoresView : public QWidget
{
    Q_OBJECT

public:
    explicit StoresView(Session &session, QWidget *parent = nullptr);

    QTableWidget *storesTable() const { return m_stores; }
    QTableWidget *keysTable() const { return m_keys; }
    /// Reads the stores again and selects `code` (or the first); the error, or empty.
    QString refresh(const QString &code = {});
    /// View > Refresh: reads the page again, keeping what is selected.
    Q_INVOKABLE void refreshPage();
    bool select(const QString &code);
    /// Clears the form for a new store.
    void startNewStore();
    void fill(const QString &name, const QString &baseUrl, StoreScenario scenario, const QString &linkTemplate,
              const QString &defaultSponsor, const QString &pinnedTier);
    void setCode(const QString &code);
    /// Saves the form (a new store or the selected one); the error, or empty.
    QString save();
    QString explanationText() const;
    QString previewText() const;
    QString errorText() const;
    /// A new key for the selected store: the whole key, shown once.
    Result<QString> createKey(const QString &label);
    /// Revokes the selected key; the error, or empty.
    QString revokeSelectedKey();

signals:
    void message(const QString &text);

private:
    void showStore(const Store &store);
    void updateExplanation();
    void updatePreview();
    QString refreshKeys();
    Store formStore() const;

    Session &m_session;
    QList<Store> m_storeList;
    QList<ApiKey> m_keyList;
    bool m_new = false;
    QTableWidget *m_stores;
    QLineEdit *m_code;
    QLineEdit *m_name;
    QLineEdit *m_baseUrl;
    QComboBox *m_scenario;
    QLabel *m_explanation;
    QLineEdit *m_template;
    QLabel *m_preview;
    QLineEdit *m_sponsor;
    QComboBox *m_tier;
    QLabel *m_error;
    QPushButton *m_save;
    QTableWidget *m_keys;
    QPushButton *m_createKey;
    QPushButton *m_revokeKey;
};

} // namespace mlm
