#include "lists/annex_list.h"

namespace annexa {

std::string CellValue::ToText() const {
  switch (kind) {
    case Kind::kBlank: return "";
    case Kind::kText: return text;
    case Kind::kDate: return date.ToUk();
    case Kind::kInteger: return std::to_string(integer);
  }
  return "";
}

int64_t RowAccount::ExcludedTotal() const {
  int64_t n = 0;
  for (const auto& [reason, count] : excluded) n += count;
  return n;
}

}  // namespace annexa
