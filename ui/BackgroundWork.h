#pragma once

#include "office/Session.h"
#include "storage/DatabaseUrl.h"

#include <QString>
#include <functional>

class QWidget;

namespace mlm {

/// Long work (an import, an export) on a thread of its own with its own database connection and a copy of the
/// session, while a progress dialog with a Cancel button keeps the window alive. Returns when the work ends.
class BackgroundWork
{
public:
    /// Reports progress and asks whether to go on (false once Cancel was pressed).
    using Progress = std::function<bool(const QString &stage, qint64 done, qint64 total)>;
    /// The work: runs on the worker thread; returns a message for the user, or an error.
    using Work = std::function<Result<QString>(Session &session, const Progress &progress)>;

    /// Work before anyone signs in (upgrading the schema): with a connection of its own to `url`.
    using DatabaseWork = std::function<Result<QString>(Database &db, const Progress &progress)>;

    /// Runs `work` with a progress dialog titled `title` over `parent`.
    static Result<QString> run(QWidget *parent, const DatabaseUrl &url, const User &user, const QString &title,
                               const Work &work);
    static Result<QString> run(QWidget *parent, const DatabaseUrl &url, const QString &title, const DatabaseWork &work);
    /// For tests: the progress dialog presses Cancel by itself at the first report.
    static void cancelAtFirstProgress(bool cancel);
};

} // namespace mlm
