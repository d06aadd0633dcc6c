// The player's sync thread against a real nginx: installs at start, wakes the player on a new
// version, backs off after failures while the installed package stays, reports out, and stops
// at once even in the middle of a slow transfer.
#include <catch2/catch.hpp>

#include <condition_variable>
#include <mutex>

#include <sys/stat.h>

#include "content/config/config_json.hpp"
#include "content/install/sync_worker.hpp"
#include "content/store/installed.hpp"
#include "content/store/state.hpp"
#include "test_sync_fixture.hpp"

using namespace gatecast;
using namespace gatecast::content;
using namespace gatecast::test;

namespace {

// Collects activations from the sync thread; waits are bounded.
class Activations {
 public:
  void operator()(const InstallResult& r) {
    std::lock_guard lock(mutex_);
    versions_.push_back(r.version);
    changed_.notify_all();
  }
  bool wait_for_version(std::int64_t v) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(20), [&] {
      return std::find(versions_.begin(), versions_.end(), v) != versions_.end();
    });
  }
  std::vector<std::int64_t> versions() {
    std::lock_guard lock(mutex_);
    return versions_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::int64_t> versions_;
};

template <typename Pred>
bool eventually(Pred pred) {
  for (int i = 0; i < 2000; ++i) {  // up to 20 s
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

PackageSpec package(std::int64_t version, std::size_t big_bytes = 1000) {
  PackageSpec spec;
  spec.version = version;
  spec.assets = {{"photo", pseudo_random_bytes(big_bytes, static_cast<std::uint32_t>(version))},
                 {"logo", pseudo_random_bytes(500, 1)}};
  return spec;
}

}  // namespace

TEST_CASE("sync worker: installs at start, picks up updates on request, backs off while the server is down",
          "[sync_worker]") {
  SyncFixture f;
  f.publish(package(1));
  Nginx nginx(f.root());
  f.write_config(nginx.url(), {{"poll_seconds", 3600}, {"report_url", nginx.dav_url()}});
  const Config config = load_config(f.config_file());

  Activations activations;
  SyncWorker worker(config, std::ref(activations));
  worker.start();
  REQUIRE(activations.wait_for_version(1));
  REQUIRE(eventually([&] { return worker.progress().next_attempt.has_value(); }));
  SyncProgress p = worker.progress();
  CHECK(p.attempts == 1);
  CHECK(p.last_error == "");
  CHECK(*p.next_attempt - *p.last_attempt > std::chrono::minutes(50));  // the interval, with jitter
  CHECK(read_state(config).last_success == p.last_success);
  CHECK(read_state(config).next_attempt == p.next_attempt);
  // The first attempt also sent a heartbeat.
  CHECK(eventually(
      [&] { return std::filesystem::exists(nginx.dav_dir() / "langson_huunghi_1" / "heartbeat"); }));

  f.publish(package(2));
  touch_later(f.root() / "channels" / "langson" / "manifest.json", 2);
  worker.request_check();
  REQUIRE(activations.wait_for_version(2));

  nginx.stop();
  worker.request_check();
  REQUIRE(eventually([&] { return worker.progress().failures == 1 && worker.progress().next_attempt; }));
  p = worker.progress();
  CHECK(p.consecutive_failures == 1);
  CHECK_FALSE(p.last_error.empty());
  CHECK(*p.next_attempt - *p.last_attempt < std::chrono::minutes(1));  // backoff, not the interval
  CHECK(read_state(config).last_error == p.last_error);
  CHECK(p.last_error_reason == Reason::network);  // the server went away
  CHECK(read_state(config).last_error_reason == Reason::network);
  CHECK(load_installed(config, "langson")->version == 2);  // still playing

  nginx.start();
  worker.request_check();
  REQUIRE(eventually([&] { return worker.progress().attempts == 4; }));
  CHECK(worker.progress().consecutive_failures == 0);
  CHECK(worker.progress().last_error == "");
  CHECK(worker.progress().last_error_reason == Reason::none);
  worker.stop();
  CHECK(activations.versions() == std::vector<std::int64_t>{1, 2});
}

TEST_CASE("sync worker: stop() ends a slow transfer in progress", "[sync_worker]") {
  SyncFixture f;
  f.publish(package(1, 20u << 20));
  Nginx nginx(f.root(), {.limit_rate = "100k"});  // 20 MB would take over three minutes
  f.write_config(nginx.url());
  const Config config = load_config(f.config_file());
  Activations activations;
  SyncWorker worker(config, std::ref(activations));
  worker.start();
  REQUIRE(eventually([&] {
    for (const auto& e : std::filesystem::recursive_directory_iterator(f.data())) {
      if (e.path().extension() == ".partial") return true;
    }
    return false;
  }));
  worker.stop();  // returns once the transfer is cancelled (the test would time out otherwise)
  CHECK(activations.versions().empty());
  CHECK(worker.progress().attempts == 0);  // a cancelled attempt is not a failure
}

TEST_CASE("sync worker: quiet successful polls leave state.json alone; status says why", "[sync_worker]") {
  SyncFixture f;
  f.publish(package(1));
  Nginx nginx(f.root());
  f.write_config(nginx.url(), {{"poll_seconds", 3600}});
  const Config config = load_config(f.config_file());
  SyncWorkerOptions options;  // a poll every second, as an alerts channel's every 30 s
  options.policy = sync_policy_for(config);
  options.policy->interval = std::chrono::seconds(1);
  options.policy->backoff_base = std::chrono::seconds(1);
  const auto state_file = f.data() / "state.json";
  auto inode = [&] {
    struct stat st {};
    return ::stat(state_file.c_str(), &st) == 0 ? st.st_ino : 0;
  };

  Activations activations;
  SyncWorker worker(config, std::ref(activations), options);
  worker.start();
  REQUIRE(activations.wait_for_version(1));
  REQUIRE(eventually([&] { return worker.progress().attempts >= 2; }));
  // state.json is replaced by a rename at every write: the same inode means no write since.
  const auto recorded = inode();
  const ScreenState before = read_state(config);
  REQUIRE(recorded != 0);
  REQUIRE(eventually([&] { return worker.progress().attempts >= 5; }));
  CHECK(inode() == recorded);
  CHECK(read_state(config).last_success == before.last_success);
  CHECK(worker.progress().last_success > before.last_success);  // the polls did succeed
  // status shows the planned attempt that passed as the quiet it is, not as overdue.
  const RunResult status = test::gatecast({"status", "--config", f.config_file().string(), "--json"});
  const std::string planned = nlohmann::json::parse(status.out).at("next_attempt_text").get<std::string>();
  CHECK_THAT(planned, Catch::Contains("polls succeed quietly"));

  // An error is written at once, and so is its clearing.
  nginx.stop();
  worker.request_check();
  REQUIRE(eventually([&] { return !read_state(config).last_error.empty(); }));
  nginx.start();
  worker.request_check();
  REQUIRE(eventually([&] { return read_state(config).last_error.empty(); }));
  worker.stop();
}

TEST_CASE("sync worker: an expired package the server still offers is a failure, not a success",
          "[sync_worker]") {
  SyncFixture f;
  f.publish(package(1));  // valid for 30 days
  Nginx nginx(f.root());
  f.write_config(nginx.url(), {{"poll_seconds", 3600}});
  const Config config = load_config(f.config_file());
  std::atomic<std::int64_t> days_later{0};
  SyncWorkerOptions options;
  options.clock = [&] {
    return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now()) +
           std::chrono::days(days_later.load());
  };
  Activations activations;
  SyncWorker worker(config, std::ref(activations), options);
  worker.start();
  REQUIRE(activations.wait_for_version(1));
  REQUIRE(eventually([&] { return worker.progress().next_attempt.has_value(); }));
  const auto succeeded = read_state(config).last_success;
  REQUIRE(succeeded);

  days_later = 31;  // the server keeps offering version 1, now past its expiry
  worker.request_check();
  REQUIRE(eventually([&] { return worker.progress().failures == 1; }));
  const ScreenState state = read_state(config);
  CHECK(state.last_success == succeeded);
  CHECK(state.last_error_reason == Reason::expired);
  CHECK(state.last_error.find("stale") != std::string::npos);
  CHECK(load_installed(config, "langson")->version == 1);  // it still plays
  worker.stop();
}

TEST_CASE(
    "sync worker: an alerts channel with nothing published is quiet; one published unsigned is a failure",
    "[sync_worker]") {
  SyncFixture f;
  f.publish(package(1));
  Nginx nginx(f.root());
  f.write_config(nginx.url(), {{"poll_seconds", 3600},
                               {"sources",
                                {{{"url", nginx.url()}, {"channel", "langson"}},
                                 {{"url", nginx.url()}, {"channel", "alerts"}, {"alerts", true}}}}});
  const Config config = load_config(f.config_file());
  Activations activations;
  SyncWorker worker(config, std::ref(activations), {});
  worker.start();
  REQUIRE(activations.wait_for_version(1));
  REQUIRE(eventually([&] { return worker.progress().next_attempt.has_value(); }));
  CHECK(worker.progress().failures == 0);  // no alerts manifest: the quiet normal
  CHECK(read_state(config).last_error.empty());

  PackageSpec notice = package(1);
  notice.channel = "alerts";
  f.publish(notice);
  std::filesystem::remove(f.root() / "channels" / "alerts" / "manifest.json.minisig");
  worker.request_check();
  REQUIRE(eventually([&] { return worker.progress().failures == 1; }));
  const ScreenState state = read_state(config);
  CHECK(state.last_error_reason == Reason::signature);
  CHECK_THAT(state.last_error, Catch::Contains("alerts/manifest.json.minisig"));
  CHECK_THAT(state.last_error, Catch::Contains("not signed"));
  worker.stop();
}
