#pragma once
// Play logs and heartbeats as screens write them, made fast for report tests: records are
// made with the play log's own line format and chain links, batches signed with the screen's
// signing code, heartbeats with the heartbeat writer; only the clock and the fsyncs are
// skipped. A quarter of three screens is ~56,000 records.
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "content/base/rfc3339.hpp"
#include "content/reports/playlog.hpp"
#include "content/reports/report_out.hpp"
#include "content/reports/screen_key.hpp"
#include "content/signing/minisign.hpp"
#include "support/files.hpp"

namespace gatecast::test {

inline std::string padded_seq(std::uint64_t n) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%020llu", static_cast<unsigned long long>(n));
  return buf;
}

inline std::string folder_of(const std::string& screen) {
  std::string s = screen;
  for (auto& c : s)
    if (c == '/') c = '_';
  return s;
}

// One screen's log: lines in sequence order, each chained to the one before.
struct ScreenLog {
  std::string screen;
  std::string log_id;
  content::KeyPair key = content::generate_key_pair();
  std::uint64_t seq = 0;
  std::string link = content::first_record_prev;
  std::vector<std::string> lines;
  std::vector<Instant> starts;  // each line's start, for day files

  ScreenLog(std::string screen_id, std::string id) : screen(std::move(screen_id)), log_id(std::move(id)) {}

  void add(const content::PlayRecord& record) {
    ++seq;
    lines.push_back(content::play_record_line(log_id + "-" + std::to_string(seq), seq, record, link));
    link = content::record_link(lines.back());
    starts.push_back(record.start);
  }

  std::string signature(const std::string& body, const std::string& name) const {
    return content::sign_play_log_file(body, key.secret_key, screen, name);
  }

  // Server batches: <root>/<screen>/playlog/<log id>-<first>-<last>.jsonl + .minisig.
  void write_batches(const std::filesystem::path& root, std::size_t per_batch) const {
    for (std::size_t from = 0; from < lines.size(); from += per_batch) {
      const std::size_t to = std::min(lines.size(), from + per_batch);
      std::string body;
      for (std::size_t i = from; i < to; ++i) body += lines[i] + "\n";
      const std::string name = log_id + "-" + padded_seq(from + 1) + "-" + padded_seq(to) + ".jsonl";
      const auto dir = root / folder_of(screen) / "playlog";
      write_file(dir / name, body);
      write_file(dir / (name + ".minisig"), signature(body, name));
    }
  }

  // A USB stick's copy: <root>/<screen>/<UTC day>.jsonl + .minisig. Returns the files.
  std::vector<std::filesystem::path> write_day_files(const std::filesystem::path& root) const {
    std::map<std::string, std::string> days;
    for (std::size_t i = 0; i < lines.size(); ++i)
      days[content::format_rfc3339(starts[i]).substr(0, 10)] += lines[i] + "\n";
    std::vector<std::filesystem::path> files;
    for (const auto& [day, body] : days) {
      const auto file = root / folder_of(screen) / (day + ".jsonl");
      write_file(file, body);
      write_file(file.string() + ".minisig", signature(body, day + ".jsonl"));
      files.push_back(file);
    }
    return files;
  }

  void write_heartbeat(const std::filesystem::path& root, Instant at, const std::string& on_hours,
                       std::int64_t version = 12) const {
    content::Heartbeat h;
    h.screen = screen;
    h.at = at;
    h.channel = "langson";
    h.version = version;
    h.channels = {{"langson", version}};
    h.screen_key = content::public_key_line(key.public_key);
    h.on_hours = on_hours;
    h.interval = std::chrono::minutes(15);
    h.expires = at + std::chrono::hours(24 * 365);
    const std::string stamp = content::format_rfc3339(at);
    write_file(root / folder_of(screen) / "heartbeat" / (stamp + ".json"), content::heartbeat_json(h));
  }
};

inline content::PlayRecord play_at(const std::string& screen, Instant start, Duration length,
                                   std::vector<std::string> assets) {
  content::PlayRecord p;
  p.screen = screen;
  p.channel = "langson";
  p.version = 12;
  p.playlist = "day";
  p.assets = std::move(assets);
  p.start = start;
  p.end = start + length;
  return p;
}

inline content::PlayRecord install_at(const std::string& screen, Instant at, std::int64_t version,
                                      const std::string& source, const std::string& key_id) {
  content::PlayRecord p;
  p.kind = content::RecordKind::install;
  p.screen = screen;
  p.channel = "langson";
  p.version = version;
  p.source = source;
  p.key_id = key_id;
  p.start = p.end = at;
  return p;
}

}  // namespace gatecast::test
