// The HTTP source against a server that misbehaves on purpose (tests/support/hostile_http.hpp):
// whatever it sends, every transfer ends, and it ends as a transport failure naming the status.
#include <catch2/catch.hpp>

#include "content/base/error.hpp"
#include "content/sources/http_source.hpp"
#include "support/hostile_http.hpp"
#include "support/temp_dir.hpp"

using gatecast::Error;
using gatecast::Outcome;
using gatecast::content::HttpSource;
using gatecast::test::HostileHttp;
using gatecast::test::HostileResponse;
using gatecast::test::TempDir;

namespace {

// The client may read what fits in the socket buffers before it hangs up; anything near the
// server's own bound means the client kept reading.
constexpr std::uint64_t kMostAnErrorPageMayCost = 8u << 20;

void check_transport_failure(const std::function<void()>& transfer, const std::string& status) {
  try {
    transfer();
    FAIL("the transfer succeeded");
  } catch (const Error& e) {
    CHECK(e.kind() == Outcome::runtime);
    CHECK_THAT(e.problem(), Catch::Contains(status));
  }
}

}  // namespace

TEST_CASE("http source: an error status with an endless body ends the transfer at once", "[sync][hostile]") {
  TempDir dir;
  HostileResponse response;
  SECTION("404, a fixed length of 100 GB") {
    response.head = "HTTP/1.1 404 Not Found\r\nContent-Length: 100000000000\r\n";
  }
  SECTION("500, chunked for ever") {
    response.head = "HTTP/1.1 500 Internal Server Error\r\n";
    response.chunked = true;
  }
  HostileHttp server(response);
  HttpSource source(server.url(), dir.path(), {});
  const std::string status = response.head.substr(9, 3);

  check_transport_failure([&] { (void)source.fetch_manifest("langson", {}); }, status);
  check_transport_failure([&] { source.fetch_blob(std::string(64, 'a'), 1000, dir / "partial"); }, status);
  server.stop();
  CHECK_FALSE(server.hit_its_bound());
  CHECK(server.body_bytes_sent() < kMostAnErrorPageMayCost);
  CHECK(source.bytes_received() < 64u * 1024);
  std::error_code ec;
  const auto kept = std::filesystem::file_size(dir / "partial", ec);
  CHECK((ec || kept == 0));  // the error page is not taken for blob bytes
}

TEST_CASE("http source: a 200 blob body longer than declared stops at the declared size", "[sync][hostile]") {
  TempDir dir;
  HostileHttp server({.head = "HTTP/1.1 200 OK\r\nContent-Length: 100000000000\r\n"});
  HttpSource source(server.url(), dir.path(), {});
  try {
    source.fetch_blob(std::string(64, 'a'), 100000, dir / "partial");
    FAIL("an endless blob was taken");
  } catch (const Error& e) {
    CHECK(e.kind() == Outcome::rejected);
  }
  server.stop();
  CHECK_FALSE(server.hit_its_bound());
  CHECK(std::filesystem::file_size(dir / "partial") == 100000);
}
