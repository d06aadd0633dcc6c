#include "power_cut/scenario.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "content/reports/playlog.hpp"
#include "support/run.hpp"

namespace gatecast::test {

namespace {

std::string read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Every play-log record id in the .jsonl files of `folder` (the screen's log or the server's).
std::set<std::string> record_ids(const std::filesystem::path& folder) {
  std::set<std::string> ids;
  if (!std::filesystem::exists(folder)) return ids;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (entry.path().extension() != ".jsonl") continue;
    std::ifstream in(entry.path());
    std::string line;
    content::LoggedPlay play;
    while (std::getline(in, line)) {
      if (content::parse_play_record_line(line, play) && play.play.kind == content::RecordKind::play)
        ids.insert(play.id);
    }
  }
  return ids;
}

}  // namespace

const char* step_name(Step step) {
  switch (step) {
    case Step::install_v1:
      return "install version 1";
    case Step::install_v2:
      return "install version 2";
    case Step::play:
      return "play";
    case Step::report_out:
      return "report out";
  }
  return "?";
}

Scenario::Scenario() {
  std::filesystem::create_directories(data_dir());
}

void Scenario::publish(int version) {
  fx::PackageSpec spec;
  spec.version = version;
  const std::filesystem::path media =
      std::filesystem::path(GATECAST_SOURCE_DIR) / "examples" / "langson-cluster" / "media";
  spec.assets["logo"] = read_bytes(media / "info-logo.png");
  spec.assets["customs"] = read_bytes(media / "e-customs.png");
  if (version >= 2) {
    spec.assets["clock"] =
        read_bytes(std::filesystem::path(GATECAST_SOURCE_DIR) / "tests" / "golden" / "render_clock_vi.png");
  }
  nlohmann::json doc = fx::manifest_document(spec);
  for (auto& slide : doc["playlists"]["day"]["slides"]) slide["duration"] = 1;  // many plays in a short run
  for (const auto& [name, bytes] : spec.assets) fx::write_bytes(tree_.blob_file(bytes), bytes);
  tree_.publish_manifest(spec.channel, doc.dump(2) + "\n");
}

void Scenario::write_config(const std::filesystem::path& file, const std::filesystem::path& data_dir,
                            const std::string& report_url) const {
  nlohmann::json doc = {{"screen", fx::test_screen},
                        {"data_dir", data_dir.string()},
                        {"trusted_keys", {content::public_key_line(tree_.key().public_key)}},
                        {"sources", {{{"url", tree_.root().string()}, {"channel", "langson"}}}}};
  if (!report_url.empty()) doc["report_url"] = report_url;
  fx::write_bytes(file, doc.dump(2));
}

void Scenario::marker(const std::string& text) const {
  std::ofstream out(log_file(), std::ios::binary | std::ios::app);
  out << "M " << text << "\n";
  if (!out) throw std::runtime_error("cannot write a marker into " + log_file().string());
}

RecordedRun Scenario::record(const std::string& report_url, const std::filesystem::path& dav_dir,
                             const std::string& ignore_sync, Step last) {
  RecordedRun run;
  run.snapshot = folder_contents(data_dir());
  std::filesystem::remove(log_file());
  const std::filesystem::path config = work() / "player.json";
  write_config(config, data_dir(), report_url);
  const std::vector<std::string> recorder{"env",
                                          "LD_PRELOAD=" GATECAST_WRITE_RECORDER,
                                          "GATECAST_WRITE_LOG=" + log_file().string(),
                                          "GATECAST_WRITE_LOG_ROOT=" + data_dir().string(),
                                          "GATECAST_WRITE_LOG_IGNORE_SYNC=" + ignore_sync,
                                          GATECAST_BINARY};
  const auto step = [&](Step s, std::vector<std::string> args) {
    if (s > last) return;
    marker(std::string("begin ") + step_name(s));
    std::vector<std::string> argv = recorder;
    argv.insert(argv.end(), args.begin(), args.end());
    const RunResult r = test::run(argv);
    marker(std::string("end ") + step_name(s));
    if (r.exit_code != 0) {
      throw std::runtime_error(std::string(step_name(s)) + " exited with " + std::to_string(r.exit_code) +
                               ": " + r.err);
    }
  };
  const std::vector<std::string> play{
      "play",        "--config", config.string(), "--headless",
      "--size",      "320x180",  "--previews",    (work() / "previews").string(),
      "--exit-after"};
  publish(1);
  step(Step::install_v1, {"install", tree_.root().string(), "--config", config.string()});
  publish(2);
  step(Step::install_v2, {"install", tree_.root().string(), "--config", config.string()});
  auto args = play;
  args.push_back("4");
  step(Step::play, args);
  run.logged_ids = record_ids(data_dir() / "playlog");
  // At its start the player reports out: the play log of the step before goes to the server.
  args = play;
  args.push_back("2");
  step(Step::report_out, args);
  run.shipped_ids = record_ids(dav_dir);

  run.ops = read_write_log(log_file());
  std::set<int> ended;
  int current = -1;
  for (std::size_t i = 0; i < run.ops.size(); ++i) {
    const WriteOp& op = run.ops[i];
    if (op.kind != 'M') continue;
    for (Step s : all_steps) {
      const auto index = static_cast<int>(s);
      if (op.path == std::string("begin ") + step_name(s)) {
        current = index;
        run.first[index] = i + 1;
      } else if (op.path == std::string("end ") + step_name(s)) {
        if (current != index) throw std::runtime_error("write log: markers out of order");
        if (i <= run.first[index])
          throw std::runtime_error(std::string("write log: step ") + step_name(s) + " wrote nothing");
        run.last[index] = i - 1;
        current = -1;
        ended.insert(index);
      }
    }
  }
  for (Step s : all_steps) {
    if (s <= last && !ended.count(static_cast<int>(s)))
      throw std::runtime_error(std::string("write log: step ") + step_name(s) + " has no end marker");
  }
  return run;
}

}  // namespace gatecast::test
