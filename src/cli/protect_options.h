// The data-protection options of the commands that write a pack (generate,
// rehearse): --pseudonymise with its salt, and the PDF password. See
// docs/protection.md and SECURITY.md.
#pragma once

#include <string>

#include "cli/app.h"
#include "mapping/pack_builder.h"
#include "protect/pseudonymise.h"
#include "render/pdf_document.h"

namespace annexa::cli {

struct ProtectOptions {
  bool pseudonymise = false;
  std::string salt;          // set when pseudonymise
  std::string pdf_password;  // empty: the PDF is not encrypted
};

// Reads --pseudonymise, --salt-file FILE (else ANNEXA_SALT) and
// --pdf-password-file FILE (else ANNEXA_PDF_PASSWORD). Returns kExitOk, or
// the exit code after printing why to ctx.err: kExitUsage for a missing,
// short or misplaced secret, kExitIo for a file that cannot be read. No
// message ever includes a secret.
int ReadProtectOptions(const ParsedArgs& args, AppContext& ctx, ProtectOptions* out);

// With --pseudonymise, rewrites the pack's lists (the audited cases too)
// and findings (protect/pseudonymise.h). Call it after every check and
// count that needs the real values and before anything is written.
Status ApplyPseudonymisation(const ProtectOptions& options, mapping::MappedPack* pack);

// Marks the PDF pack pseudonymised (title, a cover fact, every footer) and
// gives it the password, as the options say.
void ProtectDocument(const ProtectOptions& options, render::PdfDocument* doc);

}  // namespace annexa::cli
