// File: ledger/rocksdb_files.h
//
// Housekeeping shared by the project's RocksDB databases (the ledger's store and the graph
// store). RocksDB 7.8, Debian 12's, starts a new write-ahead log on every open and deletes the
// old one only after a memtable flush; an open that writes nothing (most CLI calls) never
// flushes, so each one left an empty .log file behind for good (fixed upstream in 8.3). It also
// keeps 1,000 old info logs, one per open.
#ifndef TF_LEDGER_ROCKSDB_FILES_H_
#define TF_LEDGER_ROCKSDB_FILES_H_

namespace rocksdb {
class DB;
struct DBOptions;
}  // namespace rocksdb

namespace tf::ledger {

// Keeps a few old info logs (LOG.old.*) rather than RocksDB's default 1,000.
void LimitInfoLogs(rocksdb::DBOptions& options);

// Deletes the empty write-ahead logs older than the one `db` writes to now. They hold no
// record, so recovery has nothing to replay from them, and WALs are not tracked in the
// manifest (track_and_verify_wals_in_manifest stays off), so their absence is no error. Call
// right after opening: the database's LOCK then keeps every other process out. Best effort: a
// file that cannot be removed is only clutter, never a reason to refuse the open.
void RemoveEmptyOldWals(rocksdb::DB& db);

}  // namespace tf::ledger

#endif  // TF_LEDGER_ROCKSDB_FILES_H_
