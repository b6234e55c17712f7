#include "core/civil_date.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace annexa {

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && IsLeapYear(y)) return 29;
  return kDays[m - 1];
}

std::optional<CivilDate> CivilDate::FromYmd(int y, int m, int d) {
  if (y < 1800 || y > 9999 || m < 1 || m > 12 || d < 1) return std::nullopt;
  if (d > DaysInMonth(y, m)) return std::nullopt;
  return CivilDate(y, m, d);
}

// Howard Hinnant's days_from_civil / civil_from_days algorithms.
int64_t CivilDate::ToDays() const {
  int64_t y = y_ - (m_ <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (m_ + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + d_ - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilDate::FromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return CivilDate(static_cast<int>(y + (m <= 2 ? 1 : 0)), m, d);
}

namespace {
// Serial 25569 is 1970-01-01 in the 1900 system (counting the fake 29 Feb).
constexpr int64_t kSerialOfEpoch = 25569;
constexpr double kMaxSerial = 2958465;  // 9999-12-31
}  // namespace

std::optional<CivilDate> CivilDate::FromExcelSerial(double serial) {
  if (!std::isfinite(serial) || serial < 1 || serial >= kMaxSerial + 1) return std::nullopt;
  int64_t whole = static_cast<int64_t>(std::floor(serial));
  if (whole == 60) return std::nullopt;  // 1900-02-29 never existed
  if (whole < 60) whole += 1;             // before the fake day: one day less
  return FromDays(whole - kSerialOfEpoch);
}

double CivilDate::ToExcelSerial() const {
  int64_t serial = ToDays() + kSerialOfEpoch;
  if (serial <= 60) serial -= 1;
  return static_cast<double>(serial);
}

namespace {
bool ReadInt(std::string_view s, int& out) {
  if (s.empty() || s.size() > 4) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

// Accepts nothing, or a time part introduced by 'T' or ' '.
bool IsTimeSuffix(std::string_view rest) {
  if (rest.empty()) return true;
  if (rest[0] != 'T' && rest[0] != ' ') return false;
  for (char c : rest.substr(1))
    if (!(c == ':' || c == '.' || c == ' ' || c == 'Z' || c == '+' || c == '-' ||
          (c >= '0' && c <= '9')))
      return false;
  return true;
}
}  // namespace

std::optional<CivilDate> CivilDate::Parse(std::string_view t) {
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  int y = 0, m = 0, d = 0;
  if (t.size() >= 10 && t[4] == '-' && t[7] == '-') {
    if (!ReadInt(t.substr(0, 4), y) || !ReadInt(t.substr(5, 2), m) ||
        !ReadInt(t.substr(8, 2), d) || !IsTimeSuffix(t.substr(10)))
      return std::nullopt;
    return FromYmd(y, m, d);
  }
  const size_t s1 = t.find('/');
  if (s1 == std::string_view::npos) return std::nullopt;
  const size_t s2 = t.find('/', s1 + 1);
  if (s2 == std::string_view::npos) return std::nullopt;
  size_t end = t.find_first_of(" T", s2 + 1);
  if (end == std::string_view::npos) end = t.size();
  if (s1 < 1 || s1 > 2 || s2 - s1 - 1 < 1 || s2 - s1 - 1 > 2 || end - s2 - 1 != 4) return std::nullopt;
  if (!ReadInt(t.substr(0, s1), d) || !ReadInt(t.substr(s1 + 1, s2 - s1 - 1), m) ||
      !ReadInt(t.substr(s2 + 1, 4), y) || !IsTimeSuffix(t.substr(end)))
    return std::nullopt;
  return FromYmd(y, m, d);
}

int CivilDate::Weekday() const {
  const int64_t z = ToDays();  // 1970-01-01 was a Thursday (3)
  return static_cast<int>(((z % 7) + 7 + 3) % 7);
}

CivilDate CivilDate::AddMonths(int n) const {
  int64_t total = static_cast<int64_t>(y_) * 12 + (m_ - 1) + n;
  const int y = static_cast<int>(total / 12);
  const int m = static_cast<int>(total % 12) + 1;
  const int dim = DaysInMonth(y, m);
  return CivilDate(y, m, d_ > dim ? dim : d_);
}

std::string CivilDate::ToIso() const {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y_, m_, d_);
  return buf;
}

std::string CivilDate::ToUk() const {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d_, m_, y_);
  return buf;
}

int AgeInYears(const CivilDate& born, const CivilDate& on) {
  if (on < born) return -1;
  int age = on.year() - born.year();
  // Not yet had this year's birthday. A 29 February birthday is therefore
  // reached on 1 March in common years, as in English law.
  if (on.month() < born.month() || (on.month() == born.month() && on.day() < born.day())) --age;
  return age;
}

}  // namespace annexa
