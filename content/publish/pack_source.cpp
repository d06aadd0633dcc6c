#include "content/publish/pack_source.hpp"

#include <algorithm>
#include <functional>
#include <system_error>

#include "content/base/rfc3339.hpp"
#include "content/base/sha256.hpp"
#include "content/manifest/manifest_json.hpp"
#include "content/manifest/media_type.hpp"
#include "content/media/video_probe.hpp"
#include "content/publish/tree_check.hpp"

namespace gatecast::content {

namespace {

// The manifest's form of a probe (docs/manifest.md, "Video assets").
nlohmann::json video_info_json(const VideoInfo& info) {
  nlohmann::json j{{"codec", info.codec},
                   {"width", info.width},
                   {"height", info.height},
                   {"frame_rate", info.frame_rate},
                   {"duration", static_cast<double>(info.duration.count()) / 1000.0},
                   {"frames", info.frames}};
  if (!info.profile.empty()) j["profile"] = info.profile;
  return j;
}

// JSON quoting: an author's path may hold anything, a message must stay one line.
std::string quoted(const std::string& s) {
  return nlohmann::json(s).dump();
}

[[noreturn]] void refuse(const PackSource& src, Reason reason, const std::string& path,
                         const std::string& problem) {
  throw Error(Outcome::rejected, reason, src.subject, path + ": " + problem);
}

[[noreturn]] void refuse(const PackSource& src, const std::string& path, const std::string& problem) {
  refuse(src, Reason::schema, path, problem);
}

// SRC-relative path of an asset, refused when it could point outside SRC.
std::filesystem::path asset_file(const PackSource& src, const std::filesystem::path& root,
                                 const std::string& path, const std::string& relative) {
  const std::filesystem::path rel(relative);
  if (relative.empty() || rel.is_absolute())
    refuse(src, path, "expected a path relative to the authoring folder");
  for (const auto& part : rel) {
    if (part == "..") refuse(src, path, quoted(relative) + " leaves the authoring folder ('..')");
  }
  std::error_code ec;
  const auto file = std::filesystem::canonical(root / rel, ec);
  if (ec) refuse(src, Reason::not_found, path, quoted(relative) + " does not exist");
  // A symlink may point anywhere; only files really inside SRC are packed.
  const auto [end, ignored] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  if (end != root.end()) refuse(src, path, quoted(relative) + " is a link to outside the authoring folder");
  if (!std::filesystem::is_regular_file(file, ec))
    refuse(src, path, quoted(relative) + " is not a regular file");
  return file;
}

nlohmann::json read_asset(PackSource& src, const PackOptions& options, const std::filesystem::path& root,
                          const std::string& name, const nlohmann::json& value) {
  const std::string path = "assets." + name;
  // Either the file's path, or {"file": path, "title": {language: words}}; the title goes into
  // the manifest as it is, where the manifest's parser checks it.
  const nlohmann::json* file_value = &value;
  const nlohmann::json* title = nullptr;
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (it.key() != "file" && it.key() != "title") refuse(src, path, "has a key other than file and title");
    }
    const auto file_it = value.find("file");
    if (file_it == value.end()) refuse(src, path + ".file", "is missing");
    file_value = &*file_it;
    if (const auto title_it = value.find("title"); title_it != value.end()) title = &*title_it;
  }
  if (!file_value->is_string()) refuse(src, path, "expected the path of a file in the authoring folder");
  const std::string& relative = file_value->get_ref<const std::string&>();
  const auto file = asset_file(src, root, path, relative);

  std::error_code ec;
  const std::uint64_t size = std::filesystem::file_size(file, ec);
  if (ec) fail_runtime(Reason::io, file.string(), "cannot read the size: " + ec.message());
  if (size == 0) refuse(src, path, quoted(relative) + " is empty");
  const auto type = detect_media_type_of_file(file);
  if (!type)
    refuse(src, Reason::unplayable, path,
           quoted(relative) + " is not a PNG, JPEG, WebP, TrueType, OpenType, MP4, Matroska or WebM file");
  const std::uint64_t max_bytes = max_asset_bytes_for(*type, options.limits);
  if (size > max_bytes) {
    refuse(src, Reason::limit, path,
           quoted(relative) + " is " + std::to_string(size) + " bytes, more than the limit of " +
               std::to_string(max_bytes));
  }
  if (!extension_fits(*type, file)) {
    refuse(
        src, path,
        quoted(relative) + " holds " + std::string(media_type_name(*type)) + " but its name says otherwise");
  }
  nlohmann::json entry{{"type", std::string(media_type_name(*type))}, {"size", size}};
  // A video is decoded once, whole: what the screen would meet, pack meets first.
  const PackProgress& progress = options.progress;
  if (is_video(*type)) {
    std::function<void(std::int64_t, std::int64_t)> decoded;
    if (progress)
      decoded = [&](std::int64_t at, std::int64_t of) {
        progress(file, "decoding", static_cast<std::uint64_t>(std::max<std::int64_t>(at, 0)),
                 static_cast<std::uint64_t>(std::max<std::int64_t>(of, 0)));
      };
    entry["video"] = video_info_json(
        probe_video(file, *type, (options.source / relative).string(), options.limits, decoded));
  }
  std::function<void(std::uint64_t)> hashed;
  if (progress) hashed = [&](std::uint64_t done) { progress(file, "hashing", done, size); };
  entry["sha256"] = sha256_file_hex(file, hashed);
  src.asset_files.emplace(name, file);
  src.blob_files.emplace(entry["sha256"].get<std::string>(), file);
  if (title) entry["title"] = *title;
  return entry;
}

}  // namespace

PackSource read_pack_source(const PackOptions& options) {
  PackSource src;
  const auto content_file = options.source / "content.json";
  src.subject = content_file.string();
  std::error_code ec;
  if (!std::filesystem::is_directory(options.source, ec)) {
    fail_runtime(Reason::not_found, options.source.string(),
                 "is not a folder (the authoring folder holding content.json)");
  }
  const auto root = std::filesystem::canonical(options.source, ec);
  if (ec) fail_runtime(Reason::io, options.source.string(), ec.message());

  JsonLimits limits;
  limits.max_bytes = options.limits.max_manifest_bytes;
  limits.max_depth = options.limits.max_depth;
  limits.max_string_bytes = options.limits.max_string_bytes;
  // One byte over the limit is enough for parse_json to refuse it with the size.
  const std::string raw = [&] {
    try {
      return read_file_bounded(content_file, limits.max_bytes);
    } catch (const Error& e) {
      if (e.kind() == Outcome::rejected) {
        fail_rejected(Reason::limit, src.subject,
                      "is larger than the limit of " + std::to_string(limits.max_bytes) + " bytes");
      }
      throw;
    }
  }();
  src.document = parse_json(raw, src.subject, limits, Outcome::rejected);
  nlohmann::json& doc = src.document;
  if (!doc.is_object()) refuse(src, "top level", "expected an object");

  for (const char* filled : {"format", "channel", "version", "created"}) {
    if (doc.contains(filled)) {
      refuse(src, filled, "is filled in by pack (from --channel, --version and the clock); leave it out");
    }
  }
  doc["format"] = manifest_format;
  doc["channel"] = options.channel;
  doc["version"] = options.version;
  // Whole seconds: the manifest is read by people, and milliseconds say nothing to them.
  const Instant now = std::chrono::floor<std::chrono::seconds>(options.now);
  doc["created"] = format_rfc3339(now);

  // `expires`: an RFC 3339 time as it is, or a whole number of days from now.
  if (auto it = doc.find("expires"); it != doc.end() && it->is_number()) {
    if (!it->is_number_integer() || it->get<std::int64_t>() < 1 || it->get<std::int64_t>() > 3660) {
      refuse(src, "expires", "expected an RFC 3339 time or a whole number of days from 1 to 3660");
    }
    *it = format_rfc3339(now + std::chrono::days{it->get<std::int64_t>()});
  }

  if (auto it = doc.find("assets"); it != doc.end()) {
    if (!it->is_object()) refuse(src, "assets", "expected an object of name -> file path");
    if (it->size() > options.limits.max_assets) {
      refuse(src, Reason::limit, "assets",
             "more than " + std::to_string(options.limits.max_assets) + " assets");
    }
    nlohmann::json resolved = nlohmann::json::object();
    for (auto asset = it->begin(); asset != it->end(); ++asset) {
      if (!is_valid_name(asset.key())) {
        refuse(src, "assets", quoted(asset.key()) + " is not a valid name (1 to 64 of A-Z a-z 0-9 . _ -)");
      }
      resolved[asset.key()] = read_asset(src, options, root, asset.key(), asset.value());
    }
    *it = std::move(resolved);
  }
  return src;
}

}  // namespace gatecast::content
