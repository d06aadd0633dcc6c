// A broken player config, as every command that reads it reports it: one line on stderr,
// "gatecast: <config file>: <problem>", and the usage exit code. A mistyped command line
// still gets the usage reminder under its message; a bad file does not (issue 14).
#include <algorithm>
#include <functional>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "content/test_install_fixture.hpp"
#include "support/files.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
namespace fx = gatecast::test::fx;
using gatecast::test::TempDir;

namespace {

std::size_t lines_in(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("every config error is one line, whichever command reads the config", "[config_cli]") {
  fx::PublishTree tree;
  TempDir data;
  const std::filesystem::path good_file = tree.write_config_file(data.path());
  const nlohmann::json good = nlohmann::json::parse(test::read_whole(good_file));
  const auto config = data / "player.json";
  const auto edited = [&](const std::function<void(nlohmann::json&)>& change) {
    nlohmann::json doc = good;
    change(doc);
    return doc.dump(2);
  };

  struct Broken {
    const char* what;
    std::string text;  // the config file's bytes
  };
  const std::vector<Broken> broken = {
      {"not JSON", "{\"screen\": "},
      {"a misspelt key", edited([](auto& d) { d["scren"] = "langson/huunghi/1"; })},
      {"a wrong type", edited([](auto& d) { d["poll_seconds"] = "often"; })},
      {"a control character", edited([](auto& d) { d["screen"] = "langson/\x1b[2J"; })},
      {"a bad trusted key", edited([](auto& d) { d["trusted_keys"] = {"RWQnot-a-key"}; })},
      {"no sources", edited([](auto& d) { d["sources"] = nlohmann::json::array(); })},
      {"over 1 MiB", std::string(2u << 20, ' ') + good.dump()},
      {"a misspelt time zone", edited([](auto& d) { d["timezone"] = "Asia/Ho_Chi_Minhh"; })},
  };
  // Each command as an operator or a deploy check runs it: install refuses what play refuses.
  const std::vector<std::pair<std::string, std::vector<std::string>>> commands = {
      {"status", {"status", "--config", config.string()}},
      {"schedule",
       {"schedule", "--config", config.string(), "--from", "2026-12-01T00:00:00Z", "--to",
        "2026-12-02T00:00:00Z"}},
      {"render",
       {"render", "--config", config.string(), "--at", "2026-12-01T08:00:00Z", "--out",
        (data / "frame.png").string()}},
      {"play", {"play", "--config", config.string(), "--headless", "--exit-after", "1"}},
      {"install", {"install", tree.root().string(), "--config", config.string()}},
  };
  for (const Broken& b : broken) {
    test::write_file(config, b.text);
    for (const auto& [name, args] : commands) {
      // A config without sources is still a config for status, render and play (they show
      // the idle screen); the commands that need a channel refuse it.
      if (std::string(b.what) == "no sources" && name != "install" && name != "schedule") continue;
      const test::RunResult r = test::gatecast(args);
      INFO(b.what << ", " << name << ": " << r.err);
      CHECK(r.exit_code == 2);
      CHECK(lines_in(r.err) == 1);
      CHECK_THAT(r.err, Catch::StartsWith("gatecast: " + config.string() + ": "));
      CHECK(r.err.find("usage:") == std::string::npos);
      CHECK(r.err.find('\x1b') == std::string::npos);
    }
  }
  // A config that is not there, and a folder in its place: one line each too.
  std::filesystem::remove(config);
  for (const auto& [name, args] : commands) {
    const test::RunResult r = test::gatecast(args);
    INFO(name << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(lines_in(r.err) == 1);
  }

  // The command line itself mistyped: the message, then the usage reminder.
  test::write_file(config, good.dump());
  const test::RunResult typo = test::gatecast({"status", "--config", config.string(), "--jsn"});
  CHECK(typo.exit_code == 2);
  CHECK_THAT(typo.err, Catch::StartsWith("gatecast: --jsn: "));
  CHECK_THAT(typo.err, Catch::Contains("\nusage: gatecast status"));
}

TEST_CASE("an unusable data_dir is said once, and the screen still plays its idle picture", "[config_cli]") {
  fx::PublishTree tree;
  TempDir data;
  nlohmann::json doc = nlohmann::json::parse(test::read_whole(tree.write_config_file(data.path())));
  const auto not_a_folder = data / "a-file";
  test::write_file(not_a_folder, "a file where the store should be");
  const auto store = not_a_folder / "store";
  doc["data_dir"] = store.string();
  const auto config = data / "player.json";
  test::write_file(config, doc.dump(2));
  const test::RunResult r =
      test::gatecast({"play", "--config", config.string(), "--headless", "--exit-after", "2", "--size",
                      "320x180", "--preview-every", "1", "--previews", (data / "previews").string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(lines_in(r.err) == 1);
  CHECK_THAT(r.err, Catch::StartsWith("gatecast: " + store.string() + ": data_dir cannot be used"));
  CHECK(std::filesystem::exists(data / "previews" / "latest.png"));  // the idle screen, not a crash
}
