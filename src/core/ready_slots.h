// Hands work from producers to a consumer on another thread, slot by slot:
// producers mark slot i ready (once each, from any thread); the consumer
// waits for the slots it needs, in any order. Cancel() wakes every wait
// with false, so a consumer never outlives a producer that gave up.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <vector>

namespace annexa {

class ReadySlots {
 public:
  explicit ReadySlots(size_t n) : ready_(n, false) {}
  ReadySlots(const ReadySlots&) = delete;
  ReadySlots& operator=(const ReadySlots&) = delete;

  // Marks slot i ready; out-of-range slots are ignored.
  void MarkReady(size_t i);
  // Every wait, now and later, returns false unless its slot is ready.
  void Cancel();
  // Blocks until slot i is ready (true) or the slots are cancelled (false).
  bool Wait(size_t i);
  // For one consumer taking the slots in the order they became ready:
  // blocks until a slot it has not yet taken is ready and sets *i to it
  // (true), or returns false once the slots are cancelled or all taken.
  bool Next(size_t* i);

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<bool> ready_;
  std::vector<size_t> order_;  // slots in the order they became ready
  size_t taken_ = 0;           // Next() has handed out order_[0, taken_)
  bool cancelled_ = false;
};

}  // namespace annexa
