#include "power_cut/cut_check.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

#include "content/base/error.hpp"
#include "content/install/install.hpp"
#include "content/reports/playlog.hpp"
#include "content/sources/source.hpp"
#include "content/store/installed.hpp"
#include "content/store/layout.hpp"
#include "content/store/record.hpp"
#include "content/store/versions.hpp"
#include "support/run.hpp"

namespace gatecast::test {

namespace {

std::string read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The version an install that finished before this step had made active (0: none yet).
std::int64_t version_reported_before(Step step) {
  switch (step) {
    case Step::install_v1:
      return 0;
    case Step::install_v2:
      return 1;
    default:
      return 2;
  }
}

std::string store_problem(const content::Config& config, Step step, std::int64_t& active) {
  const content::StoreLayout layout(config.data_dir);
  const std::optional<std::int64_t> current = content::read_current(layout, "langson");
  active = current.value_or(0);
  const std::int64_t floor = version_reported_before(step);
  if (active < floor) {
    return "version " + std::to_string(active) + " is active, but version " + std::to_string(floor) +
           " had been installed and reported before the cut";
  }
  if (current) {
    // No fallback to an older version: `current` itself must name a whole version.
    (void)content::read_version(layout, "langson", *current);
    const auto package = content::load_installed(config, "langson");
    if (!package || package->version != *current) return "the active version does not load as itself";
    const std::string damaged = content::first_damaged_asset(*package);
    if (!damaged.empty()) return "asset " + damaged + " of the active version is damaged";
  }
  const auto record = content::read_record(layout, "langson");
  if (record && record->version > active) {
    return "the version record (" + std::to_string(record->version) + ") is ahead of the active version";
  }
  return {};
}

// Every complete line of every day file parses and links to the line before it; only the
// last line of a file may be torn (no newline). Collects the record ids into `ids`.
std::string play_log_problem(const std::filesystem::path& folder, std::set<std::string>& ids) {
  for (const auto& file : content::play_log_files(folder)) {
    const std::string bytes = read_bytes(file);
    std::string prev = content::first_record_prev;
    std::size_t pos = 0;
    content::LoggedPlay play;
    while (pos < bytes.size()) {
      const std::size_t end = bytes.find('\n', pos);
      if (end == std::string::npos) break;  // a torn last line: the log's contract allows it
      const std::string_view line(bytes.data() + pos, end - pos);
      pos = end + 1;
      if (!content::parse_play_record_line(line, play))
        return file.filename().string() + ": a line does not read: " + std::string(line.substr(0, 80));
      if (play.prev != prev) return file.filename().string() + ": the chain breaks at " + play.id;
      prev = content::record_link(line);
      ids.insert(play.id);
    }
  }
  return {};
}

// Every line of a spooled batch reads; collects the record ids into `ids`.
std::string batch_problem(const std::filesystem::path& batch, std::set<std::string>& ids) {
  std::ifstream in(batch, std::ios::binary);
  std::string line;
  content::LoggedPlay play;
  while (std::getline(in, line)) {
    if (!content::parse_play_record_line(line, play))
      return batch.filename().string() + ": a spooled line does not read";
    ids.insert(play.id);
  }
  return {};
}

// What the outbox's cursor says was spooled is in a spooled batch (with its signature beside
// it) or on the server.
std::string outbox_problem(const std::filesystem::path& outbox, const RecordedRun& run) {
  const std::filesystem::path cursor_file = outbox / "playlog.cursor";
  if (!std::filesystem::exists(cursor_file)) return {};
  const auto cursor = nlohmann::json::parse(read_bytes(cursor_file), nullptr, false);
  if (cursor.is_discarded() || !cursor.contains("log_id") || !cursor.contains("last_seq"))
    return "the outbox cursor does not read";
  std::set<std::string> spooled;
  for (const auto& entry : std::filesystem::directory_iterator(outbox)) {
    if (entry.path().extension() != ".jsonl") continue;
    if (!std::filesystem::exists(entry.path().string() + ".minisig"))
      return entry.path().filename().string() + " is spooled without its signature";
    std::set<std::string> ids;
    const std::string problem = batch_problem(entry.path(), ids);
    if (!problem.empty()) return problem;
    spooled.insert(ids.begin(), ids.end());
  }
  const std::string log_id = cursor["log_id"].get<std::string>();
  const auto last = cursor["last_seq"].get<std::uint64_t>();
  for (const std::string& id : run.logged_ids) {
    const auto dash = id.rfind('-');
    if (id.substr(0, dash) != log_id || std::stoull(id.substr(dash + 1)) > last) continue;
    if (!spooled.count(id) && !run.shipped_ids.count(id))
      return "the outbox cursor passed record " + id + ", which is neither spooled nor delivered";
  }
  return {};
}

}  // namespace

std::set<std::string> synced_play_records(const CrashDisk& disk) {
  std::set<std::string> ids;
  for (const auto& [name, bytes] : disk.synced_within("playlog")) {
    if (name.find('/') != std::string::npos || !name.ends_with(".jsonl")) continue;
    std::size_t pos = 0;
    content::LoggedPlay play;
    for (std::size_t end; (end = bytes.find('\n', pos)) != std::string::npos; pos = end + 1) {
      if (content::parse_play_record_line(std::string_view(bytes).substr(pos, end - pos), play))
        ids.insert(play.id);
    }
  }
  return ids;
}

std::string problem_after_cut(const Scenario& scenario, const RecordedRun& run, const CutPoint& cut,
                              const std::filesystem::path& cut_data, const std::filesystem::path& config_file,
                              const std::set<std::string>& synced_records, const CutCheckOptions& options) {
  content::Config config = scenario.tree().config(cut_data);
  std::int64_t active = 0;
  std::string problem;
  try {
    problem = store_problem(config, cut.step, active);
  } catch (const gatecast::Error& e) {
    problem = std::string("the store does not read: ") + e.what();
  }
  if (!problem.empty()) return problem;

  std::set<std::string> logged;
  problem = play_log_problem(cut_data / "playlog", logged);
  if (!problem.empty()) return "play log: " + problem;
  if (cut.step == Step::report_out) {
    for (const std::string& id : run.logged_ids) {
      if (!logged.count(id)) return "play log: record " + id + ", written before the cut, is lost";
    }
  }
  for (const std::string& id : synced_records) {
    if (!logged.count(id)) return "play log: record " + id + ", synced before the cut, is lost";
  }
  problem = outbox_problem(cut_data / "outbox", run);
  if (!problem.empty()) return "outbox: " + problem;

  if (options.run_commands && active > 0) {
    const RunResult status = gatecast({"status", "--config", config_file.string()});
    if (status.exit_code != 0)
      return "gatecast status exits " + std::to_string(status.exit_code) + ": " + status.err;
    const RunResult render =
        gatecast({"render", "--config", config_file.string(), "--at", "2026-11-25T10:00:00+07:00", "--size",
                  "160x90", "--out", (cut_data.parent_path() / "frame.png").string()});
    if (render.exit_code != 0)
      return "gatecast render exits " + std::to_string(render.exit_code) + ": " + render.err;
  }
  if (options.redo_install && (cut.step == Step::install_v1 || cut.step == Step::install_v2)) {
    try {
      const auto source = content::open_folder_source(scenario.tree().root());
      (void)content::install_channel(*source, "langson", config, fx::test_now());
      const auto package = content::load_installed(config, "langson");
      if (!package || package->version != 2 || !content::first_damaged_asset(*package).empty())
        return "installing version 2 again after the cut does not make it active and whole";
    } catch (const gatecast::Error& e) {
      return std::string("installing version 2 again after the cut fails: ") + e.what();
    }
  }
  return {};
}

}  // namespace gatecast::test
