// The manifest's video parts (docs/manifest.md, "Video assets" and the `video` item), hostile
// input first: every malformed, oversized or mismatched piece is refused with its JSON path.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "content/manifest/manifest_json.hpp"
#include "content/manifest_fixture.hpp"
#include "support/refusal.hpp"

using namespace gatecast;
using test::refusal_of;
using test::Refused;

namespace {

nlohmann::json clip_asset() {
  return {{"sha256", std::string(64, 'c')},
          {"size", 3'000'000'000ull},  // over the 256 MiB of pictures, under the 8 GiB of videos
          {"type", "video/mp4"},
          {"video",
           {{"codec", "h264"},
            {"profile", "High"},
            {"width", 1920},
            {"height", 1080},
            {"frame_rate", 29.97},
            {"duration", 12.345},
            {"frames", 370}}}};
}

// The fixture with a clip asset and a video slide in front of the day playlist.
nlohmann::json with_video(nlohmann::json slide = nullptr) {
  nlohmann::json doc = test::valid_manifest_json();
  doc["assets"]["clip"] = clip_asset();
  if (slide.is_null()) {
    slide = {{"layout", "hero"},
             {"duration", "video"},
             {"content", {{"picture", {{"type", "video"}, {"asset", "clip"}, {"fit", "cover"}}}}}};
  }
  doc["playlists"]["day"]["slides"].insert(doc["playlists"]["day"]["slides"].begin(), slide);
  return doc;
}

content::Manifest parsed(const nlohmann::json& doc) {
  return content::parse_manifest(doc.dump(), "site/manifest.json");
}

}  // namespace

TEST_CASE("video manifest: a video asset, item and a slide as long as its video", "[video]") {
  const content::Manifest m = parsed(with_video());
  const content::Asset& clip = m.assets.at("clip");
  CHECK(clip.type == content::AssetType::mp4);
  REQUIRE(clip.video);
  CHECK(clip.video->codec == "h264");
  CHECK(clip.video->width == 1920);
  CHECK(clip.video->frame_rate == Approx(29.97));
  CHECK(clip.video->duration == Duration{12345});
  CHECK(clip.video->frames == 370);
  const content::Slide& slide = m.playlists.at("day").slides.front();
  CHECK(slide.duration_from_video);
  CHECK(slide.duration == Duration{12345});  // what the scheduler is given
  const auto& video = std::get<content::VideoItem>(slide.content.at("picture"));
  CHECK(video.asset == "clip");
  CHECK(video.fit == content::Fit::cover);
  CHECK_FALSE(video.loop);
  CHECK(video.volume == 0.0);  // muted unless asked
}

TEST_CASE("video manifest: a video item may ask for sound with a volume", "[video]") {
  nlohmann::json doc = with_video();
  doc["playlists"]["day"]["slides"][0]["content"]["picture"]["sound"] = {{"volume", 0.8}};
  const content::Manifest m = parsed(doc);
  const auto& video =
      std::get<content::VideoItem>(m.playlists.at("day").slides.front().content.at("picture"));
  CHECK(video.volume == Approx(0.8));
  doc["playlists"]["day"]["slides"][0]["content"]["picture"]["sound"] = {{"volume", 1}};
  CHECK(std::get<content::VideoItem>(parsed(doc).playlists.at("day").slides.front().content.at("picture"))
            .volume == 1.0);
}

TEST_CASE("video manifest: a looping clip in a region beside text, for a fixed time", "[video]") {
  nlohmann::json slide = {{"layout", "hero"},
                          {"duration", 40},
                          {"content",
                           {{"picture", {{"type", "video"}, {"asset", "clip"}, {"loop", true}}},
                            {"title", {{"type", "text"}, {"text", {{"vi", "Lạng Sơn"}}}}}}}};
  const content::Manifest m = parsed(with_video(slide));
  const content::Slide& s = m.playlists.at("day").slides.front();
  CHECK(s.duration == Duration{40000});
  CHECK(std::get<content::VideoItem>(s.content.at("picture")).loop);
  CHECK(std::get<content::VideoItem>(s.content.at("picture")).fit == content::Fit::contain);
}

TEST_CASE("video manifest: the longest video that does not loop sets the slide's length", "[video]") {
  nlohmann::json doc = with_video();
  nlohmann::json shorter = clip_asset();
  shorter["video"]["duration"] = 3.5;
  doc["assets"]["short"] = shorter;
  doc["playlists"]["day"]["slides"][0]["content"]["title"] = {{"type", "video"}, {"asset", "short"}};
  CHECK(parsed(doc).playlists.at("day").slides.front().duration == Duration{12345});
  doc["playlists"]["day"]["slides"][0]["content"]["picture"]["loop"] = true;
  CHECK(parsed(doc).playlists.at("day").slides.front().duration == Duration{3500});
}

TEST_CASE("video manifest: hostile and mistaken video assets are refused", "[video]") {
  const auto refused_asset = [](nlohmann::json asset) {
    nlohmann::json doc = with_video();
    doc["assets"]["clip"] = std::move(asset);
    return refusal_of(doc);
  };
  nlohmann::json a = clip_asset();

  a.erase("video");
  CHECK_THAT(refused_asset(a), Refused(Reason::schema).at("assets.clip.video"));
  a = clip_asset();
  a["size"] = (8ull << 30) + 1;
  CHECK_THAT(refused_asset(a), Refused(Reason::limit).at("assets.clip.size"));
  a["size"] = 0;
  CHECK_THAT(refused_asset(a), Refused(Reason::schema).at("assets.clip.size"));
  for (const auto& [key, bad, reason] : std::vector<std::tuple<std::string, nlohmann::json, Reason>>{
           {"width", 3841, Reason::limit},
           {"height", 2161, Reason::limit},
           {"width", 0, Reason::schema},
           {"height", -5, Reason::schema},
           {"width", 19.5, Reason::schema},
           {"frame_rate", 60.5, Reason::limit},
           {"frame_rate", 0, Reason::schema},
           {"frame_rate", "30", Reason::schema},
           {"duration", 0, Reason::schema},
           {"duration", -1, Reason::schema},
           {"duration", 1e12, Reason::schema},
           {"frames", 0, Reason::schema},
           {"codec", "", Reason::schema},
           {"codec", std::string(33, 'x'), Reason::schema},
           {"profile", std::string(65, 'p'), Reason::schema},
           {"codec", nullptr, Reason::schema}}) {
    INFO(key << " = " << bad.dump());
    a = clip_asset();
    a["video"][key] = bad;
    CHECK_THAT(refused_asset(a), Refused(reason).at("assets.clip.video." + key));
  }
  a = clip_asset();
  a["video"]["bitrate"] = 8000000;  // unknown keys are errors
  CHECK_THAT(refused_asset(a), Refused(Reason::schema).at("assets.clip.video.bitrate"));
  a = clip_asset();
  a["video"] = "h264";
  CHECK_THAT(refused_asset(a), Refused(Reason::schema).at("assets.clip.video"));
  a = clip_asset();
  a["type"] = "video/avi";
  CHECK_THAT(refused_asset(a), Refused(Reason::schema).at("assets.clip.type"));

  // A picture may not carry video facts, nor be as large as a video.
  nlohmann::json doc = test::valid_manifest_json();
  doc["assets"]["logo"]["video"] = clip_asset()["video"];
  CHECK_THAT(refusal_of(doc), Refused(Reason::schema).at("assets.logo.video"));
  doc = test::valid_manifest_json();
  doc["assets"]["logo"]["size"] = (256u << 20) + 1;
  CHECK_THAT(refusal_of(doc), Refused(Reason::limit).at("assets.logo.size"));
}

TEST_CASE("video manifest: video items and video-length slides that cannot work are refused", "[video]") {
  nlohmann::json doc = with_video();
  nlohmann::json& slide = doc["playlists"]["day"]["slides"][0];

  SECTION("an image item naming a video, a video item naming an image or nothing") {
    slide["content"]["picture"] = {{"type", "image"}, {"asset", "clip"}};
    CHECK_THAT(refusal_of(doc), Refused(Reason::schema).at("playlists.day.slides[0].content.picture.asset"));
    slide["content"]["picture"] = {{"type", "video"}, {"asset", "logo"}};
    CHECK_THAT(refusal_of(doc), Refused(Reason::schema).at("playlists.day.slides[0].content.picture.asset"));
    slide["content"]["picture"] = {{"type", "video"}, {"asset", "missing"}};
    CHECK_THAT(refusal_of(doc), Refused(Reason::schema).at("playlists.day.slides[0].content.picture.asset"));
    slide["content"]["picture"] = {{"type", "video"}, {"asset", "../clip"}};
    CHECK_THAT(refusal_of(doc), Refused(Reason::schema).at("playlists.day.slides[0].content.picture.asset"));
  }
  SECTION("bad keys of a video item") {
    slide["content"]["picture"]["loop"] = "yes";
    CHECK_THAT(refusal_of(doc), Refused(Reason::schema).at("playlists.day.slides[0].content.picture.loop"));
    slide["content"]["picture"]["loop"] = false;
    slide["content"]["picture"]["fit"] = "stretch";
    CHECK_THAT(refusal_of(doc), Refused(Reason::schema).at("playlists.day.slides[0].content.picture.fit"));
    slide["content"]["picture"]["fit"] = "cover";
    slide["content"]["picture"]["volume"] = 0.5;  // the volume belongs in "sound"
    CHECK_THAT(refusal_of(doc), Refused(Reason::schema).at("playlists.day.slides[0].content.picture.volume"));
  }
  SECTION("sound written wrongly") {
    const std::string at = "playlists.day.slides[0].content.picture.sound";
    nlohmann::json& picture = slide["content"]["picture"];
    for (const nlohmann::json& bad : {nlohmann::json(true), nlohmann::json(0.5), nlohmann::json("loud"),
                                      nlohmann::json(nullptr), nlohmann::json::array()}) {
      INFO(bad.dump());
      picture["sound"] = bad;
      CHECK_THAT(refusal_of(doc), Refused(Reason::schema).at(at));
    }
    picture["sound"] = nlohmann::json::object();
    CHECK_THAT(refusal_of(doc), Refused(Reason::schema).at(at + ".volume"));
    for (const nlohmann::json& bad :
         {nlohmann::json(0), nlohmann::json(-0.5), nlohmann::json(1.01), nlohmann::json(1e308),
          nlohmann::json("0.5"), nlohmann::json(nullptr)}) {
      INFO(bad.dump());
      picture["sound"] = {{"volume", bad}};
      CHECK_THAT(refusal_of(doc), Refused(Reason::schema).at(at + ".volume"));
    }
    picture["sound"] = {{"volume", 0.5}, {"balance", 0}};
    CHECK_THAT(refusal_of(doc), Refused(Reason::schema).at(at + ".balance"));
  }
  SECTION("\"video\" duration with no video, or only a looping one") {
    slide["content"] = nlohmann::json::object();
    CHECK_THAT(refusal_of(doc), Refused(Reason::schema).at("playlists.day.slides[0].duration"));
    doc = with_video();
    doc["playlists"]["day"]["slides"][0]["content"]["picture"]["loop"] = true;
    CHECK_THAT(refusal_of(doc), Refused(Reason::schema).at("playlists.day.slides[0].duration"));
  }
  SECTION("durations written wrongly") {
    for (const nlohmann::json& bad : {nlohmann::json("Video"), nlohmann::json("12"), nlohmann::json(nullptr),
                                      nlohmann::json::array(), nlohmann::json(0), nlohmann::json(86401)}) {
      INFO(bad.dump());
      slide["duration"] = bad;
      CHECK_THAT(refusal_of(doc), Refused(Reason::schema).at("playlists.day.slides[0].duration"));
    }
  }
  SECTION("a transition longer than the video the slide lasts") {
    slide["transition"] = {{"type", "crossfade"}, {"duration", 13}};
    CHECK_THAT(refusal_of(doc), Refused(Reason::schema).at("playlists.day.slides[0].transition.duration"));
    slide["transition"]["duration"] = 12;
    CHECK_NOTHROW(parsed(doc));
  }
  SECTION("a video in an overlay") {
    doc["playlists"]["day"]["overlays"].push_back(
        {{"rect", {0, 0, 100, 100}}, {"item", {{"type", "video"}, {"asset", "clip"}}}});
    CHECK_THAT(refusal_of(doc), Refused(Reason::schema).at("playlists.day.overlays[3].item"));
  }
  SECTION("a video longer than a day for a video-length slide") {
    doc["assets"]["clip"]["video"]["duration"] = 90000;
    CHECK_THAT(refusal_of(doc), Refused(Reason::limit).at("playlists.day.slides[0].duration"));
  }
}
