// File: core/ref_counted.h
//
// Intrusive reference counting for the immutable heap nodes behind `Value` and `Number`.
// Nodes are shared read-only between threads (a compiled policy's data is used by every server
// worker), so the count is atomic. Increments are relaxed; the decrement that frees uses
// acquire-release so the last owner sees every write made before the node was shared.
#ifndef TF_CORE_REF_COUNTED_H_
#define TF_CORE_REF_COUNTED_H_

#include <atomic>
#include <cstdint>
#include <utility>

namespace tf {

class RefCounted {
 public:
  RefCounted() = default;
  RefCounted(const RefCounted&) = delete;
  RefCounted& operator=(const RefCounted&) = delete;

  void AddRef() const { refs_.fetch_add(1, std::memory_order_relaxed); }
  // Returns true when this was the last reference; the caller then deletes the node.
  bool Release() const { return refs_.fetch_sub(1, std::memory_order_acq_rel) == 1; }
  // True when the caller holds the only reference, so an in-place update is invisible to others.
  bool IsUnique() const { return refs_.load(std::memory_order_acquire) == 1; }

 protected:
  ~RefCounted() = default;

 private:
  mutable std::atomic<uint32_t> refs_{1};
};

// Owning pointer to a RefCounted node. The node starts with count 1, owned by the RefPtr that
// `MakeRef` returns.
template <typename T>
class RefPtr {
 public:
  RefPtr() = default;
  RefPtr(const RefPtr& other) : ptr_(other.ptr_) {
    if (ptr_) ptr_->AddRef();
  }
  RefPtr(RefPtr&& other) noexcept : ptr_(std::exchange(other.ptr_, nullptr)) {}
  RefPtr& operator=(RefPtr other) noexcept {
    std::swap(ptr_, other.ptr_);
    return *this;
  }
  ~RefPtr() { Reset(); }

  // Takes over one reference that the caller already owns.
  static RefPtr Adopt(T* ptr) {
    RefPtr r;
    r.ptr_ = ptr;
    return r;
  }
  // Hands the reference to the caller, who must later release it.
  T* Leak() { return std::exchange(ptr_, nullptr); }

  void Reset() {
    if (ptr_ && ptr_->Release()) delete ptr_;
    ptr_ = nullptr;
  }
  T* get() const { return ptr_; }
  T& operator*() const { return *ptr_; }
  T* operator->() const { return ptr_; }
  explicit operator bool() const { return ptr_ != nullptr; }

 private:
  T* ptr_ = nullptr;
};

// The one place nodes are allocated: ownership goes straight into a RefPtr.
template <typename T, typename... Args>
RefPtr<T> MakeRef(Args&&... args) {
  return RefPtr<T>::Adopt(new T(std::forward<Args>(args)...));
}

}  // namespace tf

#endif  // TF_CORE_REF_COUNTED_H_
