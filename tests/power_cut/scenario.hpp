#pragma once
// The run the power-cut test records (test_power_cut_replay.cpp): a screen installs version 1,
// then version 2, plays (writing its play log) and, at its next start, reports out to a real
// nginx WebDAV folder; every step is a real `gatecast` process under write_recorder.c. Between
// steps the test writes a marker into the log, so that a cut knows which step it fell in.
#include <cstddef>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "content/test_install_fixture.hpp"
#include "power_cut/crash_disk.hpp"
#include "support/temp_dir.hpp"

namespace gatecast::test {

// The steps, in order; a cut "in" a step falls after one of that step's operations.
enum class Step { install_v1, install_v2, play, report_out };
inline constexpr Step all_steps[] = {Step::install_v1, Step::install_v2, Step::play, Step::report_out};
[[nodiscard]] const char* step_name(Step step);

struct RecordedRun {
  std::vector<WriteOp> ops;
  // ops[first[s]] .. ops[last[s]] were made by step s (markers excluded).
  std::size_t first[4] = {};
  std::size_t last[4] = {};
  std::set<std::string> logged_ids;             // play-log record ids on disk once the play step ended
  std::set<std::string> shipped_ids;            // play-log record ids the server holds at the end
  std::map<std::string, std::string> snapshot;  // data_dir before the run (every path -> bytes)
};

class Scenario {
 public:
  Scenario();
  const std::filesystem::path& work() const { return work_.path(); }
  std::filesystem::path data_dir() const { return work() / "data"; }
  std::filesystem::path log_file() const { return work() / "writes.log"; }

  // The config file of a screen whose store is `data_dir` (the run's, or a cut's copy).
  void write_config(const std::filesystem::path& file, const std::filesystem::path& data_dir,
                    const std::string& report_url) const;
  // Publishes version 1 or 2 of the channel "langson" (1 s slides of real pictures).
  void publish(int version);
  const fx::PublishTree& tree() const { return tree_; }

  // Runs the steps up to `last` under the recorder with `report_url` as the report server and
  // reads the log back; `ignore_sync` as for write_recorder.c. Throws std::runtime_error (with
  // the step's output) when a step fails or wrote nothing.
  [[nodiscard]] RecordedRun record(const std::string& report_url, const std::filesystem::path& dav_dir,
                                   const std::string& ignore_sync, Step last = Step::report_out);

 private:
  void marker(const std::string& text) const;

  TempDir work_{"gatecast-power-cut"};
  fx::PublishTree tree_;
};

}  // namespace gatecast::test
