#include "core/yaml_reader.h"

#include "core/file_util.h"

namespace annexa {

Result<YamlValue> LoadYamlFile(const std::string& path) {
  Result<std::string> text = ReadFile(path, kMaxYamlBytes);
  if (!text.ok()) return text.status();
  return ParseYaml(*text, path);
}

}  // namespace annexa
