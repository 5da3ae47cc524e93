#pragma once

#include <functional>

class QLineEdit;
class QTimer;

namespace mlm::filters {

/// One behaviour for every page's filter field: what is typed applies after a short pause, Enter at once, and
/// clearing the field (its clear button too) at once. Returns the pause, for a page that applies the filter
/// itself (to stop it then).
QTimer *followTyping(QLineEdit *field, std::function<void()> apply, int pauseMs = 250);

} // namespace mlm::filters
