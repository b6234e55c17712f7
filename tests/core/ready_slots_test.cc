// Tests of ReadySlots: the hand-over between the list builders and the
// workbook writer in `annexa generate`.
#include "core/ready_slots.h"

#include <catch2/catch.hpp>

#include <thread>
#include <vector>

namespace annexa {
namespace {

TEST_CASE("ready slots: a consumer gets every slot, whatever order they are marked in", "[core]") {
  ReadySlots slots(5);
  std::vector<size_t> seen;
  std::thread consumer([&] {
    for (size_t i = 0; i < 5; ++i)
      if (slots.Wait(i)) seen.push_back(i);
  });
  for (size_t i : {3, 0, 4, 1, 2}) slots.MarkReady(i);
  consumer.join();
  CHECK(seen == std::vector<size_t>{0, 1, 2, 3, 4});
  CHECK(slots.Wait(2));  // a ready slot stays ready
}

TEST_CASE("ready slots: cancel wakes a waiting consumer with false", "[core]") {
  ReadySlots slots(3);
  slots.MarkReady(0);
  std::vector<bool> got;
  std::thread consumer([&] {
    for (size_t i = 0; i < 3; ++i) got.push_back(slots.Wait(i));
  });
  slots.Cancel();
  consumer.join();
  CHECK(got == std::vector<bool>{true, false, false});
  CHECK(slots.Wait(0));
  CHECK_FALSE(slots.Wait(1));
  CHECK_FALSE(slots.Wait(7));  // out of range: never ready
  slots.MarkReady(7);          // ignored
}

TEST_CASE("ready slots: Next hands out slots in the order they became ready, each once", "[core]") {
  ReadySlots slots(4);
  std::vector<size_t> got;
  std::thread consumer([&] {
    for (size_t i; slots.Next(&i);) got.push_back(i);
  });
  for (size_t i : {2, 0, 2, 3, 1}) slots.MarkReady(i);  // 2 twice: handed out once
  consumer.join();  // returns once all four are taken
  CHECK(got == std::vector<size_t>{2, 0, 3, 1});
  size_t i = 99;
  CHECK_FALSE(slots.Next(&i));
  CHECK(i == 99);

  ReadySlots cancelled(3);
  cancelled.MarkReady(1);
  CHECK(cancelled.Next(&i));
  CHECK(i == 1);
  cancelled.Cancel();
  CHECK_FALSE(cancelled.Next(&i));  // no wait for slots 0 and 2
}


}  // namespace
}  // namespace annexa
