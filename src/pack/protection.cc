#include "pack/protection.h"

#include "protect/pseudonymise.h"

namespace annexa::pack {

Status ApplyPseudonymisation(const ProtectOptions& options, std::vector<AnnexList>* lists, AnnexList* audit,
                             Findings* findings) {
  if (!options.pseudonymise) return Status::Ok();
  std::vector<AnnexList*> all;
  for (AnnexList& l : *lists) all.push_back(&l);
  if (audit) all.push_back(audit);
  protect::Pseudonymiser p(options.salt);
  return protect::PseudonymisePack(p, all, findings);
}

void ProtectDocument(const ProtectOptions& options, render::PdfDocument* doc) {
  doc->user_password = options.pdf_password;
  if (!options.pseudonymise) return;
  doc->title += " (pseudonymised)";
  doc->cover_facts.insert(doc->cover_facts.begin(), {"Data", std::string(protect::kNotice)});
  doc->footer += " \u2013 PSEUDONYMISED";
}

}  // namespace annexa::pack
