// Names capped and control characters removed before any writer sees them
// (issue 17, item 5). Expected values worked out by hand.
#include "core/text_limits.h"

#include <catch2/catch.hpp>

#include <string>

namespace annexa {
namespace {

TEST_CASE("text limits: a printable name within its cap has no problem", "[text_limits]") {
  CHECK(TextProblem("Exampleshire County Council", kMaxNameChars).empty());
  CHECK(TextProblem("Zoë O’Neill", 11).empty());  // 11 characters, 15 bytes
  CHECK(TextProblem("", kMaxNameChars).empty());
}

TEST_CASE("text limits: too long, control characters and bad UTF-8 are each named", "[text_limits]") {
  CHECK(TextProblem(std::string(201, 'x'), 200) == "is 201 characters long; at most 200 are allowed");
  CHECK(TextProblem("Zoë O’Neill", 10) == "is 11 characters long; at most 10 are allowed");
  CHECK(TextProblem("Bad\x07name", 200) ==
        "holds a control character (U+0007) at character 4: a name is one line of printable text");
  CHECK(TextProblem("two\nlines", 200) ==
        "holds a control character (U+000A) at character 4: a name is one line of printable text");
  CHECK(TextProblem("tab\there", 200) ==
        "holds a control character (U+0009) at character 4: a name is one line of printable text");
  CHECK(TextProblem("del\x7f", 200) ==
        "holds a control character (U+007F) at character 4: a name is one line of printable text");
  CHECK(TextProblem("c1\xC2\x85", 200) ==  // U+0085 NEL, a C1 control
        "holds a control character (U+0085) at character 3: a name is one line of printable text");
  CHECK(TextProblem("ab\xFF", 200) == "is not valid UTF-8 (byte 3)");
  CHECK(TextProblem("a\xED\xA0\x80", 200) == "is not valid UTF-8 (byte 2)");  // lone surrogate U+D800
  CHECK(TextProblem("a\xC0\xAF", 200) == "is not valid UTF-8 (byte 2)");      // overlong '/'
}

TEST_CASE("text limits: SafeName leaves a good name untouched", "[text_limits]") {
  const SafeText s = SafeName("Zoë O’Neill", 200);
  CHECK(s.text == "Zoë O’Neill");
  CHECK_FALSE(s.replaced);
  CHECK_FALSE(s.capped);
  CHECK(s.chars == 11);
}

TEST_CASE("text limits: SafeName turns control characters into spaces and bad bytes into U+FFFD", "[text_limits]") {
  const SafeText s = SafeName("A\x01" "B\tC\r\nD\x7f" "E\xC2\x9F" "F\xFFG\xED\xA0\x80H", 200);
  // \x01 \t \r \n \x7f U+009F: 6 spaces; \xFF: one U+FFFD; the surrogate's 3 bytes: 3 U+FFFD.
  CHECK(s.text == "A B C  D E F\xEF\xBF\xBDG\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDH");
  CHECK(s.replaced);
  CHECK_FALSE(s.capped);
  CHECK(s.chars == 18);  // 8 letters, 6 controls, 1 bad byte, 3 surrogate bytes
}

TEST_CASE("text limits: SafeName caps at the limit with an ellipsis, by characters not bytes", "[text_limits]") {
  const SafeText s = SafeName(std::string(100000, 'x'), 200);
  CHECK(s.capped);
  CHECK(s.chars == 100000);
  CHECK(s.text == std::string(199, 'x') + "\u2026");
  // "éé…": cap 3 keeps 2 two-byte characters and the ellipsis.
  const SafeText e = SafeName("éééé", 3);
  CHECK(e.text == "éé\u2026");
  CHECK(e.capped);
  // Exactly at the cap: untouched.
  CHECK(SafeName("ééé", 3).text == "ééé");
  CHECK_FALSE(SafeName("ééé", 3).capped);
}

}  // namespace
}  // namespace annexa
