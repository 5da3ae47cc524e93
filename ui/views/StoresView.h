#pragma once

#include "auth/ApiKeys.h"
#include "domain/Result.h"
#include "domain/Store.h"

#include "Page.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace mlm {


/// The Stores page (admins): the stores and how each is connected (SPEC 3). The form explains the chosen scenario
/// in a paragraph, previews a referral link as the template makes it, and keeps the default sponsor and the pinned
/// tier; below it, the store's API keys: a new key is shown once, a key can be revoked.
class StoresView : public Page
{
    Q_OBJECT

public:
    explicit StoresView(AsyncOffice &office, QWidget *parent = nullptr);

    QTableWidget *storesTable() const { return m_stores; }
    QTableWidget *keysTable() const { return m_keys; }
    /// Reads the stores again and selects `code` (or the first), then `done`.
    void showStores(const QString &code = {}, std::function<void(Status)> done = {});
    /// View > Refresh: reads the page again, keeping what is selected.
    void refresh() override;
    bool select(const QString &code);
    /// Clears the form for a new store.
    void startNewStore();
    void fill(const QString &name, const QString &baseUrl, StoreScenario scenario, const QString &linkTemplate,
              const QString &defaultSponsor, const QString &pinnedTier);
    void setCode(const QString &code);
    /// Saves the form (a new store or the selected one), then `done`.
    void save(std::function<void(Status)> done = {});
    QString explanationText() const;
    QString previewText() const;
    QString errorText() const;
    /// A new key for the selected store, then `done` with the whole key (shown once).
    void createKey(const QString &label, std::function<void(Result<QString>)> done);
    /// Revokes the selected key, then `done`.
    void revokeSelectedKey(std::function<void(Status)> done = {});

signals:
    /// The selected store's keys are shown.
    void keysShown();

private:
    void showStore(const Store &store);
    void showStoreList(const QList<Store> &stores, const QList<PriceTier> &tiers, const QString &code);
    /// The whole new key in a box to copy it from, or why there is none.
    void showNewKey(const Result<QString> &token);
    void updateExplanation();
    void updatePreview();
    void refreshKeys(std::function<void(Status)> done = {});
    Store formStore() const;

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
