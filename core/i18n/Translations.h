#pragma once

#include <QLocale>

namespace mlm {

/// Installs the program's translations for `locale` (the system's by default) from the built-in resources
/// (:/i18n/mlm_<lang>.qm). Returns false when there is none for that language: the program stays in English.
bool installTranslations(const QLocale &locale = QLocale());

} // namespace mlm
