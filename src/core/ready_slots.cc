#include "core/ready_slots.h"

namespace annexa {

void ReadySlots::MarkReady(size_t i) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (i >= ready_.size() || ready_[i]) return;
    ready_[i] = true;
    order_.push_back(i);
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

bool ReadySlots::Next(size_t* i) {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return taken_ < order_.size() || cancelled_ || taken_ == ready_.size(); });
  if (taken_ == order_.size()) return false;  // cancelled, or every slot taken
  *i = order_[taken_++];
  return true;
}

}  // namespace annexa
