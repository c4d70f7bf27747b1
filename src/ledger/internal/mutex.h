// File: ledger/internal/mutex.h
//
// A std::mutex with clang thread-safety annotations, so -Wthread-safety checks the GUARDED_BY
// and REQUIRES contracts written on the ledger's members (as LevelDB's port/thread_annotations.h
// does). `MutexLock` is the scoped holder; `CondVar` waits on a held Mutex.
#ifndef TF_LEDGER_INTERNAL_MUTEX_H_
#define TF_LEDGER_INTERNAL_MUTEX_H_

#include <chrono>
#include <condition_variable>
#include <mutex>

#if defined(__clang__)
#define TF_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define TF_THREAD_ANNOTATION(x)
#endif

#define TF_CAPABILITY(x) TF_THREAD_ANNOTATION(capability(x))
#define TF_SCOPED_CAPABILITY TF_THREAD_ANNOTATION(scoped_lockable)
#define TF_GUARDED_BY(x) TF_THREAD_ANNOTATION(guarded_by(x))
#define TF_REQUIRES(...) TF_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define TF_EXCLUDES(...) TF_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define TF_ACQUIRE(...) TF_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define TF_RELEASE(...) TF_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define TF_NO_THREAD_SAFETY_ANALYSIS TF_THREAD_ANNOTATION(no_thread_safety_analysis)

namespace tf::ledger::internal {

class TF_CAPABILITY("mutex") Mutex {
 public:
  void Lock() TF_ACQUIRE() { mu_.lock(); }
  void Unlock() TF_RELEASE() { mu_.unlock(); }

 private:
  friend class CondVar;
  std::mutex mu_;
};

class TF_SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex* mu) TF_ACQUIRE(mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() TF_RELEASE() { mu_->Unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex* const mu_;
};

class CondVar {
 public:
  explicit CondVar(Mutex* mu) : mu_(mu) {}
  // REQUIRES: mu held. Releases it while waiting and holds it again on return.
  void Wait() TF_NO_THREAD_SAFETY_ANALYSIS {
    std::unique_lock<std::mutex> lock(mu_->mu_, std::adopt_lock);
    cv_.wait(lock);
    lock.release();
  }
  // REQUIRES: mu held. As Wait, for at most `timeout` (a Signal may end it sooner).
  void WaitFor(std::chrono::nanoseconds timeout) TF_NO_THREAD_SAFETY_ANALYSIS {
    std::unique_lock<std::mutex> lock(mu_->mu_, std::adopt_lock);
    cv_.wait_for(lock, timeout);
    lock.release();
  }
  void Signal() { cv_.notify_one(); }
  void SignalAll() { cv_.notify_all(); }

 private:
  Mutex* const mu_;
  std::condition_variable cv_;
};

}  // namespace tf::ledger::internal

#endif  // TF_LEDGER_INTERNAL_MUTEX_H_
