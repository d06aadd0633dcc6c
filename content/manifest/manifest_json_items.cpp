// Layouts, playlists, slides, overlays and the items that fill regions (docs/manifest.md,
// "Slide" and "Items"). Names used here (layouts, regions, assets) are resolved afterwards by
// manifest_json_refs.cpp, once everything they may refer to has been read.
#include <cmath>
#include <string>

#include "content/manifest/manifest_json_parts.hpp"

namespace gatecast::content::manifest_json {

namespace {

// A slide longer than a day would never end on a screen that restarts its day plan daily.
constexpr double max_slide_seconds = 86400;
constexpr double max_transition_seconds = 60;

// Seconds as the manifest writes them (fractions allowed), to milliseconds.
Duration read_seconds(ObjectReader& object, const std::string& key, double max, bool allow_zero) {
  const double seconds = object.number(key, 0, max);
  if (!allow_zero && seconds < 0.001) object.fail(key, "must be at least 0.001 seconds");
  return Duration{static_cast<std::int64_t>(std::llround(seconds * 1000.0))};
}

// Text shown on screen: valid UTF-8 is checked for the whole file; here, no control
// characters other than a line break (they draw as boxes or move the pen unpredictably).
bool has_control_characters(std::string_view text) {
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n') || u == 0x7f) return true;
  }
  return false;
}

LocalizedText read_localized(const Context& ctx, const nlohmann::json& value, const std::string& path) {
  if (!value.is_object() || value.empty()) {
    fail_at(ctx, path,
            "expected an object of language code -> text, e.g. {\"vi\": \"...\", \"en\": \"...\"}");
  }
  LocalizedText text;
  for (auto it = value.begin(); it != value.end(); ++it) {
    const std::string member = join_path(path, it.key());
    if (!is_language_code(it.key())) {
      fail_at(ctx, member, "'" + it.key().substr(0, 40) + "' is not a language code (such as vi, zh, en)");
    }
    if (!it.value().is_string()) fail_at(ctx, member, "expected a string");
    const auto& s = it.value().get_ref<const std::string&>();
    if (s.empty()) fail_at(ctx, member, "is empty");
    if (has_control_characters(s)) fail_at(ctx, member, "contains control characters");
    text.emplace(it.key(), s);
  }
  return text;
}

}  // namespace

Title read_title(const Context& ctx, const nlohmann::json& value, const std::string& path) {
  if (value.is_object() && value.size() > max_title_languages) {
    fail_at(ctx, Reason::limit, path, "more than " + std::to_string(max_title_languages) + " languages");
  }
  Title title = read_localized(ctx, value, path);
  for (const auto& [language, words] : title) {
    const std::string member = join_path(path, language);
    // A title is one line in a spreadsheet cell: a line break there is a control character too.
    if (words.find('\n') != std::string::npos) fail_at(ctx, member, "contains control characters");
    if (words.size() > max_title_bytes) {
      fail_at(ctx, Reason::limit, member, "is longer than " + std::to_string(max_title_bytes) + " bytes");
    }
  }
  return title;
}

namespace {

template <typename Enum, std::size_t N>
Enum read_choice(ObjectReader& object, const std::string& key,
                 const std::pair<const char*, Enum> (&choices)[N], Enum fallback) {
  const nlohmann::json* value = object.optional(key);
  if (!value) return fallback;
  std::string allowed;
  for (const auto& [name, e] : choices) {
    if (value->is_string() && value->get_ref<const std::string&>() == name) return e;
    allowed += (allowed.empty() ? "" : ", ") + std::string(name);
  }
  object.fail(key, "expected one of " + allowed);
}

Color read_color_member(const Context& ctx, ObjectReader& object, const std::string& key) {
  return read_color(ctx, object.required(key), object.path_of(key));
}

TextStyle read_style(const Context& ctx, const nlohmann::json* value, const std::string& path) {
  TextStyle style;
  if (!value) return style;
  ObjectReader object(*value, path, ctx.subject);
  style.bold = object.boolean_or("bold", style.bold);
  style.min_size = static_cast<int>(object.integer_or("min_size", 4, 2000, style.min_size));
  style.max_size =
      static_cast<int>(object.integer_or("max_size", 4, 2000, std::max(style.max_size, style.min_size)));
  if (style.max_size < style.min_size) object.fail("max_size", "is smaller than min_size");
  style.line_spacing = object.number_or("line_spacing", 0.5, 4.0, style.line_spacing);
  if (object.optional("color")) style.color = read_color_member(ctx, object, "color");
  static constexpr std::pair<const char*, HAlign> aligns[] = {
      {"left", HAlign::left}, {"center", HAlign::center}, {"right", HAlign::right}};
  static constexpr std::pair<const char*, VAlign> valigns[] = {
      {"top", VAlign::top}, {"middle", VAlign::middle}, {"bottom", VAlign::bottom}};
  style.align = read_choice(object, "align", aligns, style.align);
  style.valign = read_choice(object, "valign", valigns, style.valign);
  if (const auto* outline = object.optional("outline")) {
    ObjectReader o(*outline, object.path_of("outline"), ctx.subject);
    style.outline = Outline{static_cast<int>(o.integer("width", 1, 64)), read_color_member(ctx, o, "color")};
    o.finish();
  }
  if (const auto* shadow = object.optional("shadow")) {
    ObjectReader s(*shadow, object.path_of("shadow"), ctx.subject);
    const int dx = static_cast<int>(s.integer("dx", -256, 256));
    const int dy = static_cast<int>(s.integer("dy", -256, 256));
    style.shadow = Shadow{dx, dy, read_color_member(ctx, s, "color")};
    s.finish();
  }
  object.finish();
  return style;
}

Region read_region(const Context& ctx, const nlohmann::json& value, const std::string& path,
                   const Layout& layout) {
  ObjectReader object(value, path, ctx.subject);
  Region region;
  region.rect = read_rect(ctx, object.required("rect"), object.path_of("rect"));
  if (region.rect.x + region.rect.w > layout.width || region.rect.y + region.rect.h > layout.height) {
    object.fail("rect", "reaches outside the layout's " + std::to_string(layout.width) + "x" +
                            std::to_string(layout.height) + " canvas");
  }
  if (object.optional("background")) region.background = read_color_member(ctx, object, "background");
  object.finish();
  return region;
}

Slide read_slide(const Context& ctx, const nlohmann::json& value, const std::string& path) {
  ObjectReader object(value, path, ctx.subject);
  Slide slide;
  slide.layout = object.string("layout");
  // "video": as long as the slide's video (resolved with the assets, manifest_json_refs.cpp).
  const nlohmann::json& duration = object.required("duration");
  if (duration.is_string() && duration.get_ref<const std::string&>() == "video") {
    slide.duration_from_video = true;
  } else if (duration.is_string()) {
    object.fail("duration", "expected a number of seconds or \"video\"");
  } else {
    slide.duration = read_seconds(object, "duration", max_slide_seconds, false);
  }
  if (const auto* transition = object.optional("transition")) {
    ObjectReader t(*transition, object.path_of("transition"), ctx.subject);
    static constexpr std::pair<const char*, TransitionKind> kinds[] = {
        {"cut", TransitionKind::cut},
        {"crossfade", TransitionKind::crossfade},
        {"slide", TransitionKind::slide}};
    slide.transition.kind = read_choice(t, "type", kinds, TransitionKind::cut);
    slide.transition.duration = read_seconds(t, "duration", max_transition_seconds, true);
    if (!slide.duration_from_video && slide.transition.duration > slide.duration)
      t.fail("duration", "is longer than the slide");
    t.finish();
  }
  if (const auto* title = object.optional("title"))
    slide.title = read_title(ctx, *title, object.path_of("title"));
  if (const auto* content = object.optional("content")) {
    if (!content->is_object()) object.fail("content", "expected an object of region name -> item");
    for (auto it = content->begin(); it != content->end(); ++it) {
      const std::string member = join_path(object.path_of("content"), it.key());
      check_name(ctx, member, it.key());
      slide.content.emplace(it.key(), parse_item(ctx, it.value(), member));
    }
  }
  object.finish();
  return slide;
}

Overlay read_overlay(const Context& ctx, const nlohmann::json& value, const std::string& path) {
  ObjectReader object(value, path, ctx.subject);
  Overlay overlay;
  overlay.rect = read_rect(ctx, object.required("rect"), object.path_of("rect"));
  overlay.item = parse_item(ctx, object.required("item"), object.path_of("item"));
  object.finish();
  return overlay;
}

}  // namespace

Layout parse_layout(const Context& ctx, const nlohmann::json& value, const std::string& path) {
  ObjectReader object(value, path, ctx.subject);
  Layout layout;
  const nlohmann::json& size = object.required("size");
  const int side = ctx.limits.max_canvas_side;
  if (!size.is_array() || size.size() != 2 || !size[0].is_number_integer() || !size[1].is_number_integer() ||
      size[0].get<std::int64_t>() < 1 || size[0].get<std::int64_t>() > side ||
      size[1].get<std::int64_t>() < 1 || size[1].get<std::int64_t>() > side) {
    object.fail("size", "expected [width, height], each a whole number from 1 to " + std::to_string(side));
  }
  layout.width = static_cast<int>(size[0].get<std::int64_t>());
  layout.height = static_cast<int>(size[1].get<std::int64_t>());
  if (object.optional("background")) layout.background = read_color_member(ctx, object, "background");
  const nlohmann::json& regions = object.required("regions");
  if (!regions.is_object()) object.fail("regions", "expected an object of name -> {rect, background}");
  for (auto it = regions.begin(); it != regions.end(); ++it) {
    const std::string member = join_path(object.path_of("regions"), it.key());
    check_name(ctx, member, it.key());
    layout.regions.emplace(it.key(), read_region(ctx, it.value(), member, layout));
  }
  object.finish();
  return layout;
}

Playlist parse_playlist(const Context& ctx, const nlohmann::json& value, const std::string& path) {
  ObjectReader object(value, path, ctx.subject);
  Playlist playlist;
  const nlohmann::json& slides = object.required("slides");
  if (!slides.is_array() || slides.empty()) object.fail("slides", "expected a non-empty array of slides");
  if (slides.size() > ctx.limits.max_slides_per_playlist) {
    object.fail(Reason::limit, "slides",
                "more than " + std::to_string(ctx.limits.max_slides_per_playlist) + " slides");
  }
  for (std::size_t i = 0; i < slides.size(); ++i) {
    playlist.slides.push_back(
        read_slide(ctx, slides[i], object.path_of("slides") + "[" + std::to_string(i) + "]"));
  }
  if (const auto* overlays = object.optional("overlays")) {
    if (!overlays->is_array()) object.fail("overlays", "expected an array of {rect, item}");
    if (overlays->size() > 64) object.fail(Reason::limit, "overlays", "more than 64 overlays");
    for (std::size_t i = 0; i < overlays->size(); ++i) {
      playlist.overlays.push_back(
          read_overlay(ctx, (*overlays)[i], object.path_of("overlays") + "[" + std::to_string(i) + "]"));
    }
  }
  object.finish();
  return playlist;
}

Item parse_item(const Context& ctx, const nlohmann::json& value, const std::string& path) {
  ObjectReader object(value, path, ctx.subject);
  const std::string type = object.string("type");
  Item item;
  if (type == "text") {
    TextItem text;
    text.text = read_localized(ctx, object.required("text"), object.path_of("text"));
    static constexpr std::pair<const char*, LanguagePresentation> presentations[] = {
        {"stacked", LanguagePresentation::stacked}, {"cycling", LanguagePresentation::cycling}};
    text.presentation = read_choice(object, "presentation", presentations, text.presentation);
    text.style = read_style(ctx, object.optional("style"), object.path_of("style"));
    item = std::move(text);
  } else if (type == "image") {
    ImageItem image;
    image.asset = object.string("asset");
    check_name(ctx, object.path_of("asset"), image.asset);
    static constexpr std::pair<const char*, Fit> fits[] = {{"contain", Fit::contain}, {"cover", Fit::cover}};
    image.fit = read_choice(object, "fit", fits, image.fit);
    item = std::move(image);
  } else if (type == "video") {
    VideoItem video;
    video.asset = object.string("asset");
    check_name(ctx, object.path_of("asset"), video.asset);
    static constexpr std::pair<const char*, Fit> fits[] = {{"contain", Fit::contain}, {"cover", Fit::cover}};
    video.fit = read_choice(object, "fit", fits, video.fit);
    video.loop = object.boolean_or("loop", false);
    if (const nlohmann::json* sound = object.optional("sound")) {
      // {"volume": v}: an object, so that more of the sound's settings can come without a new key.
      ObjectReader settings(*sound, object.path_of("sound"), ctx.subject);
      video.volume = settings.number("volume", 0.01, 1.0);
      settings.finish();
    }
    item = std::move(video);
  } else if (type == "clock") {
    ClockItem clock;
    clock.show_date = object.boolean_or("date", true);
    clock.show_time = object.boolean_or("time", true);
    if (!clock.show_date && !clock.show_time) object.fail("", "a clock must show the date, the time or both");
    clock.style = read_style(ctx, object.optional("style"), object.path_of("style"));
    item = std::move(clock);
  } else if (type == "ticker") {
    TickerItem ticker;
    ticker.text = read_localized(ctx, object.required("text"), object.path_of("text"));
    ticker.speed_px_per_s = object.number_or("speed", 1, 5000, ticker.speed_px_per_s);
    if (object.optional("separator")) {
      const nlohmann::json& separator = object.required("separator");
      if (!separator.is_string()) object.fail("separator", "expected a string");
      ticker.separator = separator.get<std::string>();
      if (has_control_characters(ticker.separator)) object.fail("separator", "contains control characters");
    }
    ticker.style = read_style(ctx, object.optional("style"), object.path_of("style"));
    item = std::move(ticker);
  } else {
    object.fail("type",
                "'" + type.substr(0, 40) + "' is not an item type (text, image, video, clock, ticker)");
  }
  object.finish();
  return item;
}

}  // namespace gatecast::content::manifest_json
