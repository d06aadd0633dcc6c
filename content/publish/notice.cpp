#include "content/publish/notice.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "content/base/error.hpp"
#include "content/base/json_reader.hpp"
#include "scheduler/calendar.hpp"

namespace gatecast::content {

namespace {

constexpr const char* playlist_prefix = "notice-";
constexpr const char* builtin_layout_name = "notice";
constexpr const char* own_layout_name = "notice-own";
constexpr std::size_t max_notices = 50;
constexpr std::size_t max_notice_bytes = 64u << 10;
constexpr double slide_seconds = 60;

// The heading of the built-in layout, per language; a language not here needs a "title".
const std::map<std::string, std::string>& builtin_headings() {
  static const std::map<std::string, std::string> headings{
      {"vi", "THÔNG BÁO KHẨN"},  {"zh", "紧急通知"},       {"en", "URGENT NOTICE"}, {"lo", "ແຈ້ງການດ່ວນ"},
      {"km", "សេចក្តីជូនដំណឹងបន្ទាន់"}, {"ja", "緊急のお知らせ"}, {"ko", "긴급 공지"},     {"zh-Hant", "緊急通知"}};
  return headings;
}

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 48) return false;
  if (!((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9'))) return false;
  return id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") == std::string::npos;
}

LocalizedText localized(ObjectReader& object, const std::string& key) {
  const nlohmann::json& value = object.required(key);
  if (!value.is_object() || value.empty()) object.fail(key, "expected an object of language -> text");
  LocalizedText text;
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (!it->is_string() || it->get_ref<const std::string&>().empty())
      object.fail(key + "." + it.key(), "expected a non-empty string");
    text[it.key()] = it->get<std::string>();
  }
  return text;
}

scheduler::LocalDateTime local_time(ObjectReader& object, const std::string& key) {
  const std::string text = object.string(key);
  const std::optional<scheduler::LocalDateTime> when = scheduler::parse_local_date_time(text);
  if (!when) object.fail(key, "'" + text.substr(0, 40) + "' is not a local time \"YYYY-MM-DD HH:MM\"");
  return *when;
}

nlohmann::json color_json(const Color& c) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "#%02x%02x%02x", c.r, c.g, c.b);
  return hex;
}

// The layout as the authoring form writes it (for a department's own layout read back).
nlohmann::json layout_json(const Layout& layout) {
  nlohmann::json regions = nlohmann::json::object();
  for (const auto& [name, region] : layout.regions) {
    nlohmann::json r = {{"rect", {region.rect.x, region.rect.y, region.rect.w, region.rect.h}}};
    if (region.background) r["background"] = color_json(*region.background);
    regions[name] = r;
  }
  return {{"size", {layout.width, layout.height}},
          {"background", color_json(layout.background)},
          {"regions", regions}};
}

const TextItem* text_in(const Slide& slide, const std::string& region) {
  const auto it = slide.content.find(region);
  return it == slide.content.end() ? nullptr : std::get_if<TextItem>(&it->second);
}

nlohmann::json text_item(const LocalizedText& text, int min_size, int max_size, const char* color) {
  nlohmann::json t = nlohmann::json::object();
  for (const auto& [language, words] : text) t[language] = words;
  return {{"type", "text"},
          {"text", t},
          {"style", {{"bold", true}, {"min_size", min_size}, {"max_size", max_size}, {"color", color}}}};
}

}  // namespace

void check_notice(const Notice& notice, const std::string& subject) {
  const std::string at = "notice '" + notice.id + "'";
  if (!valid_id(notice.id))
    fail_rejected(Reason::schema, subject,
                  "id '" + notice.id.substr(0, 60) + "' is not 1 to 48 of a-z 0-9 . _ -");
  if (notice.text.empty()) fail_rejected(Reason::schema, subject, at + ": has no text");
  if (!(notice.starts < notice.ends)) fail_rejected(Reason::schema, subject, at + ": ends before it starts");
  if (notice.priority < scheduler::min_priority || notice.priority > scheduler::max_priority)
    fail_rejected(Reason::schema, subject, at + ": priority must be 0 to 1000");
}

NoticeSet parse_notice_file(std::string_view raw, const std::string& subject,
                            const NoticeDefaults& defaults) {
  JsonLimits limits;
  limits.max_bytes = max_notice_bytes;
  limits.max_depth = 8;
  const nlohmann::json doc = parse_json(raw, subject, limits, Outcome::rejected);
  ObjectReader top(doc, "", subject, Outcome::rejected);
  NoticeSet set;
  if (const nlohmann::json* targets = top.optional("targets")) {
    if (!targets->is_array() || targets->empty())
      top.fail("targets", "expected a non-empty array of screen ids");
    for (const auto& t : *targets) {
      if (!t.is_string() || t.get_ref<const std::string&>().empty()) top.fail("targets", "expected strings");
      set.targets.push_back(t.get<std::string>());
    }
  }
  if (const nlohmann::json* layout = top.optional("layout")) {
    if (!layout->is_object()) top.fail("layout", "expected a layout object (docs/manifest.md)");
    set.layout = *layout;
  }
  const nlohmann::json& notices = top.required("notices");
  if (!notices.is_array() || notices.empty()) top.fail("notices", "expected a non-empty array");
  if (notices.size() > max_notices)
    top.fail(Reason::limit, "notices", "more than " + std::to_string(max_notices) + " notices");
  for (std::size_t i = 0; i < notices.size(); ++i) {
    ObjectReader item(notices[i], top.path_of("notices[" + std::to_string(i) + "]"), subject,
                      Outcome::rejected);
    Notice notice;
    notice.id = item.string("id");
    if (!valid_id(notice.id))
      item.fail("id", "'" + notice.id.substr(0, 60) + "' is not 1 to 48 of a-z 0-9 . _ -");
    notice.text = localized(item, "text");
    if (item.optional("title")) notice.title = localized(item, "title");
    notice.starts = item.optional("starts") ? local_time(item, "starts") : defaults.now;
    notice.ends = item.optional("ends") ? local_time(item, "ends") : defaults.day_end;
    if (!(notice.starts < notice.ends)) item.fail("ends", "is not after starts");
    notice.priority = static_cast<int>(item.integer_or("priority", scheduler::min_priority,
                                                       scheduler::max_priority, default_notice_priority));
    item.finish();
    for (const Notice& earlier : set.notices) {
      if (earlier.id == notice.id) item.fail("id", "'" + notice.id + "' is given twice");
    }
    set.notices.push_back(std::move(notice));
  }
  top.finish();
  return set;
}

NoticeSet notices_of(const Manifest& manifest) {
  NoticeSet set;
  set.targets = manifest.targets;
  if (const auto own = manifest.layouts.find(own_layout_name); own != manifest.layouts.end())
    set.layout = layout_json(own->second);
  for (const scheduler::Entry& entry : manifest.schedule.entries) {
    if (entry.playlist.rfind(playlist_prefix, 0) != 0 || !entry.starts || !entry.ends) continue;
    const auto playlist = manifest.playlists.find(entry.playlist);
    if (playlist == manifest.playlists.end() || playlist->second.slides.empty()) continue;
    const Slide& slide = playlist->second.slides.front();
    Notice notice;
    notice.id = entry.playlist.substr(std::string(playlist_prefix).size());
    if (const TextItem* body = text_in(slide, "body")) notice.text = body->text;
    if (const TextItem* title = text_in(slide, "title")) {
      // The built-in heading stays built in (a language added later gets its own).
      bool builtin = true;
      for (const auto& [language, words] : title->text) {
        const auto found = builtin_headings().find(language);
        builtin = builtin && found != builtin_headings().end() && found->second == words;
      }
      if (!builtin) notice.title = title->text;
    }
    notice.starts = *entry.starts;
    notice.ends = *entry.ends;
    notice.priority = entry.priority;
    set.notices.push_back(std::move(notice));
  }
  return set;
}

void merge_notice(NoticeSet& set, const Notice& notice) {
  for (Notice& existing : set.notices) {
    if (existing.id == notice.id) {
      existing = notice;
      return;
    }
  }
  set.notices.push_back(notice);
}

void drop_ended(NoticeSet& set, const scheduler::LocalDateTime& now) {
  std::erase_if(set.notices, [&now](const Notice& n) { return !(now < n.ends); });
}

nlohmann::json builtin_notice_layout() {
  return nlohmann::json::parse(R"({
    "size": [3000, 1000], "background": "#7a0e0e",
    "regions": {
      "title": {"rect": [0, 0, 3000, 250], "background": "#f2b705"},
      "body":  {"rect": [100, 290, 2800, 680]}
    }})");
}

nlohmann::json notice_document(const NoticeSet& set, const std::vector<std::string>& languages,
                               int expires_days) {
  const std::string subject = "notice";
  const bool own_layout = set.layout.has_value();
  const std::string layout_name = own_layout ? own_layout_name : builtin_layout_name;
  nlohmann::json playlists = nlohmann::json::object();
  nlohmann::json entries = nlohmann::json::array();
  for (const Notice& notice : set.notices) {
    check_notice(notice, subject);
    const std::string at = "notice '" + notice.id + "'";
    LocalizedText title;
    LocalizedText text;
    for (const std::string& language : languages) {
      const auto words = notice.text.find(language);
      if (words == notice.text.end())
        fail_rejected(Reason::schema, subject,
                      at + ": no text in " + language + " (the screens show " + language + ")");
      text[language] = words->second;
      if (const auto own = notice.title.find(language); own != notice.title.end()) {
        title[language] = own->second;
      } else if (const auto builtin = builtin_headings().find(language);
                 builtin != builtin_headings().end()) {
        title[language] = builtin->second;
      } else {
        fail_rejected(Reason::schema, subject,
                      at + ": no title in " + language + " (no built-in heading for it)");
      }
    }
    const nlohmann::json slide = {
        {"layout", layout_name},
        {"duration", slide_seconds},
        {"content",
         {{"title", text_item(title, 20, 72, "#3a0000")}, {"body", text_item(text, 24, 150, "#ffffff")}}}};
    playlists[playlist_prefix + notice.id] = {{"slides", {slide}}};
    entries.push_back({{"playlist", playlist_prefix + notice.id},
                       {"starts", scheduler::format_date_time(notice.starts)},
                       {"ends", scheduler::format_date_time(notice.ends)},
                       {"priority", notice.priority},
                       {"interrupt", true}});
  }
  if (set.targets.empty()) fail_usage("--targets", "name the screens the notices are for");
  // A package needs a playlist and a layout even when every notice is withdrawn: the channel
  // then plays nothing (its schedule has no default) and the other channels have the screen.
  nlohmann::json layouts = {{layout_name, own_layout ? *set.layout : builtin_notice_layout()}};
  if (playlists.empty())
    playlists["none"] = {{"slides", {{{"layout", layout_name}, {"duration", slide_seconds}}}}};
  return {{"expires", expires_days}, {"targets", set.targets}, {"assets", nlohmann::json::object()},
          {"layouts", layouts},      {"playlists", playlists}, {"schedule", {{"entries", entries}}}};
}

}  // namespace gatecast::content
