#include "content/reports/report_sheets.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "content/base/rfc3339.hpp"
#include "scheduler/calendar.hpp"

namespace gatecast::content {
std::string item_title(const ItemRow& item, ReportLanguage language) {
  const char* wanted = language == ReportLanguage::vi ? "vi" : "en";
  for (const char* code : {wanted, "vi", "en"}) {
    if (const auto it = item.title.find(code); it != item.title.end()) return it->second;
  }
  return item.title.empty() ? item.asset : item.title.begin()->second;
}

namespace {

// Each label in Vietnamese, then English.
struct Label {
  const char* vi;
  const char* en;
};

const char* pick(const Label& l, ReportLanguage lang) {
  return lang == ReportLanguage::vi ? l.vi : l.en;
}

const Label kCause[] = {
    {"Không có tín hiệu (mất điện hoặc trình phát không chạy)",
     "No heartbeat (power off or player not running)"},
    {"Chưa cài nội dung", "Nothing installed"},
    {"Gói nội dung đã hết hạn", "Package expired"},
    {"Trình phát chạy nhưng không phát", "Player running but not playing"},
};

const Label kProblem[] = {
    {"Tệp nhật ký không có chữ ký", "Log file not signed"},
    {"Chữ ký sai: tệp đã bị sửa sau khi ký", "Bad signature: file changed after signing"},
    {"Ký bằng khóa không phải của màn hình", "Signed by a key that is not the screen's"},
    {"Không có khóa của màn hình để kiểm tra", "No screen key to check with"},
    {"Chữ ký hoặc bản ghi ghi tên màn hình/tệp khác", "Signature or records name another screen or file"},
    {"Dòng không đọc được", "Unreadable lines"},
    {"Tệp quá lớn, không đọc", "File too big, not read"},
    {"Chuỗi băm bị đứt: bản ghi bị sửa, xóa hoặc chèn",
     "Hash chain broken: a record edited, removed or inserted"},
    {"Thiếu số thứ tự bản ghi", "Missing record sequence numbers"},
    {"Bản ghi chưa có chuỗi băm (phiên bản cũ)", "Records without hash chain (older version)"},
    {"Màn hình gửi nhiều khóa khác nhau", "Screen sent more than one key"},
};

double hours(std::int64_t seconds) {
  return static_cast<double>(seconds) / 3600.0;
}

scheduler::LocalDateTime local(const scheduler::TimeZone& zone, Instant t) {
  return zone.to_local(t);
}

std::string csv_text(const std::string& s) {
  std::string v = s;
  if (!v.empty() &&
      (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    v = "'" + v;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string q = "\"";
  for (char c : v) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string number_text(double v, CellKind kind) {
  char buf[64];
  if (kind == CellKind::count) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else if (kind == CellKind::percent) {
    std::snprintf(buf, sizeof buf, "%.4f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.3f", v);
  }
  return buf;
}

std::string cell_csv(const Cell& cell, CellKind kind) {
  if (const auto* s = std::get_if<std::string>(&cell)) return csv_text(*s);
  if (const auto* d = std::get_if<double>(&cell)) return number_text(*d, kind);
  if (const auto* t = std::get_if<scheduler::LocalDateTime>(&cell)) {
    return kind == CellKind::date ? scheduler::format_date(t->date) : scheduler::format_date_time(*t);
  }
  return {};
}

Sheet summary_sheet(const Report& r, ReportLanguage lang) {
  const bool vi = lang == ReportLanguage::vi;
  Sheet s{"summary", vi ? "Tổng hợp" : "Summary", {}, {}, {}};
  s.columns = {{vi ? "Điểm" : "Site", CellKind::text, 22},
               {vi ? "Màn hình" : "Screen", CellKind::text, 24},
               {vi ? "Giờ theo lịch" : "Scheduled hours", CellKind::hours, 14},
               {vi ? "Giờ phát thực tế" : "Hours playing", CellKind::hours, 16},
               {vi ? "Tỷ lệ hoạt động" : "Availability", CellKind::percent, 15},
               {vi ? "Số lần gián đoạn" : "Outages", CellKind::count, 15},
               {vi ? "Lượt phát" : "Plays", CellKind::count, 12},
               {vi ? "Giờ trình chiếu" : "On-screen hours", CellKind::hours, 15},
               {vi ? "Tín hiệu định kỳ" : "Heartbeats", CellKind::count, 15}};
  std::int64_t scheduled = 0, playing = 0, ms = 0;
  double plays = 0, outages = 0, beats = 0;
  for (const auto& x : r.screens) {
    s.rows.push_back({x.site, x.screen, hours(x.scheduled_seconds), hours(x.playing_seconds),
                      x.availability(), static_cast<double>(x.outages), static_cast<double>(x.plays),
                      hours(x.on_screen_ms / 1000), static_cast<double>(x.heartbeats)});
    scheduled += x.scheduled_seconds;
    playing += x.playing_seconds;
    ms += x.on_screen_ms;
    plays += static_cast<double>(x.plays);
    outages += static_cast<double>(x.outages);
    beats += static_cast<double>(x.heartbeats);
  }
  s.rows.push_back({std::string(vi ? "Tổng cộng" : "Total"), std::string(), hours(scheduled), hours(playing),
                    scheduled > 0 ? static_cast<double>(playing) / static_cast<double>(scheduled) : 0.0,
                    outages, plays, hours(ms / 1000), beats});
  s.notes = {{vi ? "Kỳ báo cáo" : "Period", r.period.label},
             {vi ? "Từ ngày" : "From", scheduler::LocalDateTime{r.period.from, {0}}},
             {vi ? "Đến ngày" : "To", scheduler::LocalDateTime{r.period.to, {0}}},
             {vi ? "Múi giờ" : "Time zone", r.timezone},
             {vi ? "Bản ghi đã tính" : "Records counted", static_cast<double>(r.records)},
             {vi ? "Bản sao trùng (tính một lần)" : "Duplicate copies (counted once)",
              static_cast<double>(r.duplicates)},
             {vi ? "Bản ghi không tính (xem Kiểm tra)" : "Records not counted (see Integrity)",
              static_cast<double>(r.uncounted_records)},
             {vi ? "Dòng không đọc được" : "Unreadable lines", static_cast<double>(r.malformed_lines)},
             {vi ? "Vấn đề toàn vẹn" : "Integrity problems", static_cast<double>(r.integrity.size())}};
  return s;
}

Sheet items_sheet(const Report& r, ReportLanguage lang) {
  const bool vi = lang == ReportLanguage::vi;
  Sheet s{"items", vi ? "Nội dung" : "Content", {}, {}, {}};
  s.columns = {{vi ? "Màn hình" : "Screen", CellKind::text, 24},
               {vi ? "Kênh" : "Channel", CellKind::text, 14},
               {vi ? "Nội dung" : "Item", CellKind::text, 40},
               {vi ? "Lượt phát" : "Plays", CellKind::count, 12},
               {vi ? "Giờ trình chiếu" : "On-screen hours", CellKind::hours, 15},
               {vi ? "Lần bị loại do lỗi" : "Benched for errors", CellKind::count, 16},
               {vi ? "Tên tệp trong gói" : "Asset name", CellKind::text, 20}};
  for (const auto& x : r.items) {
    s.rows.push_back({x.screen.empty() ? std::string(vi ? "Tất cả màn hình" : "All screens") : x.screen,
                      x.channel, item_title(x, lang), static_cast<double>(x.plays),
                      static_cast<double>(x.on_screen_ms) / 3.6e6, static_cast<double>(x.benched), x.asset});
  }
  return s;
}

Sheet outages_sheet(const Report& r, const scheduler::TimeZone& zone, ReportLanguage lang) {
  const bool vi = lang == ReportLanguage::vi;
  Sheet s{"outages", vi ? "Gián đoạn" : "Outages", {}, {}, {}};
  s.columns = {{vi ? "Màn hình" : "Screen", CellKind::text, 24},
               {vi ? "Bắt đầu" : "Start", CellKind::date_time, 18},
               {vi ? "Kết thúc" : "End", CellKind::date_time, 18},
               {vi ? "Số giờ" : "Hours", CellKind::hours, 10},
               {vi ? "Mã nguyên nhân" : "Cause code", CellKind::text, 18},
               {vi ? "Nguyên nhân" : "Cause", CellKind::text, 44},
               {vi ? "Lỗi cuối" : "Last error", CellKind::text, 40}};
  for (const auto& o : r.outages) {
    s.rows.push_back(
        {o.screen, local(zone, o.start), local(zone, o.end),
         static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(o.end - o.start).count()) /
             3600.0,
         std::string(outage_cause_name(o.cause)), std::string(pick(kCause[static_cast<int>(o.cause)], lang)),
         o.detail});
  }
  return s;
}

Sheet installs_sheet(const Report& r, const scheduler::TimeZone& zone, ReportLanguage lang) {
  const bool vi = lang == ReportLanguage::vi;
  Sheet s{"installs", vi ? "Phiên bản cài đặt" : "Versions installed", {}, {}, {}};
  s.columns = {{vi ? "Màn hình" : "Screen", CellKind::text, 24},
               {vi ? "Thời điểm" : "When", CellKind::date_time, 18},
               {vi ? "Kênh" : "Channel", CellKind::text, 14},
               {vi ? "Phiên bản" : "Version", CellKind::count, 10},
               {vi ? "Nguồn" : "From", CellKind::text, 12},
               {vi ? "Khóa ký" : "Signed by key", CellKind::text, 20}};
  for (const auto& i : r.installs) {
    const std::string from = i.source == "usb" ? "USB" : (vi ? "Máy chủ" : "Server");
    s.rows.push_back(
        {i.screen, local(zone, i.at), i.channel, static_cast<double>(i.version), from, i.key_id});
  }
  return s;
}

Sheet integrity_sheet(const Report& r, ReportLanguage lang) {
  const bool vi = lang == ReportLanguage::vi;
  Sheet s{"integrity", vi ? "Kiểm tra" : "Integrity", {}, {}, {}};
  s.columns = {{vi ? "Màn hình" : "Screen", CellKind::text, 24},
               {vi ? "Tệp" : "File", CellKind::text, 50},
               {vi ? "Mã vấn đề" : "Problem code", CellKind::text, 16},
               {vi ? "Vấn đề" : "Problem", CellKind::text, 46},
               {vi ? "Chi tiết" : "Detail", CellKind::text, 30},
               {vi ? "Bản ghi không tính" : "Records not counted", CellKind::count, 18}};
  for (const auto& i : r.integrity) {
    s.rows.push_back({i.screen, i.file, std::string(integrity_problem_name(i.problem)),
                      std::string(pick(kProblem[static_cast<int>(i.problem)], lang)), i.detail,
                      static_cast<double>(i.records)});
  }
  return s;
}

Sheet weeks_sheet(const Report& r, ReportLanguage lang) {
  const bool vi = lang == ReportLanguage::vi;
  Sheet s{"weeks", vi ? "Theo tuần" : "By week", {}, {}, {}};
  s.columns = {{vi ? "Màn hình" : "Screen", CellKind::text, 24},
               {vi ? "Tuần từ (thứ Hai)" : "Week from (Monday)", CellKind::date, 18},
               {vi ? "Giờ trình chiếu" : "On-screen hours", CellKind::hours, 15}};
  for (const auto& w : r.weeks) {
    s.rows.push_back(
        {w.screen, scheduler::LocalDateTime{w.week_start, {0}}, static_cast<double>(w.on_screen_ms) / 3.6e6});
  }
  return s;
}

}  // namespace

std::vector<Sheet> report_sheets(const Report& report, const scheduler::TimeZone& zone,
                                 ReportLanguage language) {
  return {summary_sheet(report, language),       items_sheet(report, language),
          outages_sheet(report, zone, language), installs_sheet(report, zone, language),
          integrity_sheet(report, language),     weeks_sheet(report, language)};
}

std::string sheet_csv(const Sheet& sheet) {
  std::string out;
  for (std::size_t i = 0; i < sheet.columns.size(); ++i)
    out += (i ? "," : "") + csv_text(sheet.columns[i].header);
  out += "\n";
  for (const auto& row : sheet.rows) {
    for (std::size_t i = 0; i < row.size(); ++i)
      out += (i ? "," : "") + cell_csv(row[i], sheet.columns[i].kind);
    out += "\n";
  }
  return out;
}

std::string report_json(const Report& r, const scheduler::TimeZone& zone) {
  auto local_text = [&](Instant t) { return format_rfc3339(t, zone.offset_at(t) / 60); };
  nlohmann::json screens = nlohmann::json::array(), items = nlohmann::json::array(),
                 outages = nlohmann::json::array(), installs = nlohmann::json::array(),
                 integrity = nlohmann::json::array(), weeks = nlohmann::json::array();
  for (const auto& x : r.screens) {
    screens.push_back({{"screen", x.screen},
                       {"site", x.site},
                       {"scheduled_seconds", x.scheduled_seconds},
                       {"playing_seconds", x.playing_seconds},
                       {"availability", x.availability()},
                       {"outages", x.outages},
                       {"plays", x.plays},
                       {"benched", x.benched},
                       {"on_screen_seconds", static_cast<double>(x.on_screen_ms) / 1000.0},
                       {"heartbeats", x.heartbeats},
                       {"screen_key", x.screen_key}});
  }
  for (const auto& x : r.items) {
    items.push_back({{"screen", x.screen},
                     {"channel", x.channel},
                     {"asset", x.asset},
                     {"title", x.title},
                     {"plays", x.plays},
                     {"on_screen_seconds", static_cast<double>(x.on_screen_ms) / 1000.0},
                     {"benched", x.benched}});
  }
  for (const auto& o : r.outages) {
    outages.push_back({{"screen", o.screen},
                       {"start", local_text(o.start)},
                       {"end", local_text(o.end)},
                       {"cause", outage_cause_name(o.cause)},
                       {"detail", o.detail}});
  }
  for (const auto& i : r.installs) {
    installs.push_back({{"screen", i.screen},
                        {"at", local_text(i.at)},
                        {"channel", i.channel},
                        {"version", i.version},
                        {"source", i.source},
                        {"key_id", i.key_id}});
  }
  for (const auto& i : r.integrity) {
    integrity.push_back({{"screen", i.screen},
                         {"file", i.file},
                         {"problem", integrity_problem_name(i.problem)},
                         {"detail", i.detail},
                         {"records_not_counted", i.records}});
  }
  for (const auto& w : r.weeks) {
    weeks.push_back({{"screen", w.screen},
                     {"week_start", scheduler::format_date(w.week_start)},
                     {"on_screen_seconds", static_cast<double>(w.on_screen_ms) / 1000.0}});
  }
  const nlohmann::json j = {{"period", r.period.label},
                            {"from", scheduler::format_date(r.period.from)},
                            {"to", scheduler::format_date(r.period.to)},
                            {"timezone", r.timezone},
                            {"files", r.files},
                            {"records", r.records},
                            {"duplicates", r.duplicates},
                            {"records_not_counted", r.uncounted_records},
                            {"malformed_lines", r.malformed_lines},
                            {"screens", screens},
                            {"items", items},
                            {"outages", outages},
                            {"installs", installs},
                            {"integrity", integrity},
                            {"weeks", weeks}};
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace gatecast::content
