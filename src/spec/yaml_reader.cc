#include "spec/yaml_reader.h"

#include "core/file_util.h"

namespace annexa::spec {

Result<YamlValue> LoadYamlFile(const std::string& path) {
  Result<std::string> text = ReadFile(path, 16 * 1024 * 1024);
  if (!text.ok()) return text.status();
  return ParseYaml(*text, path);
}

}  // namespace annexa::spec
