// The single Catch2 (v2) test binary: every test file links into it.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
