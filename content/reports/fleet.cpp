#include "content/reports/fleet.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <system_error>

#include "content/base/atomic_write.hpp"
#include "content/base/error.hpp"
#include "content/base/rfc3339.hpp"
#include "content/reports/report_period.hpp"
#include "scheduler/calendar.hpp"

namespace gatecast::content {
namespace {

constexpr std::size_t kMaxHeartbeatBytes = 256u << 10;
constexpr auto kDefaultInterval = std::chrono::minutes(15);

std::string html(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::optional<Instant> file_time(const std::filesystem::path& p) {
  std::error_code ec;
  const auto t = std::filesystem::last_write_time(p, ec);
  if (ec) return std::nullopt;
  return std::chrono::time_point_cast<Duration>(std::chrono::file_clock::to_sys(t));
}

std::string age_text(Duration age, bool vi) {
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(age).count();
  char buf[64];
  if (minutes < 60) {
    std::snprintf(buf, sizeof buf, vi ? "%lld phút trước" : "%lld min ago", static_cast<long long>(minutes));
  } else if (minutes < 48 * 60) {
    std::snprintf(buf, sizeof buf, vi ? "%lld giờ trước" : "%lld h ago",
                  static_cast<long long>(minutes / 60));
  } else {
    std::snprintf(buf, sizeof buf, vi ? "%lld ngày trước" : "%lld days ago",
                  static_cast<long long>(minutes / 1440));
  }
  return buf;
}

std::string local_text(Instant t, const scheduler::TimeZone& zone) {
  return scheduler::format_date_time(zone.to_local(t));
}

std::string gigabytes(std::uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f GB", static_cast<double>(bytes) / 1e9);
  return buf;
}

FleetScreen read_screen(const ScreenFolder& folder, const FleetOptions& options, const std::string& quarter) {
  FleetScreen s;
  s.folder = folder.name;
  s.screen = folder.name;
  // Newest by the server's clock, not the screen's: a screen with a wrong clock still sorts right.
  std::vector<std::pair<Instant, std::filesystem::path>> files;
  for (const auto& p : folder.heartbeats)
    if (const auto t = file_time(p)) files.emplace_back(*t, p);
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = 0; i < files.size() && i < options.max_heartbeats_looked_at; ++i) {
    const auto text = read_bounded(files[i].second, kMaxHeartbeatBytes);
    auto h = text ? parse_heartbeat(*text, kMaxHeartbeatBytes) : std::nullopt;
    std::string own_folder = h ? h->screen : std::string();
    std::replace(own_folder.begin(), own_folder.end(), '/', '_');
    if (!h || own_folder != folder.name) continue;  // not a heartbeat of this screen
    if (!s.last) {
      s.last = *h;
      s.received = files[i].first;
      s.screen = h->screen;
    }
    if (!h->screenshot_jpeg.empty()) {
      s.screenshot = folder.name + ".jpg";
      write_file_atomically(options.out_dir / "shots" / s.screenshot, h->screenshot_jpeg);
      break;
    }
  }
  const auto slash = s.screen.rfind('/');
  s.site = slash == std::string::npos ? s.screen : s.screen.substr(0, slash);
  if (s.last && s.received) {
    s.age = options.now > *s.received ? options.now - *s.received : Duration(0);
    const Duration interval = s.last->interval > Duration(0) ? s.last->interval : Duration(kDefaultInterval);
    s.late = s.age > late_after_missed_heartbeats * interval;
    const Duration skew = s.last->at > *s.received ? s.last->at - *s.received : *s.received - s.last->at;
    // Either the server sees the clock off, or the screen itself found it behind its time
    // floor (docs/signing.md): both are clock trouble the office must see.
    s.clock_trouble = skew > clock_trouble_after || !s.last->clock_problem.empty();
  }
  s.report = folder.name + "-" + quarter + ".xlsx";
  return s;
}

nlohmann::json screen_json(const FleetScreen& s, const scheduler::TimeZone& zone) {
  nlohmann::json j = {{"screen", s.screen},
                      {"site", s.site},
                      {"late", s.late},
                      {"clock_trouble", s.clock_trouble},
                      {"screenshot", s.screenshot.empty() ? "" : "shots/" + s.screenshot},
                      {"report", s.report}};
  if (s.last) {
    j["last_heartbeat"] = format_rfc3339(s.last->at, zone.offset_at(s.last->at) / 60);
    j["received"] = format_rfc3339(*s.received, zone.offset_at(*s.received) / 60);
    j["age_seconds"] = std::chrono::duration_cast<std::chrono::seconds>(s.age).count();
    j["channels"] = s.last->channels;
    j["last_error"] = s.last->last_error;
    j["disk_free_bytes"] = s.last->disk_free_bytes;
    j["screen_key"] = s.last->screen_key;
  } else {
    j["last_heartbeat"] = nullptr;
  }
  return j;
}

const char* kStyle = R"(
body{font-family:system-ui,"Noto Sans",sans-serif;margin:0;background:#f3f5f7;color:#1b2430}
header{background:#0b3d91;color:#fff;padding:12px 16px}
header h1{font-size:1.2rem;margin:0}header p{margin:4px 0 0;font-size:.85rem;opacity:.9}
main{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px;padding:12px}
.card{background:#fff;border-radius:8px;padding:12px;border-left:6px solid #2e7d32;box-shadow:0 1px 3px #0002}
.card.late{border-left-color:#c62828;background:#fff5f5}
.card h2{font-size:1rem;margin:0 0 2px;word-break:break-all}.site{color:#5a6572;font-size:.85rem}
.badge{display:inline-block;padding:2px 8px;border-radius:10px;font-size:.8rem;font-weight:600;margin:6px 4px 6px 0;background:#e8f5e9;color:#2e7d32}
.late .badge.state{background:#c62828;color:#fff}.badge.clock{background:#fff3e0;color:#e65100}
dl{display:grid;grid-template-columns:auto 1fr;gap:2px 8px;margin:6px 0;font-size:.9rem}dt{color:#5a6572}dd{margin:0;word-break:break-word}
img{width:100%;border-radius:4px;margin-top:6px;background:#000}a{color:#0b3d91}
)";

std::string page(const std::vector<FleetScreen>& screens, const FleetOptions& o) {
  const bool vi = o.language == ReportLanguage::vi;
  std::size_t late = 0;
  for (const auto& s : screens) late += s.late ? 1 : 0;
  std::string out = std::string("<!DOCTYPE html>\n<html lang=\"") + (vi ? "vi" : "en") +
                    "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, "
                    "initial-scale=1\"><title>" +
                    (vi ? "Tình trạng màn hình" : "Screens") + "</title><style>" + kStyle +
                    "</style></head><body>\n";
  char summary[160];
  std::snprintf(summary, sizeof summary, vi ? "%zu màn hình, %zu trễ tín hiệu" : "%zu screens, %zu late",
                screens.size(), late);
  out += "<header><h1>" + std::string(vi ? "Tình trạng màn hình" : "Screens") + "</h1><p>" + summary + " · " +
         (vi ? "cập nhật " : "updated ") + html(local_text(o.now, o.zone)) + "</p></header>\n<main>\n";
  for (const auto& s : screens) {
    out += "<section class=\"card" + std::string(s.late ? " late" : "") + "\" id=\"" + html(s.folder) + "\">";
    out += "<h2>" + html(s.screen) + "</h2><div class=\"site\">" + html(s.site) + "</div>";
    out += "<span class=\"badge state\">" +
           std::string(s.late ? (vi ? "TRỄ — mất tín hiệu" : "LATE — not heard from")
                              : (vi ? "Bình thường" : "OK")) +
           "</span>";
    if (s.clock_trouble)
      out += "<span class=\"badge clock\">" + std::string(vi ? "Lệch đồng hồ" : "Clock off") + "</span>";
    out += "<dl>";
    if (s.last) {
      out += "<dt>" + std::string(vi ? "Tín hiệu cuối" : "Last heartbeat") + "</dt><dd>" +
             html(local_text(*s.received, o.zone)) + " (" + age_text(s.age, vi) + ")</dd>";
      for (const auto& [channel, version] : s.last->channels) {
        out += "<dt>" + std::string(vi ? "Kênh " : "Channel ") + html(channel) + "</dt><dd>" +
               (version > 0 ? (vi ? "phiên bản " : "version ") + std::to_string(version)
                            : std::string(vi ? "chưa cài" : "nothing installed")) +
               "</dd>";
      }
      out += "<dt>" + std::string(vi ? "Lỗi cuối" : "Last error") + "</dt><dd>" +
             (s.last->last_error.empty() ? std::string(vi ? "không" : "none") : html(s.last->last_error)) +
             "</dd>";
      out += "<dt>" + std::string(vi ? "Dung lượng trống" : "Disk free") + "</dt><dd>" +
             gigabytes(s.last->disk_free_bytes) + "</dd>";
    } else {
      out += "<dt>" + std::string(vi ? "Tín hiệu cuối" : "Last heartbeat") + "</dt><dd>" +
             (vi ? "chưa có" : "never") + "</dd>";
    }
    out += "</dl><a href=\"" + html(s.report) + "\">" + (vi ? "Báo cáo quý này" : "This quarter's report") +
           "</a>";
    if (!s.screenshot.empty())
      out += "<img src=\"shots/" + html(s.screenshot) + "\" alt=\"" + (vi ? "Ảnh màn hình" : "Screenshot") +
             "\" loading=\"lazy\">";
    out += "</section>\n";
  }
  out += "</main></body></html>\n";
  return out;
}

}  // namespace

std::vector<FleetScreen> write_fleet_page(const FleetOptions& options) {
  const auto folders = find_screen_folders(options.reports_dir, 5000000);
  std::error_code ec;
  std::filesystem::create_directories(options.out_dir / "shots", ec);
  if (ec) fail_runtime(Reason::io, options.out_dir.string(), "cannot create: " + ec.message());
  const std::string quarter = quarter_of(options.zone.to_local(options.now).date).label;
  std::vector<FleetScreen> screens;
  for (const auto& f : folders) {
    if (f.name.empty()) continue;
    screens.push_back(read_screen(f, options, quarter));
  }
  std::stable_sort(screens.begin(), screens.end(), [](const auto& a, const auto& b) {
    if (a.late != b.late) return a.late;  // the dark ones first: what the office must act on
    return a.screen < b.screen;
  });
  nlohmann::json doc = {{"generated", format_rfc3339(options.now, options.zone.offset_at(options.now) / 60)},
                        {"quarter", quarter},
                        {"screens", nlohmann::json::array()}};
  for (const auto& s : screens) doc["screens"].push_back(screen_json(s, options.zone));
  write_file_atomically(options.out_dir / "fleet.json",
                        doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  write_file_atomically(options.out_dir / "index.html", page(screens, options));
  return screens;
}

}  // namespace gatecast::content
