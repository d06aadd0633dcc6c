#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "content/config_json.hpp"
#include "content/error.hpp"
#include "content/minisign.hpp"
#include "support/temp_dir.hpp"

using gatecast::Error;
using gatecast::Outcome;
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
                {{"url", "/media/usb/gatecast"}, {"channel", "huunghi"}}}},
              {"poll_seconds", 600},
              {"import_dirs", {"/media/gatecast"}},
              {"output", {{"display", 0}, {"viewport", {0, 0, 1536, 864}}}},
              {"report_url", "https://ttt.langson.gov.vn/reports/"},
              {"languages", {"vi", "zh", "en"}},
              {"site_name", "Cửa khẩu Hữu Nghị"},
              {"max_bytes_per_second", 500000},
              {"ca_file", "/etc/gatecast/ca.pem"}};
}

std::string refusal(const json& doc) {
  try {
    (void)parse_config(doc.dump(), "/etc/gatecast/player.json");
  } catch (const Error& e) {
    CHECK(e.kind() == Outcome::usage);
    CHECK(e.subject() == "/etc/gatecast/player.json");
    return e.what();
  }
  FAIL("accepted: " << doc.dump());
  return {};
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
  REQUIRE(c.sources.size() == 2);
  CHECK(c.sources[0].url == "https://ttt.langson.gov.vn/gatecast");
  CHECK(c.sources[1].channel == "huunghi");
  CHECK(c.poll_seconds == 600);
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
  CHECK(c.sources.empty());
  CHECK_FALSE(c.output.viewport.has_value());
  CHECK(c.output.display.empty());
  CHECK(c.languages == std::vector<std::string>{"vi", "zh", "en"});
  CHECK(c.report_url.empty());
  CHECK(c.report_screenshots);
  CHECK(c.max_bytes_per_second == 0);
}

TEST_CASE("config: unknown keys are refused by name", "[config]") {
  CHECK_THAT(refusal(with("/poll_secs", 60)), Catch::Contains("player.json: poll_secs: unknown key"));
  CHECK_THAT(refusal(with("/output/brightness", 1)), Catch::Contains("output.brightness: unknown key"));
  CHECK_THAT(refusal(with("/sources/0/key", "x")), Catch::Contains("sources[0].key: unknown key"));
}

TEST_CASE("config: wrong values name the key", "[config]") {
  CHECK_THAT(refusal(with("/screen", "Langson/Huu Nghi")),
             Catch::Contains("screen: 'Langson/Huu Nghi' is not a screen id"));
  CHECK_THAT(refusal(with("/screen", 1)), Catch::Contains("screen: expected a string"));
  CHECK_THAT(refusal(with("/timezone", "../../etc/passwd")), Catch::Contains("timezone: '../../etc/passwd'"));
  CHECK_THAT(refusal(with("/trusted_keys", json::array())), Catch::Contains("trusted_keys: is empty"));
  CHECK_THAT(refusal(with("/trusted_keys", "RWQ")), Catch::Contains("trusted_keys: expected an array"));
  CHECK_THAT(refusal(with("/trusted_keys/0", "RWQnotakey")), Catch::Contains("trusted_keys[0]: "));
  CHECK_THAT(refusal(with("/trusted_keys/0", 5)),
             Catch::Contains("trusted_keys[0]: expected a non-empty string"));
  CHECK_THAT(refusal(with("/sources/0/channel", "../x")),
             Catch::Contains("sources[0].channel: '../x' is not a valid"));
  CHECK_THAT(refusal(with("/sources/1/url", "ftp://host/tree")),
             Catch::Contains("sources[1].url: 'ftp://host/tree'"));
  CHECK_THAT(refusal(with("/sources/1/url", "/media/a\nb")),
             Catch::Contains("sources[1].url: contains control"));
  CHECK_THAT(refusal(with("/sources/0", "https://x")), Catch::Contains("sources[0]: expected an object"));
  CHECK_THAT(refusal(with("/poll_seconds", 5)), Catch::Contains("poll_seconds: must be between 30 and"));
  CHECK_THAT(refusal(with("/poll_seconds", "600")), Catch::Contains("poll_seconds: expected a whole number"));
  CHECK_THAT(refusal(with("/output/viewport", json::array({0, 0, 100}))),
             Catch::Contains("output.viewport: expected"));
  CHECK_THAT(refusal(with("/output/viewport", json::array({0, 0, 0, 100}))),
             Catch::Contains("output.viewport: width and height"));
  CHECK_THAT(refusal(with("/output/viewport", json::array({-1, 0, 10, 100}))),
             Catch::Contains("output.viewport"));
  CHECK_THAT(refusal(with("/output/display", "HDMI-1")),
             Catch::Contains("output.display: expected a display index"));
  CHECK_THAT(refusal(with("/report_url", "webdav.local/reports")),
             Catch::Contains("report_url: expected an http"));
  CHECK_THAT(refusal(with("/report_screenshots", "no")), Catch::Contains("report_screenshots"));
  CHECK_THAT(refusal(with("/report_screenshots", 0)), Catch::Contains("report_screenshots"));
  CHECK_THAT(refusal(with("/report_screenshot", false)), Catch::Contains("report_screenshot: unknown key"));
  CHECK_FALSE(parse_config(with("/report_screenshots", false).dump(), "p.json").report_screenshots);
  CHECK_THAT(refusal(with("/languages", json::array())), Catch::Contains("languages: is empty"));
  CHECK_THAT(refusal(with("/languages/1", "vi")), Catch::Contains("languages[1]: 'vi' is listed twice"));
  CHECK_THAT(refusal(with("/languages/1", "Chinese!")),
             Catch::Contains("languages[1]: 'Chinese!' is not a language"));
  CHECK_THAT(refusal(with("/max_bytes_per_second", -1)),
             Catch::Contains("max_bytes_per_second: must be between"));
  CHECK_THAT(refusal(with("/import_dirs", "/media")), Catch::Contains("import_dirs: expected an array"));
  CHECK_THAT(refusal(with("/site_name", nullptr)), Catch::Contains("site_name: is null"));
  json no_screen = valid_config();
  no_screen.erase("screen");
  CHECK_THAT(refusal(no_screen), Catch::Contains("screen: is missing"));
}

TEST_CASE("config: broken files are usage errors naming the file", "[config]") {
  gatecast::test::TempDir dir;
  const auto file = dir / "player.json";
  try {
    (void)load_config(file);
    FAIL("a missing file was accepted");
  } catch (const Error& e) {
    CHECK(e.kind() == Outcome::usage);
    CHECK(e.subject() == file.string());
  }
  for (const std::string& raw :
       {std::string(""), std::string("{\"screen\": "), std::string("{\"a\":1,\"a\":1}"),
        std::string("\xff\xfe{}"), std::string(2u << 20, ' ')}) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << raw;
    try {
      (void)load_config(file);
      FAIL("accepted: " << raw.substr(0, 40));
    } catch (const Error& e) {
      CHECK(e.kind() == Outcome::usage);
      CHECK(e.subject() == file.string());
    }
  }
  std::ofstream(file, std::ios::binary | std::ios::trunc) << valid_config().dump(2);
  CHECK(load_config(file).screen == "langson/huunghi/1");
}
