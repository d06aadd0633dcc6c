// pack: an authoring folder becomes a publish tree; every refusal leaves the tree untouched.
#include <catch2/catch.hpp>

#include "content/manifest/manifest_json.hpp"
#include "content/publish/pack.hpp"
#include "content/base/publish_tree.hpp"
#include "content/base/rfc3339.hpp"
#include "content/base/sha256.hpp"
#include "content/publish/tree_check.hpp"
#include "pack_fixture.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using gatecast::Error;
using gatecast::Instant;
using gatecast::Outcome;
using namespace gatecast::content;
using namespace gatecast::test;
using json = nlohmann::json;

namespace {

const Instant packed_at = parse_rfc3339("2026-11-20T08:00:00+07:00", "t");

PackOptions options_for(const TempDir& dir, std::int64_t version = 12) {
  PackOptions o;
  o.source = dir / "src";
  o.out = dir / "root";
  o.channel = "langson";
  o.version = version;
  o.now = packed_at;
  return o;
}

// Everything under `root`, path -> bytes, to show that a refused pack changed nothing.
std::map<std::string, std::string> snapshot(const std::filesystem::path& root) {
  std::map<std::string, std::string> files;
  if (!std::filesystem::exists(root)) return files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    files[entry.path().string()] = entry.is_regular_file() ? read_whole(entry.path()) : "<dir>";
  }
  return files;
}

// Packs with `content` and expects a refusal; returns the message. The tree must be unchanged.
std::string refusal(const TempDir& dir, const PackOptions& o, Outcome kind = Outcome::rejected,
                    const ContentCheck& check = {}) {
  const auto before = snapshot(o.out);
  try {
    (void)pack(o, check);
  } catch (const Error& e) {
    CHECK(e.kind() == kind);
    CHECK(snapshot(o.out) == before);
    (void)dir;
    return e.what();
  }
  FAIL("pack accepted it");
  return {};
}

}  // namespace

TEST_CASE("pack: writes blobs and a manifest that the validator accepts", "[pack]") {
  TempDir dir;
  write_authoring_folder(dir / "src");
  const PackResult r = pack(options_for(dir));
  CHECK(r.blobs_written == 3);
  CHECK(r.bytes_written == fake_jpeg("the gate").size() + fake_png("the logo").size() + fake_ttf().size());

  const std::string raw = read_whole(manifest_path(dir / "root", "langson"));
  const Manifest m = parse_manifest(raw, "manifest.json");
  CHECK(m.channel == "langson");
  CHECK(m.version == 12);
  CHECK(m.created == packed_at);
  CHECK(m.expires == packed_at + std::chrono::days{90});
  CHECK(raw.find("\"created\": \"2026-11-20T01:00:00Z\"") != std::string::npos);
  CHECK(m.assets.at("logo").type == AssetType::png);
  CHECK(m.assets.at("gate-photo").type == AssetType::jpeg);
  CHECK(m.assets.at("extra-font").type == AssetType::font_ttf);
  CHECK(m.assets.at("logo").sha256 == sha256_hex(fake_png("the logo")));
  for (const auto& [name, asset] : m.assets) {
    INFO(name);
    CHECK_NOTHROW(check_blob_file(blob_path(dir / "root", asset.sha256), name, asset));
  }
  // Canonical form: sorted keys, two-space indent, a final newline; UTF-8 kept as it is.
  CHECK(raw.rfind("{\n  \"assets\": {", 0) == 0);
  CHECK(raw.back() == '\n');
  CHECK(raw.find("Hữu Nghị") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(signature_path(dir / "root", "langson")));
  // No temporary files left behind.
  for (const auto& entry : std::filesystem::directory_iterator(blobs_dir(dir / "root"))) {
    CHECK(is_sha256_hex(entry.path().filename().string()));
  }
}

TEST_CASE("pack: the same content packs to the same bytes", "[pack]") {
  TempDir a, b;
  write_authoring_folder(a / "src");
  write_authoring_folder(b / "src");
  (void)pack(options_for(a));
  (void)pack(options_for(b));
  CHECK(read_whole(manifest_path(a / "root", "langson")) == read_whole(manifest_path(b / "root", "langson")));
}

TEST_CASE("pack: signs with --key so that the tree verifies", "[pack]") {
  TempDir dir;
  write_authoring_folder(dir / "src");
  const KeyPair keys = write_key_pair(dir / "keys");
  PackOptions o = options_for(dir);
  o.key = dir / "keys" / "gatecast.key";
  (void)pack(o);
  const VerifiedManifest v = verify_publish_tree(dir / "root", "langson", {keys.public_key}, packed_at,
                                                 std::string("langson/huunghi/2"));
  CHECK(v.manifest.version == 12);
  CHECK(v.trusted_comment.find("version=12") != std::string::npos);
}

TEST_CASE("pack: a later version reuses blobs and keeps other channels", "[pack]") {
  TempDir dir;
  write_authoring_folder(dir / "src");
  (void)pack(options_for(dir, 1));
  PackOptions other = options_for(dir, 5);
  other.channel = "chima";
  (void)pack(other);
  const PackResult again = pack(options_for(dir, 2));
  CHECK(again.blobs_written == 0);
  CHECK(again.bytes_written == 0);
  CHECK(parse_manifest(read_whole(manifest_path(dir / "root", "chima")), "m").version == 5);
  CHECK(parse_manifest(read_whole(manifest_path(dir / "root", "langson")), "m").version == 2);

  // A blob of the wrong size (a cut copy) is written again.
  const auto logo = blob_path(dir / "root", sha256_hex(fake_png("the logo")));
  write_bytes(logo, "cut");
  const PackResult repaired = pack(options_for(dir, 3));
  CHECK(repaired.blobs_written == 1);
  CHECK(read_whole(logo) == fake_png("the logo"));
}

TEST_CASE("pack: refuses a version that is not above the tree's", "[pack]") {
  TempDir dir;
  write_authoring_folder(dir / "src");
  (void)pack(options_for(dir, 7));
  CHECK_THAT(refusal(dir, options_for(dir, 7), Outcome::usage),
             Catch::Contains("--version: 7 is not greater than version 7"));
  CHECK_THAT(refusal(dir, options_for(dir, 3), Outcome::usage),
             Catch::Contains("not greater than version 7"));
  // A hand-edited tree with a huge version is still above, not wrapped below.
  write_bytes(manifest_path(dir / "root", "langson"), "{\"version\": 18446744073709551615}");
  CHECK_THAT(refusal(dir, options_for(dir, 8), Outcome::usage),
             Catch::Contains("not greater than version 18446744073709551615"));
  // An unreadable manifest in the tree does not block packing (it is replaced).
  write_bytes(manifest_path(dir / "root", "langson"), std::string(100, '['));
  CHECK(pack(options_for(dir, 8)).manifest.version == 8);
}

TEST_CASE("pack: unsigned repack removes the stale signature", "[pack]") {
  TempDir dir;
  write_authoring_folder(dir / "src");
  (void)write_key_pair(dir / "keys");
  PackOptions o = options_for(dir, 1);
  o.key = dir / "keys" / "gatecast.key";
  (void)pack(o);
  REQUIRE(std::filesystem::exists(signature_path(dir / "root", "langson")));
  (void)pack(options_for(dir, 2));
  CHECK_FALSE(std::filesystem::exists(signature_path(dir / "root", "langson")));
}

TEST_CASE("pack: two names for the same bytes make one blob", "[pack]") {
  TempDir dir;
  json content = authoring_content();
  content["assets"]["logo-copy"] = "media/logo.png";
  write_authoring_folder(dir / "src", content);
  const PackResult r = pack(options_for(dir));
  CHECK(r.manifest.assets.size() == 4);
  CHECK(r.blobs_written == 3);
}

TEST_CASE("pack: refuses bad options before reading anything", "[pack]") {
  TempDir dir;
  write_authoring_folder(dir / "src");
  PackOptions o = options_for(dir);
  o.channel = "../etc";
  CHECK_THAT(refusal(dir, o, Outcome::usage),
             Catch::Contains("--channel: '../etc' is not a valid channel name"));
  o = options_for(dir, 0);
  CHECK_THAT(refusal(dir, o, Outcome::usage), Catch::Contains("--version"));
  o = options_for(dir);
  o.key = dir / "keys" / "missing.key";
  CHECK_THROWS_AS(pack(o), Error);
  CHECK_FALSE(std::filesystem::exists(dir / "root"));
  o = options_for(dir);
  o.source = dir / "nosuch";
  CHECK_THAT(refusal(dir, o, Outcome::runtime), Catch::Contains("is not a folder"));
}

TEST_CASE("pack: refuses keys it fills in and a broken content.json", "[pack]") {
  for (const char* key : {"format", "channel", "version", "created"}) {
    TempDir dir;
    json content = authoring_content();
    content[key] = "x";
    write_authoring_folder(dir / "src", content);
    CHECK_THAT(refusal(dir, options_for(dir)), Catch::Contains(std::string(key) + ": is filled in by pack"));
  }
  TempDir dir;
  write_authoring_folder(dir / "src");
  write_bytes(dir / "src" / "content.json", "{\"targets\": [");
  CHECK_THAT(refusal(dir, options_for(dir)), Catch::Contains("content.json: is not valid JSON"));
  write_bytes(dir / "src" / "content.json", "[]");
  CHECK_THAT(refusal(dir, options_for(dir)), Catch::Contains("content.json: top level: expected an object"));
  std::filesystem::remove(dir / "src" / "content.json");
  CHECK_THAT(refusal(dir, options_for(dir), Outcome::runtime), Catch::Contains("content.json"));
  PackOptions small = options_for(dir);
  small.limits.max_manifest_bytes = 10;
  write_authoring_folder(dir / "src");
  CHECK_THAT(refusal(dir, small), Catch::Contains("larger than the limit of 10 bytes"));
}

TEST_CASE("pack: expires as days or as a time", "[pack]") {
  TempDir dir;
  json content = authoring_content();
  content["expires"] = "2027-02-20T00:00:00+07:00";
  write_authoring_folder(dir / "src", content);
  CHECK(pack(options_for(dir)).manifest.expires == parse_rfc3339("2027-02-20T00:00:00+07:00", "t"));
  for (const json& bad : {json(0), json(-1), json(1.5), json(100000)}) {
    TempDir d;
    content["expires"] = bad;
    write_authoring_folder(d / "src", content);
    CHECK_THAT(refusal(d, options_for(d)),
               Catch::Contains("expires: expected an RFC 3339 time or a whole number"));
  }
  TempDir d;
  content["expires"] = "2026-11-19T00:00:00Z";  // before `created`
  write_authoring_folder(d / "src", content);
  CHECK_THAT(refusal(d, options_for(d)), Catch::Contains("expires: is not after 'created'"));
}

TEST_CASE("pack: refuses asset files that are missing, outside, empty or too large", "[pack]") {
  const auto refused_with = [](const std::string& path, const std::function<void(const TempDir&)>& prepare) {
    TempDir dir;
    json content = authoring_content();
    content["assets"]["logo"] = path;
    write_authoring_folder(dir / "src", content);
    prepare(dir);
    return refusal(dir, options_for(dir));
  };
  const auto nothing = [](const TempDir&) {};
  CHECK_THAT(refused_with("media/nosuch.png", nothing),
             Catch::Contains("content.json: assets.logo: \"media/nosuch.png\" does not exist"));
  CHECK_THAT(refused_with("../secret.png", nothing),
             Catch::Contains("assets.logo: \"../secret.png\" leaves"));
  CHECK_THAT(refused_with("media/../../secret.png", nothing), Catch::Contains("leaves the authoring folder"));
  CHECK_THAT(refused_with("/etc/passwd", nothing), Catch::Contains("assets.logo: expected a path relative"));
  CHECK_THAT(refused_with("", nothing), Catch::Contains("assets.logo: expected a path relative"));
  CHECK_THAT(refused_with("media", nothing), Catch::Contains("assets.logo: \"media\" is not a regular file"));
  CHECK_THAT(refused_with("media/link.png",
                          [](const TempDir& d) {
                            write_bytes(d / "outside.png", fake_png());
                            std::filesystem::create_symlink(d / "outside.png",
                                                            d / "src" / "media" / "link.png");
                          }),
             Catch::Contains("assets.logo: \"media/link.png\" is a link to outside the authoring folder"));
  CHECK_THAT(
      refused_with("media/empty.png", [](const TempDir& d) { write_bytes(d / "src/media/empty.png", ""); }),
      Catch::Contains("assets.logo: \"media/empty.png\" is empty"));

  TempDir dir;
  write_authoring_folder(dir / "src");
  PackOptions o = options_for(dir);
  o.limits.max_asset_bytes = 8;
  CHECK_THAT(refusal(dir, o), Catch::Contains("more than the limit of 8"));

  TempDir dir2;
  json content = authoring_content();
  content["assets"]["logo"] = 5;
  write_authoring_folder(dir2 / "src", content);
  CHECK_THAT(refusal(dir2, options_for(dir2)), Catch::Contains("assets.logo: expected the path of a file"));
  content["assets"] = json::array();
  write_authoring_folder(dir2 / "src", content);
  CHECK_THAT(refusal(dir2, options_for(dir2)), Catch::Contains("assets: expected an object"));
  content = authoring_content();
  content["assets"]["bad\nname"] = "media/logo.png";
  write_authoring_folder(dir2 / "src", content);
  const std::string message = refusal(dir2, options_for(dir2));
  CHECK_THAT(message, Catch::Contains("is not a valid name"));
  CHECK(message.find('\n') == std::string::npos);
}

TEST_CASE("pack: the type comes from the bytes and must match the extension", "[pack]") {
  const auto refused_with = [](const std::string& name, const std::string& bytes) {
    TempDir dir;
    json content = authoring_content();
    content["assets"]["logo"] = "media/" + name;
    write_authoring_folder(dir / "src", content);
    write_bytes(dir / "src" / "media" / name, bytes);
    return refusal(dir, options_for(dir));
  };
  CHECK_THAT(
      refused_with("logo.gif", "GIF89a...."),
      Catch::Contains("assets.logo: \"media/logo.gif\" is not a PNG, JPEG, WebP, TrueType or OpenType file"));
  CHECK_THAT(refused_with("logo.png", "<svg></svg>"), Catch::Contains("is not a PNG, JPEG"));
  CHECK_THAT(refused_with("logo.jpg", fake_png()),
             Catch::Contains("assets.logo: \"media/logo.jpg\" holds image/png but its name says otherwise"));
  CHECK_THAT(refused_with("logo", fake_png()), Catch::Contains("holds image/png but its name"));
  // A font where an image is expected is caught by the manifest validator (same message as screens).
  CHECK_THAT(refused_with("logo.ttf", fake_ttf()),
             Catch::Contains("playlists.day.overlays[0].item.asset: asset 'logo' is not an image"));
}

TEST_CASE("pack: the manifest validator refuses what screens would refuse", "[pack]") {
  TempDir dir;
  json content = authoring_content();
  content["playlists"]["day"]["slides"][0]["layout"] = "missing";
  write_authoring_folder(dir / "src", content);
  CHECK_THAT(
      refusal(dir, options_for(dir)),
      Catch::Contains("content.json: playlists.day.slides[0].layout: layout 'missing' is not in layouts"));
  content = authoring_content();
  content["playlist"] = json::object();
  write_authoring_folder(dir / "src", content);
  CHECK_THAT(refusal(dir, options_for(dir)), Catch::Contains("content.json: playlist: unknown key"));
}

TEST_CASE("pack: the player's content check sees every asset file and can refuse", "[pack]") {
  TempDir dir;
  write_authoring_folder(dir / "src");
  std::map<std::string, std::filesystem::path> seen;
  const ContentCheck check = [&](const Manifest& m,
                                 const std::map<std::string, std::filesystem::path>& files) {
    seen = files;
    CHECK(m.version == 12);
    return std::vector<Error>{Error(Outcome::rejected, "title", "text does not fit"),
                              Error(Outcome::rejected, "logo", "missing glyph U+1F600")};
  };
  try {
    (void)pack(options_for(dir), check);
    FAIL("accepted");
  } catch (const ContentProblems& e) {
    CHECK(e.kind() == Outcome::rejected);
    REQUIRE(e.problems().size() == 2);
    CHECK(std::string(e.what()) == "title: text does not fit (and 1 more problems)");
  }
  CHECK_FALSE(std::filesystem::exists(dir / "root"));
  REQUIRE(seen.size() == 3);
  CHECK(read_whole(seen.at("logo")) == fake_png("the logo"));
  CHECK(pack(options_for(dir), [](const Manifest&, const auto&) {
          return std::vector<Error>{};
        }).blobs_written == 3);
}
