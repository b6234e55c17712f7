// exampleshire_gen: writes the raw extracts of "Exampleshire County Council"
// (LA code 999), a synthetic council shaped like a real case-management
// export, for annexa's tests, demos and benchmarks. Deterministic: the same
// arguments give byte-identical files.
//
//   exampleshire_gen --out DIR [--scale S] [--seed N] [--reference-date YYYY-MM-DD] [--no-defects]
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>

#include "world.h"

namespace exampleshire {
namespace {

constexpr const char* kUsage =
    "usage: exampleshire_gen --out DIR [--scale S] [--seed N] [--reference-date YYYY-MM-DD] [--no-defects]\n"
    "  --scale S            1.0 = the largest English council (~450,000 raw rows); default 0.02\n"
    "  --seed N             default 1\n"
    "  --reference-date D   the extract date; default 2026-11-23\n"
    "  --no-defects         leave out the injected data-quality defects\n";

int Fail(const std::string& message) {
  std::fprintf(stderr, "exampleshire_gen: %s\n%s", message.c_str(), kUsage);
  return 2;
}

int Run(int argc, char** argv) {
  Config config;
  std::string out;
  ParseIsoDay("2026-11-23", &config.reference);
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (arg == "--no-defects") {
      config.defects = false;
      continue;
    }
    if (i + 1 >= argc) return Fail("missing value for " + std::string(arg));
    const char* value = argv[++i];
    if (arg == "--out") {
      out = value;
    } else if (arg == "--scale") {
      char* end = nullptr;
      config.scale = std::strtod(value, &end);
      if (end == value || *end != '\0' || !(config.scale > 0) || config.scale > 100) {
        return Fail("--scale must be a number in (0, 100]");
      }
    } else if (arg == "--seed") {
      char* end = nullptr;
      errno = 0;
      config.seed = std::strtoull(value, &end, 10);
      if (end == value || *end != '\0' || errno != 0 || value[0] == '-') return Fail("--seed must be a whole number");
    } else if (arg == "--reference-date") {
      if (!ParseIsoDay(value, &config.reference)) return Fail("--reference-date must be a real date YYYY-MM-DD");
    } else {
      return Fail("unknown argument " + std::string(arg));
    }
  }
  if (out.empty()) return Fail("--out is required");
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) return Fail("cannot create " + out + ": " + ec.message());

  DefectSource defects(DeriveSeed(config.seed, kStreamDefects, 0), config.defects);
  Tables tables(&defects);
  tables.seed = config.seed;
  tables.reference = config.reference;
  std::string error;
  for (CsvFile* file : tables.All()) {
    if (!file->Open(out, &error)) return Fail(error);
  }
  World world(config, &tables, &defects);
  GenerateFrontDoor(world);
  GenerateOpenCases(world);
  GenerateChildrenInCare(world);
  GenerateShortBreaks(world);
  GenerateCareLeavers(world);
  GenerateAdoption(world);
  GenerateAdopters(world);

  int64_t total = 0;
  for (CsvFile* file : tables.All()) {
    if (!file->Close(&error)) {
      std::fprintf(stderr, "exampleshire_gen: %s\n", error.c_str());
      return 1;
    }
    std::string line = file->name() + " " + std::to_string(file->rows()) + " rows";
    std::string defect_list;
    for (int d = 0; d < kDefectKinds; ++d) {
      const int64_t n = file->defect_count(static_cast<Defect>(d));
      if (n == 0) continue;
      defect_list +=
          (defect_list.empty() ? "" : ", ") + std::string(DefectName(static_cast<Defect>(d))) + " " + std::to_string(n);
    }
    if (!defect_list.empty()) line += " (defects: " + defect_list + ")";
    std::printf("%s\n", line.c_str());
    total += file->rows();
  }
  std::printf("total %lld rows in %s\n", static_cast<long long>(total), out.c_str());
  return 0;
}

}  // namespace
}  // namespace exampleshire

int main(int argc, char** argv) { return exampleshire::Run(argc, argv); }
