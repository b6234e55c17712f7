#include "civil.h"

namespace exampleshire {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return (m == 2 && IsLeap(y)) ? 29 : kDays[m - 1];
}

// Howard Hinnant's days_from_civil / civil_from_days.
Day DayFromYmd(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = (m + 9) % 12;
  const int doy = (153 * mp + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Ymd YmdFromDay(Day day) {
  const int z = day + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  Ymd r;
  r.d = doy - (153 * mp + 2) / 5 + 1;
  r.m = mp < 10 ? mp + 3 : mp - 9;
  r.y = yoe + era * 400 + (r.m <= 2 ? 1 : 0);
  return r;
}

Day AddMonths(Day day, int months) {
  const Ymd a = YmdFromDay(day);
  int index = a.y * 12 + (a.m - 1) + months;
  const int y = index / 12;
  const int m = index % 12 + 1;
  const int d = a.d < DaysInMonth(y, m) ? a.d : DaysInMonth(y, m);
  return DayFromYmd(y, m, d);
}

Day AddYears(Day day, int years) { return AddMonths(day, 12 * years); }

int AgeOn(Day dob, Day on) {
  if (dob > on) return -1;
  const Ymd b = YmdFromDay(dob);
  const Ymd t = YmdFromDay(on);
  int age = t.y - b.y;
  // A 29 February birthday is reached on 1 March in common years.
  if (t.m < b.m || (t.m == b.m && t.d < b.d)) --age;
  return age;
}

bool ParseIsoDay(std::string_view text, Day* out) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lengths[p]; ++i) {
      const char c = text[static_cast<size_t>(starts[p] + i)];
      if (c < '0' || c > '9') return false;
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  if (parts[0] < 1900 || parts[1] < 1 || parts[1] > 12 || parts[2] < 1) return false;
  if (parts[2] > DaysInMonth(parts[0], parts[1])) return false;
  *out = DayFromYmd(parts[0], parts[1], parts[2]);
  return true;
}

namespace {

void AppendDigits(std::string* out, int value, int width) {
  char buf[8];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out->append(buf, static_cast<size_t>(width));
}

}  // namespace

void AppendYmd(std::string* out, const Ymd& ymd, DateFormat format, int seconds) {
  if (format == DateFormat::kUk) {
    AppendDigits(out, ymd.d, 2);
    out->push_back('/');
    AppendDigits(out, ymd.m, 2);
    out->push_back('/');
    AppendDigits(out, ymd.y, 4);
    return;
  }
  AppendDigits(out, ymd.y, 4);
  out->push_back('-');
  AppendDigits(out, ymd.m, 2);
  out->push_back('-');
  AppendDigits(out, ymd.d, 2);
  if (format == DateFormat::kIsoTime) {
    out->push_back(' ');
    AppendDigits(out, seconds / 3600, 2);
    out->push_back(':');
    AppendDigits(out, seconds / 60 % 60, 2);
    out->push_back(':');
    AppendDigits(out, seconds % 60, 2);
  }
}

}  // namespace exampleshire
