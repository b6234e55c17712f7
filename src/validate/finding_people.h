// Whom each finding is about (issue 19): the child (or adopter) id of the
// list row a finding names, and that row's allocated team and worker where
// the list has them, so that a gap can be sent to the people who can close
// it. Run once the lists are final (after --pseudonymise, so the ids are
// the pseudonyms the pack shows).
#pragma once

#include <vector>

#include "core/finding.h"
#include "lists/annex_list.h"

namespace annexa::validate {

// Fills Finding::child, team and worker of every stored finding that
// names a row of `lists` (by list number and list_row) or of `audit` (the
// audited-case list). Findings about no row are left as they are.
void AttachPeople(const std::vector<AnnexList>& lists, const AnnexList* audit, Findings* findings);

}  // namespace annexa::validate
