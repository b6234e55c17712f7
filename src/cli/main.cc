// The annexa executable: hands the command line to cli::RunApp.
#include <iostream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "spec/spec_loader.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  annexa::cli::AppContext ctx{std::cout, std::cerr, annexa::spec::DefaultSpecsRoot()};
  const int rc = annexa::cli::RunApp(args, ctx);
  std::cout.flush();
  return rc;
}
