#pragma once
// What must hold on the disk a power cut left (test_power_cut_replay.cpp): the screen comes
// back with a whole package, at least as new as what an install finished before the cut had
// reported; the version record is never ahead of it; the play log reads (a torn last line is
// what its contract allows) and keeps every record written before the cut; the outbox never
// claims records it neither holds nor has delivered.
#include <filesystem>
#include <set>
#include <string>

#include "power_cut/crash_disk.hpp"
#include "power_cut/scenario.hpp"

namespace gatecast::test {

struct CutPoint {
  std::size_t op = 0;  // the cut falls right after run.ops[op]
  Step step = Step::install_v1;
};

struct CutCheckOptions {
  bool run_commands = true;  // also run `gatecast status` and `gatecast render` on the copy
  bool redo_install = true;  // and, in an install step, install version 2 again
};

// The play-log records the disk had been promised before the cut: complete lines of the day
// files that the play log folder's own fsyncs and the files' own fsyncs made durable.
[[nodiscard]] std::set<std::string> synced_play_records(const CrashDisk& disk);

// The first thing wrong with the disk `cut_data` (a copy of data_dir as the cut left it), or
// an empty string. `config_file` is a config naming cut_data; `synced_records` the
// synced_play_records() of the cut, each of which must have survived it.
[[nodiscard]] std::string problem_after_cut(const Scenario& scenario, const RecordedRun& run,
                                            const CutPoint& cut, const std::filesystem::path& cut_data,
                                            const std::filesystem::path& config_file,
                                            const std::set<std::string>& synced_records,
                                            const CutCheckOptions& options);

}  // namespace gatecast::test
