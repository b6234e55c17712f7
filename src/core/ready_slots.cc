#include "core/ready_slots.h"

namespace annexa {

void ReadySlots::MarkReady(size_t i) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (i >= ready_.size()) return;
    ready_[i] = true;
  }
  cv_.notify_all();
}

void ReadySlots::Cancel() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    cancelled_ = true;
  }
  cv_.notify_all();
}

bool ReadySlots::Wait(size_t i) {
  std::unique_lock<std::mutex> lock(mu_);
  if (i >= ready_.size()) return false;
  cv_.wait(lock, [&] { return ready_[i] || cancelled_; });
  return ready_[i];
}

}  // namespace annexa
