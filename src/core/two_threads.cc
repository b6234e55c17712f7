#include "core/two_threads.h"

#include <optional>
#include <system_error>
#include <thread>

namespace annexa {

void RunOnTwoThreads(const std::function<void()>& work) {
  std::optional<std::thread> helper;
  try {
    helper.emplace(work);
  } catch (const std::system_error&) {
    // No second thread: this one does all the work.
  }
  work();
  if (helper) helper->join();
}

}  // namespace annexa
