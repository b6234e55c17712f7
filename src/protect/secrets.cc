#include "protect/secrets.h"

#include <sys/stat.h>

#include <cstdlib>

#include "core/file_util.h"

namespace annexa::protect {

Result<Secret> ReadSecret(const std::string& file, const char* env) {
  Secret s;
  if (!file.empty()) {
    // A secret is small; a large file is a mistake (the wrong file named).
    Result<std::string> data = ReadFile(file, 64 * 1024);
    if (!data.ok()) return data.status();
    s.value = std::move(*data);
    while (!s.value.empty() && (s.value.back() == '\n' || s.value.back() == '\r')) s.value.pop_back();
    s.origin = file;
    struct stat st;
    s.loose_permissions = ::stat(file.c_str(), &st) == 0 && (st.st_mode & 077) != 0;
    return s;
  }
  if (const char* v = std::getenv(env)) {
    s.value = v;
    s.origin = std::string("the environment variable ") + env;
  }
  return s;
}

}  // namespace annexa::protect
