// The HTTP source against a real nginx on loopback: conditional polls, Range resume after a
// cut, bodies cut off at their limits, and every transport failure as Error(runtime).
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include "content/base/error.hpp"
#include "content/config/source_settings.hpp"
#include "content/sources/http_source.hpp"
#include "support/refusal.hpp"
#include "test_sync_fixture.hpp"

using gatecast::Error;
using gatecast::Outcome;
using gatecast::content::HttpOptions;
using gatecast::content::HttpSource;
using gatecast::content::SourceLimits;
using namespace gatecast::test;

namespace {

Outcome outcome_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.kind();
  }
  return Outcome::ok;
}

std::uintmax_t size_or_zero(const std::filesystem::path& p) {
  std::error_code ec;
  const auto n = std::filesystem::file_size(p, ec);
  return ec ? 0 : n;
}

}  // namespace

TEST_CASE("http source: an accepted manifest makes the next poll one small ranged request", "[sync]") {
  SyncFixture f;
  const std::string manifest = f.publish({.assets = {{"a", "first asset"}}});
  Nginx nginx(f.root());
  HttpSource source(nginx.url(), f.data(), {});

  const auto first = source.fetch_manifest("langson", {});
  REQUIRE(first);
  CHECK(first->manifest == manifest);
  CHECK(first->signature.find("trusted comment: gatecast test package") != std::string::npos);
  source.remember_accepted("langson");

  nginx.clear_log();
  CHECK_FALSE(source.fetch_manifest("langson", {}));
  const auto requests = nginx.requests();
  // The signature's last bytes, compared with the accepted one's (validators can collide, the
  // signature cannot): one request, its answer and itself under 450 bytes together.
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].status == 206);
  CHECK(requests[0].uri == "/channels/langson/manifest.json.minisig");
  CHECK(requests[0].range == "bytes=-32");
  CHECK(requests[0].body_bytes_sent == 32);
  CHECK(requests[0].bytes_sent + requests[0].request_length < 450);

  // A new source (a restart) remembers through the state file.
  HttpSource again(nginx.url(), f.data(), {});
  CHECK_FALSE(again.fetch_manifest("langson", {}));

  // A republished manifest is fetched again.
  f.publish({.version = 2, .assets = {{"a", "first asset"}}});
  touch_later(f.root() / "channels" / "langson" / "manifest.json", 2);
  const auto changed = again.fetch_manifest("langson", {});
  REQUIRE(changed);
  CHECK(changed->manifest.find("\"version\": 2") != std::string::npos);
}

TEST_CASE("http source: a manifest not accepted is fetched whole on the next poll", "[sync]") {
  SyncFixture f;
  f.publish({.assets = {{"a", "x"}}});
  Nginx nginx(f.root());
  HttpSource source(nginx.url(), f.data(), {});
  REQUIRE(source.fetch_manifest("langson", {}));
  // The installer refused it (no remember_accepted): asking again must not get a 304.
  REQUIRE(source.fetch_manifest("langson", {}));
  CHECK(nginx.count_for("/channels/langson/manifest.json") == 4);  // manifest + signature, twice
}

TEST_CASE("http source: a blob cut in the middle resumes with Range", "[sync]") {
  SyncFixture f;
  const std::string big = pseudo_random_bytes(8u << 20, 7);
  f.publish({.assets = {{"big", big}}});
  Nginx nginx(f.root(), {.limit_rate = "2m"});
  HttpSource source(nginx.url(), f.data(), {});
  const auto partial = f.dir / "partial";
  const std::string sha = gatecast::content::sha256_hex(big);

  std::thread cutter([&] {
    // Wait until about a quarter is through (bounded: 10 s), then stop the server.
    for (int i = 0; i < 1000 && size_or_zero(partial) < big.size() / 4; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    nginx.kill();  // the cut request is never logged: its bytes are what the screen kept
  });
  CHECK(outcome_of([&] { source.fetch_blob(sha, big.size(), partial); }) == Outcome::runtime);
  cutter.join();
  const auto kept = size_or_zero(partial);
  CHECK(kept > 0);
  CHECK(kept < big.size());

  nginx.start({});  // the link is back, without the rate limit
  source.fetch_blob(sha, big.size(), partial);
  CHECK(read_whole(partial) == big);

  const auto requests = nginx.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].range == "bytes=" + std::to_string(kept) + "-");
  CHECK(requests[0].status == 206);
  CHECK(requests[0].body_bytes_sent == big.size() - kept);
  const double total = static_cast<double>(kept + nginx.body_bytes_for("/blobs/"));
  CHECK(total <= 1.05 * static_cast<double>(big.size()));
  CHECK(total >= static_cast<double>(big.size()));
}

TEST_CASE("http source: a blob longer than declared is cut off at the declared size", "[sync]") {
  SyncFixture f;
  const std::string declared = pseudo_random_bytes(100000, 1);
  const std::string sha = gatecast::content::sha256_hex(declared);
  // The server's file under that name carries 4 MiB more than the manifest says.
  write_bytes(f.root() / "blobs" / sha, declared + pseudo_random_bytes(4u << 20, 2));
  Nginx nginx(f.root());
  HttpSource source(nginx.url(), f.data(), {});
  const auto partial = f.dir / "partial";
  CHECK(outcome_of([&] { source.fetch_blob(sha, declared.size(), partial); }) == Outcome::rejected);
  CHECK(read_whole(partial) == declared);  // never a byte past the declared size
}

TEST_CASE("http source: an endless manifest is cut off at the manifest limit", "[sync]") {
  SyncFixture f;
  write_bytes(f.root() / "channels" / "langson" / "manifest.json", std::string(64u << 20, ' '));
  write_bytes(f.root() / "channels" / "langson" / "manifest.json.minisig", "x");
  Nginx nginx(f.root());
  HttpSource source(nginx.url(), f.data(), {});
  CHECK(outcome_of([&] { (void)source.fetch_manifest("langson", SourceLimits{}); }) == Outcome::rejected);
  nginx.stop();  // logs the aborted request as it stands
  CHECK(source.bytes_received() <= SourceLimits{}.max_manifest_bytes + (1u << 20));
  CHECK(nginx.body_bytes_for("/channels/") < (32u << 20));
}

TEST_CASE("http source: an oversized signature is refused", "[sync]") {
  SyncFixture f;
  f.publish({.assets = {{"a", "x"}}});
  write_bytes(f.root() / "channels" / "langson" / "manifest.json.minisig", std::string(1u << 20, 'A'));
  Nginx nginx(f.root());
  HttpSource source(nginx.url(), f.data(), {});
  CHECK(outcome_of([&] { (void)source.fetch_manifest("langson", {}); }) == Outcome::rejected);
}

TEST_CASE("http source: 404, 500, refused connections and stalls are transport failures", "[sync]") {
  SyncFixture f;
  const std::string blob = pseudo_random_bytes(200000, 3);
  f.publish({.assets = {{"a", blob}}});
  const std::string sha = gatecast::content::sha256_hex(blob);
  const auto partial = f.dir / "partial";

  SECTION("404 for a missing channel and a missing blob") {
    Nginx nginx(f.root());
    HttpSource source(nginx.url(), f.data(), {});
    CHECK(outcome_of([&] { (void)source.fetch_manifest("other", {}); }) == Outcome::runtime);
    CHECK(outcome_of([&] { source.fetch_blob(std::string(64, 'a'), 10, partial); }) == Outcome::runtime);
    CHECK(size_or_zero(partial) == 0);  // the error page is not taken for blob bytes
  }
  SECTION("500") {
    Nginx nginx(f.root(), {.extra = "location /blobs/ { return 500; }"});
    HttpSource source(nginx.url(), f.data(), {});
    CHECK(outcome_of([&] { source.fetch_blob(sha, blob.size(), partial); }) == Outcome::runtime);
    CHECK(size_or_zero(partial) == 0);
  }
  SECTION("nothing listening") {
    std::string url;
    {
      Nginx gone(f.root());
      url = gone.url();
    }
    HttpSource source(url, f.data(), {});
    CHECK(outcome_of([&] { (void)source.fetch_manifest("langson", {}); }) == Outcome::runtime);
  }
  SECTION("a stalled transfer is abandoned") {
    Nginx nginx(f.root(), {.limit_rate = "100"});  // 100 bytes/s: far below the stall floor
    HttpOptions slow_floor;
    slow_floor.stall_seconds = 2;
    slow_floor.stall_bytes_per_second = 10000;
    HttpSource source(nginx.url(), f.data(), slow_floor);
    try {
      source.fetch_blob(sha, blob.size(), partial);
      FAIL("a stalled transfer finished");
    } catch (const Error& e) {
      CHECK_THAT(e, Failed(gatecast::Reason::network));
    }
    CHECK(size_or_zero(partial) < blob.size());
  }
  SECTION("an address that is not http") {
    CHECK(outcome_of([&] { HttpSource s("ftp://127.0.0.1/", f.data(), {}); }) == Outcome::usage);
    CHECK(outcome_of([&] { HttpSource s("file:///etc", f.data(), {}); }) == Outcome::usage);
  }
}

TEST_CASE("http source: HTTPS is trusted through the configured CA file, and only through it", "[sync]") {
  SyncFixture f;
  const std::string manifest = f.publish({.assets = {{"a", "x"}}});
  NginxOptions tls;
  tls.tls = true;
  Nginx nginx(f.root(), tls);
  REQUIRE(nginx.url().rfind("https://", 0) == 0);

  gatecast::content::Config config;
  config.ca_file = nginx.cert_file().string();
  HttpSource trusting(nginx.url(), f.data(), gatecast::content::http_options_for(config));
  const auto fetched = trusting.fetch_manifest("langson", {});
  REQUIRE(fetched);
  CHECK(fetched->manifest == manifest);

  // The system's CAs do not know a self-signed server.
  HttpSource system_cas(nginx.url(), f.data(), {});
  try {
    (void)system_cas.fetch_manifest("langson", {});
    FAIL("an unknown certificate was accepted");
  } catch (const Error& e) {
    CHECK_THAT(e, Failed(gatecast::Reason::network));
  }
}

TEST_CASE("http source: a new manifest whose validators collide with the accepted one is still taken",
          "[sync]") {
  SyncFixture f;
  f.publish({.assets = {{"a", "first asset"}}});
  Nginx nginx(f.root());
  HttpSource source(nginx.url(), f.data(), {});
  const auto manifest_file = f.root() / "channels" / "langson" / "manifest.json";
  REQUIRE(source.fetch_manifest("langson", {}));
  source.remember_accepted("langson");
  const auto mtime = std::filesystem::last_write_time(manifest_file);
  const auto size = std::filesystem::file_size(manifest_file);

  // Version 2 of exactly the same size, its mtime copied from version 1 (a mirror, or a
  // publish within the same second): nginx's ETag and Last-Modified are the same as before.
  const auto signature_file = f.root() / "channels" / "langson" / "manifest.json.minisig";
  const auto signature_mtime = std::filesystem::last_write_time(signature_file);
  const auto signature_size = std::filesystem::file_size(signature_file);
  const std::string second = f.publish({.version = 2, .assets = {{"a", "other asset"}}});
  REQUIRE(std::filesystem::file_size(manifest_file) == size);
  REQUIRE(std::filesystem::file_size(signature_file) == signature_size);
  std::filesystem::last_write_time(manifest_file, mtime);
  std::filesystem::last_write_time(signature_file, signature_mtime);  // its validators collide too
  const auto changed = source.fetch_manifest("langson", {});
  REQUIRE(changed);
  CHECK(changed->manifest == second);
}

TEST_CASE("http source: a server that ignores Range is judged by the whole signature it sends", "[sync]") {
  SyncFixture f;
  f.publish({.assets = {{"a", "first asset"}}});
  Nginx nginx(f.root(), {.extra = "max_ranges 0;"});  // nginx answers every Range with a 200
  HttpSource source(nginx.url(), f.data(), {});
  REQUIRE(source.fetch_manifest("langson", {}));
  source.remember_accepted("langson");

  nginx.clear_log();
  CHECK_FALSE(source.fetch_manifest("langson", {}));
  auto requests = nginx.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].status == 200);
  CHECK(requests[0].uri == "/channels/langson/manifest.json.minisig");

  const std::string second = f.publish({.version = 2, .assets = {{"a", "other asset"}}});
  const auto changed = source.fetch_manifest("langson", {});
  REQUIRE(changed);
  CHECK(changed->manifest == second);
}

TEST_CASE("http source: a signature of another length or tail, or none, fetches the manifest whole",
          "[sync]") {
  SyncFixture f;
  f.publish({.assets = {{"a", "first asset"}}});
  Nginx nginx(f.root());
  HttpSource source(nginx.url(), f.data(), {});
  REQUIRE(source.fetch_manifest("langson", {}));
  source.remember_accepted("langson");
  const auto signature_file = f.root() / "channels" / "langson" / "manifest.json.minisig";
  const std::string accepted = read_whole(signature_file);

  // The same last 32 bytes behind a longer file: the range starts elsewhere, so it is asked whole.
  write_bytes(signature_file, "x" + accepted);
  nginx.clear_log();
  CHECK(outcome_of([&] { (void)source.fetch_manifest("langson", {}); }) == Outcome::ok);
  CHECK(nginx.count_for("/channels/langson/manifest.json") == 3);  // the probe, manifest, signature

  // The accepted signature back: unchanged again.
  write_bytes(signature_file, accepted);
  nginx.clear_log();
  CHECK_FALSE(source.fetch_manifest("langson", {}));

  // The signature gone: the package is unsigned, refused as a stick without one is, and not
  // taken for a channel with nothing published (which an alerts channel passes over quietly).
  std::filesystem::remove(signature_file);
  CHECK_THROWS_MATCHES(
      source.fetch_manifest("langson", {}), Error,
      Refused(gatecast::Reason::signature).about(nginx.url() + "/channels/langson/manifest.json.minisig"));
}
