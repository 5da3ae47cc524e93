#pragma once

#include <QAbstractItemView>
#include <QHeaderView>
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

/// Says `text` in an error label made by errorLabel(), or hides it when `text` is empty.
inline void setError(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

/// What an error label says, or nothing while it is hidden.
inline QString errorOf(const QLabel *label)
{
    return label->isHidden() ? QString() : label->text();
}

/// Gives each column at least `minimum` pixels, and room for its header and for `texts` (the longest values it shows,
/// such as translated status names): a German header or status must not be cut.
inline void fitColumns(QAbstractItemView *view, QHeaderView *header, const QList<std::pair<int, int>> &minimums,
                       const QStringList &texts = {}, int textColumn = -1)
{
    const QFontMetrics metrics = view->fontMetrics();
    const QFontMetrics headerMetrics = header->fontMetrics();
    for (const auto &[column, minimum] : minimums) {
        int width = std::max(
            minimum,
            headerMetrics.horizontalAdvance(header->model()->headerData(column, Qt::Horizontal).toString()) + 28);
        if (column == textColumn) {
            for (const QString &text : texts)
                width = std::max(width, metrics.horizontalAdvance(text) + 28);
        }
        header->resizeSection(column, width);
    }
}

/// A quiet note: a hint under a field, a count under a list.
inline QLabel *noteLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    // Between the text and the background: quieter than the text, still easy to read on any palette.
    QPalette palette = label->palette();
    const QColor ink = palette.color(QPalette::WindowText), window = palette.color(QPalette::Window);
    palette.setColor(QPalette::WindowText,
                     QColor((ink.red() * 3 + window.red() * 2) / 5, (ink.green() * 3 + window.green() * 2) / 5,
                            (ink.blue() * 3 + window.blue() * 2) / 5));
    label->setPalette(palette);
    label->setWordWrap(true);
    return label;
}

} // namespace mlm::style
