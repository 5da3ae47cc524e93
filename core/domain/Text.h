#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace mlm {

/// The rule for text from outside (a request, a dataset file, a form, a command line) before it is stored or looked
/// up: Unicode characters without NUL. A lone or reversed surrogate (JSON "\ud800") is no character at all: SQLite
/// would keep invalid UTF-8 and PostgreSQL a '?', so two different values would read back the same. NUL cuts a
/// value short in the database drivers.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(Text)
public:
    /// Why `text` may not be stored, phrased to follow a field's name ("name: contains ..."), or nullopt. Never
    /// quotes the text itself (it may be an email, and it goes to logs).
    static std::optional<QString> problem(QStringView text);
};

} // namespace mlm
