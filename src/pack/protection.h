// A pack to share outside the council (--pseudonymise, a PDF password):
// what the pipeline does with the options the command line read
// (cli/protect_options.h). See docs/protection.md and SECURITY.md.
#pragma once

#include <string>

#include "core/finding.h"
#include "core/status.h"
#include "lists/annex_list.h"
#include "render/pdf_document.h"

namespace annexa::pack {

struct ProtectOptions {
  bool pseudonymise = false;
  std::string salt;          // set when pseudonymise
  std::string pdf_password;  // empty: the PDF is not encrypted
};

// With pseudonymise, rewrites the lists (the audited cases too, when given)
// and the findings (protect/pseudonymise.h). Call it after every check and
// count that needs the real values and before anything is written.
Status ApplyPseudonymisation(const ProtectOptions& options, std::vector<AnnexList>* lists, AnnexList* audit,
                             Findings* findings);

// Marks the PDF pack pseudonymised (title, a cover fact, every footer) and
// gives it the password, as the options say.
void ProtectDocument(const ProtectOptions& options, render::PdfDocument* doc);

}  // namespace annexa::pack
