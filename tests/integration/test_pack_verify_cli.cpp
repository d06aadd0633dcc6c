// `gatecast pack` then `gatecast verify`, as the office runs them: real images (written with
// SDL_image), a real font, keys from `gatecast keygen`, exit codes and messages.
#include <SDL.h>
#include <SDL_image.h>

#include <catch2/catch.hpp>

#include "content/base/publish_tree.hpp"
#include "content/base/sha256.hpp"
#include "content/pack_fixture.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using gatecast::test::TempDir;

namespace {

// A small gradient picture, saved as PNG or JPEG by SDL_image.
void write_picture(const std::filesystem::path& file, int w, int h, bool jpeg) {
  std::filesystem::create_directories(file.parent_path());
  SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
  REQUIRE(s);
  for (int y = 0; y < h; ++y) {
    auto* row = static_cast<std::uint8_t*>(s->pixels) + static_cast<std::ptrdiff_t>(y) * s->pitch;
    for (int x = 0; x < w; ++x) {
      row[x * 4 + 0] = static_cast<std::uint8_t>(x * 255 / w);
      row[x * 4 + 1] = static_cast<std::uint8_t>(y * 255 / h);
      row[x * 4 + 2] = 128;
      row[x * 4 + 3] = 255;
    }
  }
  const int rc = jpeg ? IMG_SaveJPG(s, file.c_str(), 85) : IMG_SavePNG(s, file.c_str());
  SDL_FreeSurface(s);
  REQUIRE(rc == 0);
}

// An authoring folder with a real JPEG, a real PNG and a real TrueType font; and a key pair
// made by `gatecast keygen`.
struct Office {
  TempDir dir{"gatecast-pack-cli"};
  std::filesystem::path src = dir / "src";
  std::filesystem::path root = dir / "root";
  std::filesystem::path keys = dir / "keys";

  Office() {
    test::write_bytes(src / "content.json", test::authoring_content().dump(2));
    write_picture(src / "media" / "gate.jpg", 64, 48, true);
    write_picture(src / "media" / "logo.png", 32, 32, false);
    std::filesystem::create_directories(src / "fonts");
    std::filesystem::copy_file(std::filesystem::path(GATECAST_SOURCE_DIR) / "fonts" / "NotoSans-Regular.ttf",
                               src / "fonts" / "extra.ttf");
    const test::RunResult k = test::gatecast({"keygen", "--out", keys.string(), "--no-password"});
    INFO(k.err);
    REQUIRE(k.exit_code == 0);
  }

  test::RunResult pack(const std::string& version, bool sign = true) const {
    std::vector<std::string> args{"pack",      src.string(), "--out",     root.string(),
                                  "--channel", "langson",    "--version", version};
    if (sign) args.insert(args.end(), {"--key", (keys / "gatecast.key").string()});
    return test::gatecast(args);
  }

  test::RunResult verify(const std::vector<std::string>& extra = {}) const {
    std::vector<std::string> args{"verify",  root.string(), "--channel",
                                  "langson", "--pubkey",    (keys / "gatecast.pub").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return test::gatecast(args);
  }

  std::filesystem::path blob_of(const std::filesystem::path& file) const {
    return content::blob_path(root, content::sha256_file_hex(file));
  }
};

}  // namespace

TEST_CASE("pack then verify: a signed tree verifies with a summary", "[pack_cli]") {
  Office office;
  const test::RunResult p = office.pack("3");
  INFO(p.err);
  REQUIRE(p.exit_code == 0);
  CHECK_THAT(p.out, Catch::Contains("packed channel langson version 3"));
  CHECK_THAT(p.out, Catch::Contains("assets:    3"));
  CHECK_THAT(p.out, Catch::Contains("new blobs: 3"));
  CHECK(p.err.empty());

  const test::RunResult v = office.verify({"--screen", "langson/huunghi/1"});
  INFO(v.err);
  REQUIRE(v.exit_code == 0);
  CHECK_THAT(v.out, Catch::Contains("channel:   langson"));
  CHECK_THAT(v.out, Catch::Contains("version:   3"));
  CHECK_THAT(v.out, Catch::Contains("assets:    3"));
  CHECK_THAT(v.out, Catch::Contains("targets:   langson/huunghi/*, langson/chima/1"));
  CHECK_THAT(v.out, Catch::Contains("langson/huunghi/1 is targeted"));

  // Packing the same folder again writes no blob.
  const test::RunResult again = office.pack("4");
  REQUIRE(again.exit_code == 0);
  CHECK_THAT(again.out, Catch::Contains("new blobs: 0"));
}

TEST_CASE("verify refuses a flipped blob byte with exit 3", "[pack_cli]") {
  Office office;
  REQUIRE(office.pack("1").exit_code == 0);
  const auto blob = office.blob_of(office.src / "media" / "gate.jpg");
  std::string bytes = test::read_whole(blob);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x01);
  test::write_bytes(blob, bytes);
  const test::RunResult v = office.verify();
  CHECK(v.exit_code == 3);
  CHECK_THAT(v.err, Catch::StartsWith("gatecast: " + blob.string() + ": "));
  CHECK(v.out.empty());
}

TEST_CASE("verify refuses a missing blob with exit 3", "[pack_cli]") {
  Office office;
  REQUIRE(office.pack("1").exit_code == 0);
  const auto logo = office.blob_of(office.src / "media" / "logo.png");
  std::filesystem::remove(logo);
  const test::RunResult v = office.verify();
  CHECK(v.exit_code == 3);
  CHECK_THAT(v.err, Catch::StartsWith("gatecast: " + logo.string() + ": "));
}

TEST_CASE("verify refuses a signature by another key with exit 3", "[pack_cli]") {
  Office office;
  REQUIRE(office.pack("1").exit_code == 0);
  TempDir other;
  REQUIRE(test::gatecast({"keygen", "--out", (other / "k").string(), "--no-password"}).exit_code == 0);
  const test::RunResult v = test::gatecast({"verify", office.root.string(), "--channel", "langson",
                                            "--pubkey", (other / "k" / "gatecast.pub").string()});
  CHECK(v.exit_code == 3);
  CHECK_THAT(v.err, Catch::StartsWith("gatecast: "));
  CHECK_THAT(v.err, Catch::Contains("manifest.json"));
}

TEST_CASE("verify refuses an unsigned tree, another screen, and reports a missing root", "[pack_cli]") {
  Office office;
  REQUIRE(office.pack("1", false).exit_code == 0);
  test::RunResult v = office.verify();
  CHECK(v.exit_code == 3);
  CHECK_THAT(v.err, Catch::StartsWith(
                        "gatecast: " + content::signature_path(office.root, "langson").string() + ": "));

  REQUIRE(office.pack("2").exit_code == 0);
  v = office.verify({"--screen", "langson/tanthanh/1"});
  CHECK(v.exit_code == 3);
  CHECK_THAT(v.err, Catch::StartsWith("gatecast: " + content::manifest_path(office.root, "langson").string() +
                                      ": ") &&
                        Catch::Contains("langson/tanthanh/1"));

  v = test::gatecast({"verify", (office.dir / "nosuch").string(), "--channel", "langson", "--pubkey",
                      (office.keys / "gatecast.pub").string()});
  CHECK(v.exit_code == 1);
  CHECK_THAT(v.err, Catch::StartsWith("gatecast: " + (office.dir / "nosuch").string() + ": "));

  v = test::gatecast({"verify", office.root.string(), "--pubkey", (office.keys / "gatecast.pub").string()});
  CHECK(v.exit_code == 2);
  v = office.verify({"--screen", "Not A Screen"});
  CHECK(v.exit_code == 2);
}

TEST_CASE("pack refuses bad content with exit 3 and writes nothing", "[pack_cli]") {
  Office office;
  auto content = test::authoring_content();
  content["layouts"]["hero"]["regions"]["title"]["rect"] = {80, 780, 1760, 400};
  test::write_bytes(office.src / "content.json", content.dump());
  const test::RunResult p = office.pack("1");
  CHECK(p.exit_code == 3);
  CHECK_THAT(p.err, Catch::Contains("content.json: layouts.hero.regions.title.rect: "));
  CHECK_FALSE(std::filesystem::exists(office.root));

  const test::RunResult bad_version = office.pack("twelve");
  CHECK(bad_version.exit_code == 2);
  CHECK_THAT(bad_version.err, Catch::Contains("--version"));
}

TEST_CASE("pack runs the player's checks: a corrupt image and a text that cannot fit", "[pack_cli]") {
  Office office;
  auto content = test::authoring_content();
  auto& title = content["playlists"]["day"]["slides"][0]["content"]["title"];
  title["style"] = {{"min_size", 400}, {"max_size", 400}};
  title["text"]["en"] = "Huu Nghi International Border Gate, Lang Son, Viet Nam";
  test::write_bytes(office.src / "content.json", content.dump());
  // A PNG signature followed by garbage: the type is right, the picture is not.
  test::write_bytes(office.src / "media" / "logo.png",
                    std::string("\x89PNG\r\n\x1a\n", 8) + std::string(200, 'x'));
  const test::RunResult p = office.pack("1");
  CHECK(p.exit_code == 3);
  INFO(p.err);
  CHECK(std::count(p.err.begin(), p.err.end(), '\n') >= 2);  // every problem on its own line
  CHECK_THAT(p.err, Catch::Contains("logo"));
  CHECK_THAT(p.err, Catch::Contains("title"));
  CHECK_FALSE(std::filesystem::exists(office.root));
}

TEST_CASE("pack refuses a damaged JPEG in one line naming the asset, and writes nothing", "[pack_cli]") {
  Office office;
  // Cut inside its scan: libjpeg would fill the rest with grey after a warning.
  const std::string whole = test::read_whole(office.src / "media" / "gate.jpg");
  test::write_bytes(office.src / "media" / "gate.jpg", whole.substr(0, whole.size() * 2 / 3));
  const test::RunResult p = office.pack("1");
  INFO(p.err);
  CHECK(p.exit_code == 3);
  CHECK(std::count(p.err.begin(), p.err.end(), '\n') == 1);
  CHECK_THAT(p.err, Catch::Contains("gate") && Catch::Contains("damaged data"));
  CHECK_FALSE(std::filesystem::exists(office.root));
}

TEST_CASE("pack refuses a truncated PNG in exactly one line of its own, nothing from libpng",
          "[pack_cli][png]") {
  Office office;
  write_picture(office.src / "media" / "logo.png", 256, 192, false);
  const std::string whole = test::read_whole(office.src / "media" / "logo.png");
  test::write_bytes(office.src / "media" / "logo.png", whole.substr(0, whole.size() / 2));
  const test::RunResult p = office.pack("1");
  INFO(p.err);
  CHECK(p.exit_code == 3);
  CHECK(std::count(p.err.begin(), p.err.end(), '\n') == 1);
  CHECK(p.err.rfind("gatecast: ", 0) == 0);
  CHECK_THAT(p.err, Catch::Contains("media/logo.png (asset 'logo')") && !Catch::Contains("libpng"));
  CHECK_FALSE(std::filesystem::exists(office.root));
}

namespace {

// Runs `argv` with stdout and stderr on a pseudo-terminal (Python's pty module), as an office
// computer's terminal would; returns what the terminal received.
test::RunResult run_on_terminal(const std::vector<std::string>& argv) {
  std::vector<std::string> with{"python3", "-c",
                                "import os, pty, sys\n"
                                "pid, fd = pty.fork()\n"
                                "if pid == 0:\n"
                                "    os.execv(sys.argv[1], sys.argv[1:])\n"
                                "out = b''\n"
                                "while True:\n"
                                "    try:\n"
                                "        d = os.read(fd, 65536)\n"
                                "    except OSError:\n"
                                "        break\n"
                                "    if not d:\n"
                                "        break\n"
                                "    out += d\n"
                                "_, status = os.waitpid(pid, 0)\n"
                                "sys.stdout.buffer.write(out)\n"
                                "sys.exit(os.waitstatus_to_exitcode(status))\n"};
  with.insert(with.end(), argv.begin(), argv.end());
  return test::run(with);
}

}  // namespace

TEST_CASE("pack shows progress on a long file on a terminal, and nothing in a pipe", "[pack_cli][progress]") {
  Office office;
  // A picture followed by 96 MiB the decoder never reads (sparse: no disk spent): hashing it
  // is long enough to be shown (over 64 MiB).
  const std::filesystem::path logo = office.src / "media" / "logo.png";
  std::filesystem::resize_file(logo, std::filesystem::file_size(logo) + (std::uintmax_t{96} << 20));

  const test::RunResult piped = office.pack("1");
  INFO(piped.err);
  REQUIRE(piped.exit_code == 0);
  CHECK(piped.err.empty());  // not a terminal: no progress line at all

  const test::RunResult shown =
      run_on_terminal({GATECAST_BINARY, "pack", office.src.string(), "--out", (office.dir / "root2").string(),
                       "--channel", "langson", "--version", "2"});
  INFO(shown.out << shown.err);
  REQUIRE(shown.exit_code == 0);
  CHECK_THAT(shown.out, Catch::Contains("logo.png: hashing") && Catch::Contains(" %"));
  CHECK_THAT(shown.out, Catch::Contains("\r\033[K"));  // wiped before the summary
  CHECK_THAT(shown.out, Catch::Contains("packed channel langson version 2"));
}
