#include "Ask.h"

#include <QClipboard>
#include <QFileDialog>
#include <QGuiApplication>
#include <QInputDialog>
#include <QPushButton>
#include <QQueue>

namespace mlm::ask {

namespace {

// Read and written on the GUI thread only, as the boxes are.
QQueue<QMessageBox::StandardButton> s_answers;
QQueue<QString> s_fileNames;
QQueue<QString> s_texts;
QStringList s_said;

/// The answer given ahead of time, if any; what the box said is kept.
std::optional<QMessageBox::StandardButton> answered(const QString &title, const QString &text)
{
    if (s_answers.isEmpty())
        return std::nullopt;
    s_said << title + QStringLiteral(": ") + text;
    return s_answers.dequeue();
}

} // namespace

std::unique_ptr<QMessageBox> confirmBox(QWidget *parent, const QString &title, const QString &text,
                                        const QString &action, QMessageBox::Icon icon)
{
    auto box = std::make_unique<QMessageBox>(icon, title, text, QMessageBox::NoButton, parent);
    QPushButton *act = box->addButton(action, QMessageBox::AcceptRole);
    act->setObjectName(QStringLiteral("confirmAction"));
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    return box;
}

bool confirm(QWidget *parent, const QString &title, const QString &text, const QString &action,
             QMessageBox::Icon icon)
{
    if (auto answer = answered(title, text))
        return *answer == QMessageBox::Yes;
    auto box = confirmBox(parent, title, text, action, icon);
    box->exec();
    return box->clickedButton() && box->clickedButton()->objectName() == QStringLiteral("confirmAction");
}

QMessageBox::StandardButton question(QWidget *parent, const QString &title, const QString &text,
                                     QMessageBox::StandardButtons buttons, QMessageBox::StandardButton defaultButton)
{
    if (auto answer = answered(title, text))
        return *answer;
    return QMessageBox::question(parent, title, text, buttons, defaultButton);
}

QMessageBox::StandardButton warning(QWidget *parent, const QString &title, const QString &text,
                                    QMessageBox::StandardButtons buttons, QMessageBox::StandardButton defaultButton)
{
    if (auto answer = answered(title, text))
        return *answer;
    return QMessageBox::warning(parent, title, text, buttons, defaultButton);
}

void information(QWidget *parent, const QString &title, const QString &text)
{
    if (!answered(title, text))
        QMessageBox::information(parent, title, text);
}

void critical(QWidget *parent, const QString &title, const QString &text)
{
    if (!answered(title, text))
        QMessageBox::critical(parent, title, text);
}

void secret(QWidget *parent, const QString &title, const QString &text, const QString &secret, const QString &copyLabel,
            const QString &copiedLabel)
{
    if (answered(title, text + u'\n' + secret))
        return;
    QMessageBox box(QMessageBox::Information, title, text, QMessageBox::Ok, parent);
    box.setInformativeText(secret);
    box.setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPushButton *copy = box.addButton(copyLabel, QMessageBox::ActionRole);
    // A message box closes on any of its buttons; this one only copies, and says so.
    QObject::disconnect(copy, &QAbstractButton::clicked, nullptr, nullptr);
    QObject::connect(copy, &QPushButton::clicked, &box, [secret, copy, copiedLabel] {
        QGuiApplication::clipboard()->setText(secret);
        copy->setText(copiedLabel);
    });
    box.exec();
}

QString openFileName(QWidget *parent, const QString &caption, const QString &dir, const QString &filter)
{
    if (!s_fileNames.isEmpty())
        return s_fileNames.dequeue();
    return QFileDialog::getOpenFileName(parent, caption, dir, filter);
}

QString saveFileName(QWidget *parent, const QString &caption, const QString &dir, const QString &filter)
{
    if (!s_fileNames.isEmpty())
        return s_fileNames.dequeue();
    return QFileDialog::getSaveFileName(parent, caption, dir, filter);
}

QString text(QWidget *parent, const QString &title, const QString &label, QLineEdit::EchoMode mode,
             const QString &value, bool *ok)
{
    if (!s_texts.isEmpty()) {
        s_said << title + QStringLiteral(": ") + label;
        const QString given = s_texts.dequeue();
        *ok = !given.isEmpty();
        return given;
    }
    return QInputDialog::getText(parent, title, label, mode, value, ok);
}

void setNextAnswer(QMessageBox::StandardButton answer)
{
    s_answers.enqueue(answer);
}

void setNextFileName(const QString &path)
{
    s_fileNames.enqueue(path);
}

void setNextText(const QString &text)
{
    s_texts.enqueue(text);
}

QStringList said()
{
    return s_said;
}

void reset()
{
    s_answers.clear();
    s_fileNames.clear();
    s_texts.clear();
    s_said.clear();
}

} // namespace mlm::ask
