#pragma once

#include <QLineEdit>
#include <QMessageBox>
#include <QString>

#include <memory>

class QWidget;

namespace mlm::ask {

/// Every question the program puts to a person in a box of its own (a confirmation, a warning, a file to open or
/// save, a line of text) goes through here, with the signatures of QMessageBox, QFileDialog and QInputDialog. A
/// test answers the next ones ahead of time (as KeePassXC's MessageBox::setNextAnswer does) and then triggers the
/// real action; nothing is shown then.

/// Asks before an action that changes something: the box's buttons are `action` ("Refund order") and Cancel,
/// Cancel the default (Enter and Escape do nothing harmful). True when the action was chosen; answered ahead of
/// time, Yes chooses it.
bool confirm(QWidget *parent, const QString &title, const QString &text, const QString &action,
             QMessageBox::Icon icon = QMessageBox::Question);
/// The box confirm() shows, to look at in tests.
std::unique_ptr<QMessageBox> confirmBox(QWidget *parent, const QString &title, const QString &text,
                                        const QString &action, QMessageBox::Icon icon = QMessageBox::Question);
QMessageBox::StandardButton question(QWidget *parent, const QString &title, const QString &text,
                                     QMessageBox::StandardButtons buttons = QMessageBox::Yes | QMessageBox::No,
                                     QMessageBox::StandardButton defaultButton = QMessageBox::NoButton);
QMessageBox::StandardButton warning(QWidget *parent, const QString &title, const QString &text,
                                    QMessageBox::StandardButtons buttons = QMessageBox::Ok,
                                    QMessageBox::StandardButton defaultButton = QMessageBox::NoButton);
void information(QWidget *parent, const QString &title, const QString &text);
void critical(QWidget *parent, const QString &title, const QString &text);
QString openFileName(QWidget *parent, const QString &caption, const QString &dir, const QString &filter);
QString saveFileName(QWidget *parent, const QString &caption, const QString &dir, const QString &filter);
/// A secret shown once (a new API key): selectable, with a button labelled `copyLabel` that puts it on the
/// clipboard and then reads `copiedLabel`, the box still open. Answered ahead of time, what was said ends with the
/// secret on a line of its own.
void secret(QWidget *parent, const QString &title, const QString &text, const QString &secret, const QString &copyLabel,
            const QString &copiedLabel);
/// A line of text (`ok` false when cancelled).
QString text(QWidget *parent, const QString &title, const QString &label, QLineEdit::EchoMode mode,
             const QString &value, bool *ok);

/// For tests: the next boxes are answered so, in order, without being shown (a question or warning by its button;
/// an information or critical box by Ok); the next file dialogs and text lines get these (empty: cancelled).
void setNextAnswer(QMessageBox::StandardButton answer);
void setNextFileName(const QString &path);
void setNextText(const QString &text);
/// What the boxes answered ahead of time said (their texts, the latest last), for tests to check.
QStringList said();
/// Forgets the answers not yet used and what was said.
void reset();

} // namespace mlm::ask
