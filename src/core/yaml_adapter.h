// A plain YAML tree with source positions: the one adapter for yaml-cpp
// (no other file includes <yaml-cpp/yaml.h>). Spec and config loaders read
// this tree, so yaml-cpp's exceptions never leave yaml_adapter.cc.
//
// Defences: duplicate mapping keys are an error (yaml-cpp accepts them),
// nesting deeper than kMaxDepth and trees over kMaxNodes nodes (alias
// "billion laughs" expansion) are refused.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace annexa {

struct YamlMark {
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based
};

class YamlValue {
 public:
  enum class Kind { kNull, kScalar, kSequence, kMap };

  Kind kind = Kind::kNull;
  YamlMark mark;
  std::string scalar;                                    // kScalar
  std::vector<YamlValue> items;                          // kSequence
  std::vector<std::pair<YamlValue, YamlValue>> entries;  // kMap, in file order

  // Declared here, defaulted in the .cc: with clang and libstdc++, the
  // implicit ones would need std::pair<YamlValue, YamlValue> complete while
  // YamlValue itself is not (the fuzz build uses clang).
  YamlValue();
  YamlValue(const YamlValue&);
  YamlValue(YamlValue&&) noexcept;
  YamlValue& operator=(const YamlValue&);
  YamlValue& operator=(YamlValue&&) noexcept;
  ~YamlValue();

  bool IsNull() const { return kind == Kind::kNull; }
  bool IsScalar() const { return kind == Kind::kScalar; }
  bool IsSequence() const { return kind == Kind::kSequence; }
  bool IsMap() const { return kind == Kind::kMap; }
  // The value of mapping key `key`, or nullptr (also when not a map).
  const YamlValue* Find(std::string_view key) const;
};

inline constexpr int kMaxDepth = 64;
inline constexpr size_t kMaxNodes = 1'000'000;

// Parses one YAML document. `file` names the source in messages:
// "<file>:<line>:<col>: <reason>". An empty document is a kNull value.
Result<YamlValue> ParseYaml(const std::string& text, const std::string& file);

// "file:line:col" for messages.
std::string Where(const std::string& file, const YamlMark& mark);

}  // namespace annexa
