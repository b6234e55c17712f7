#include "cli/protect_options.h"

#include <ostream>

#include "protect/pseudonymise.h"  // kMinSaltBytes
#include "protect/secrets.h"

namespace annexa::cli {

namespace {

// PDF readers use at most 32 bytes of a password (the standard security
// handler pads or cuts to 32) and read them as PDFDocEncoding, so anything
// but printable ASCII may not open the file anywhere else.
bool UsablePdfPassword(const std::string& p) {
  if (p.size() < 8 || p.size() > 32) return false;
  for (char c : p)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

}  // namespace

int ReadProtectOptions(const ParsedArgs& args, AppContext& ctx, ProtectOptions* out) {
  out->pseudonymise = args.Has("pseudonymise");
  if (args.Has("salt-file") && !out->pseudonymise) {
    ctx.err << "annexa: --salt-file applies only with --pseudonymise\n";
    return kExitUsage;
  }
  if (out->pseudonymise) {
    Result<protect::Secret> salt = protect::ReadSecret(args.Get("salt-file"), "ANNEXA_SALT");
    if (!salt.ok()) return ReportFailure(salt.status(), ctx);
    if (salt->value.empty()) {
      ctx.err << "annexa: --pseudonymise needs a salt: --salt-file FILE or the environment variable ANNEXA_SALT "
                 "(a secret of at least "
              << protect::kMinSaltBytes << " bytes, the same for every run whose pseudonyms should match)\n";
      return kExitUsage;
    }
    if (salt->value.size() < protect::kMinSaltBytes) {
      ctx.err << "annexa: the salt in " << salt->origin << " is shorter than " << protect::kMinSaltBytes
              << " bytes; use a long random secret (e.g. openssl rand -hex 32)\n";
      return kExitUsage;
    }
    if (salt->loose_permissions)
      ctx.err << "annexa: warning: " << salt->origin << " can be read by other users; chmod 600 it\n";
    out->salt = std::move(salt->value);
  }
  Result<protect::Secret> password = protect::ReadSecret(args.Get("pdf-password-file"), "ANNEXA_PDF_PASSWORD");
  if (!password.ok()) return ReportFailure(password.status(), ctx);
  if (!password->origin.empty()) {
    if (!UsablePdfPassword(password->value)) {
      ctx.err << "annexa: the PDF password in " << password->origin
              << " must be 8 to 32 printable ASCII characters (PDF readers use no more than 32)\n";
      return kExitUsage;
    }
    if (password->loose_permissions)
      ctx.err << "annexa: warning: " << password->origin << " can be read by other users; chmod 600 it\n";
    out->pdf_password = std::move(password->value);
  }
  return kExitOk;
}

}  // namespace annexa::cli
