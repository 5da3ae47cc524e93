#include "FilterField.h"

#include <QLineEdit>
#include <QTimer>

namespace mlm::filters {

QTimer *followTyping(QLineEdit *field, std::function<void()> apply, int pauseMs)
{
    auto *pause = new QTimer(field);
    pause->setObjectName(QStringLiteral("filterPause"));
    pause->setSingleShot(true);
    pause->setInterval(pauseMs);
    QObject::connect(pause, &QTimer::timeout, field, apply);
    QObject::connect(field, &QLineEdit::textChanged, field, [pause, apply](const QString &text) {
        if (!text.trimmed().isEmpty())
            return pause->start();
        pause->stop();
        apply();
    });
    QObject::connect(field, &QLineEdit::returnPressed, field, [pause, apply] {
        pause->stop();
        apply();
    });
    return pause;
}

} // namespace mlm::filters
