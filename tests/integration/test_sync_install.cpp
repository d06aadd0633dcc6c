// `gatecast install http://...` against a real nginx on loopback, bytes counted from nginx's
// access log: full install, one changed asset, idle poll, a cut resumed with Range, transport
// failures (exit 1) and refused content (exit 3) leaving the installed package untouched.
#include <catch2/catch.hpp>

#include <atomic>
#include <set>
#include <thread>

#include "content/base/error.hpp"
#include "content/config/config_json.hpp"
#include "content/config/source_settings.hpp"
#include "content/install/install.hpp"
#include "content/reports/report_out.hpp"
#include "content/store/installed.hpp"
#include "support/refusal.hpp"
#include "test_sync_fixture.hpp"

using namespace gatecast;
using namespace gatecast::test;

namespace {

// The reason code `gatecast status --json` gives for the last error ("" when it has none).
std::string last_error_reason(const SyncFixture& f) {
  const RunResult status = test::gatecast({"status", "--config", f.config_file().string(), "--json"});
  const auto reason = nlohmann::json::parse(status.out).at("last_error_reason");
  return reason.is_string() ? reason.get<std::string>() : "";
}

std::int64_t active_version(const SyncFixture& f) {
  const auto config = content::load_config(f.config_file());
  const auto installed = content::load_installed(config, "langson");
  return installed ? installed->version : 0;
}

// The store's blobs (by name), to show that a refused install stored nothing new.
std::set<std::string> stored_blobs(const SyncFixture& f) {
  std::set<std::string> names;
  for (const auto& e : std::filesystem::recursive_directory_iterator(f.data())) {
    const std::string name = e.path().filename().string();
    if (e.is_regular_file() && content::is_sha256_hex(name)) names.insert(name);
  }
  return names;
}

std::uintmax_t largest_partial(const std::filesystem::path& data) {
  std::uintmax_t n = 0;
  std::error_code ec;
  for (std::filesystem::recursive_directory_iterator it(data, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".partial") n = std::max(n, it->file_size(ec));
  }
  return n;
}

PackageSpec three_assets(std::int64_t version, std::uint32_t changed_seed = 11) {
  PackageSpec spec;
  spec.version = version;
  spec.assets = {{"gate", pseudo_random_bytes(300000, changed_seed)},
                 {"logo", pseudo_random_bytes(20000, 12)},
                 {"market", pseudo_random_bytes(150000, 13)}};
  return spec;
}

std::uint64_t total_size(const PackageSpec& spec) {
  std::uint64_t n = 0;
  for (const auto& [name, bytes] : spec.assets) n += bytes.size();
  return n;
}

// The screen's first sync: `spec` published, the config pointed at `nginx`, one install of all
// of it, active afterwards.
void first_sync(SyncFixture& f, const Nginx& nginx, const PackageSpec& spec) {
  f.publish(spec);
  f.write_config(nginx.url());
  auto r = f.install(nginx.url());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(active_version(f) == spec.version);
  CHECK(nginx.count_for("/blobs/") == spec.assets.size());
  CHECK(nginx.body_bytes_for("/blobs/") == total_size(spec));
}

}  // namespace

TEST_CASE("sync: a full install, then an update fetches only the changed asset, then a poll is one probe",
          "[sync]") {
  SyncFixture f;
  Nginx nginx(f.root());
  first_sync(f, nginx, three_assets(1));

  const PackageSpec v2 = three_assets(2, 99);  // "gate" changes, the others stay
  f.publish(v2);
  touch_later(f.root() / "channels" / "langson" / "manifest.json", 2);
  nginx.clear_log();
  auto r = f.install(nginx.url());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(active_version(f) == 2);
  CHECK(nginx.count_for("/blobs/") == 1);
  CHECK(nginx.body_bytes_for("/blobs/") == v2.assets.at("gate").size());

  nginx.clear_log();
  r = f.install(nginx.url());
  CHECK(r.exit_code == 0);
  // One probe of the signature's tail, and the key set (a content poll; this tree has none).
  std::vector<test::NginxRequest> requests;
  for (const auto& req : nginx.requests()) {
    if (req.uri.rfind("/keys/", 0) == 0) {
      CHECK(req.status == 404);
      CHECK(req.bytes_sent < 400);
    } else {
      requests.push_back(req);
    }
  }
  // The signature decides: its last 32 bytes are the accepted ones.
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].status == 206);
  CHECK(requests[0].uri == "/channels/langson/manifest.json.minisig");
  CHECK(requests[0].bytes_sent + requests[0].request_length < 450);
  CHECK(nginx.count_for("/blobs/") == 0);
  CHECK(active_version(f) == 2);
}

TEST_CASE("sync: a wiped store is filled again, though the server still serves the accepted signature",
          "[sync]") {
  SyncFixture f;
  Nginx nginx(f.root());
  const PackageSpec v1 = three_assets(1);
  first_sync(f, nginx, v1);

  // A technician clears the store (or the screen gets a new disk) and keeps the rest.
  std::filesystem::remove_all(f.data() / "store");
  nginx.clear_log();
  auto r = f.install(nginx.url());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(active_version(f) == 1);
  std::vector<test::NginxRequest> requests;
  for (const auto& req : nginx.requests()) {
    if (req.uri.rfind("/keys/", 0) != 0) requests.push_back(req);  // the key set comes first
  }
  REQUIRE(requests.size() >= 3);
  CHECK(requests[0].status == 206);  // the probe: unchanged
  CHECK(requests[1].status == 200);  // asked again, unconditionally
  CHECK(requests[1].uri == "/channels/langson/manifest.json");
  CHECK(nginx.count_for("/blobs/") == 3);
  CHECK(nginx.body_bytes_for("/blobs/") == total_size(v1));
}

TEST_CASE("sync: an install cut in the middle of a large blob resumes with Range", "[sync]") {
  SyncFixture f;
  PackageSpec spec;
  spec.assets = {{"video-still", pseudo_random_bytes(8u << 20, 21)}, {"logo", pseudo_random_bytes(1000, 22)}};
  f.publish(spec);
  Nginx nginx(f.root(), {.limit_rate = "2m"});
  f.write_config(nginx.url());

  std::thread cutter([&] {
    for (int i = 0; i < 1000 && largest_partial(f.data()) < (2u << 20); ++i) {  // bounded: 10 s
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    nginx.kill();
  });
  auto r = f.install(nginx.url());
  cutter.join();
  CHECK(r.exit_code == 1);
  CHECK(active_version(f) == 0);

  nginx.clear_log();
  nginx.start({});
  r = f.install(nginx.url());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(active_version(f) == 1);
  std::uint64_t kept = 0, resumed = 0;
  for (const auto& req : nginx.requests()) {
    if (req.uri != "/blobs/" + content::sha256_hex(spec.assets.at("video-still"))) continue;
    REQUIRE(req.range.rfind("bytes=", 0) == 0);
    kept = std::stoull(req.range.substr(6));
    resumed += req.body_bytes_sent;
  }
  const std::uint64_t size = spec.assets.at("video-still").size();
  CHECK(kept > 0);
  CHECK(kept + resumed == size);  // what the cut attempt kept plus what the resume sent
  // What nginx sent in all is within 5% of the blob: the logged resume plus the cut request,
  // which nginx never logged (killed), and which delivered at least `kept` bytes.
  CHECK(static_cast<double>(kept + resumed) <= 1.05 * static_cast<double>(size));
}

TEST_CASE("sync: transport failures exit 1 and leave the installed package as it was", "[sync]") {
  SyncFixture f;
  f.publish(three_assets(1));
  Nginx nginx(f.root());
  f.write_config(nginx.url());
  REQUIRE(f.install(nginx.url()).exit_code == 0);
  const PackageSpec v2 = three_assets(2, 77);
  f.publish(v2);
  touch_later(f.root() / "channels" / "langson" / "manifest.json", 2);
  const auto blobs_before = stored_blobs(f);

  SECTION("404 for a blob") {
    std::filesystem::remove(f.blob(v2.assets.at("gate")));
    const auto r = f.install(nginx.url());
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::StartsWith("gatecast: " + nginx.url()));
    CHECK(last_error_reason(f) == "not_found");
  }
  SECTION("500") {
    nginx.stop();
    nginx.start({.extra = "location /blobs/ { return 500; }"});
    const auto r = f.install(nginx.url());
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::StartsWith("gatecast: " + nginx.url()));
    CHECK(last_error_reason(f) == "network");
  }
  SECTION("nothing listening") {
    nginx.stop();
    const auto r = f.install(nginx.url());
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::StartsWith("gatecast: "));
    CHECK(last_error_reason(f) == "network");
  }
  SECTION("a truncated body (the server dies mid-transfer)") {
    nginx.stop();
    nginx.start({.limit_rate = "50k"});
    std::thread cutter([&] {
      for (int i = 0; i < 1000 && largest_partial(f.data()) < 60000; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      nginx.kill();
    });
    const auto r = f.install(nginx.url());
    cutter.join();
    CHECK(r.exit_code == 1);
  }
  CHECK(active_version(f) == 1);
  CHECK(stored_blobs(f) == blobs_before);
}

TEST_CASE("sync: a stalled server is abandoned as a transport failure", "[sync]") {
  SyncFixture f;
  f.publish(three_assets(1));
  Nginx nginx(f.root(), {.limit_rate = "200"});
  f.write_config(nginx.url());
  const auto config = content::load_config(f.config_file());
  content::HttpOptions options = content::http_options_for(config);
  options.stall_seconds = 2;
  options.stall_bytes_per_second = 5000;
  const auto source = content::open_http_source(nginx.url(), f.dir / "http", options);
  try {
    (void)content::install_channel(*source, "langson", config,
                                   std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now()));
    FAIL("a stalled install succeeded");
  } catch (const Error& e) {
    CHECK_THAT(e, test::Failed(Reason::network));
  }
  CHECK(active_version(f) == 0);
}

TEST_CASE("sync: tampered, older and foreign packages are refused with exit 3, nothing stored", "[sync]") {
  SyncFixture f;
  const PackageSpec v2 = three_assets(2);
  Nginx nginx(f.root());
  f.write_config(nginx.url());

  SECTION("a tampered blob") {
    f.publish(v2);
    std::string bad = v2.assets.at("market");
    bad[1000] ^= 0x01;
    write_bytes(f.blob(v2.assets.at("market")), bad);
    const auto r = f.install(nginx.url());
    CHECK(r.exit_code == 3);
    CHECK(active_version(f) == 0);
    CHECK(stored_blobs(f).empty());
  }
  SECTION("a blob longer than the manifest says") {
    f.publish(v2);
    write_bytes(f.blob(v2.assets.at("logo")), v2.assets.at("logo") + std::string(1u << 20, 'x'));
    const auto r = f.install(nginx.url());
    CHECK(r.exit_code == 3);
    CHECK(stored_blobs(f).empty());
  }
  SECTION("another province's manifest") {
    PackageSpec foreign = v2;
    foreign.targets = {"quangninh/*"};
    f.publish(foreign);
    const auto r = f.install(nginx.url());
    CHECK(r.exit_code == 3);
    CHECK(nginx.count_for("/blobs/") == 0);  // refused before any blob is fetched
    CHECK(stored_blobs(f).empty());
  }
  SECTION("an older signed manifest after a newer one") {
    f.publish(v2);
    REQUIRE(f.install(nginx.url()).exit_code == 0);
    const auto blobs_v2 = stored_blobs(f);
    f.publish(three_assets(1, 55));
    touch_later(f.root() / "channels" / "langson" / "manifest.json", 2);
    const auto r = f.install(nginx.url());
    CHECK(r.exit_code == 3);
    CHECK(active_version(f) == 2);
    CHECK(stored_blobs(f) == blobs_v2);
  }
  SECTION("an endless manifest") {
    write_bytes(f.root() / "channels" / "langson" / "manifest.json", std::string(64u << 20, ' '));
    write_bytes(f.root() / "channels" / "langson" / "manifest.json.minisig", "x");
    const auto r = f.install(nginx.url());
    CHECK(r.exit_code == 3);
    CHECK(stored_blobs(f).empty());
  }
}

TEST_CASE("sync: a blob of the active version lost from disk is reported, fetched again, and cleared",
          "[sync]") {
  SyncFixture f;
  Nginx nginx(f.root());
  first_sync(f, nginx, three_assets(1));
  const PackageSpec v2 = three_assets(2, 99);
  f.publish(v2);
  REQUIRE(f.install(nginx.url()).exit_code == 0);
  REQUIRE(active_version(f) == 2);
  const content::Config config = content::load_config(f.config_file());

  // A bad sector, a technician: the blob of version 2's "gate" is gone.
  const std::string lost = content::sha256_hex(v2.assets.at("gate"));
  REQUIRE(std::filesystem::remove(f.data() / "store" / "blobs" / lost));
  CHECK(active_version(f) == 1);  // the screen falls back to the previous whole version...

  // ...and says so: status (exit 1) and the heartbeat name the damage.
  RunResult status = test::gatecast({"status", "--config", f.config_file().string(), "--json"});
  CHECK(status.exit_code == 1);
  nlohmann::json channel = nlohmann::json::parse(status.out).at("channels").at(0);
  REQUIRE(channel.at("damaged").is_string());
  CHECK(channel.at("damaged").get<std::string>().find("asset gate") != std::string::npos);
  const auto now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
  content::Heartbeat heartbeat = content::current_heartbeat(config, now, Duration{0});
  REQUIRE(heartbeat.damaged.size() == 1);
  CHECK(heartbeat.damaged[0].find("langson: version 2") == 0);
  CHECK(nlohmann::json::parse(content::heartbeat_json(heartbeat)).at("damaged").size() == 1);

  // The next poll: the server's signature is unchanged, yet the missing blob is fetched again.
  nginx.clear_log();
  const RunResult r = f.install(nginx.url());
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("whole again") != std::string::npos);
  CHECK(nginx.count_for("/blobs/") == 1);
  CHECK(nginx.body_bytes_for("/blobs/") == v2.assets.at("gate").size());
  CHECK(active_version(f) == 2);

  status = test::gatecast({"status", "--config", f.config_file().string(), "--json"});
  CHECK(status.exit_code == 0);
  channel = nlohmann::json::parse(status.out).at("channels").at(0);
  CHECK(channel.at("damaged").is_null());
  CHECK(channel.at("version") == 2);
  heartbeat = content::current_heartbeat(config, now, Duration{0});
  CHECK(heartbeat.damaged.empty());
}

TEST_CASE("sync: an expired package the server still offers is refused as stale; status and heartbeat say so",
          "[sync]") {
  SyncFixture f;
  Nginx nginx(f.root());
  first_sync(f, nginx, three_assets(1));  // valid for 30 days
  const content::Config config = content::load_config(f.config_file());
  const auto now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
  const Instant later = now + std::chrono::days(31);

  // A poll 31 days on: the server still serves version 1 (the same signature).
  const std::unique_ptr<content::Source> source = content::open_source(nginx.url(), config);
  CHECK_THROWS_MATCHES(content::install_channel(*source, "langson", config, later), Error,
                       Refused(Reason::expired));
  CHECK(active_version(f) == 1);  // it plays on

  // status as of then: stale, exit 3; the heartbeat carries expires and stale.
  const RunResult status = test::gatecast(
      {"status", "--config", f.config_file().string(), "--json", "--at", content::format_rfc3339(later)});
  CHECK(status.exit_code == 3);
  CHECK(nlohmann::json::parse(status.out).at("channels").at(0).at("stale") == true);
  const content::Heartbeat heartbeat = content::current_heartbeat(config, later, Duration{0});
  CHECK(heartbeat.stale == std::vector<std::string>{"langson"});
  const nlohmann::json sent = nlohmann::json::parse(content::heartbeat_json(heartbeat));
  CHECK(sent.at("stale") == nlohmann::json::array({"langson"}));
  CHECK(sent.at("expires").get<std::string>() < content::format_rfc3339(later));
  // Today it is neither.
  CHECK(content::current_heartbeat(config, now, Duration{0}).stale.empty());
}

TEST_CASE("sync: progress moves within a large blob as it arrives over HTTP", "[sync][progress]") {
  SyncFixture f;
  Nginx nginx(f.root());
  PackageSpec spec;
  const std::string large = fx::blob_bytes(std::size_t{48} << 20, 94);
  spec.assets = {{"film", large}};
  f.publish(spec);
  f.write_config(nginx.url());
  const content::Config config = content::load_config(f.config_file());
  const std::unique_ptr<content::Source> source = content::open_source(nginx.url(), config);
  std::vector<content::InstallProgress> seen;
  const auto now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
  const auto began = std::chrono::steady_clock::now();
  (void)content::install_channel(*source, "langson", config, now,
                                 [&](const content::InstallProgress& p) { seen.push_back(p); });
  std::set<std::uint64_t> inside;
  for (std::size_t i = 1; i < seen.size(); ++i) {
    CHECK(seen[i].done_bytes >= seen[i - 1].done_bytes);
    if (seen[i].done_blobs == 0 && seen[i].done_bytes > 0) inside.insert(seen[i].done_bytes);
  }
  INFO("progress reports: " << seen.size());
  CHECK(inside.size() >= 5);
  // Throttled: a report per 1 % of the bytes, or per 250 ms when 1 % takes longer (a slow
  // link), plus the start and each whole blob.
  const auto took = std::chrono::steady_clock::now() - began;
  CHECK(seen.size() <= 103 + std::size_t(took / std::chrono::milliseconds(250)));
  REQUIRE(!seen.empty());
  CHECK(seen.back().done_bytes == large.size());
  CHECK(active_version(f) == 1);
}
