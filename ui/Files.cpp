#include "Files.h"

#include <QSaveFile>

namespace mlm {

Status Files::write(const QString &path, const QByteArray &data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return makeError(ErrorCode::Storage, tr("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace mlm
