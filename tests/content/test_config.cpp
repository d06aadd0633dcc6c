#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "content/base/error.hpp"
#include "content/config/config_json.hpp"
#include "content/signing/minisign.hpp"
#include "support/refusal.hpp"
#include "support/temp_dir.hpp"

using gatecast::Error;
using gatecast::Outcome;
using gatecast::Reason;
using gatecast::test::UsageError;
using namespace gatecast::content;
using json = nlohmann::json;

namespace {

json valid_config() {
  const std::string key = public_key_line(generate_key_pair().public_key);
  return json{{"screen", "langson/huunghi/1"},
              {"timezone", "Asia/Ho_Chi_Minh"},
              {"data_dir", "/var/lib/gatecast"},
              {"trusted_keys", {key}},
              {"sources",
               {{{"url", "https://ttt.langson.gov.vn/gatecast"}, {"channel", "langson"}},
                {{"url", "/media/usb/gatecast"}, {"channel", "huunghi"}},
                {{"url", "https://ttt.langson.gov.vn/gatecast"}, {"channel", "alerts"}, {"alerts", true}}}},
              {"screen_channel", "huunghi"},
              {"poll_seconds", 600},
              {"alert_poll_seconds", 20},
              {"import_dirs", {"/media/gatecast"}},
              {"output", {{"display", 0}, {"viewport", {0, 0, 1536, 864}}}},
              {"report_url", "https://ttt.langson.gov.vn/reports/"},
              {"languages", {"vi", "zh", "en"}},
              {"site_name", "Cửa khẩu Hữu Nghị"},
              {"max_bytes_per_second", 500000},
              {"ca_file", "/etc/gatecast/ca.pem"}};
}

Error refusal(const json& doc) {
  try {
    (void)parse_config(doc.dump(), "/etc/gatecast/player.json");
  } catch (const Error& e) {
    CHECK(e.kind() == Outcome::usage);
    CHECK(e.subject() == "/etc/gatecast/player.json");
    return e;
  }
  FAIL("accepted: " << doc.dump());
  return Error(Outcome::ok, "", "accepted");
}

json with(const std::string& pointer, json value) {
  json doc = valid_config();
  doc[json::json_pointer(pointer)] = std::move(value);
  return doc;
}

}  // namespace

TEST_CASE("config: every documented key is read", "[config]") {
  const json doc = valid_config();
  const Config c = parse_config(doc.dump(), "/etc/gatecast/player.json");
  CHECK(c.file == "/etc/gatecast/player.json");
  CHECK(c.screen == "langson/huunghi/1");
  CHECK(c.timezone == "Asia/Ho_Chi_Minh");
  CHECK(c.data_dir == "/var/lib/gatecast");
  REQUIRE(c.trusted_keys.size() == 1);
  CHECK(c.trusted_keys[0] == doc["trusted_keys"][0]);
  REQUIRE(c.sources.size() == 3);
  CHECK(c.sources[0].url == "https://ttt.langson.gov.vn/gatecast");
  CHECK(c.sources[1].channel == "huunghi");
  CHECK_FALSE(c.sources[1].alerts);
  CHECK(c.sources[2].alerts);
  CHECK(c.screen_channel == "huunghi");
  CHECK(c.poll_seconds == 600);
  CHECK(c.alert_poll_seconds == 20);
  CHECK(c.import_dirs == std::vector<std::filesystem::path>{"/media/gatecast"});
  CHECK(c.output.display == "0");
  CHECK(c.output.viewport == Rect{0, 0, 1536, 864});
  CHECK(c.report_url == "https://ttt.langson.gov.vn/reports/");
  CHECK(c.languages == std::vector<std::string>{"vi", "zh", "en"});
  CHECK(c.site_name == "Cửa khẩu Hữu Nghị");
  CHECK(c.max_bytes_per_second == 500000);
  CHECK(c.ca_file == "/etc/gatecast/ca.pem");
}

TEST_CASE("config: defaults for optional keys", "[config]") {
  const json doc{{"screen", "langson/chima/1"}, {"trusted_keys", valid_config()["trusted_keys"]}};
  const Config c = parse_config(doc.dump(), "p.json");
  CHECK(c.timezone == "Asia/Ho_Chi_Minh");
  CHECK(c.data_dir == "/var/lib/gatecast");
  CHECK(c.poll_seconds == 900);
  CHECK(c.alert_poll_seconds == 30);
  CHECK(c.screen_channel.empty());
  CHECK(c.sources.empty());
  CHECK_FALSE(c.output.viewport.has_value());
  CHECK(c.output.display.empty());
  CHECK(c.languages == std::vector<std::string>{"vi", "zh", "en"});
  CHECK(c.report_url.empty());
  CHECK(c.report_screenshots);
  CHECK(c.max_bytes_per_second == 0);
}

TEST_CASE("config: unknown keys are refused by name", "[config]") {
  CHECK_THAT(refusal(with("/poll_secs", 60)), UsageError(Reason::schema).at("poll_secs"));
  CHECK_THAT(refusal(with("/output/brightness", 1)), UsageError(Reason::schema).at("output.brightness"));
  CHECK_THAT(refusal(with("/sources/0/key", "x")), UsageError(Reason::schema).at("sources[0].key"));
}

TEST_CASE("config: wrong values name the key", "[config]") {
  CHECK_THAT(refusal(with("/screen", "Langson/Huu Nghi")), UsageError(Reason::schema).at("screen"));
  CHECK_THAT(refusal(with("/screen", 1)), UsageError(Reason::schema).at("screen"));
  CHECK_THAT(refusal(with("/timezone", "../../etc/passwd")), UsageError(Reason::schema).at("timezone"));
  CHECK_THAT(refusal(with("/trusted_keys", json::array())), UsageError(Reason::schema).at("trusted_keys"));
  CHECK_THAT(refusal(with("/trusted_keys", "RWQ")), UsageError(Reason::schema).at("trusted_keys"));
  CHECK_THAT(refusal(with("/trusted_keys/0", "RWQnotakey")), UsageError(Reason::key).at("trusted_keys[0]"));
  CHECK_THAT(refusal(with("/trusted_keys/0", 5)), UsageError(Reason::schema).at("trusted_keys[0]"));
  CHECK_THAT(refusal(with("/sources/0/channel", "../x")),
             UsageError(Reason::schema).at("sources[0].channel"));
  CHECK_THAT(refusal(with("/sources/1/url", "ftp://host/tree")),
             UsageError(Reason::schema).at("sources[1].url"));
  CHECK_THAT(refusal(with("/sources/1/url", "/media/a\nb")), UsageError(Reason::schema).at("sources[1].url"));
  CHECK_THAT(refusal(with("/sources/0", "https://x")), UsageError(Reason::schema).at("sources[0]"));
  CHECK_THAT(refusal(with("/poll_seconds", 5)), UsageError(Reason::schema).at("poll_seconds"));
  CHECK_THAT(refusal(with("/alert_poll_seconds", 0)), UsageError(Reason::schema).at("alert_poll_seconds"));
  CHECK_THAT(refusal(with("/alert_poll_seconds", 3601)), UsageError(Reason::schema).at("alert_poll_seconds"));
  CHECK_THAT(refusal(with("/sources/2/alerts", "yes")), UsageError(Reason::schema).at("sources[2].alerts"));
  CHECK_THAT(refusal(with("/screen_channel", "tanthanh")), UsageError(Reason::schema).at("screen_channel"));
  CHECK_THAT(refusal(with("/screen_channel", 1)), UsageError(Reason::schema).at("screen_channel"));
  CHECK_THAT(refusal(with("/poll_seconds", "600")), UsageError(Reason::schema).at("poll_seconds"));
  CHECK_THAT(refusal(with("/output/viewport", json::array({0, 0, 100}))),
             UsageError(Reason::schema).at("output.viewport"));
  CHECK_THAT(refusal(with("/output/viewport", json::array({0, 0, 0, 100}))),
             UsageError(Reason::schema).at("output.viewport"));
  CHECK_THAT(refusal(with("/output/viewport", json::array({-1, 0, 10, 100}))),
             UsageError(Reason::schema).at("output.viewport"));
  CHECK_THAT(refusal(with("/output/display", "HDMI-1")), UsageError(Reason::schema).at("output.display"));
  CHECK_THAT(refusal(with("/report_url", "webdav.local/reports")),
             UsageError(Reason::schema).at("report_url"));
  CHECK_THAT(refusal(with("/report_screenshots", "no")), UsageError(Reason::schema).at("report_screenshots"));
  CHECK_THAT(refusal(with("/report_screenshots", 0)), UsageError(Reason::schema).at("report_screenshots"));
  CHECK_THAT(refusal(with("/report_screenshot", false)), UsageError(Reason::schema).at("report_screenshot"));
  CHECK_FALSE(parse_config(with("/report_screenshots", false).dump(), "p.json").report_screenshots);
  CHECK_THAT(refusal(with("/languages", json::array())), UsageError(Reason::schema).at("languages"));
  CHECK_THAT(refusal(with("/languages/1", "vi")), UsageError(Reason::schema).at("languages[1]"));
  CHECK_THAT(refusal(with("/languages/1", "Chinese!")), UsageError(Reason::schema).at("languages[1]"));
  CHECK_THAT(refusal(with("/max_bytes_per_second", -1)),
             UsageError(Reason::schema).at("max_bytes_per_second"));
  CHECK_THAT(refusal(with("/import_dirs", "/media")), UsageError(Reason::schema).at("import_dirs"));
  CHECK_THAT(refusal(with("/import_dirs", json(std::vector<std::string>(257, "/media/usb")))),
             UsageError(Reason::limit).at("import_dirs"));
  CHECK_THAT(refusal(with("/site_name", nullptr)), UsageError(Reason::schema).at("site_name"));
  json no_screen = valid_config();
  no_screen.erase("screen");
  CHECK_THAT(refusal(no_screen), UsageError(Reason::schema).at("screen"));
}

TEST_CASE("config: broken files are usage errors naming the file", "[config]") {
  gatecast::test::TempDir dir;
  const auto file = dir / "player.json";
  try {
    (void)load_config(file);
    FAIL("a missing file was accepted");
  } catch (const Error& e) {
    CHECK_THAT(e, UsageError(Reason::not_found).about(file.string()));
  }
  for (const auto& [raw, reason] :
       {std::pair{std::string(""), Reason::schema}, std::pair{std::string("{\"screen\": "), Reason::schema},
        std::pair{std::string("{\"a\":1,\"a\":1}"), Reason::schema},
        std::pair{std::string("\xff\xfe{}"), Reason::schema},
        std::pair{std::string(2u << 20, ' '), Reason::limit}}) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << raw;
    try {
      (void)load_config(file);
      FAIL("accepted: " << raw.substr(0, 40));
    } catch (const Error& e) {
      CHECK_THAT(e, UsageError(reason).about(file.string()));
    }
  }
  std::ofstream(file, std::ios::binary | std::ios::trunc) << valid_config().dump(2);
  CHECK(load_config(file).screen == "langson/huunghi/1");
}

TEST_CASE("config: a pipe, a folder or a device given as the config is refused without waiting", "[config]") {
  gatecast::test::TempDir dir;
  const auto fifo = dir / "player.json";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);  // no writer ever comes: a blocking open would hang
  for (const std::filesystem::path& file : {fifo, dir.path(), std::filesystem::path("/dev/zero")}) {
    try {
      (void)load_config(file);
      FAIL("accepted: " << file);
    } catch (const Error& e) {
      CHECK(e.kind() == Outcome::usage);
      CHECK(e.subject() == file.string());
    }
  }
}

TEST_CASE("config: a time zone the player cannot load is refused when the config is read", "[config]") {
  gatecast::test::TempDir dir;
  const auto file = dir / "player.json";
  json config = valid_config();
  config["timezone"] = "Asia/Ho_Chi_Min";  // a typo: a name, but no such zone
  std::ofstream(file, std::ios::binary) << config.dump(2);
  try {
    (void)load_config(file);
    FAIL("a misspelt time zone was accepted");
  } catch (const Error& e) {
    CHECK(e.kind() == Outcome::usage);
    CHECK(e.subject() == file.string());
  }
}

TEST_CASE("config: the packaged example is refused until it names the screen and a key", "[config]") {
  // deploy/config/player.json, installed as /etc/gatecast/player.json by the Debian package.
  std::ifstream in(std::string(GATECAST_SOURCE_DIR) + "/deploy/config/player.json");
  std::string example((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE_FALSE(example.empty());
  try {
    (void)parse_config(example, "/etc/gatecast/player.json");
    FAIL("the example config was accepted");
  } catch (const Error& e) {
    CHECK(e.kind() == Outcome::usage);
    CHECK(std::string(e.what()) ==
          "/etc/gatecast/player.json: screen: is empty: set this screen's id, e.g. langson/huunghi/1");
  }
  json named = json::parse(example);
  named["screen"] = "langson/huunghi/1";
  CHECK_THAT(std::string(refusal(named).what()),
             Catch::Contains("trusted_keys: is empty: add the department's public key"));
  named["trusted_keys"] = valid_config()["trusted_keys"];
  const Config config = parse_config(named.dump(), "/etc/gatecast/player.json");
  CHECK(config.output.power_off == PowerOff::automatic);
}

TEST_CASE("config: output.power_off is one of auto, dpms, cec, black", "[config]") {
  const std::pair<const char*, PowerOff> ways[] = {{"auto", PowerOff::automatic},
                                                   {"dpms", PowerOff::dpms},
                                                   {"cec", PowerOff::cec},
                                                   {"black", PowerOff::black}};
  for (const auto& [text, way] : ways) {
    CHECK(parse_config(with("/output/power_off", text).dump(), "p.json").output.power_off == way);
  }
  CHECK_THAT(std::string(refusal(with("/output/power_off", "off")).what()),
             Catch::Contains("output.power_off: 'off' is not one of auto, dpms, cec, black"));
  CHECK_THAT(std::string(refusal(with("/output/power_off", true)).what()),
             Catch::Contains("output.power_off: expected a string"));
  CHECK_THAT(std::string(refusal(with("/output/power_off", "")).what()),
             Catch::Contains("output.power_off: '' is not one of"));
}
