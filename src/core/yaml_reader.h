// Reading typed values out of a YamlValue tree while collecting every
// problem with its file:line:col. Shared by the spec loader and the council
// config loader so both report mistakes the same way.
#pragma once

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "core/text.h"
#include "core/yaml_adapter.h"

namespace annexa {

inline constexpr size_t kMaxProblems = 50;

// Collects every problem found while loading, with its location.
class Problems {
 public:
  void Add(const std::string& file, const YamlMark& mark, const std::string& what) {
    if (list_.size() < kMaxProblems) list_.push_back(Where(file, mark) + ": " + what);
    ++count_;
  }
  // A message that already names its place.
  void AddRaw(const std::string& message) {
    if (list_.size() < kMaxProblems) list_.push_back(message);
    ++count_;
  }
  bool empty() const { return count_ == 0; }
  Status ToStatus() const {
    std::string msg = Join(list_, "\n");
    if (count_ > list_.size())
      msg += "\n... and " + std::to_string(count_ - list_.size()) + " more problems";
    return ParseError(msg);
  }

 private:
  std::vector<std::string> list_;
  size_t count_ = 0;
};

// Reads typed values out of one YAML file's tree, reporting problems.
class FileReader {
 public:
  FileReader(std::string file, Problems* problems) : file_(std::move(file)), problems_(problems) {}
  const std::string& file() const { return file_; }

  void Error(const YamlMark& mark, const std::string& what) const { problems_->Add(file_, mark, what); }

  bool ExpectMap(const YamlValue& v, const std::string& what) const {
    if (v.IsMap()) return true;
    Error(v.mark, what + " must be a mapping of keys to values");
    return false;
  }

  void CheckKeys(const YamlValue& map, std::initializer_list<std::string_view> allowed,
                 const std::string& what) const {
    for (const auto& [k, v] : map.entries) {
      if (std::find(allowed.begin(), allowed.end(), k.scalar) != allowed.end()) continue;
      std::vector<std::string> names(allowed.begin(), allowed.end());
      Error(k.mark, "unknown key '" + k.scalar + "' in " + what + " (expected one of: " +
                        Join(names, ", ") + ")");
    }
  }

  // A scalar string; nullopt (and a problem when `required`) otherwise.
  std::optional<std::string> Str(const YamlValue& map, std::string_view key, const std::string& what,
                                 bool required) const {
    const YamlValue* v = map.Find(key);
    if (!v || v->IsNull()) {
      if (required) Error(map.mark, what + " is missing required key '" + std::string(key) + "'");
      return std::nullopt;
    }
    if (!v->IsScalar()) {
      Error(v->mark, "'" + std::string(key) + "' in " + what + " must be a single value");
      return std::nullopt;
    }
    return v->scalar;
  }

  std::optional<int64_t> Int(const YamlValue& v, std::string_view key) const {
    int64_t out = 0;
    const std::string& s = v.scalar;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (!v.IsScalar() || s.empty() || ec != std::errc() || p != s.data() + s.size()) {
      Error(v.mark, "'" + std::string(key) + "' must be a whole number, not '" + s + "'");
      return std::nullopt;
    }
    return out;
  }

  std::optional<bool> Bool(const YamlValue& v, std::string_view key) const {
    if (v.IsScalar() && (v.scalar == "true" || v.scalar == "false")) return v.scalar == "true";
    Error(v.mark, "'" + std::string(key) + "' must be true or false, not '" + v.scalar + "'");
    return std::nullopt;
  }

  std::vector<std::string> StrList(const YamlValue& v, std::string_view key) const {
    std::vector<std::string> out;
    if (!v.IsSequence()) {
      Error(v.mark, "'" + std::string(key) + "' must be a list");
      return out;
    }
    for (const YamlValue& item : v.items) {
      if (item.IsScalar()) out.push_back(item.scalar);
      else Error(item.mark, "each entry of '" + std::string(key) + "' must be a single value");
    }
    return out;
  }

  template <typename Enum>
  std::optional<Enum> OneOf(const YamlValue& v, std::string_view key,
                            std::initializer_list<std::pair<std::string_view, Enum>> choices,
                            const std::string& what) const {
    std::vector<std::string> names;
    for (const auto& [name, e] : choices) {
      if (v.IsScalar() && v.scalar == name) return e;
      names.emplace_back(name);
    }
    Error(v.mark, what + " has unknown " + std::string(key) + " '" + v.scalar +
                      "' (expected one of: " + Join(names, ", ") + ")");
    return std::nullopt;
  }

 private:
  std::string file_;
  Problems* problems_;
};


// The largest YAML file annexa reads.
inline constexpr uint64_t kMaxYamlBytes = 16 * 1024 * 1024;

// Reads and parses a YAML file (at most kMaxYamlBytes).
Result<YamlValue> LoadYamlFile(const std::string& path);

}  // namespace annexa
