#include "AuditView.h"

#include "Labels.h"
#include "Style.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace mlm {

AuditView::AuditView(AsyncOffice &office, QWidget *parent)
    : Page(office, parent), m_action(new QComboBox(this)), m_actor(new QLineEdit(this)),
      m_from(new QDateEdit(this)), m_until(new QDateEdit(this)), m_table(new QTableWidget(0, 5, this)),
      m_more(new QPushButton(tr("Show &more"), this)), m_note(style::noteLabel(QString(), this))
{
    m_table->setObjectName(QStringLiteral("auditTable")); // its column layout is remembered under this name
    const QList<std::pair<QString, QString>> kinds{
        {tr("All changes"), QString()},
        {tr("Members"), QStringLiteral("member.")},
        {tr("Orders"), QStringLiteral("order.")},
        {tr("Referral links"), QStringLiteral("link.")},
        {tr("Products"), QStringLiteral("product.")},
        {tr("Prices"), QStringLiteral("price.")},
        {tr("Price tiers"), QStringLiteral("tier.")},
        {tr("Stores"), QStringLiteral("store.")},
        {tr("API keys"), QStringLiteral("api_key.")},
        {tr("Compensation plan"), QStringLiteral("plan.")},
        {tr("Commission runs"), QStringLiteral("commissions.")},
        {tr("Users"), QStringLiteral("user.")},
        {tr("Dataset imports"), QStringLiteral("dataset.")},
    };
    for (const auto &[label, prefix] : kinds)
        m_action->addItem(label, prefix);
    m_actor->setPlaceholderText(tr("By (user:name, cli:name, api:store:code)"));
    m_actor->setClearButtonEnabled(true);
    for (QDateEdit *date : {m_from, m_until}) {
        date->setCalendarPopup(true);
        date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        date->setSpecialValueText(tr("any day"));
        date->setMinimumDate(QDate(2000, 1, 1));
        date->setDate(date->minimumDate()); // shows "any day"
    }
    m_table->setHorizontalHeaderLabels({tr("When (UTC)"), tr("By"), tr("Change"), tr("Of"), tr("Details")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setSectionResizeMode(4, QHeaderView::Stretch);
    m_table->setColumnWidth(0, 150);
    m_table->setColumnWidth(1, 140);
    m_table->setColumnWidth(2, 140);
    m_table->setColumnWidth(3, m_table->fontMetrics().horizontalAdvance(QStringLiteral("order BO-M8D485QGM")) + 24);

    auto apply = [this] { show(filterFromFields()); };
    connect(m_action, &QComboBox::currentIndexChanged, this, apply);
    connect(m_actor, &QLineEdit::returnPressed, this, apply);
    connect(m_from, &QDateEdit::dateChanged, this, apply);
    connect(m_until, &QDateEdit::dateChanged, this, apply);
    connect(m_more, &QPushButton::clicked, this, &AuditView::showMore);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_action);
    filters->addWidget(m_actor, 1);
    filters->addWidget(new QLabel(tr("From:"), this));
    filters->addWidget(m_from);
    filters->addWidget(new QLabel(tr("Before:"), this));
    filters->addWidget(m_until);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_note, 1);
    bottom->addWidget(m_more);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addLayout(bottom);
    apply();
}

AuditFilter AuditView::filterFromFields() const
{
    AuditFilter filter;
    filter.actionPrefix = m_action->currentData().toString();
    filter.actor = m_actor->text().trimmed();
    auto dayStart = [](const QDateEdit *date) {
        return date->date() == date->minimumDate() ? Timestamp(0)
                                                   : QDateTime(date->date(), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
    };
    filter.from = dayStart(m_from);
    filter.until = dayStart(m_until);
    return filter;
}

void AuditView::show(const AuditFilter &filter)
{
    m_filter = filter;
    m_last = 0;
    m_table->setRowCount(0);
    showMore();
}

void AuditView::showMore()
{
    m_more->setEnabled(false); // until the answer
    askLatest<QList<AuditEntry>>(
        0, [filter = m_filter, last = m_last](Office &office) { return office.auditPage(filter, last, kPage); },
        [this](Result<QList<AuditEntry>> entries) {
            if (!entries)
                return emit message(entries.error().message);
            append(entries.value());
            m_more->setEnabled(entries->size() == kPage);
            m_note->setText(m_table->rowCount() == 0 ? tr("No change recorded matches.")
                                                     : tr("Changes shown: %L1").arg(m_table->rowCount()));
            emit listed();
        });
}

void AuditView::append(const QList<AuditEntry> &entries)
{
    int row = m_table->rowCount();
    m_table->setRowCount(row + int(entries.size()));
    for (const AuditEntry &e : entries) {
        const QStringList cells{Labels::dateTime(e.at), e.actor, e.action, subjectText(e), detailsText(e.details)};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column == 4)
                item->setToolTip(e.details);
            m_table->setItem(row, column, item);
        }
        m_last = e.id;
        ++row;
    }
}

void AuditView::refresh()
{
    show(m_filter);
}

void AuditView::showEvent(QShowEvent *event)
{
    Page::showEvent(event);
    if (m_shownBefore)
        refresh(); // changes made on other pages since
    m_shownBefore = true;
}

QString AuditView::subjectText(const AuditEntry &e)
{
    if (e.entityId == 0)
        return e.entity;
    const QString entity = QString(e.entity).replace(u'_', u' ');
    return e.entityLabel.isEmpty() ? tr("%1 #%2").arg(entity).arg(e.entityId) : tr("%1 %2").arg(entity, e.entityLabel);
}

QString AuditView::detailsText(const QString &json)
{
    const QJsonObject details = QJsonDocument::fromJson(json.toUtf8()).object();
    const auto plain = [](const QJsonValue &v) {
        if (v.isString())
            return v.toString();
        if (v.isDouble())
            return QString::number(v.toInteger());
        if (v.isBool())
            return Labels::yesNo(v.toBool());
        if (v.isNull())
            return tr("none");
        return QString::fromUtf8(v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                                             : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    };
    QStringList parts;
    for (auto it = details.begin(); it != details.end(); ++it) {
        const QJsonObject change = it->toObject();
        if (it->isObject() && change.size() == 2 && change.contains(u"from") && change.contains(u"to")) {
            const QString from = plain(change.value(u"from")), to = plain(change.value(u"to"));
            parts << tr("%1: %2 -> %3")
                         .arg(it.key(), from.isEmpty() ? tr("(empty)") : from, to.isEmpty() ? tr("(empty)") : to);
        } else {
            parts << tr("%1: %2").arg(it.key(), plain(it.value()));
        }
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace mlm
