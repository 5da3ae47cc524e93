// Fuzz target: the dataset import (SPEC 8: reading, validating and writing a file) on any bytes, into a database
// that already holds a company; each input is rolled back.
#include "FuzzSupport.h"

#include "dataset/DatasetImporter.h"
#include "storage/TransactionGuard.h"

using namespace mlm;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Database &db = fuzz::database();
    TransactionGuard rolledBack(db); // never committed: the import's own guard nests inside it
    if (!rolledBack.began())
        qFatal("cannot begin");
    (void)DatasetImporter(db).importBytes(fuzz::bytes(data, size), test::testActor());
    return 0;
}
