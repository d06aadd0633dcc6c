// The response-header reader sees whatever bytes a server sends: status lines of every shape,
// validators too long, ranges that do not parse, and several responses in one transfer.
#include <catch2/catch.hpp>

#include "content/sources/response_header.hpp"

using namespace gatecast::content;

namespace {

struct Read {
  HttpResponse head;
  long status = -1;
  Read& line(std::string_view l) {
    read_response_header_line(l, head, status);
    return *this;
  }
};

}  // namespace

TEST_CASE("status lines give their three-digit code, or 0", "[http][header]") {
  CHECK(Read().line("HTTP/1.1 200 OK\r\n").status == 200);
  CHECK(Read().line("HTTP/2 304\r\n").status == 304);
  CHECK(Read().line("http/1.0 404 Not Found").status == 404);
  for (const char* bad : {"HTTP/1.1\r\n", "HTTP/1.1 \r\n", "HTTP/1.1 20\r\n", "HTTP/1.1 2000 OK\r\n",
                          "HTTP/1.1 -20 OK\r\n", "HTTP/1.1 +20 OK\r\n", "HTTP/1.1 abc\r\n", "HTTP/",
                          "HTTP/1.1 006 Partial Content\r\n", "HTTP/1.1 099\r\n"}) {
    INFO(bad);
    CHECK(Read().line(bad).status == 0);
  }
}

TEST_CASE("validators and the range of the final response are kept, bounded", "[http][header]") {
  Read r;
  r.line("HTTP/1.1 301 Moved\r\n").line("ETag: \"old\"\r\n").line("Content-Range: bytes 5-9/10\r\n");
  CHECK(r.head.etag == "\"old\"");
  CHECK(r.head.range_start == 5u);
  // The redirect's validators must not be taken for the final response's.
  r.line("HTTP/1.1 206 Partial Content\r\n")
      .line("etag:   \"new\"  \r\n")
      .line("Last-Modified: Mon, 30 Nov 2026\r\n");
  CHECK(r.status == 206);
  CHECK(r.head.etag == "\"new\"");
  CHECK(r.head.last_modified == "Mon, 30 Nov 2026");
  CHECK_FALSE(r.head.range_start);
  r.line("ETag: " + std::string(100000, 'x') + "\r\n");
  CHECK(r.head.etag.size() == 256);
  r.line("Last-Modified: " + std::string(100000, 'y'));
  CHECK(r.head.last_modified.size() == 128);
}

TEST_CASE("a Content-Range start parses only as bytes N-", "[http][header]") {
  CHECK(parse_content_range_start("bytes 0-99/100") == 0u);
  CHECK(parse_content_range_start("BYTES 1048576-2097151/*") == 1048576u);
  CHECK(parse_content_range_start("bytes 9999999999999999999-1/2") == 9999999999999999999u);
  for (const char* bad : {"", "bytes ", "bytes -5/10", "bytes 5", "bytes 5/10", "items 0-9/10",
                          "bytes 99999999999999999999-1/2", "bytes a-b/c", "bytes  5-9/10"}) {
    INFO(bad);
    CHECK_FALSE(parse_content_range_start(bad));
  }
}

TEST_CASE("other lines, empty lines and binary noise change nothing", "[http][header]") {
  Read r;
  r.line("HTTP/1.1 200 OK\r\n").line("ETag: \"a\"\r\n");
  for (const std::string& noise :
       {std::string(), std::string("\r\n"), std::string("X-ETag: \"b\"\r\n"), std::string("ETag\r\n"),
        std::string("\0\xff\xfe", 3), std::string("Content-Type: text/html\r\n")}) {
    r.line(noise);
  }
  CHECK(r.status == 200);
  CHECK(r.head.etag == "\"a\"");
}
