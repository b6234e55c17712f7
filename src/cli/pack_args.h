// The options `generate`, `rehearse` and `audit` share for running a pack:
// --config and --out (both required, no positional words), --data-dir,
// --reference-date, --generated-at, --template, and --sandbox / --allow-dir
// (by default the config's folder, --data-dir and --out), checked the same
// way with the same messages.
#pragma once

#include <optional>
#include <string>

#include "cli/app.h"
#include "core/path_guard.h"
#include "pack/run_pack.h"

namespace annexa::cli {

struct PackArgs {
  pack::PackRequest request;  // request.sandbox points into `sandbox`
  std::optional<PathGuard> sandbox;
  // Why the run is not recorded in a run history though --no-history was
  // not given (the default file lies outside --sandbox); "" otherwise.
  std::string history_note;
};

// Fills `out` from `args` (resources, clock and fetcher from ctx). Returns
// kExitOk, or the exit code after printing why to ctx.err. `command` names
// the command in the usage message. Do not copy `out` after: it points
// into itself.
int ReadPackArgs(const ParsedArgs& args, AppContext& ctx, const std::string& command, PackArgs* out);

// Prints RunPack's progress lines (unless --quiet) through ctx.progress.
class ProgressPrinter : public pack::PackObserver {
 public:
  explicit ProgressPrinter(AppContext& ctx, bool quiet = false) : ctx_(ctx), quiet_(quiet) {}
  void Progress(const std::string& message) override {
    if (!quiet_ && ctx_.progress) ctx_.progress(message);
  }

 private:
  AppContext& ctx_;
  bool quiet_;
};

}  // namespace annexa::cli
