// Runs a piece of work on this thread and one more, when the system gives
// one (the machines annexa runs on have two cores or more). `work` must be
// safe to run twice at once: it takes its items from a shared atomic
// counter, so each item is done once, by whichever thread gets it first.
#pragma once

#include <functional>

namespace annexa {

void RunOnTwoThreads(const std::function<void()>& work);

}  // namespace annexa
