#include <catch2/catch.hpp>

#include "core/text.h"

using namespace annexa;

TEST_CASE("text: match form folds case, curly quotes, spaces and a trailing question mark", "[core][text]") {
  CHECK(MatchForm("Date Ceased to be Looked After ") == "date ceased to be looked after");
  CHECK(MatchForm("Was the child assessed as requiring LA children’s social care support") ==
        MatchForm("was the child assessed as requiring LA children's social care support?"));
  CHECK(MatchForm("Number of Episodes the Child has been ‘Missing’") == "number of episodes the child has been 'missing'");
  CHECK(MatchForm("  Case   Status\t") == "case status");
  CHECK(MatchForm("LA\xC2\xA0In Touch\xC2\xA0") == "la in touch");
  CHECK(MatchForm("b) Female") == "b) female");
  CHECK(MatchForm("E4B – Return") == "e4b - return");
}

TEST_CASE("text: trim removes ASCII white space and no-break spaces", "[core][text]") {
  CHECK(Trim("  a b \r\n") == "a b");
  CHECK(Trim("\xC2\xA0x\xC2\xA0") == "x");
  CHECK(Trim("") == "");
}

TEST_CASE("text: UTF-8 validation rejects overlongs, surrogates and truncation", "[core][text]") {
  CHECK(IsValidUtf8("Child’s"));
  CHECK(IsValidUtf8(""));
  CHECK_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(IsValidUtf8("abc\xE2\x80"));       // truncated
  CHECK_FALSE(IsValidUtf8("\x92"));              // Windows-1252 apostrophe
}

TEST_CASE("text: Excel column letters", "[core][text]") {
  CHECK(ColumnLetters(1) == "A");
  CHECK(ColumnLetters(26) == "Z");
  CHECK(ColumnLetters(27) == "AA");
  CHECK(ColumnLetters(34) == "AH");
  CHECK(ColumnLetters(703) == "AAA");
}

TEST_CASE("text: split and join", "[core][text]") {
  CHECK(Split("a,,b", ',') == std::vector<std::string>{"a", "", "b"});
  CHECK(Join({"x", "y"}, ", ") == "x, y");
}

TEST_CASE("text: Fixed rounds to the given decimals", "[core]") {
  CHECK(annexa::Fixed(94.44, 1) == "94.4");
  CHECK(annexa::Fixed(94.45, 0) == "94");
  CHECK(annexa::Fixed(0.5, 3) == "0.500");
  CHECK(annexa::Fixed(-1.25, 1) == "-1.2");  // round half to even in binary: -1.25 is exact, printf gives -1.2
}
