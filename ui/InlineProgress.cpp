#include "InlineProgress.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QThread>

namespace mlm {

InlineProgress::InlineProgress(AsyncOffice &office, QWidget *parent)
    : QWidget(parent), m_office(office), m_cancelled(std::make_shared<std::atomic<bool>>(false)),
      m_turn(std::make_shared<std::atomic<int>>(Waiting)),
      m_label(new QLabel(this)), m_bar(new QProgressBar(this)), m_cancel(new QPushButton(tr("Cancel"), this))
{
    m_cancel->setObjectName(QStringLiteral("cancelWork"));
    // The stage's text never widens the page (and with it the window): it is cut where the room ends, whole in
    // the tooltip.
    m_label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_label->setMinimumWidth(120);
    m_bar->setTextVisible(false);
    m_bar->setMaximumHeight(m_label->fontMetrics().height());
    m_bar->setMinimumWidth(160);
    connect(m_cancel, &QPushButton::clicked, this, &InlineProgress::cancel);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    hide();
}

InlineProgress::~InlineProgress()
{
    m_cancelled->store(true); // the running work stops at its next step; its answer is dropped
}

void InlineProgress::begin(const QString &title)
{
    m_running = true;
    m_title = title;
    m_cancelled = std::make_shared<std::atomic<bool>>(false); // one per work: a cancelled one stays cancelled
    m_turn = std::make_shared<std::atomic<int>>(Waiting);
    m_label->setText(title);
    m_label->setToolTip(m_label->text());
    m_bar->setRange(0, 0);
    m_cancel->setEnabled(true);
    show();
    emit runningChanged(true);
}

void InlineProgress::report(const QString &stage, qint64 done, qint64 total)
{
    if (!m_running)
        return;
    m_label->setText(tr("%1: %2").arg(m_title, stage));
    m_label->setToolTip(m_label->text());
    if (total > 0) {
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(std::min<qint64>(1000, done * 1000 / total)));
    }
    emit progressed(stage);
}

void InlineProgress::end()
{
    m_running = false;
    m_toldCancelled = {};
    hide();
    emit runningChanged(false);
}

Error InlineProgress::cancelledError() const
{
    return makeError(ErrorCode::FailedPrecondition, tr("%1: cancelled").arg(m_title));
}

void InlineProgress::cancel()
{
    if (!m_running)
        return;
    m_cancelled->store(true);
    int waiting = Waiting;
    if (m_turn->compare_exchange_strong(waiting, CancelledBeforeItBegan)) {
        const auto tell = std::exchange(m_toldCancelled, {});
        end();
        tell();
        return;
    }
    m_cancel->setEnabled(false);
    m_label->setText(tr("%1: stopping...").arg(m_title));
    m_label->setToolTip(m_label->text());
}

bool InlineProgress::waitUntilDone(int milliseconds)
{
    QDeadlineTimer deadline(milliseconds);
    while (m_running && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(2);
    }
    const bool done = !m_running;
    QCoreApplication::processEvents(); // what the answer set off (which may start another work)
    return done;
}

} // namespace mlm
