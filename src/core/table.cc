#include "core/table.h"

#include "core/text.h"

namespace annexa {

int Table::ColumnIndex(std::string_view header) const {
  for (size_t i = 0; i < headers.size(); ++i)
    if (headers[i] == header) return static_cast<int>(i);
  const std::string form = MatchForm(header);
  for (size_t i = 0; i < headers.size(); ++i)
    if (MatchForm(headers[i]) == form) return static_cast<int>(i);
  return -1;
}

}  // namespace annexa
