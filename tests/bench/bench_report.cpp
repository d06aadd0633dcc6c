// gatecast report over a fleet's quarter against jq summing the same files, in one run.
// Generates <screens> screens x one quarter (2026-Q4) of signed, chained play-log batches as
// the screens send them (06:00-23:00, one record per <slide seconds>), then times, each pinned
// to one core (taskset -c 0): `gatecast report --format json` (checks every signature and chain
// link, counts availability, items, weeks) and `jq` computing plays and seconds per asset over
// the same files. Prints records/s of both, their ratio and gatecast's peak RSS.
//   bench_report [screens=100] [slide seconds=60] [dir=/tmp]
// 100 screens at 10 s slides is the full 45 million records (~15 GB of logs); the default
// 60 s is 9.4 million records, the figures scale linearly (the report streams).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "content/report_fixture.hpp"
#include "content/timezone.hpp"
#include "scheduler/calendar.hpp"

using namespace gatecast;

namespace {

struct Measured {
  double wall_s = 0;
  double cpu_s = 0;
  long max_rss_kib = 0;
  int exit_code = -1;
};

Measured measure(const std::vector<std::string>& argv, const std::string& stdout_file) {
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    if (!freopen(stdout_file.c_str(), "w", stdout)) _exit(126);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  Measured m;
  m.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.cpu_s = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
            static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  m.max_rss_kib = usage.ru_maxrss;
  m.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  const int screens = argc > 1 ? std::atoi(argv[1]) : 100;
  const int slide_seconds = argc > 2 ? std::atoi(argv[2]) : 60;
  const std::filesystem::path base = argc > 3 ? argv[3] : "/tmp";
  const auto root = base / "gatecast-bench-report";
  std::filesystem::remove_all(root);
  const auto zone = scheduler::TimeZone::fixed("Asia/Ho_Chi_Minh", 7 * 3600);

  const auto gen_start = std::chrono::steady_clock::now();
  std::uint64_t records = 0;
  std::vector<std::string> files;
  for (int n = 0; n < screens; ++n) {
    char id[32], screen[64];
    std::snprintf(id, sizeof id, "%016x", 0x1000 + n);
    std::snprintf(screen, sizeof screen, "langson/site%02d/%d", n / 4, n % 4 + 1);
    test::ScreenLog log(screen, id);
    for (int day = 0; day < 92; ++day) {
      const auto date = scheduler::civil_from_days(scheduler::days_from_civil({2026, 10, 1}) + day);
      const Instant open = zone.to_utc({date, {6 * 3600}});
      for (int s = 0; s < 17 * 3600 / slide_seconds; ++s) {
        log.add(test::play_at(
            screen, open + std::chrono::seconds(s * slide_seconds), std::chrono::seconds(slide_seconds),
            s % 2 ? std::vector<std::string>{"notice-vi"} : std::vector<std::string>{"gate-photo", "logo"}));
      }
      log.write_heartbeat(root, open, "06:00-23:00");
    }
    log.write_batches(root, 5000);
    records += log.lines.size();
  }
  for (const auto& e : std::filesystem::recursive_directory_iterator(root))
    if (e.path().extension() == ".jsonl") files.push_back(e.path().string());
  const double gen_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - gen_start).count();
  std::printf("generated %d screens x 2026-Q4, %llu records in %zu batches (%.1f s)\n", screens,
              static_cast<unsigned long long>(records), files.size(), gen_s);

  const Measured g =
      measure({"taskset", "-c", "0", GATECAST_BINARY, "report", "--log", root.string(), "--period", "2026-Q4",
               "--format", "json", "--out", (base / "gatecast-bench-report.json").string()},
              "/dev/null");
  std::vector<std::string> jq = {
      "taskset",
      "-c",
      "0",
      "jq",
      "-n",
      "reduce inputs as $r ({}; reduce $r.assets[] as $a (.; .[$a].plays += 1 | .[$a].seconds += "
      "(($r.end|sub(\"\\\\.[0-9]+\";\"\")|fromdate) - ($r.start|sub(\"\\\\.[0-9]+\";\"\")|fromdate))))"};
  jq.insert(jq.end(), files.begin(), files.end());
  const Measured j = measure(jq, (base / "gatecast-bench-jq.json").string());
  const double g_rate = static_cast<double>(records) / g.wall_s,
               j_rate = static_cast<double>(records) / j.wall_s;
  std::printf("gatecast report: %.1f s wall, %.1f s CPU, %.2f M records/s, peak RSS %.1f MiB (exit %d)\n",
              g.wall_s, g.cpu_s, g_rate / 1e6, static_cast<double>(g.max_rss_kib) / 1024.0, g.exit_code);
  std::printf("jq sum per asset: %.1f s wall, %.1f s CPU, %.2f M records/s, peak RSS %.1f MiB (exit %d)\n",
              j.wall_s, j.cpu_s, j_rate / 1e6, static_cast<double>(j.max_rss_kib) / 1024.0, j.exit_code);
  std::printf("ratio: gatecast %.1fx jq's records/s (goal >= 10x); peak RSS goal <= 256 MiB\n",
              g_rate / j_rate);
  std::filesystem::remove_all(root);
  return g.exit_code == 0 && j.exit_code == 0 ? 0 : 1;
}
