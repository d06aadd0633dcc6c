#include "content/reports/report.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <system_error>
#include <tuple>
#include <unordered_set>

#include "content/base/error.hpp"
#include "content/reports/playlog.hpp"
#include "scheduler/calendar.hpp"

namespace gatecast::content {
namespace {

using Key = std::tuple<std::string, std::string, std::string, std::string, std::string>;

struct Tally {
  std::uint64_t plays = 0;
  Duration shown{0};
};

// Calls `on_line` for each line of `file`; a line longer than `max_line_bytes` is never held
// in memory: it is passed on as too_long and skipped by the caller.
template <typename OnLine>
void for_each_line(const std::filesystem::path& file, std::uint64_t max_line_bytes, OnLine on_line) {
  std::ifstream in(file, std::ios::binary);
  if (!in) fail_runtime(Reason::io, file.string(), "cannot open");
  std::string line;
  bool too_long = false;
  char buf[64 * 1024];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    const std::string_view chunk(buf, static_cast<std::size_t>(in.gcount()));
    std::size_t from = 0;
    while (from < chunk.size()) {
      const auto nl = chunk.find('\n', from);
      const auto piece = chunk.substr(from, (nl == std::string_view::npos ? chunk.size() : nl) - from);
      if (!too_long) {
        if (line.size() + piece.size() > max_line_bytes) {
          too_long = true;
          line.clear();
        } else {
          line.append(piece);
        }
      }
      if (nl == std::string_view::npos) break;
      on_line(line, too_long);
      line.clear();
      too_long = false;
      from = nl + 1;
    }
  }
  if (!line.empty() || too_long) on_line(line, too_long);  // a last line without newline
}

std::string seconds_text(Duration d) {
  const auto ms = d.count();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%03lld", static_cast<long long>(ms / 1000),
                static_cast<long long>(ms % 1000));
  return buf;
}

// RFC 4180 quoting, plus an apostrophe before a leading = + - @ so that a spreadsheet shows a
// hostile name instead of running it as a formula.
std::string csv_cell(const std::string& s) {
  std::string v = s;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v = "'" + v;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string q = "\"";
  for (char c : v) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

}  // namespace

Report build_report(const ReportOptions& options, const ReportLimits& limits) {
  std::error_code ec;
  if (!std::filesystem::is_directory(options.log_dir, ec))
    fail_usage(options.log_dir.string(), "not a folder");
  if (options.to < options.from) fail_usage("--to", "is before --from");

  std::vector<std::filesystem::path> files;
  std::filesystem::recursive_directory_iterator it(options.log_dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".jsonl") {
      if (files.size() >= limits.max_files)
        fail_runtime(Reason::limit, options.log_dir.string(), "too many log files");
      files.push_back(it->path());
    }
  }
  if (ec) fail_runtime(Reason::io, options.log_dir.string(), "cannot read: " + ec.message());
  std::sort(files.begin(), files.end());

  Report report;
  std::unordered_set<std::string> seen;
  std::map<Key, Tally> tallies;
  LoggedPlay p;
  for (const auto& file : files) {
    ++report.files;
    for_each_line(file, limits.max_line_bytes, [&](const std::string& line, bool too_long) {
      if (line.empty() && !too_long) return;  // blank lines are not records, nor hostile
      if (too_long || !parse_play_record_line(line, p)) {
        ++report.skipped_lines;
        return;
      }
      const scheduler::LocalDate day = options.zone.to_local(p.play.start).date;
      if (day < options.from || options.to < day) return;
      if (!seen.insert(p.id).second) {
        ++report.duplicates;
        return;
      }
      if (seen.size() > limits.max_records)
        fail_runtime(Reason::limit, options.log_dir.string(), "too many play records");
      ++report.records;
      const std::string day_text = scheduler::format_date(day);
      const Duration shown = std::chrono::duration_cast<Duration>(p.play.end - p.play.start);
      auto add = [&](const std::string& asset) {
        Tally& t = tallies[{day_text, p.play.screen, p.play.channel, p.play.playlist, asset}];
        ++t.plays;
        t.shown += shown;
      };
      add("");
      // An asset shown twice on one slide (two regions) still played once.
      std::set<std::string> distinct(p.play.assets.begin(), p.play.assets.end());
      for (const auto& asset : distinct) add(asset);
    });
  }
  for (const auto& [key, tally] : tallies) {
    const auto& [day, screen, channel, playlist, asset] = key;
    report.rows.push_back({day, screen, channel, playlist, asset, tally.plays, tally.shown});
  }
  return report;
}

std::string report_csv(const Report& report) {
  std::string out = "day,screen,channel,playlist,asset,plays,seconds\n";
  for (const auto& r : report.rows) {
    out += csv_cell(r.day) + "," + csv_cell(r.screen) + "," + csv_cell(r.channel) + "," +
           csv_cell(r.playlist) + "," + csv_cell(r.asset) + "," + std::to_string(r.plays) + "," +
           seconds_text(r.shown) + "\n";
  }
  return out;
}

std::string report_json(const Report& report, const ReportOptions& options) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : report.rows) {
    rows.push_back({{"day", r.day},
                    {"screen", r.screen},
                    {"channel", r.channel},
                    {"playlist", r.playlist},
                    {"asset", r.asset},
                    {"plays", r.plays},
                    {"seconds", static_cast<double>(r.shown.count()) / 1000.0}});
  }
  const nlohmann::json j = {{"from", scheduler::format_date(options.from)},
                            {"to", scheduler::format_date(options.to)},
                            {"timezone", options.zone.name()},
                            {"records", report.records},
                            {"duplicates", report.duplicates},
                            {"skipped_lines", report.skipped_lines},
                            {"files", report.files},
                            {"rows", rows}};
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace gatecast::content
