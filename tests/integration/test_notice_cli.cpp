// `gatecast notice` at the office: what it refuses (text a screen could not show, broken
// notice files, bad options) leaves the tree untouched; the channel's other notices are kept,
// versions numbered, the package signed so that minisign itself verifies it; a refresh
// republishes the channel unchanged with a later expiry.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "notice_office.hpp"
#include "support/files.hpp"
#include "support/run.hpp"

using gatecast::test::Office;
using gatecast::test::RunResult;
namespace fs = std::filesystem;

TEST_CASE("gatecast notice refuses what a screen could not show, and changes nothing", "[alerts][notice]") {
  Office office;
  // Text for a language of the site missing.
  RunResult r =
      office.notice({"--id", "x", "--targets", "*", "--text", "vi=Đóng cửa", "--text", "en=Closed"});
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Contains("notice 'x': no text in zh"));
  // A character no font has (U+E000, private use).
  r = office.notice({"--id", "x", "--targets", "*", "--text", "vi=Đóng \xee\x80\x80", "--text", "zh=关闭",
                     "--text", "en=Closed"});
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Contains("U+E000"));
  // Text that cannot fit even at the smallest size.
  std::string long_text;
  for (int i = 0; i < 400; ++i) long_text += "Thông báo rất dài ";
  r = office.notice({"--id", "x", "--targets", "*", "--text", "vi=" + long_text, "--text", "zh=关闭",
                     "--text", "en=Closed"});
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Contains("does not fit"));
  CHECK_FALSE(fs::exists(office.root / "channels/alerts"));
  // Usage errors.
  CHECK(office.notice({"--targets", "*"}).exit_code == 2);
  CHECK(office.notice({"--withdraw", "nothing"}).exit_code == 2);
  CHECK(office.notice({"--id", "Bad Id", "--targets", "*", "--text", "vi=a"}).exit_code == 3);
  CHECK(office.notice({"--id", "x", "--targets", "*", "--text", "vi"}).exit_code == 2);
  CHECK(office.notice({"--id", "x", "--targets", "*", "--text", "vi=a", "--starts", "yesterday"}).exit_code ==
        2);
  // A notice file: two notices; ends before starts is named with its JSON path.
  std::ofstream(office.dir / "bad.json") << R"({"targets": ["*"], "notices": [
      {"id": "a", "text": {"vi": "a", "zh": "a", "en": "a"}, "starts": "2026-12-01 10:00", "ends": "2026-12-01 09:00"}]})";
  r = office.notice({"--file", (office.dir / "bad.json").string()});
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Contains("notices[0].ends: is not after starts"));
  std::ofstream(office.dir / "typo.json")
      << R"({"targets": ["*"], "notices": [{"id": "a", "txt": {"vi": "a"}}]})";
  CHECK(office.notice({"--file", (office.dir / "typo.json").string()}).exit_code == 3);
  std::ofstream(office.dir / "broken.json") << R"({"targets": ["*"], "notices": [{"id": )";
  CHECK(office.notice({"--file", (office.dir / "broken.json").string()}).exit_code == 3);
  CHECK_FALSE(fs::exists(office.root / "channels/alerts"));
}

TEST_CASE("gatecast notice keeps the channel's other notices and numbers the versions", "[alerts][notice]") {
  Office office;
  std::ofstream(office.dir / "two.json") << R"({"targets": ["langson/*"], "notices": [
      {"id": "closed", "text": {"vi": "Tạm đóng", "zh": "暂停", "en": "Closed"}, "starts": "2026-12-01 10:00", "ends": "2099-12-01 12:00", "priority": 600},
      {"id": "health", "title": {"vi": "Y TẾ", "zh": "卫生", "en": "HEALTH"},
       "text": {"vi": "Khai báo y tế", "zh": "健康申报", "en": "Health declaration"}, "ends": "2099-01-01 00:00"}]})";
  RunResult r = office.notice({"--file", (office.dir / "two.json").string()});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("channel alerts version 1"));
  r = office.notice({"--withdraw", "closed"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("channel alerts version 2"));
  const nlohmann::json m =
      nlohmann::json::parse(gatecast::test::read_whole(office.root / "channels/alerts/manifest.json"));
  CHECK(m["version"] == 2);
  CHECK(m["targets"] == nlohmann::json{"langson/*"});
  CHECK_FALSE(m["playlists"].contains("notice-closed"));
  REQUIRE(m["playlists"].contains("notice-health"));
  CHECK(m["playlists"]["notice-health"]["slides"][0]["content"]["title"]["text"]["vi"] == "Y TẾ");
  REQUIRE(m["schedule"]["entries"].size() == 1);
  CHECK(m["schedule"]["entries"][0]["ends"] == "2099-01-01 00:00");
  CHECK(m["schedule"]["entries"][0]["interrupt"] == true);
  CHECK(m["schedule"]["entries"][0]["priority"] == 500);
  // The signature is the department's: minisign itself checks it.
  const RunResult v =
      gatecast::test::run({"minisign", "-V", "-p", (office.dir / "keys/gatecast.pub").string(), "-m",
                           (office.root / "channels/alerts/manifest.json").string()});
  CHECK(v.exit_code == 0);
}

TEST_CASE("gatecast notice --refresh republishes the channel as it is, with a later expiry",
          "[alerts][notice]") {
  Office office;
  // Nothing published yet: nothing to refresh, and nothing written.
  RunResult r = office.notice({"--refresh"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("--refresh") && Catch::Contains("nothing published"));
  CHECK_FALSE(fs::exists(office.root / "channels/alerts"));
  // --refresh is a mode of its own, not a modifier of another.
  CHECK(office.notice({"--refresh", "--withdraw", "x"}).exit_code == 2);

  std::vector<std::string> first = gatecast::test::gate_closed;
  first.insert(first.end(), {"--ends", "2099-06-01 12:00", "--priority", "700"});
  r = office.notice(first);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const fs::path manifest = office.root / "channels/alerts/manifest.json";
  const nlohmann::json before = nlohmann::json::parse(gatecast::test::read_whole(manifest));
  // Expiry is written to the second: let one pass so that a fresh one must be later.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));

  r = office.notice({"--refresh"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("channel alerts version 2"));
  CHECK_THAT(r.out, Catch::Contains("gate-closed"));
  const nlohmann::json after = nlohmann::json::parse(gatecast::test::read_whole(manifest));
  CHECK(after["version"] == 2);
  // The same notices, targets and schedule; only the version and the dates move on.
  CHECK(after["targets"] == before["targets"]);
  CHECK(after["playlists"] == before["playlists"]);
  CHECK(after["schedule"] == before["schedule"]);
  CHECK(after["layouts"] == before["layouts"]);
  CHECK(after["expires"].get<std::string>() > before["expires"].get<std::string>());
  const RunResult v = gatecast::test::run(
      {"minisign", "-V", "-p", (office.dir / "keys/gatecast.pub").string(), "-m", manifest.string()});
  CHECK(v.exit_code == 0);
}
