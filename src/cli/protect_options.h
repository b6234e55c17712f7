// The data-protection options of the commands that write a pack (generate,
// rehearse, batch): --pseudonymise with its salt, and the PDF password,
// read and checked before any work (pack/protection.h applies them). See
// docs/protection.md and SECURITY.md.
#pragma once

#include <string>

#include "cli/app.h"
#include "pack/protection.h"

namespace annexa::cli {

using pack::ProtectOptions;

// Reads --pseudonymise, --salt-file FILE (else ANNEXA_SALT) and
// --pdf-password-file FILE (else ANNEXA_PDF_PASSWORD). Returns kExitOk, or
// the exit code after printing why to ctx.err: kExitUsage for a missing,
// short or misplaced secret, kExitIo for a file that cannot be read. No
// message ever includes a secret.
int ReadProtectOptions(const ParsedArgs& args, AppContext& ctx, ProtectOptions* out);

}  // namespace annexa::cli
