#include "MembersView.h"

#include "FilterField.h"
#include "Labels.h"
#include "Style.h"
#include "dialogs/ContactDialog.h"
#include "dialogs/StatusChangeDialog.h"
#include "models/MembersModel.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace mlm {

MembersView::MembersView(AsyncOffice &office, QWidget *parent)
    : Page(office, parent), m_model(new MembersModel(office, this)), m_table(new QTableView(this)),
      m_search(new QLineEdit(this)), m_status(new QComboBox(this)), m_count(new QLabel(this)),
      m_details(new QLabel(this)), m_history(new QListWidget(this)),
      m_changeStatus(new QPushButton(tr("Change status..."), this)),
      m_editContact(new QPushButton(tr("Edit contact..."), this))
{
    m_table->setObjectName(QStringLiteral("membersTable")); // its column layout is remembered under this name
    m_search->setPlaceholderText(tr("Code, name or email begins with..."));
    m_search->setClearButtonEnabled(true);
    m_status->addItem(tr("All statuses"), -1);
    for (MemberStatus s :
         {MemberStatus::Customer, MemberStatus::Distributor, MemberStatus::Suspended, MemberStatus::Terminated})
        m_status->addItem(memberStatusLabel(s), int(s));
    m_search->setObjectName(QStringLiteral("membersSearch"));
    m_debounce = filters::followTyping(m_search, [this] { applyFilter(); });
    connect(m_status, &QComboBox::currentIndexChanged, this, &MembersView::applyFilter);

    m_table->setModel(m_model);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(MembersModel::CodeColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed); // uniform rows: a long list scrolls fast
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setSectionResizeMode(MembersModel::NameColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(MembersModel::EmailColumn, QHeaderView::Stretch);
    style::fitColumns(m_table, m_table->horizontalHeader(),
                      {{MembersModel::CodeColumn, 130},
                       {MembersModel::StatusColumn, 110},
                       {MembersModel::SponsorColumn, 110},
                       {MembersModel::JoinedColumn, 110}},
                      Labels::memberStatuses(), MembersModel::StatusColumn);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MembersView::showDetails);
    connect(m_model, &MembersModel::modelReset, this, &MembersView::showDetails);
    connect(m_model, &MembersModel::totalChanged, this, [this](qint64 total) {
        m_count->setText(tr("%n member(s)", nullptr, int(std::min<qint64>(total, INT_MAX))));
    });
    connect(m_model, &MembersModel::failed, this, &MembersView::message);
    connect(m_model, &MembersModel::pageArrived, this, [this] {
        if (!m_selectWhenLoaded.isEmpty() && select(m_selectWhenLoaded))
            m_selectWhenLoaded.clear();
    });
    m_count->setText(tr("%n member(s)", nullptr, int(m_model->totalCount())));

    m_details->setObjectName(QStringLiteral("memberDetails"));
    m_details->setTextFormat(Qt::RichText);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_history->setWordWrap(true);
    m_history->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_history->setSpacing(2);
    m_changeStatus->setVisible(m_office.can(Action::ChangeStatus));
    m_changeStatus->setEnabled(false);
    connect(m_changeStatus, &QPushButton::clicked, this, &MembersView::changeStatus);
    m_editContact->setVisible(m_office.can(Action::EditContact));
    m_editContact->setEnabled(false);
    connect(m_editContact, &QPushButton::clicked, this, &MembersView::editContact);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    filters->addWidget(m_status);
    filters->addWidget(m_count);
    auto *left = new QVBoxLayout;
    left->addLayout(filters);
    left->addWidget(m_table, 1);
    auto *panel = new QWidget(this);
    panel->setFixedWidth(320);
    auto *right = new QVBoxLayout(panel);
    right->setContentsMargins(12, 0, 0, 0);
    right->addWidget(m_details);
    right->addWidget(new QLabel(tr("<b>Status history</b>"), panel));
    right->addWidget(m_history, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_editContact);
    buttons->addWidget(m_changeStatus);
    buttons->addStretch();
    right->addLayout(buttons);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addLayout(left, 1);
    layout->addWidget(panel);
    showDetails();
}

void MembersView::setSearchText(const QString &text)
{
    m_search->setText(text);
    applyFilter();
}

void MembersView::applyFilter()
{
    m_debounce->stop();
    MemberFilter filter = m_model->filter();
    filter.text = m_search->text();
    const int status = m_status->currentData().toInt();
    filter.status = status < 0 ? std::nullopt : std::optional(MemberStatus(status));
    m_model->setFilter(filter);
}

const Member *MembersView::selected() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? m_model->memberAt(current.row()) : nullptr;
}

bool MembersView::select(const QString &code)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->memberAt(row)->code.compare(code, Qt::CaseInsensitive) == 0) {
            m_table->setCurrentIndex(m_model->index(row, 0));
            return true;
        }
    }
    return false;
}

QString MembersView::detailsText() const
{
    QStringList lines{m_details->text()};
    for (int i = 0; i < m_history->count(); ++i)
        lines << m_history->item(i)->text();
    return lines.join(u'\n');
}

void MembersView::showCard(const Member &m, const QString &sponsorName)
{
    auto row = [](const QString &label, const QString &value) {
        return QStringLiteral("<tr><td style='color:gray; padding-right:10px'>%1</td><td>%2</td></tr>")
            .arg(label, value.isEmpty() ? QStringLiteral("-") : value.toHtmlEscaped());
    };
    const QString sponsor = sponsorName.isEmpty() ? m.sponsorCode : tr("%1 (%2)").arg(sponsorName, m.sponsorCode);
    m_details->setText(QStringLiteral("<h3>%1</h3><table>").arg(m.name.toHtmlEscaped()) + row(tr("Code"), m.code) +
                       row(tr("Status"), memberStatusLabel(m.status)) + row(tr("Email"), m.email) +
                       row(tr("Phone"), m.phone) + row(tr("Country"), m.country) + row(tr("Sponsor"), sponsor) +
                       row(tr("Joined"), Labels::date(m.joinedAt)) + QStringLiteral("</table>"));
}

void MembersView::showDetails()
{
    m_history->clear();
    const Member *m = selected();
    m_changeStatus->setEnabled(m != nullptr);
    m_editContact->setEnabled(m != nullptr);
    if (!m) {
        m_details->setText(tr("<i>Select a member to see the details.</i>"));
        return;
    }
    showCard(*m, QString());
    if (!m->sponsorCode.isEmpty()) {
        // The sponsor by code and name: the name comes with the sponsor's record.
        ask<Member>([code = m->sponsorCode](Office &office) { return office.member(code); },
                    [this, code = m->code](Result<Member> sponsor) {
                        const Member *shown = selected();
                        if (sponsor && shown && shown->code == code)
                            showCard(*shown, sponsor->name);
                    });
    }
    m_history->addItem(tr("Loading..."));
    ask<QList<StatusChange>>([code = m->code](Office &office) { return office.statusHistory(code); },
                             [this, code = m->code](Result<QList<StatusChange>> history) {
                                 const Member *shown = selected();
                                 if (!shown || shown->code != code)
                                     return; // another member is selected by now
                                 m_history->clear();
                                 if (!history) {
                                     emit message(history.error().message);
                                     return;
                                 }
                                 if (history->isEmpty())
                                     m_history->addItem(tr("No changes since joining"));
                                 for (const StatusChange &c : history.value()) {
                                     m_history->addItem(tr("%1: %2 -> %3\nby %4: \"%5\"")
                                                            .arg(Labels::date(c.changedAt), memberStatusLabel(c.from),
                                                                 memberStatusLabel(c.to), c.changedBy, c.reason));
                                 }
                                 emit detailsShown();
                             });
}

void MembersView::refresh()
{
    if (const Member *m = selected())
        m_selectWhenLoaded = m->code;
    m_model->refresh();
}

void MembersView::editSelected(const std::function<std::unique_ptr<QDialog>(const Member &)> &dialogFor,
                               const QString &done)
{
    const Member *m = selected();
    if (!m)
        return;
    const QString code = m->code;
    const std::unique_ptr<QDialog> dialog = dialogFor(*m);
    if (dialog->exec() != QDialog::Accepted)
        return;
    refresh(); // the member is selected again when its row is back
    emit message(done.arg(code));
}

void MembersView::editContact()
{
    editSelected([this](const Member &m) { return std::make_unique<ContactDialog>(m_office, m, this); },
                 tr("The contact data of %1 were saved"));
}

void MembersView::changeStatus()
{
    editSelected([this](const Member &m) { return std::make_unique<StatusChangeDialog>(m_office, m, this); },
                 tr("The status of %1 was changed"));
}

} // namespace mlm
