#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "content/base/base64.hpp"

using gatecast::content::base64_decode;
using gatecast::content::base64_encode;

TEST_CASE("base64: RFC 4648 test vectors both ways", "[base64]") {
  const std::pair<std::string, std::string> vectors[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : vectors) {
    CHECK(base64_encode(plain) == encoded);
    const auto decoded = base64_decode(encoded);
    REQUIRE(decoded.has_value());
    CHECK(*decoded == plain);
  }
  CHECK(base64_encode(std::string("\xff\xfe\x00", 3)) == "//4A");
}

TEST_CASE("base64: every byte string up to 100 bytes round-trips", "[base64]") {
  std::mt19937 rng(1);
  for (std::size_t n = 0; n <= 100; ++n) {
    std::string bytes(n, '\0');
    for (auto& c : bytes) c = static_cast<char>(rng() & 0xff);
    const auto back = base64_decode(base64_encode(bytes));
    REQUIRE(back.has_value());
    CHECK(*back == bytes);
  }
}

TEST_CASE("base64: malformed text is refused", "[base64]") {
  for (const char* bad :
       {"Z", "Zg", "Zg=", "Zm9vY", "Zg==Zm9v", "Z===", "====", "=Zm9", "Zm=v", "Zm9-", "Zm9_", "Zm9 ",
        " Zm9v", "Zm9v\n", "Zm\r9v", "Zh==", "Zm9=", "Zm9vYh==", "Zm9vYmF="}) {
    INFO("'" << bad << "'");
    CHECK_FALSE(base64_decode(bad).has_value());
  }
  CHECK_FALSE(base64_decode(std::string("Zm9\0", 4)).has_value());
  CHECK_FALSE(base64_decode("Zm9v\xc3\xa9\xc3\xa9").has_value());
}
