#include <catch2/catch.hpp>

#include "content/manifest/targets.hpp"

using gatecast::content::is_valid_screen_id;
using gatecast::content::is_valid_target_pattern;
using gatecast::content::Manifest;
using gatecast::content::manifest_targets;
using gatecast::content::target_matches;

TEST_CASE("targets: literal ids match only themselves", "[targets]") {
  CHECK(target_matches("langson/huunghi/1", "langson/huunghi/1"));
  CHECK_FALSE(target_matches("langson/huunghi/1", "langson/huunghi/2"));
  CHECK_FALSE(target_matches("langson/huunghi/1", "langson/huunghi"));
  CHECK_FALSE(target_matches("langson/huunghi", "langson/huunghi/1"));
  CHECK_FALSE(target_matches("langson/huunghi/1", "langson/huunghi/10"));
  CHECK_FALSE(target_matches("langson/huunghi/1", "Langson/huunghi/1"));
}

TEST_CASE("targets: a star segment matches exactly one segment", "[targets]") {
  CHECK(target_matches("langson/*/1", "langson/huunghi/1"));
  CHECK(target_matches("langson/*/1", "langson/tanthanh/1"));
  CHECK_FALSE(target_matches("langson/*/1", "langson/huunghi/2"));
  CHECK_FALSE(target_matches("langson/*/1", "langson/a/b/1"));
  CHECK_FALSE(target_matches("langson/*/1", "langson/1"));
  CHECK(target_matches("*/huunghi/1", "langson/huunghi/1"));
}

TEST_CASE("targets: a trailing star matches any rest, a lone star everything", "[targets]") {
  CHECK(target_matches("langson/huunghi/*", "langson/huunghi/1"));
  CHECK(target_matches("langson/huunghi/*", "langson/huunghi/kiosk/2"));
  CHECK_FALSE(target_matches("langson/huunghi/*", "langson/huunghi"));
  CHECK_FALSE(target_matches("langson/huunghi/*", "langson/tanthanh/1"));
  CHECK(target_matches("langson/*", "langson/chima/1"));
  CHECK(target_matches("*", "langson/chima/1"));
  CHECK(target_matches("*", "x"));
}

TEST_CASE("targets: stars inside a segment are literal and invalid", "[targets]") {
  CHECK_FALSE(is_valid_target_pattern("langson/huu*"));
  CHECK_FALSE(target_matches("langson/huu*", "langson/huunghi"));
  CHECK_FALSE(target_matches("langson/**", "langson/huunghi/1"));
}

TEST_CASE("targets: malformed ids and patterns never match", "[targets]") {
  for (const char* bad : {"", "/", "langson/", "/langson", "langson//1", "Langson/1", "langson/hữu", "a b",
                          "langson/../x", "langson/./x", "a/b/c/d/e/f/g/h/i"}) {
    INFO(bad);
    CHECK_FALSE(is_valid_screen_id(bad));
    CHECK_FALSE(target_matches("*", bad));
    CHECK_FALSE(target_matches(bad, bad));
  }
  CHECK(is_valid_screen_id("langson/huunghi/1"));
  CHECK(is_valid_screen_id("a/b/c/d/e/f/g/h"));
  CHECK(is_valid_screen_id(std::string(64, 'a')));
  CHECK_FALSE(is_valid_screen_id(std::string(65, 'a')));
  CHECK(is_valid_target_pattern("langson/*/1"));
  CHECK_FALSE(is_valid_target_pattern("langson/*/"));
}

TEST_CASE("targets: a manifest targets a screen when any pattern matches", "[targets]") {
  Manifest m;
  m.targets = {"langson/huunghi/*", "langson/tanthanh/1"};
  CHECK(manifest_targets(m, "langson/huunghi/3"));
  CHECK(manifest_targets(m, "langson/tanthanh/1"));
  CHECK_FALSE(manifest_targets(m, "langson/chima/1"));
  m.targets.clear();
  CHECK_FALSE(manifest_targets(m, "langson/huunghi/3"));
}
