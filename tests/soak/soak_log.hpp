#pragma once
// Reading the soak's play log back as a reader of proof of play would: every line of every day
// file, whether it parses, whether the sequence has no hole and the hash chain no break, and
// which stretches of simulated time no play covers.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "content/reports/playlog.hpp"
#include "scheduler/time.hpp"

namespace gatecast::test {

struct ReadLog {
  std::vector<content::LoggedPlay> records;  // in file order
  std::size_t torn_lines = 0;                // lines that are not records (a write the full disk cut)
  std::size_t sequence_holes = 0;            // records missing between two sequence numbers
  std::size_t chain_breaks = 0;              // a record whose `prev` is not the link of the one before
};

inline ReadLog read_play_log(const std::filesystem::path& folder) {
  ReadLog log;
  std::string last_link = content::first_record_prev;
  for (const auto& file : content::play_log_files(folder)) {
    std::ifstream in(file, std::ios::binary);
    for (std::string line; std::getline(in, line);) {
      content::LoggedPlay record;
      if (!content::parse_play_record_line(line, record)) {
        ++log.torn_lines;
        continue;
      }
      if (record.prev != last_link) ++log.chain_breaks;
      last_link = content::record_link(line);
      if (!log.records.empty() && record.sequence != log.records.back().sequence + 1) log.sequence_holes += 1;
      log.records.push_back(std::move(record));
    }
  }
  return log;
}

struct Gap {
  Instant from, to;
};

// The stretches between `from` and `to` that no play record covers, in order.
inline std::vector<Gap> uncovered(std::vector<content::PlayRecord> plays, Instant from, Instant to) {
  std::sort(plays.begin(), plays.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
  std::vector<Gap> gaps;
  Instant covered = from;
  for (const content::PlayRecord& play : plays) {
    if (play.start > covered) gaps.push_back({covered, std::min(play.start, to)});
    covered = std::max(covered, play.end);
    if (covered >= to) break;
  }
  if (covered < to) gaps.push_back({covered, to});
  return gaps;
}

}  // namespace gatecast::test
