// Every edge path of a blob transfer, against a scripted server (tests/support/scripted_http.hpp)
// that does what nginx never does: ignores Range, answers from the wrong byte, 416, redirects
// (bounded, and never to another protocol), a connect that never completes, a stall. Each
// failure is one Error naming the blob and the problem, and no wrong byte is ever appended.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>

#include "content/base/error.hpp"
#include "content/base/sha256.hpp"
#include "content/sources/http_source.hpp"
#include "support/refusal.hpp"
#include "support/scripted_http.hpp"
#include "support/temp_dir.hpp"
#include "test_sync_fixture.hpp"

using gatecast::Error;
using gatecast::Outcome;
using gatecast::Reason;
using gatecast::content::BlobRequest;
using gatecast::content::HttpOptions;
using gatecast::content::HttpSource;
using gatecast::content::sha256_hex;
using namespace gatecast::test;

namespace {

const std::string kBlob = pseudo_random_bytes(200000, 21);
const std::string kSha = sha256_hex(kBlob);
constexpr std::size_t kHalf = 100000;

// The first byte a request's "Range: bytes=N-" asks for, as text; empty when it asks for none.
// (By hand: std::regex trips GCC 12's maybe-uninitialized warning in the sanitizer build.)
std::string range_of(const std::string& request) {
  std::string lower(request);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const std::string key = "\r\nrange: bytes=";
  const auto at = lower.find(key);
  if (at == std::string::npos) return {};
  const auto digits = at + key.size();
  const auto end = request.find_first_not_of("0123456789", digits);
  if (end == std::string::npos || end == digits || request.compare(end, 3, "-\r\n") != 0) return {};
  return request.substr(digits, end - digits);
}

ScriptedReply whole_blob() {
  return {"HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(kBlob.size()) + "\r\n", kBlob};
}

ScriptedReply part_from(std::size_t start) {
  return {"HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + std::to_string(start) + "-" +
              std::to_string(kBlob.size() - 1) + "/" + std::to_string(kBlob.size()) +
              "\r\nContent-Length: " + std::to_string(kBlob.size() - start) + "\r\n",
          kBlob.substr(start)};
}

// Fetches kBlob into `partial` through `source`; returns the hash the source computed.
std::string fetch(HttpSource& source, const std::filesystem::path& partial) {
  std::string received;
  source.fetch_blobs({BlobRequest{kSha, kBlob.size(), partial, "clip"}},
                     [&](std::size_t, const std::string& sha) { received = sha; });
  return received;
}

Error failure_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  FAIL("the transfer succeeded");
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("blob edges: a server that ignores Range is read from the start, never appended", "[sync][edges]") {
  TempDir dir;
  const auto partial = dir / "partial";
  write_bytes(partial, kBlob.substr(0, kHalf));
  ScriptedHttp server([](const std::string&) { return whole_blob(); });
  HttpSource source(server.url(), dir.path(), {});
  CHECK(fetch(source, partial) == kSha);
  CHECK(read_whole(partial) == kBlob);
  REQUIRE(server.requests().size() == 1);
  CHECK(range_of(server.requests()[0]) == std::to_string(kHalf));  // it did ask for the rest
}

TEST_CASE("blob edges: a resumed transfer hashes the bytes kept and the bytes received", "[sync][edges]") {
  TempDir dir;
  const auto partial = dir / "partial";
  write_bytes(partial, kBlob.substr(0, kHalf));
  ScriptedHttp server([](const std::string& request) { return part_from(std::stoul(range_of(request))); });
  HttpSource source(server.url(), dir.path(), {});
  CHECK(fetch(source, partial) == kSha);
  CHECK(read_whole(partial) == kBlob);
  // The server counts a body after its last byte is sent, which may be after the client has
  // read it: stopping the server waits for that.
  server.stop();
  CHECK(server.body_bytes_sent() == kBlob.size() - kHalf);
}

TEST_CASE("blob edges: a 206 from the wrong byte is refused and nothing is appended", "[sync][edges]") {
  TempDir dir;
  const auto partial = dir / "partial";
  write_bytes(partial, kBlob.substr(0, kHalf));
  SECTION("from the start") {
    ScriptedHttp server([](const std::string&) { return part_from(0); });
    HttpSource source(server.url(), dir.path(), {});
    const Error e = failure_of([&] { fetch(source, partial); });
    CHECK_THAT(e, Failed(Reason::network));
    CHECK_THAT(e.subject(), Catch::Contains("asset clip"));
    CHECK_THAT(e.problem(), Catch::Contains("different byte range"));
  }
  SECTION("a byte further on") {
    ScriptedHttp server([](const std::string&) { return part_from(kHalf + 1); });
    HttpSource source(server.url(), dir.path(), {});
    CHECK_THAT(failure_of([&] { fetch(source, partial); }), Failed(Reason::network));
  }
  CHECK(read_whole(partial) == kBlob.substr(0, kHalf));  // kept as it was, for the next try
}

TEST_CASE("blob edges: a 416 drops the partial file so that the next try starts over", "[sync][edges]") {
  TempDir dir;
  const auto partial = dir / "partial";
  write_bytes(partial, kBlob.substr(0, kHalf));
  ScriptedHttp server([](const std::string& request) {
    if (!range_of(request).empty())
      return ScriptedReply{"HTTP/1.1 416 Range Not Satisfiable\r\nContent-Length: 0\r\n", ""};
    return whole_blob();
  });
  HttpSource source(server.url(), dir.path(), {});
  const Error e = failure_of([&] { fetch(source, partial); });
  CHECK_THAT(e, Failed(Reason::network));
  CHECK_THAT(e.problem(), Catch::Contains("fewer bytes"));
  CHECK_FALSE(std::filesystem::exists(partial));
  CHECK(fetch(source, partial) == kSha);
  CHECK(read_whole(partial) == kBlob);
}

TEST_CASE("blob edges: redirects are followed a bounded number of times, over http only", "[sync][edges]") {
  TempDir dir;
  const auto partial = dir / "partial";
  SECTION("to another path and another server") {
    ScriptedHttp target([](const std::string&) { return whole_blob(); });
    ScriptedHttp server([&](const std::string& request) {
      if (request.rfind("GET /blobs/", 0) == 0)
        return ScriptedReply{"HTTP/1.1 302 Found\r\nLocation: /moved\r\nContent-Length: 0\r\n", ""};
      return ScriptedReply{"HTTP/1.1 301 Moved\r\nLocation: " + target.url() + "/x\r\nContent-Length: 0\r\n",
                           ""};
    });
    HttpSource source(server.url(), dir.path(), {});
    CHECK(fetch(source, partial) == kSha);
    CHECK(server.requests().size() == 2);
    CHECK(target.requests().size() == 1);
  }
  SECTION("never to file://") {
    const auto secret = dir / "secret";
    write_bytes(secret, kBlob);  // the very bytes wanted: following would "succeed"
    ScriptedHttp server([&](const std::string&) {
      return ScriptedReply{
          "HTTP/1.1 302 Found\r\nLocation: file://" + secret.string() + "\r\nContent-Length: 0\r\n", ""};
    });
    HttpSource source(server.url(), dir.path(), {});
    const Error e = failure_of([&] { fetch(source, partial); });
    CHECK(e.kind() == Outcome::runtime);
    CHECK_THAT(e.subject(), Catch::Contains("asset clip"));
    CHECK(read_whole(partial).empty());
  }
  SECTION("not for ever") {
    ScriptedHttp server([](const std::string&) {
      return ScriptedReply{"HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\n", ""};
    });
    HttpSource source(server.url(), dir.path(), {});
    const Error e = failure_of([&] { fetch(source, partial); });
    CHECK(e.kind() == Outcome::runtime);
    CHECK(server.requests().size() <= 6);  // the first request and at most five redirects
    CHECK(read_whole(partial).empty());
  }
}

TEST_CASE("blob edges: a connect that never completes times out", "[sync][edges]") {
  TempDir dir;
  SilentListener silent;
  HttpOptions quick;
  quick.connect_timeout_seconds = 1;
  HttpSource source(silent.url(), dir.path(), quick);
  const Error e = failure_of([&] { fetch(source, dir / "partial"); });
  CHECK_THAT(e, Failed(Reason::network));
  CHECK_THAT(e.subject(), Catch::Contains("asset clip"));
  CHECK_THAT(e.problem(), Catch::Contains("timed out"));
}

TEST_CASE("blob edges: a stalled or cut transfer keeps its bytes for the next try", "[sync][edges]") {
  TempDir dir;
  const auto partial = dir / "partial";
  ScriptedReply reply = whole_blob();
  reply.stop_after = kHalf;
  SECTION("stalled") {
    reply.stall = true;
  }
  SECTION("cut") {}
  ScriptedHttp server([&](const std::string&) { return reply; });
  HttpOptions impatient;
  impatient.stall_seconds = 1;
  impatient.stall_bytes_per_second = 1000;
  HttpSource source(server.url(), dir.path(), impatient);
  const Error e = failure_of([&] { fetch(source, partial); });
  CHECK_THAT(e, Failed(Reason::network));
  CHECK_THAT(e.subject(), Catch::Contains("asset clip"));
  CHECK(read_whole(partial) == kBlob.substr(0, kHalf));
}

namespace {

// `count` blobs of `size` bytes in a publish tree's blobs/ folder, as requests into `staging`.
std::vector<BlobRequest> blobs_in(const std::filesystem::path& root, const std::filesystem::path& staging,
                                  std::size_t count, std::size_t size, std::vector<std::string>& contents) {
  std::filesystem::create_directories(root / "blobs");
  std::vector<BlobRequest> requests;
  for (std::size_t i = 0; i < count; ++i) {
    contents.push_back(pseudo_random_bytes(size + i, static_cast<std::uint32_t>(100 + i)));
    const std::string sha = sha256_hex(contents.back());
    write_bytes(root / "blobs" / sha, contents.back());
    requests.push_back(
        BlobRequest{sha, contents.back().size(), staging / (sha + ".partial"), "a" + std::to_string(i)});
  }
  return requests;
}

}  // namespace

TEST_CASE("blob edges: a batch runs several transfers at once, each hashed as it arrives", "[sync][edges]") {
  TempDir dir;
  std::vector<std::string> contents;
  const std::vector<BlobRequest> requests = blobs_in(dir / "tree", dir.path(), 12, 300000, contents);
  Nginx nginx(dir / "tree");
  HttpSource source(nginx.url(), dir.path(), {});
  std::vector<std::string> received(requests.size());
  source.fetch_blobs(requests, [&](std::size_t i, const std::string& sha) { received[i] = sha; });
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    CHECK(received[i] == requests[i].sha256);
    CHECK(read_whole(requests[i].partial) == contents[i]);
    total += contents[i].size();
  }
  CHECK(nginx.count_for("/blobs/") == requests.size());  // each blob once
  CHECK(nginx.body_bytes_for("/blobs/") == total);
  CHECK(source.bytes_received() == total);
}

TEST_CASE("blob edges: the bandwidth cap holds for a whole batch", "[sync][edges]") {
  TempDir dir;
  std::vector<std::string> contents;
  const std::vector<BlobRequest> requests = blobs_in(dir / "tree", dir.path(), 4, 1 << 20, contents);
  Nginx nginx(dir / "tree");
  HttpOptions capped;
  capped.max_bytes_per_second = 1 << 20;
  HttpSource source(nginx.url(), dir.path(), capped);
  const auto start = std::chrono::steady_clock::now();
  std::size_t done = 0;
  source.fetch_blobs(requests, [&](std::size_t, const std::string&) { ++done; });
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(done == requests.size());
  // 4 MiB at 1 MiB/s is 4 s; four uncapped transfers at once would take a quarter of that.
  // Only a lower bound, and a loose one: a loaded machine makes it slower, never faster.
  const double bytes = static_cast<double>(nginx.body_bytes_for("/blobs/"));
  CHECK(seconds >= 0.5 * bytes / static_cast<double>(capped.max_bytes_per_second));
}
