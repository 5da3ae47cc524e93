#include "LinksView.h"
#include "Ask.h"

#include "QrCode.h"
#include "Style.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace mlm {

LinksView::LinksView(AsyncOffice &office, QWidget *parent)
    : Page(office, parent), m_member(new QLineEdit(this)), m_table(new QTableWidget(0, 4, this)),
      m_store(new QComboBox(this)), m_vanity(new QLineEdit(this)), m_error(style::errorLabel(this)),
      m_qrLabel(new QLabel(this)), m_url(new QLabel(this)), m_copy(new QPushButton(tr("&Copy URL"), this)),
      m_save(new QPushButton(tr("&Save QR as PNG..."), this)), m_deactivate(new QPushButton(tr("&Deactivate"), this))
{
    m_table->setObjectName(QStringLiteral("linksTable")); // its column layout is remembered under this name
    const bool ownOnly = office.user().role == Role::Distributor;
    m_member->setPlaceholderText(tr("Member code, then Enter"));
    m_member->setReadOnly(ownOnly);
    connect(m_member, &QLineEdit::returnPressed, this, [this] {
        showMember(m_member->text().trimmed(), [this](const Status &shown) { reported(shown); });
    });

    m_table->setHorizontalHeaderLabels({tr("Code"), tr("Store"), tr("URL"), tr("State")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_table->setColumnWidth(0, 130);
    m_table->setColumnWidth(1, 110);
    m_table->setColumnWidth(3, 90);
    connect(m_table, &QTableWidget::currentCellChanged, this, &LinksView::showSelected);

    m_vanity->setPlaceholderText(tr("empty: 8 random characters"));
    m_create = new QPushButton(tr("C&reate link"), this);
    m_empty = style::noteLabel(QString(), this);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    auto *create = m_create;
    connect(create, &QPushButton::clicked, this,
            [this] { createLink(m_store->currentData().toString(), m_vanity->text().trimmed()); });

    m_qrLabel->setFixedSize(232, 232);
    m_qrLabel->setAlignment(Qt::AlignCenter);
    m_qrLabel->setStyleSheet(QStringLiteral("background: white; border: 1px solid palette(mid);"));
    m_url->setWordWrap(true);
    m_url->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_copy, &QPushButton::clicked, this, &LinksView::copyUrl);
    connect(m_save, &QPushButton::clicked, this, &LinksView::saveQr);
    connect(m_deactivate, &QPushButton::clicked, this, [this] {
        if (ask::confirm(this, tr("Deactivate link"),
                         tr("Deactivate %1? It stops working at once and is never given to anyone else.")
                             .arg(m_table->item(m_table->currentRow(), 0)->text()),
                         tr("Deactivate link"), QMessageBox::Warning)) {
            deactivateSelected([this](const Status &done) {
                if (!done)
                    ask::warning(this, tr("Deactivate link"), done.error().message);
            });
        }
    });

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Member:"), this));
    top->addWidget(m_member, 1);
    auto *form = new QFormLayout;
    form->addRow(tr("Store:"), m_store);
    form->addRow(tr("Own code:"), m_vanity);
    auto *createBox = new QGroupBox(tr("New link"), this);
    auto *createLayout = new QVBoxLayout(createBox);
    createLayout->addLayout(form);
    createLayout->addWidget(m_error);
    createLayout->addWidget(create, 0, Qt::AlignRight);
    auto *left = new QVBoxLayout;
    left->addLayout(top);
    left->addWidget(m_table, 1);
    left->addWidget(m_empty);
    left->addWidget(createBox);
    auto *right = new QVBoxLayout;
    right->addWidget(m_qrLabel);
    right->addWidget(m_url);
    right->addWidget(m_copy);
    right->addWidget(m_save);
    right->addWidget(m_deactivate);
    right->addStretch();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addLayout(left, 1);
    layout->addSpacing(12);
    layout->addLayout(right);

    if (ownOnly)
        m_memberCode = office.user().memberCode;
    reload();
    refresh();
}

void LinksView::refresh()
{
    ask<QList<Store>>([](Office &office) { return office.stores(); }, [this](Result<QList<Store>> stores) {
        if (!stores)
            return emit message(stores.error().message);
        const QString chosen = m_store->currentData().toString();
        m_store->clear();
        for (const Store &s : stores.value())
            m_store->addItem(QStringLiteral("%1 (%2)").arg(s.name, s.code), s.code);
        m_store->setCurrentIndex(std::max(0, m_store->findData(chosen)));
    });
    if (!m_memberCode.isEmpty())
        showMember(m_memberCode, [this](const Status &shown) { reported(shown); });
}

void LinksView::showMember(const QString &code, std::function<void(Status)> done)
{
    askLatest<QList<ReferralLink>>(
        0, [code](Office &office) { return office.links(code); },
        [this, code, done = std::move(done)](Result<QList<ReferralLink>> links) {
            if (links) {
                const int row = m_table->currentRow();
                const QString selected = row >= 0 && row < m_links.size() && code == m_memberCode
                                             ? m_links.at(row).code
                                             : QString();
                m_memberCode = code;
                m_member->setText(code);
                m_links = links.value();
                reload();
                if (!selected.isEmpty())
                    selectLink(selected);
            }
            if (done)
                done(links ? Status() : Status(links.error()));
        });
}

void LinksView::reload()
{
    m_table->setRowCount(int(m_links.size()));
    for (int row = 0; row < m_links.size(); ++row) {
        const ReferralLink &l = m_links.at(row);
        const QStringList cells{l.code, l.storeCode, l.url, l.active ? tr("active") : tr("deactivated")};
        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    if (!m_links.isEmpty())
        m_table->selectRow(0);
    showSelected();
    // A link is made for a member: none shown, nothing to make it for.
    m_create->setEnabled(!m_memberCode.isEmpty());
    m_create->setToolTip(m_memberCode.isEmpty() ? tr("Type a member's code above and press Enter first.") : QString());
    m_empty->setText(m_memberCode.isEmpty()
                         ? tr("Type a member's code above and press Enter to see its referral links.")
                         : tr("%1 has no referral links yet: choose a store below and create one.").arg(m_memberCode));
    m_empty->setVisible(m_links.isEmpty());
}

QString LinksView::emptyText() const
{
    return m_empty->isVisible() || m_links.isEmpty() ? m_empty->text() : QString();
}

int LinksView::linkCount() const
{
    return int(m_links.size());
}

void LinksView::createLink(const QString &storeCode, const QString &vanityCode, std::function<void(Status)> done)
{
    if (m_memberCode.isEmpty()) {
        if (done)
            done(makeError(ErrorCode::InvalidArgument, tr("Choose a member first.")));
        return;
    }
    ask<ReferralLink>(
        [member = m_memberCode, storeCode, vanityCode](Office &office) {
            return office.createLink(member, storeCode, vanityCode);
        },
        [this, done = std::move(done)](Result<ReferralLink> created) {
            style::setError(m_error, created ? QString() : created.error().message);
            if (!created) {
                if (done)
                    done(created.error());
                return;
            }
            m_vanity->clear();
            emit message(tr("Link %1 created").arg(created->code));
            showMember(m_memberCode, [this, code = created->code, done](const Status &shown) {
                selectLink(code);
                if (done)
                    done(shown);
            });
        });
}

bool LinksView::selectLink(const QString &code)
{
    for (int row = 0; row < m_links.size(); ++row) {
        if (m_links.at(row).code.compare(code, Qt::CaseInsensitive) == 0) {
            m_table->selectRow(row);
            showSelected();
            return true;
        }
    }
    return false;
}

QString LinksView::selectedUrl() const
{
    const int row = m_table->currentRow();
    return row >= 0 && row < m_links.size() ? m_links.at(row).url : QString();
}

void LinksView::showSelected()
{
    const int row = m_table->currentRow();
    const bool has = row >= 0 && row < m_links.size();
    m_copy->setEnabled(has);
    m_save->setEnabled(has);
    m_deactivate->setEnabled(has && m_links.at(row).active);
    m_qr = has ? qrCodeImage(m_links.at(row).url, 6) : QImage();
    m_qrLabel->setPixmap(m_qr.isNull()
                             ? QPixmap()
                             : QPixmap::fromImage(m_qr.scaled(m_qrLabel->size() - QSize(8, 8), Qt::KeepAspectRatio)));
    m_qrLabel->setText(has ? QString() : tr("Select a link to see its QR code"));
    m_url->setText(has ? m_links.at(row).url : QString());
}

void LinksView::copyUrl()
{
    if (const QString url = selectedUrl(); !url.isEmpty()) {
        QApplication::clipboard()->setText(url);
        emit message(tr("Copied %1").arg(url));
    }
}

void LinksView::deactivateSelected(std::function<void(Status)> done)
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_links.size()) {
        if (done)
            done(makeError(ErrorCode::InvalidArgument, tr("Select a link first.")));
        return;
    }
    const QString code = m_links.at(row).code;
    ask<void>([code](Office &office) { return office.deactivateLink(code); },
              [this, code, done = std::move(done)](Status deactivated) {
                  if (!deactivated) {
                      if (done)
                          done(deactivated);
                      return;
                  }
                  emit message(tr("Link %1 deactivated").arg(code));
                  showMember(m_memberCode, [this, code, done](const Status &shown) {
                      selectLink(code);
                      if (done)
                          done(shown);
                  });
              });
}

void LinksView::saveQr()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_links.size())
        return;
    const QString path = ask::saveFileName(
        this, tr("Save QR code"), m_links.at(row).code + QStringLiteral(".png"), tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (!qrCodeImage(m_links.at(row).url, 10).save(path, "PNG"))
        ask::warning(this, tr("Save QR code"), tr("Cannot write %1").arg(path));
}

} // namespace mlm
