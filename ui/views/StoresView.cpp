#include "StoresView.h"
#include "Ask.h"

#include "Labels.h"
#include "Style.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace mlm {

namespace {

const QString kSampleCode = QStringLiteral("K7M2Q9XD"); // a code as generated: 8 characters of Crockford base32

QTableWidget *listTable(const QStringList &headers, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 10);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

void setRow(QTableWidget *table, int row, const QStringList &cells, bool dim = false)
{
    for (int column = 0; column < cells.size(); ++column) {
        auto *item = new QTableWidgetItem(cells.at(column));
        if (dim)
            item->setForeground(table->palette().color(QPalette::Disabled, QPalette::Text));
        table->setItem(row, column, item);
    }
}

} // namespace

StoresView::StoresView(AsyncOffice &office, QWidget *parent)
    : Page(office, parent), m_stores(listTable({tr("Code"), tr("Name"), tr("Scenario")}, this)),
      m_code(new QLineEdit(this)), m_name(new QLineEdit(this)), m_baseUrl(new QLineEdit(this)),
      m_scenario(new QComboBox(this)), m_explanation(new QLabel(this)), m_template(new QLineEdit(this)),
      m_preview(new QLabel(this)), m_sponsor(new QLineEdit(this)), m_tier(new QComboBox(this)),
      m_error(style::errorLabel(this)), m_save(new QPushButton(tr("&Save store"), this)),
      m_keys(listTable({tr("Key"), tr("Label"), tr("Created"), tr("State")}, this)),
      m_createKey(new QPushButton(tr("&Create key..."), this)), m_revokeKey(new QPushButton(tr("&Revoke key"), this))
{
    m_stores->setObjectName(QStringLiteral("storesTable")); // column layouts are remembered under these names
    m_keys->setObjectName(QStringLiteral("apiKeysTable"));
    m_createKey->setObjectName(QStringLiteral("createKey"));
    m_revokeKey->setObjectName(QStringLiteral("revokeKey"));
    m_stores->setColumnWidth(0, 80);
    m_stores->setColumnWidth(1, 130);
    m_stores->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_keys->setColumnWidth(0, 150);
    m_keys->setColumnWidth(1, 180);
    m_keys->setColumnWidth(2, 110);
    for (auto s :
         {StoreScenario::SeparateChannel, StoreScenario::DistributorChannel, StoreScenario::PersonalStorefront})
        m_scenario->addItem(Labels::storeScenario(s), int(s));
    m_explanation->setWordWrap(true);
    m_explanation->setObjectName(QStringLiteral("scenarioExplanation"));
    m_explanation->setMinimumHeight(m_explanation->fontMetrics().lineSpacing() * 4);
    m_explanation->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setWordWrap(true);
    m_baseUrl->setPlaceholderText(tr("https://shop.example.com"));
    m_template->setPlaceholderText(tr("https://shop.example.com/?ref={code}"));
    m_sponsor->setPlaceholderText(tr("Member code; buyers without a link are placed under it"));

    connect(m_scenario, &QComboBox::currentIndexChanged, this, &StoresView::updateExplanation);
    connect(m_template, &QLineEdit::textChanged, this, &StoresView::updatePreview);
    for (QLineEdit *field : {m_code, m_name, m_baseUrl, m_template, m_sponsor})
        connect(field, &QLineEdit::textEdited, m_error, &QWidget::hide);
    connect(m_stores, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (row >= 0 && row < m_storeList.size())
            showStore(m_storeList.at(row));
    });
    connect(m_save, &QPushButton::clicked, this, [this] {
        save([this](const Status &saved) {
            if (saved)
                emit message(tr("Store saved"));
        });
    });
    auto *newStore = new QPushButton(tr("&New store"), this);
    connect(newStore, &QPushButton::clicked, this, &StoresView::startNewStore);
    connect(m_keys, &QTableWidget::currentCellChanged, this, [this](int row) {
        m_revokeKey->setEnabled(row >= 0 && row < m_keyList.size() && !m_keyList.at(row).revokedAt);
    });
    connect(m_createKey, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString label =
            ask::text(this, tr("New API key"), tr("A label for the key (who or what will use it):"),
                                  QLineEdit::Normal, QString(), &ok);
        if (!ok)
            return;
        createKey(label, [this](const Result<QString> &token) { showNewKey(token); });
    });
    connect(m_revokeKey, &QPushButton::clicked, this, [this] {
        const int row = m_keys->currentRow();
        if (row < 0 || row >= m_keyList.size())
            return;
        if (!ask::confirm(this, tr("Revoke API key"),
                          tr("Revoke the key %1? Requests with it are refused from now on; this cannot be undone.")
                              .arg(m_keyList.at(row).prefix),
                          tr("Revoke key"), QMessageBox::Warning))
            return;
        revokeSelectedKey([this](const Status &revoked) {
            if (!revoked)
                ask::warning(this, tr("Revoke API key"), revoked.error().message);
        });
    });

    auto *form = new QFormLayout;
    form->addRow(tr("C&ode:"), m_code);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Base URL:"), m_baseUrl);
    form->addRow(tr("S&cenario:"), m_scenario);
    form->addRow(QString(), m_explanation);
    form->addRow(tr("&Link template:"), m_template);
    form->addRow(tr("Example link:"), m_preview);
    form->addRow(tr("&Default sponsor:"), m_sponsor);
    form->addRow(tr("&Pinned tier:"), m_tier);
    form->addRow(QString(), m_error);
    auto *formButtons = new QHBoxLayout;
    formButtons->addWidget(newStore);
    formButtons->addStretch();
    formButtons->addWidget(m_save);
    auto *storeBox = new QGroupBox(tr("Store"), this);
    auto *storeLayout = new QVBoxLayout(storeBox);
    storeLayout->addLayout(form);
    storeLayout->addLayout(formButtons);

    auto *keyButtons = new QHBoxLayout;
    keyButtons->addWidget(style::noteLabel(tr("A store's server sends its key with every API request."), this), 1);
    keyButtons->addWidget(m_createKey);
    keyButtons->addWidget(m_revokeKey);
    auto *keysBox = new QGroupBox(tr("API keys of this store"), this);
    auto *keysLayout = new QVBoxLayout(keysBox);
    keysLayout->addWidget(m_keys, 1);
    keysLayout->addLayout(keyButtons);

    auto *right = new QVBoxLayout;
    right->addWidget(storeBox);
    right->addWidget(keysBox, 1);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    m_stores->setMinimumWidth(380);
    m_stores->setMaximumWidth(440);
    layout->addWidget(m_stores);
    layout->addLayout(right, 1);

    showStores();
}

void StoresView::showNewKey(const Result<QString> &token)
{
    if (!token) {
        ask::warning(this, tr("New API key"), token.error().message);
        return;
    }
    ask::secret(this, tr("New API key"),
                tr("This is the whole key. Copy it now: it is shown only once and cannot be read again."),
                token.value(), tr("Copy key"), tr("Copied"));
}

void StoresView::showStores(const QString &code, std::function<void(Status)> done)
{
    struct Read
    {
        QList<Store> stores;
        QList<PriceTier> tiers;
    };
    askLatest<Read>(
        0,
        [](Office &office) -> Result<Read> {
            auto stores = office.stores();
            if (!stores)
                return stores.error();
            auto catalog = office.catalog(); // the tiers a store may pin
            return Read{stores.value(), catalog ? catalog->tiers : QList<PriceTier>()};
        },
        [this, code, done = std::move(done)](Result<Read> read) {
            if (!read) {
                style::setError(m_error, read.error().message);
            } else {
                showStoreList(read->stores, read->tiers, code);
            }
            if (done)
                done(read ? Status() : Status(read.error()));
        });
}

void StoresView::showStoreList(const QList<Store> &stores, const QList<PriceTier> &tiers, const QString &code)
{
    m_tier->clear();
    m_tier->addItem(tr("None: each buyer's own tier"), QString());
    for (const PriceTier &t : tiers)
        m_tier->addItem(t.name, t.code);
    m_storeList = stores;
    m_stores->setRowCount(int(m_storeList.size()));
    for (int row = 0; row < m_storeList.size(); ++row) {
        const Store &s = m_storeList.at(row);
        setRow(m_stores, row, {s.code, s.name, Labels::storeScenario(s.scenario)});
    }
    if (!select(code) && !m_storeList.isEmpty())
        select(m_storeList.first().code);
}

bool StoresView::select(const QString &code)
{
    for (int row = 0; row < m_storeList.size(); ++row) {
        if (m_storeList.at(row).code == code) {
            m_stores->setCurrentCell(row, 0);
            showStore(m_storeList.at(row)); // also when the row was current already
            return true;
        }
    }
    return false;
}

void StoresView::showStore(const Store &store)
{
    m_new = false;
    m_code->setText(store.code);
    m_code->setReadOnly(true);
    fill(store.name, store.baseUrl, store.scenario, store.linkTemplate, store.defaultSponsorCode, store.pinnedTier);
    m_error->hide();
    refreshKeys();
}

void StoresView::startNewStore()
{
    m_new = true;
    m_stores->clearSelection();
    m_code->setReadOnly(false);
    m_code->clear();
    fill({}, {}, StoreScenario::DistributorChannel, {}, {}, {});
    m_keys->setRowCount(0);
    m_keyList.clear();
    m_createKey->setEnabled(false);
    m_revokeKey->setEnabled(false);
    m_code->setFocus();
}

void StoresView::setCode(const QString &code)
{
    m_code->setText(code);
}

void StoresView::fill(const QString &name, const QString &baseUrl, StoreScenario scenario, const QString &linkTemplate,
                      const QString &defaultSponsor, const QString &pinnedTier)
{
    m_name->setText(name);
    m_baseUrl->setText(baseUrl);
    m_scenario->setCurrentIndex(m_scenario->findData(int(scenario)));
    m_template->setText(linkTemplate);
    m_sponsor->setText(defaultSponsor);
    m_tier->setCurrentIndex(std::max(0, m_tier->findData(pinnedTier)));
    updateExplanation();
    updatePreview();
}

void StoresView::updateExplanation()
{
    const auto scenario = StoreScenario(m_scenario->currentData().toInt());
    m_explanation->setText(Labels::storeScenarioExplained(scenario));
    m_sponsor->setEnabled(scenario == StoreScenario::DistributorChannel);
}

void StoresView::updatePreview()
{
    const QString linkTemplate = m_template->text().trimmed();
    if (linkTemplate.isEmpty())
        m_preview->setText(tr("(no template: the store makes no referral links)"));
    else if (!linkTemplate.contains(QStringLiteral("{code}")))
        m_preview->setText(tr("The template must contain {code}, where each link's code goes."));
    else
        m_preview->setText(formStore().linkUrl(kSampleCode));
}

Store StoresView::formStore() const
{
    Store s;
    s.code = m_code->text().trimmed();
    s.name = m_name->text();
    s.baseUrl = m_baseUrl->text().trimmed();
    s.scenario = StoreScenario(m_scenario->currentData().toInt());
    s.linkTemplate = m_template->text().trimmed();
    s.defaultSponsorCode = s.scenario == StoreScenario::DistributorChannel ? m_sponsor->text().trimmed() : QString();
    s.pinnedTier = m_tier->currentData().toString();
    return s;
}

void StoresView::save(std::function<void(Status)> done)
{
    m_save->setEnabled(false); // until the answer
    ask<Store>(
        [s = formStore(), isNew = m_new](Office &office) { return isNew ? office.createStore(s) : office.updateStore(s); },
        [this, done = std::move(done)](Result<Store> saved) {
            m_save->setEnabled(true);
            if (!saved) {
                style::setError(m_error, saved.error().message);
                if (done)
                    done(saved.error());
                return;
            }
            showStores(saved->code, done);
        });
}

void StoresView::refreshKeys(std::function<void(Status)> done)
{
    const int row = m_stores->currentRow();
    m_keyList.clear();
    m_keys->setRowCount(0);
    m_createKey->setEnabled(row >= 0 && !m_new);
    m_revokeKey->setEnabled(false);
    if (row < 0 || row >= m_storeList.size()) {
        if (done)
            done({});
        return;
    }
    askLatest<QList<ApiKey>>(
        1, [code = m_storeList.at(row).code](Office &office) { return office.apiKeys(code); },
        [this, done = std::move(done)](Result<QList<ApiKey>> keys) {
            if (!keys) {
                style::setError(m_error, keys.error().message);
            } else {
                m_keyList = keys.value();
                m_keys->setRowCount(int(m_keyList.size()));
                for (int k = 0; k < m_keyList.size(); ++k) {
                    const ApiKey &key = m_keyList.at(k);
                    setRow(m_keys, k,
                           {QStringLiteral("mlm_") + key.prefix + QStringLiteral("_..."), key.label,
                            Labels::date(key.createdAt),
                            key.revokedAt ? tr("revoked %1").arg(Labels::date(*key.revokedAt)) : tr("active")},
                           key.revokedAt.has_value());
                }
                emit keysShown();
            }
            if (done)
                done(keys ? Status() : Status(keys.error()));
        });
}

void StoresView::createKey(const QString &label, std::function<void(Result<QString>)> done)
{
    const int row = m_stores->currentRow();
    if (m_new || row < 0 || row >= m_storeList.size())
        return done(makeError(ErrorCode::InvalidArgument, tr("Save the store first.")));
    ask<IssuedApiKey>(
        [code = m_storeList.at(row).code, label = label.trimmed()](Office &office) {
            return office.createApiKey(code, label);
        },
        [this, done = std::move(done)](Result<IssuedApiKey> issued) {
            if (!issued)
                return done(issued.error());
            emit message(tr("API key %1 created").arg(issued->key.prefix));
            refreshKeys();
            done(issued->token);
        });
}

void StoresView::revokeSelectedKey(std::function<void(Status)> done)
{
    const int row = m_keys->currentRow();
    if (row < 0 || row >= m_keyList.size()) {
        if (done)
            done(makeError(ErrorCode::InvalidArgument, tr("Select a key first.")));
        return;
    }
    const QString prefix = m_keyList.at(row).prefix;
    ask<void>([prefix](Office &office) { return office.revokeApiKey(prefix); },
              [this, prefix, done = std::move(done)](Status revoked) {
                  if (!revoked) {
                      if (done)
                          done(revoked);
                      return;
                  }
                  emit message(tr("API key %1 revoked").arg(prefix));
                  refreshKeys(done);
              });
}

QString StoresView::errorText() const
{
    return style::errorOf(m_error);
}

QString StoresView::explanationText() const
{
    return m_explanation->text();
}

QString StoresView::previewText() const
{
    return m_preview->text();
}

void StoresView::refresh()
{
    const int row = m_stores->currentRow();
    showStores(row >= 0 && row < m_storeList.size() ? m_storeList.at(row).code : QString());
}

} // namespace mlm
