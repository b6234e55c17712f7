// The sandbox (`--sandbox`, `--allow-dir`): every file a run reads or writes
// on a config's say-so (sources, the output template, its logo and fonts,
// the output folder) must lie inside a set of allowed folders once `..` is
// resolved and every symlink followed. A config shared between teams, or
// fetched along with an extract, then cannot make annexa read
// /etc/shadow-like files into a workbook or write outside its folder.
//
// It is a check made before each file is opened, not an OS jail: a file
// swapped for a symlink after the check (a race on a folder an attacker can
// write to) is out of its reach. The allowed folders themselves should not
// be writable by people the config is not trusted from.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace annexa {

class PathGuard {
 public:
  // The allowed folders, each resolved (symlinks followed, `..` removed).
  // A folder that does not exist yet is resolved as far as it exists.
  // kInvalidArgument when `roots` is empty or one cannot be resolved.
  static Result<PathGuard> Make(const std::vector<std::string>& roots);

  // `path` resolved the same way: the real file it names (following every
  // symlink that exists), its missing tail normalised. Empty on failure.
  static std::string Resolve(const std::string& path);

  // True when `path` resolves inside (or to) one of the allowed folders;
  // `*resolved` (if given) receives the resolved path.
  bool Allows(const std::string& path, std::string* resolved = nullptr) const;

  // "'<shown>' resolves to <resolved>, outside the allowed folders
  // (<roots>)", or "" when allowed. `shown` is the path as the user wrote
  // it (default: `path`); callers prefix their own location.
  std::string Problem(const std::string& path, const std::string& shown = "") const;

  const std::vector<std::string>& roots() const { return roots_; }

 private:
  std::vector<std::string> roots_;  // resolved
};

}  // namespace annexa
