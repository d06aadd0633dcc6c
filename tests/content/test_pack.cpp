// pack: an authoring folder becomes a publish tree; every refusal leaves the tree untouched.
#include <catch2/catch.hpp>

#include "content/base/publish_tree.hpp"
#include "content/base/rfc3339.hpp"
#include "content/base/sha256.hpp"
#include "content/manifest/manifest_json.hpp"
#include "content/publish/pack.hpp"
#include "content/publish/tree_check.hpp"
#include "pack_fixture.hpp"
#include "support/refusal.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using gatecast::Error;
using gatecast::Instant;
using gatecast::Outcome;
using gatecast::Reason;
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

// Packs with `content` and expects a refusal of `kind`; returns it. The tree must be unchanged.
Error refusal(const TempDir& dir, const PackOptions& o, Outcome kind = Outcome::rejected,
              const ContentCheck& check = {}) {
  const auto before = snapshot(o.out);
  try {
    (void)pack(o, check);
  } catch (const Error& e) {
    CHECK(e.kind() == kind);
    CHECK(snapshot(o.out) == before);
    (void)dir;
    return e;
  }
  FAIL("pack accepted it");
  return Error(Outcome::ok, "", "accepted");
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
             UsageError(Reason::rollback).about("--version"));
  CHECK_THAT(refusal(dir, options_for(dir, 3), Outcome::usage),
             UsageError(Reason::rollback).about("--version"));
  // A hand-edited tree with a huge version is still above, not wrapped below.
  write_bytes(manifest_path(dir / "root", "langson"), "{\"version\": 18446744073709551615}");
  CHECK_THAT(refusal(dir, options_for(dir, 8), Outcome::usage),
             UsageError(Reason::rollback).about("--version"));
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
  CHECK_THAT(refusal(dir, o, Outcome::usage), UsageError(Reason::schema).about("--channel"));
  o = options_for(dir, 0);
  CHECK_THAT(refusal(dir, o, Outcome::usage), UsageError().about("--version"));
  o = options_for(dir);
  o.key = dir / "keys" / "missing.key";
  CHECK_THROWS_MATCHES(pack(o), Error, Failed(Reason::not_found));
  CHECK_FALSE(std::filesystem::exists(dir / "root"));
  o = options_for(dir);
  o.source = dir / "nosuch";
  CHECK_THAT(refusal(dir, o, Outcome::runtime), Failed(Reason::not_found).about(o.source.string()));
}

TEST_CASE("pack: refuses keys it fills in and a broken content.json", "[pack]") {
  for (const char* key : {"format", "channel", "version", "created"}) {
    TempDir dir;
    json content = authoring_content();
    content[key] = "x";
    write_authoring_folder(dir / "src", content);
    CHECK_THAT(refusal(dir, options_for(dir)), Refused(Reason::schema).at(key));
  }
  TempDir dir;
  write_authoring_folder(dir / "src");
  write_bytes(dir / "src" / "content.json", "{\"targets\": [");
  CHECK_THAT(refusal(dir, options_for(dir)),
             Refused(Reason::schema).about((dir / "src" / "content.json").string()));
  write_bytes(dir / "src" / "content.json", "[]");
  CHECK_THAT(refusal(dir, options_for(dir)), Refused(Reason::schema).at("top level"));
  std::filesystem::remove(dir / "src" / "content.json");
  CHECK_THAT(refusal(dir, options_for(dir), Outcome::runtime),
             Failed(Reason::io).about((dir / "src" / "content.json").string()));
  PackOptions small = options_for(dir);
  small.limits.max_manifest_bytes = 10;
  write_authoring_folder(dir / "src");
  CHECK_THAT(refusal(dir, small), Refused(Reason::limit));
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
    CHECK_THAT(refusal(d, options_for(d)), Refused(Reason::schema).at("expires"));
  }
  TempDir d;
  content["expires"] = "2026-11-19T00:00:00Z";  // before `created`
  write_authoring_folder(d / "src", content);
  CHECK_THAT(refusal(d, options_for(d)), Refused(Reason::schema).at("expires"));
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
  CHECK_THAT(refused_with("media/nosuch.png", nothing), Refused(Reason::not_found).at("assets.logo"));
  CHECK_THAT(refused_with("../secret.png", nothing), Refused(Reason::schema).at("assets.logo"));
  CHECK_THAT(refused_with("media/../../secret.png", nothing), Refused(Reason::schema).at("assets.logo"));
  CHECK_THAT(refused_with("/etc/passwd", nothing), Refused(Reason::schema).at("assets.logo"));
  CHECK_THAT(refused_with("", nothing), Refused(Reason::schema).at("assets.logo"));
  CHECK_THAT(refused_with("media", nothing), Refused(Reason::schema).at("assets.logo"));
  CHECK_THAT(refused_with("media/link.png",
                          [](const TempDir& d) {
                            write_bytes(d / "outside.png", fake_png());
                            std::filesystem::create_symlink(d / "outside.png",
                                                            d / "src" / "media" / "link.png");
                          }),
             Refused(Reason::schema).at("assets.logo"));
  CHECK_THAT(
      refused_with("media/empty.png", [](const TempDir& d) { write_bytes(d / "src/media/empty.png", ""); }),
      Refused(Reason::schema).at("assets.logo"));

  TempDir dir;
  write_authoring_folder(dir / "src");
  PackOptions o = options_for(dir);
  o.limits.max_asset_bytes = 8;
  CHECK_THAT(refusal(dir, o), Refused(Reason::limit));

  TempDir dir2;
  json content = authoring_content();
  content["assets"]["logo"] = 5;
  write_authoring_folder(dir2 / "src", content);
  CHECK_THAT(refusal(dir2, options_for(dir2)), Refused(Reason::schema).at("assets.logo"));
  content["assets"] = json::array();
  write_authoring_folder(dir2 / "src", content);
  CHECK_THAT(refusal(dir2, options_for(dir2)), Refused(Reason::schema).at("assets"));
  content = authoring_content();
  content["assets"]["bad\nname"] = "media/logo.png";
  write_authoring_folder(dir2 / "src", content);
  const Error bad_name = refusal(dir2, options_for(dir2));
  CHECK_THAT(bad_name, Refused(Reason::schema).at("assets"));
  CHECK(std::string(bad_name.what()).find('\n') == std::string::npos);
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
  CHECK_THAT(refused_with("logo.gif", "GIF89a...."), Refused(Reason::unplayable).at("assets.logo"));
  CHECK_THAT(refused_with("logo.png", "<svg></svg>"), Refused(Reason::unplayable).at("assets.logo"));
  CHECK_THAT(refused_with("logo.jpg", fake_png()), Refused(Reason::schema).at("assets.logo"));
  CHECK_THAT(refused_with("logo", fake_png()), Refused(Reason::schema).at("assets.logo"));
  // A font where an image is expected is caught by the manifest validator (same message as screens).
  CHECK_THAT(refused_with("logo.ttf", fake_ttf()),
             Refused(Reason::schema).at("playlists.day.overlays[0].item.asset"));
}

TEST_CASE("pack: the manifest validator refuses what screens would refuse", "[pack]") {
  TempDir dir;
  json content = authoring_content();
  content["playlists"]["day"]["slides"][0]["layout"] = "missing";
  write_authoring_folder(dir / "src", content);
  CHECK_THAT(refusal(dir, options_for(dir)), Refused(Reason::schema).at("playlists.day.slides[0].layout"));
  content = authoring_content();
  content["playlist"] = json::object();
  write_authoring_folder(dir / "src", content);
  CHECK_THAT(refusal(dir, options_for(dir)), Refused(Reason::schema).at("playlist"));
}

TEST_CASE("pack: the player's content check sees every asset file and can refuse", "[pack]") {
  TempDir dir;
  write_authoring_folder(dir / "src");
  std::map<std::string, std::filesystem::path> seen;
  const ContentCheck check = [&](const Manifest& m,
                                 const std::map<std::string, std::filesystem::path>& files) {
    seen = files;
    CHECK(m.version == 12);
    return std::vector<Error>{Error(Outcome::rejected, Reason::unplayable, "title", "text does not fit"),
                              Error(Outcome::rejected, Reason::unplayable, "logo", "missing glyph U+1F600")};
  };
  try {
    (void)pack(options_for(dir), check);
    FAIL("accepted");
  } catch (const ContentProblems& e) {
    CHECK_THAT(e, Refused(Reason::unplayable).about("title"));
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

TEST_CASE("pack: titles of assets and slides go into the manifest; hostile ones are refused",
          "[pack][titles]") {
  TempDir dir;
  json content = authoring_content();
  content["assets"]["gate-photo"] = {{"file", "media/gate.jpg"},
                                     {"title", {{"vi", "Cửa khẩu Hữu Nghị"}, {"en", "Huu Nghi gate"}}}};
  content["assets"]["logo"] = {{"file", "media/logo.png"}};  // the object form without a title
  content["playlists"]["day"]["slides"][0]["title"] = {{"vi", "Giới thiệu cửa khẩu"}};
  write_authoring_folder(dir / "src", content);
  (void)pack(options_for(dir));
  const Manifest m = parse_manifest(read_whole(manifest_path(dir / "root", "langson")), "manifest.json");
  CHECK(m.assets.at("gate-photo").title == Title{{"vi", "Cửa khẩu Hữu Nghị"}, {"en", "Huu Nghi gate"}});
  CHECK(m.assets.at("gate-photo").sha256 == sha256_hex(fake_jpeg("the gate")));
  CHECK(m.assets.at("logo").title.empty());
  CHECK(m.assets.at("logo").sha256 == sha256_hex(fake_png("the logo")));
  CHECK(m.playlists.at("day").slides[0].title == Title{{"vi", "Giới thiệu cửa khẩu"}});

  const auto refused_with = [](const json& logo) {
    TempDir d;
    json c = authoring_content();
    c["assets"]["logo"] = logo;
    write_authoring_folder(d / "src", c);
    return refusal(d, options_for(d));
  };
  CHECK_THAT(refused_with({{"title", {{"vi", "Logo"}}}}), Refused(Reason::schema).at("assets.logo.file"));
  CHECK_THAT(refused_with({{"file", 3}}), Refused(Reason::schema).at("assets.logo"));
  CHECK_THAT(refused_with({{"file", "media/logo.png"}, {"sha256", std::string(64, 'a')}}),
             Refused(Reason::schema).at("assets.logo"));
  CHECK_THAT(refused_with({{"file", "media/logo.png"}, {"title", "Logo"}}),
             Refused(Reason::schema).at("assets.logo.title"));
  CHECK_THAT(
      refused_with({{"file", "media/logo.png"}, {"title", {{"vi", std::string(max_title_bytes + 1, 'x')}}}}),
      Refused(Reason::limit).at("assets.logo.title.vi"));
  const Error control = refused_with({{"file", "media/logo.png"}, {"title", {{"vi", "Lo\ngo"}}}});
  CHECK_THAT(control, Refused(Reason::schema).at("assets.logo.title.vi"));
  CHECK(std::string(control.what()).find('\n') == std::string::npos);
  CHECK_THAT(refused_with({{"file", "../secret.png"}, {"title", {{"vi", "x"}}}}),
             Refused(Reason::schema).at("assets.logo"));
}
