// The typed reason under every refusal: its text codes are a contract (status --json,
// state.json, the heartbeat and the banner's translations key on them), so they are pinned here.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "content/base/error.hpp"
#include "support/refusal.hpp"

using gatecast::Error;
using gatecast::Outcome;
using gatecast::Reason;
using gatecast::reason_code;
using gatecast::reason_from_code;

TEST_CASE("reasons: the text codes are the documented ones, in order", "[error]") {
  std::vector<std::string> codes;
  for (const Reason reason : gatecast::all_reasons) codes.emplace_back(reason_code(reason));
  CHECK(codes == std::vector<std::string>{"none", "signature", "key", "expired", "rollback", "target", "hash",
                                          "limit", "schema", "not_found", "io", "network", "display",
                                          "unplayable"});
  CHECK(std::set<std::string>(codes.begin(), codes.end()).size() == codes.size());
}

TEST_CASE("reasons: every code reads back as its reason, anything else as nothing", "[error]") {
  for (const Reason reason : gatecast::all_reasons) {
    INFO(reason_code(reason));
    CHECK(reason_from_code(reason_code(reason)) == reason);
  }
  for (const char* other : {"", "Signature", "not-found", "signature ", "expiry", "0"}) {
    INFO(other);
    CHECK_FALSE(reason_from_code(other).has_value());
  }
  static_assert(reason_code(Reason::not_found) == "not_found");
  static_assert(reason_from_code("expired") == Reason::expired);
}

TEST_CASE("reasons: an Error carries its reason beside the unchanged message", "[error]") {
  const Error typed(Outcome::rejected, Reason::expired, "m.json", "manifest expired at 2026-11-20T00:00:00Z");
  CHECK(typed.reason() == Reason::expired);
  CHECK(std::string(typed.what()) == "m.json: manifest expired at 2026-11-20T00:00:00Z");
  const Error plain(Outcome::usage, "--at", "is required");
  CHECK(plain.reason() == Reason::none);
  CHECK(std::string(plain.what()) == "--at: is required");
  CHECK_THROWS_MATCHES(gatecast::fail_runtime(Reason::network, "http://x/", "timed out"), Error,
                       gatecast::test::Failed(Reason::network).about("http://x/"));
  CHECK_THROWS_MATCHES(gatecast::fail_usage("--config", "is required"), Error,
                       gatecast::test::UsageError(Reason::none).about("--config"));
}
