// Secrets given to annexa (the pseudonymisation salt, the PDF password):
// read from a file named on the command line or from an environment
// variable, never from a command-line value (which `ps` and shell history
// would show). Messages name where a secret came from, never what it is.
#pragma once

#include <string>

#include "core/status.h"

namespace annexa::protect {

struct Secret {
  std::string value;         // "" when neither source is set
  std::string origin;        // "FILE" or "the environment variable NAME", for messages
  bool loose_permissions = false;  // the file can be read by its group or others
};

// The secret from `file` when it is not empty (its content, less trailing
// CR/LF, so `echo secret > file` works), else from the environment variable
// `env` (when set). kNotFound / kIoError naming the file.
Result<Secret> ReadSecret(const std::string& file, const char* env);

}  // namespace annexa::protect
