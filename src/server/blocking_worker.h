// File: server/blocking_worker.h
//
// `BlockingWorker`: one thread for work that blocks, such as a synchronous ledger append that
// waits for its group commit, so that the I/O threads never do. Tasks run one at a time, in the
// order submitted; a task that ends in a response posts it back to the connection (Poster).
//
//   worker.Submit([&] { Result<PutResult> r = store.Put(...); post([r] { respond(...); }); });
//
// The queue needs no bound of its own: each connection has at most one request in flight, so
// the connection limit bounds it.
//
// Thread safety: Submit may be called from any thread. The destructor runs every task already
// queued, then joins.
#ifndef TF_SERVER_BLOCKING_WORKER_H_
#define TF_SERVER_BLOCKING_WORKER_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace tf::server {

class BlockingWorker {
 public:
  BlockingWorker();
  ~BlockingWorker();
  BlockingWorker(const BlockingWorker&) = delete;
  BlockingWorker& operator=(const BlockingWorker&) = delete;

  void Submit(std::function<void()> task);

 private:
  void Run();

  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;  // guarded by mu_
  bool stopping_ = false;                    // guarded by mu_
  std::thread thread_;                       // last: started once the rest exists
};

}  // namespace tf::server

#endif  // TF_SERVER_BLOCKING_WORKER_H_
