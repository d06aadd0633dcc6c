#include "player/render/clock_format.hpp"

#include <array>
#include <cstdio>

namespace gatecast::player {
namespace {

constexpr std::array<const char*, 7> weekdays_vi = {"Thứ Hai", "Thứ Ba",  "Thứ Tư",  "Thứ Năm",
                                                    "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"};
constexpr std::array<const char*, 7> weekdays_zh = {"星期一", "星期二", "星期三", "星期四",
                                                    "星期五", "星期六", "星期日"};
constexpr std::array<const char*, 7> weekdays_en = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                    "Friday", "Saturday", "Sunday"};
constexpr std::array<const char*, 12> months_en = {"January",   "February", "March",    "April",
                                                   "May",       "June",     "July",     "August",
                                                   "September", "October",  "November", "December"};
constexpr std::array<const char*, 7> weekdays_lo = {"ວັນຈັນ", "ວັນອັງຄານ", "ວັນພຸດ",  "ວັນພະຫັດ",
                                                    "ວັນສຸກ", "ວັນເສົາ",   "ວັນອາທິດ"};
constexpr std::array<const char*, 7> weekdays_km = {"ថ្ងៃច័ន្ទ", "ថ្ងៃអង្គារ", "ថ្ងៃពុធ",   "ថ្ងៃព្រហស្បតិ៍",
                                                    "ថ្ងៃសុក្រ", "ថ្ងៃសៅរ៍",   "ថ្ងៃអាទិត្យ"};

constexpr std::array<const char*, 7> weekdays_ja = {"月曜日", "火曜日", "水曜日", "木曜日",
                                                    "金曜日", "土曜日", "日曜日"};
constexpr std::array<const char*, 7> weekdays_ko = {"월요일", "화요일", "수요일", "목요일",
                                                    "금요일", "토요일", "일요일"};

std::string printf_string(const char* format, int a, int b, int c) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, a, b, c);
  return buffer;
}

// Days since 1970-01-01 -> y/m/d (Howard Hinnant's civil_from_days).
void civil_from_days(std::int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(std::int64_t(yoe) + era * 400 + (m <= 2 ? 1 : 0));
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}

}  // namespace

CivilTime civil_time(Instant t, std::int64_t utc_offset_seconds) {
  const std::int64_t local_s = floor_div(t.time_since_epoch().count(), 1000) + utc_offset_seconds;
  const std::int64_t days = floor_div(local_s, 86400);
  const std::int64_t in_day = local_s - days * 86400;
  CivilTime c;
  civil_from_days(days, c.year, c.month, c.day);
  c.weekday = static_cast<int>(((days % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday
  c.hour = static_cast<int>(in_day / 3600);
  c.minute = static_cast<int>(in_day / 60 % 60);
  c.second = static_cast<int>(in_day % 60);
  return c;
}

std::string format_date(const std::string& lang, const CivilTime& c) {
  const auto wd = static_cast<std::size_t>(c.weekday % 7);
  if (lang == "vi")
    return std::string(weekdays_vi[wd]) + ", " + printf_string("%02d/%02d/%04d", c.day, c.month, c.year);
  if (lang == "zh") {
    return printf_string("%d年%d月%d日 ", c.year, c.month, c.day) + weekdays_zh[wd];
  }
  if (lang == "en") {
    return std::string(weekdays_en[wd]) + ", " + std::to_string(c.day) + " " +
           months_en[static_cast<std::size_t>(c.month - 1) % 12] + " " + std::to_string(c.year);
  }
  if (lang == "ja") return printf_string("%d年%d月%d日 ", c.year, c.month, c.day) + weekdays_ja[wd];
  if (lang == "ko") return printf_string("%d년 %d월 %d일 ", c.year, c.month, c.day) + weekdays_ko[wd];
  if (lang == "lo")
    return std::string(weekdays_lo[wd]) + ", " + printf_string("%02d/%02d/%04d", c.day, c.month, c.year);
  if (lang == "km")
    return std::string(weekdays_km[wd]) + ", " + printf_string("%02d/%02d/%04d", c.day, c.month, c.year);
  return printf_string("%04d-%02d-%02d", c.year, c.month, c.day);
}

std::string format_time(const CivilTime& c) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", c.hour, c.minute);
  return buffer;
}

}  // namespace gatecast::player
