// Honest power cuts: the real `gatecast` runs install (version 1, then 2), play and report
// out under write_recorder.c; then, for cut points spread over the whole run (seeded, the seed
// printed), crash_disk.cpp rebuilds the disk as a cut there leaves it when nothing that was
// not fsynced survives, and cut_check.cpp checks the screen comes back whole. A second test
// proves the first has teeth: with one fsync of the store left out of the record (as if it
// were deleted from the code) some cut must come back broken.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <random>
#include <set>

#include <catch2/catch.hpp>

#include "power_cut/cut_check.hpp"
#include "power_cut/scenario.hpp"
#include "support/nginx.hpp"

using namespace gatecast;
using namespace gatecast::test;

namespace {

constexpr std::size_t cuts_per_step = 50;
constexpr std::size_t cuts_wanted = 200;
// `gatecast status` and `render` cost ~0.5 s a cut on a loaded CI machine: they run at every
// eighth cut, the in-process checks (the player's own load path) at every cut.
constexpr std::size_t commands_every = 8;

std::uint64_t seed_for_run() {
  if (const char* s = std::getenv("GATECAST_POWER_CUT_SEED")) return std::strtoull(s, nullptr, 10);
  return std::random_device{}();
}

std::string describe(const WriteOp& op) {
  std::string text(1, op.kind);
  if (!op.path.empty()) text += " " + op.path;
  if (!op.to.empty()) text += " -> " + op.to;
  if (op.ino) text += " (inode " + std::to_string(op.ino) + ")";
  return text;
}

// The cut points: `cuts_per_step` distinct operations drawn in each step's window (all of them
// when it has fewer), plus every operation of each install from the new version folder's
// rename on (activation). A step with too few operations fails: cuts in it could not land
// where they claim.
std::vector<CutPoint> choose_cuts(const RecordedRun& run, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::map<std::size_t, Step> chosen;
  for (Step s : all_steps) {
    const auto i = static_cast<std::size_t>(s);
    INFO(step_name(s) << ": operations " << run.first[i] << ".." << run.last[i]);
    REQUIRE(run.last[i] >= run.first[i] + cuts_per_step / 2);
    std::vector<std::size_t> window;
    for (std::size_t op = run.first[i]; op <= run.last[i]; ++op) {
      if (run.ops[op].kind != 'M') window.push_back(op);
    }
    std::shuffle(window.begin(), window.end(), random);
    for (std::size_t k = 0; k < std::min(cuts_per_step, window.size()); ++k) chosen[window[k]] = s;
    if (s == Step::install_v1 || s == Step::install_v2) {
      bool activating = false;
      for (std::size_t op = run.first[i]; op <= run.last[i]; ++op) {
        const WriteOp& o = run.ops[op];
        activating = activating || (o.kind == 'R' && o.path.find("/versions/.tmp-") != std::string::npos);
        if (activating) chosen[op] = s;
      }
      REQUIRE(activating);  // the step did activate a version: its cuts cover that
    }
  }
  std::vector<CutPoint> cuts;
  for (const auto& [op, step] : chosen) cuts.push_back({op, step});
  return cuts;
}

struct Replay {
  std::size_t checked = 0;
  std::size_t broken = 0;
  std::size_t with_synced_records = 0;  // cuts that had play-log records to keep
  std::string first_problem;
};

// Replays the log from the run's start, checking the disk at each cut point.
Replay replay(const Scenario& scenario, const RecordedRun& run, CrashDisk disk,
              const std::vector<CutPoint>& cuts, const CutCheckOptions& options, bool stop_at_first_problem) {
  Replay result;
  std::size_t next = 0;
  for (std::size_t op = 0; op < run.ops.size() && next < cuts.size(); ++op) {
    disk.apply(run.ops[op]);
    if (cuts[next].op != op) continue;
    const CutPoint cut = cuts[next++];
    TempDir place("gatecast-cut");
    const auto data = place.path() / "data";
    disk.write_durable(data);
    scenario.write_config(place.path() / "player.json", data, "");
    CutCheckOptions these = options;
    these.run_commands = options.run_commands && result.checked % commands_every == 0;
    const std::set<std::string> synced = synced_play_records(disk);
    if (!synced.empty()) ++result.with_synced_records;
    const std::string problem =
        problem_after_cut(scenario, run, cut, data, place.path() / "player.json", synced, these);
    ++result.checked;
    if (!problem.empty()) {
      if (++result.broken == 1) {
        result.first_problem = std::string("cut after operation ") + std::to_string(op) + " (" +
                               describe(run.ops[op]) + ", during " + step_name(cut.step) + "): " + problem;
      }
      if (stop_at_first_problem) break;
    }
  }
  return result;
}

}  // namespace

TEST_CASE(
    "power cut: at every chosen cut across install, activation, play log and report out the screen comes "
    "back whole",
    "[power_cut]") {
  const std::uint64_t seed = seed_for_run();
  std::cout << "power cut replay: seed " << seed << " (set GATECAST_POWER_CUT_SEED to repeat)" << std::endl;
  INFO("seed " << seed);
  Scenario scenario;
  Nginx nginx(scenario.tree().root());
  const CrashDisk start(scenario.data_dir());
  const RecordedRun run = scenario.record(nginx.dav_url(), nginx.dav_dir(), "");

  // The recorder saw every change: the model's view of the run's end is the real folder.
  CrashDisk everything = start;
  for (const WriteOp& op : run.ops) everything.apply(op);
  REQUIRE(everything.visible() == folder_contents(scenario.data_dir()));
  // The play step logged plays and the report step delivered them: cuts in both mean something.
  REQUIRE(!run.logged_ids.empty());
  REQUIRE(std::includes(run.shipped_ids.begin(), run.shipped_ids.end(), run.logged_ids.begin(),
                        run.logged_ids.end()));

  const std::vector<CutPoint> cuts = choose_cuts(run, seed);
  REQUIRE(cuts.size() >= cuts_wanted);
  const Replay result = replay(scenario, run, start, cuts, {}, false);
  INFO(result.first_problem);
  CHECK(result.checked == cuts.size());
  // Every cut of the report step (at least half of cuts_per_step, as each step has that many
  // operations) comes after the play step synced its records.
  CHECK(result.with_synced_records >= cuts_per_step / 2);
  CHECK(result.broken == 0);
  std::cout << "power cut replay: " << run.ops.size() << " operations recorded, " << result.checked
            << " cuts checked (" << result.with_synced_records << " with synced play-log records), "
            << result.broken << " broken" << std::endl;
}

TEST_CASE("power cut: leaving out any one of the store's fsyncs makes some cut come back broken",
          "[power_cut]") {
  // Each pattern names the files or folders whose fsync the recorder leaves out (fnmatch on
  // the path relative to data_dir), and the last step the run needs to show the damage.
  // Every cut of the run is checked, without the commands.
  const std::pair<const char*, Step> fsyncs[] = {
      {"store/staging/*.partial", Step::install_v2},                    // a fetched blob, before its rename
      {"store/channels/langson/versions/.tmp-*/.*", Step::install_v2},  // a version's file, before its rename
      {"store/channels/langson/versions", Step::install_v2},        // the versions folder, after the rename
      {"store/channels/langson/.current.tmp-*", Step::install_v2},  // the new `current`, before its rename
      {"store/channels/langson", Step::play},                       // the channel folder, after that rename
      {"store/blobs", Step::install_v2},                            // the blobs folder, blobs admitted
      {"playlog/*.jsonl", Step::report_out},                        // a play-log line
  };
  for (const auto& [pattern, last] : fsyncs) {
    DYNAMIC_SECTION("without the fsync of " << pattern) {
      Scenario scenario;
      Nginx nginx(scenario.tree().root());
      const CrashDisk start(scenario.data_dir());
      const RecordedRun run = scenario.record(nginx.dav_url(), nginx.dav_dir(), pattern, last);
      std::vector<CutPoint> cuts;
      for (Step s : all_steps) {
        const auto i = static_cast<std::size_t>(s);
        if (s > last) break;
        for (std::size_t op = run.first[i]; op <= run.last[i]; ++op) cuts.push_back({op, s});
      }
      const Replay result = replay(scenario, run, start, cuts, {false, false}, true);
      std::cout << "power cut teeth: without the fsync of " << pattern << ": " << result.first_problem
                << std::endl;
      CHECK(result.broken > 0);
    }
  }
}
