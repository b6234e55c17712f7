#include "core/yaml_adapter.h"

#include <yaml-cpp/yaml.h>

namespace annexa {

YamlValue::YamlValue() = default;
YamlValue::YamlValue(const YamlValue&) = default;
YamlValue::YamlValue(YamlValue&&) noexcept = default;
YamlValue& YamlValue::operator=(const YamlValue&) = default;
YamlValue& YamlValue::operator=(YamlValue&&) noexcept = default;
YamlValue::~YamlValue() = default;

const YamlValue* YamlValue::Find(std::string_view key) const {
  if (kind != Kind::kMap) return nullptr;
  for (const auto& [k, v] : entries)
    if (k.kind == Kind::kScalar && k.scalar == key) return &v;
  return nullptr;
}

std::string Where(const std::string& file, const YamlMark& mark) {
  if (mark.line <= 0) return file;
  return file + ":" + std::to_string(mark.line) + ":" + std::to_string(mark.column);
}

namespace {

YamlMark MarkOf(const YAML::Mark& m) {
  if (m.is_null()) return {};
  return {m.line + 1, m.column + 1};
}

class Converter {
 public:
  explicit Converter(const std::string& file) : file_(file) {}

  Status Convert(const YAML::Node& node, int depth, YamlValue* out) {
    if (++nodes_ > kMaxNodes)
      return LimitExceeded(Where(file_, MarkOf(node.Mark())) + ": document expands to more than " +
                           std::to_string(kMaxNodes) + " nodes (alias expansion?)");
    if (depth > kMaxDepth)
      return LimitExceeded(Where(file_, MarkOf(node.Mark())) + ": nesting deeper than " +
                           std::to_string(kMaxDepth) + " levels");
    out->mark = MarkOf(node.Mark());
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        out->kind = YamlValue::Kind::kNull;
        return Status::Ok();
      case YAML::NodeType::Scalar:
        out->kind = YamlValue::Kind::kScalar;
        out->scalar = node.Scalar();
        return Status::Ok();
      case YAML::NodeType::Sequence:
        out->kind = YamlValue::Kind::kSequence;
        out->items.reserve(node.size());
        for (const auto& child : node) {
          out->items.emplace_back();
          ANNEXA_RETURN_IF_ERROR(Convert(child, depth + 1, &out->items.back()));
        }
        return Status::Ok();
      case YAML::NodeType::Map:
        out->kind = YamlValue::Kind::kMap;
        for (const auto& kv : node) {
          YamlValue key, value;
          ANNEXA_RETURN_IF_ERROR(Convert(kv.first, depth + 1, &key));
          ANNEXA_RETURN_IF_ERROR(Convert(kv.second, depth + 1, &value));
          if (key.kind == YamlValue::Kind::kScalar && out->Find(key.scalar))
            return ParseError(Where(file_, key.mark) + ": duplicate key '" + key.scalar + "'");
          out->entries.emplace_back(std::move(key), std::move(value));
        }
        return Status::Ok();
    }
    return Internal(file_ + ": unknown YAML node type");
  }

 private:
  const std::string& file_;
  size_t nodes_ = 0;
};

}  // namespace

Result<YamlValue> ParseYaml(const std::string& text, const std::string& file) {
  try {
    YAML::Node root = YAML::Load(text);
    YamlValue out;
    Converter converter(file);
    ANNEXA_RETURN_IF_ERROR(converter.Convert(root, 0, &out));
    return out;
  } catch (const YAML::Exception& e) {
    return ParseError(Where(file, MarkOf(e.mark)) + ": " + e.msg);
  } catch (const std::exception& e) {
    return ParseError(file + ": " + e.what());
  }
}

}  // namespace annexa
