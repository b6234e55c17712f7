// The `annexa` command line: a table of subcommands, each with its options,
// parsed without exceptions. main() only builds an AppContext and returns
// RunApp's exit code, so every command is testable in-process.
//
// Exit codes: 0 ok; 1 the output was produced but has errors to look at;
// 2 bad usage or configuration; 3 a source could not be read or written.
#pragma once

#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.h"
#include "core/resources.h"
#include "core/status.h"
#include "sources/http_fetch.h"

namespace annexa::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitIo = 3;

struct AppContext {
  std::ostream& out;
  std::ostream& err;
  Resources resources;  // the specs, output templates and bank holidays (core/resources.h)
  // The injected clock: local time as "YYYY-MM-DDTHH:MM:SS". Outputs take
  // their timestamps from here, so tests pin them.
  std::function<std::string()> now;
  // Progress lines for long stages (stderr on a terminal; empty = quiet).
  std::function<void(const std::string&)> progress;
  // A monotonic clock in seconds, for timing rehearsals; empty = no timings.
  std::function<double()> seconds;
  // HTTP(S) fetcher for sources; empty = the real one.
  std::function<Result<sources::HttpResponse>(const sources::HttpRequest&)> fetch;
};

struct OptionSpec {
  std::string_view name;        // without dashes: "spec"
  std::string_view value_name;  // empty for a flag
  std::string_view help;
};

// Options and positional words after the command word(s).
struct ParsedArgs {
  std::map<std::string, std::string> values;
  std::set<std::string> flags;
  std::vector<std::string> positionals;

  bool Has(const std::string& name) const { return values.count(name) || flags.count(name); }
  std::string Get(const std::string& name, const std::string& fallback = "") const {
    auto it = values.find(name);
    return it == values.end() ? fallback : it->second;
  }
};

struct CommandSpec {
  std::string_view name;     // "specs list"
  std::string_view summary;  // one line for --help
  std::string_view usage;    // "annexa specs list [--spec VERSION]"
  std::vector<OptionSpec> options;
  int (*run)(const ParsedArgs& args, AppContext& ctx);
};

// Maps a Status to an exit code (2 for configuration, 3 for I/O) after
// printing its message to ctx.err.
int ReportFailure(const Status& status, AppContext& ctx);

// --reference-date, read the same way by every command: kExitOk (with *out
// set when the option is given), or kExitUsage after printing the one
// message to ctx.err.
int ReadReferenceDate(const ParsedArgs& args, AppContext& ctx, std::optional<CivilDate>* out);

// Runs `annexa <args...>` (args excludes the program name).
int RunApp(const std::vector<std::string>& args, AppContext& ctx);

}  // namespace annexa::cli
