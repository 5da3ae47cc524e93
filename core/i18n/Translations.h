#pragma once

#include <QLocale>
#include <QStringList>

namespace mlm {

/// The languages the program speaks besides English (SPEC's markets), as codes: "de", "es", "ru".
QStringList translatedLanguages();

/// Installs the program's translations for `locale` (the system's by default): Qt's own strings (standard buttons,
/// from Debian's qt6-translations-l10n when installed) and the program's, from <prefix>/share/mlm-backoffice/
/// translations when installed there, else built in (:/i18n). A language without a translation stays English (with
/// English plural forms). Returns whether the program's translation for that language was found.
bool installTranslations(const QLocale &locale = QLocale());

} // namespace mlm
