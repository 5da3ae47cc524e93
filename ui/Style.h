#pragma once

#include <QLabel>

namespace mlm::style {

/// The red line under a form that says what is wrong; hidden until there is something to say.
inline QLabel *errorLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QStringLiteral("error"));
    label->setStyleSheet(QStringLiteral("color: #b00020;"));
    label->setWordWrap(true);
    label->hide();
    return label;
}

/// A quiet note: a hint under a field, a count under a list.
inline QLabel *noteLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setStyleSheet(QStringLiteral("color: palette(mid);"));
    label->setWordWrap(true);
    return label;
}

} // namespace mlm::style
