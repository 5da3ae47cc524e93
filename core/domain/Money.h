#pragma once

#include <QtGlobal>

namespace mlm {

/// Money in minor units of the company currency (cents). Never a floating-point number.
using Money = qint64;
/// Volume points in hundredths of a point (PV 25.00 is 2500).
using Volume = qint64;
/// Row id of a stored record; 0 means none.
using Id = qint64;

} // namespace mlm
