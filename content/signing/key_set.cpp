#include "content/signing/key_set.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "content/base/json_reader.hpp"
#include "content/base/publish_tree.hpp"
#include "content/base/rfc3339.hpp"

namespace gatecast::content {

namespace {

std::string key_text(const PublicKey& key) {
  return std::string(reinterpret_cast<const char*>(key.key.data()), key.key.size());
}

// The rules a set must keep, for parse_key_set and write_key_set alike.
void check_rules(const KeySet& set, const std::string& subject, Outcome kind) {
  // A key may hold both roles (a small office), but each role once; one id is one key.
  std::map<std::string, std::string> key_of_id, id_of_key;
  std::set<std::pair<std::string, KeyRole>> listed;
  std::size_t roots = 0, approvers = 0;
  for (const KeySetEntry& entry : set.keys) {
    const std::string id = key_id_hex(entry.key.key_id);
    const std::string key = key_text(entry.key);
    if (key_of_id.try_emplace(id, key).first->second != key)
      throw Error(kind, subject, "key id " + id + " names two different keys");
    if (id_of_key.try_emplace(key, id).first->second != id)
      throw Error(kind, subject, "the same public key is listed under two key ids");
    if (!listed.insert({id, entry.role}).second) {
      throw Error(kind, subject, "key id " + id + " is listed twice as " + key_role_name(entry.role));
    }
    (entry.role == KeyRole::root ? roots : approvers)++;
  }
  if (roots == 0) throw Error(kind, subject, "has no root key: nobody could ever sign the next key set");
  if (approvers == 0) throw Error(kind, subject, "has no approver key: no manifest could be approved");
  if (set.root_threshold < 1 || static_cast<std::size_t>(set.root_threshold) > roots) {
    throw Error(kind, subject,
                "root_threshold " + std::to_string(set.root_threshold) + " cannot be met by " +
                    std::to_string(roots) + " root key" + (roots == 1 ? "" : "s"));
  }
  for (const auto& [channel, threshold] : set.channel_thresholds) {
    if (!is_valid_channel_name(channel))
      throw Error(kind, subject, "channels: '" + channel + "' is not a channel name");
    if (threshold < 1 || static_cast<std::size_t>(threshold) > approvers) {
      throw Error(kind, subject,
                  "channels." + channel + ".threshold " + std::to_string(threshold) + " cannot be met by " +
                      std::to_string(approvers) + " approver key" + (approvers == 1 ? "" : "s"));
    }
  }
}

KeySetEntry read_entry(const nlohmann::json& value, const std::string& path, const std::string& subject,
                       Outcome kind) {
  ObjectReader entry(value, path, subject, kind);
  KeySetEntry out;
  const std::string line = entry.string("key");
  try {
    out.key = parse_public_key(line, subject + ": " + entry.path_of("key"));
  } catch (const Error& e) {
    throw Error(kind, e.subject(), e.problem());
  }
  const std::string role = entry.string("role");
  if (role == "root") {
    out.role = KeyRole::root;
  } else if (role == "approver") {
    out.role = KeyRole::approver;
  } else {
    entry.fail("role", "expected \"root\" or \"approver\", not \"" + role.substr(0, 40) + "\"");
  }
  out.name = entry.string_or("name", "");
  entry.finish();
  return out;
}

}  // namespace

const char* key_role_name(KeyRole role) {
  return role == KeyRole::root ? "root" : "approver";
}

std::vector<PublicKey> KeySet::keys_with(KeyRole role) const {
  std::vector<PublicKey> out;
  for (const KeySetEntry& entry : keys) {
    if (entry.role == role) out.push_back(entry.key);
  }
  return out;
}

int KeySet::threshold_for(const std::string& channel) const {
  const auto it = channel_thresholds.find(channel);
  return it == channel_thresholds.end() ? 1 : it->second;
}

KeySet key_set_from_config(const std::vector<PublicKey>& trusted_keys) {
  // Not checked by check_rules: a config may list a key twice, and that harms nobody.
  KeySet set;
  for (const PublicKey& key : trusted_keys) {
    set.keys.push_back({key, KeyRole::root, "trusted_keys"});
    set.keys.push_back({key, KeyRole::approver, "trusted_keys"});
  }
  return set;
}

KeySet parse_key_set(std::string_view raw, const std::string& subject, Outcome kind) {
  JsonLimits limits;
  limits.max_bytes = max_key_set_bytes;
  limits.max_depth = 8;
  limits.max_string_bytes = 4096;
  const nlohmann::json doc = parse_json(raw, subject, limits, kind);
  ObjectReader top(doc, "", subject, kind);
  const std::string format = top.string("format");
  if (format != key_set_format) {
    top.fail("format",
             "expected \"" + std::string(key_set_format) + "\", not \"" + format.substr(0, 40) + "\"");
  }
  KeySet set;
  set.version = top.integer("version", 1, std::int64_t{1} << 53);
  set.expires = parse_rfc3339(top.string("expires"), subject + ": expires", kind);
  set.root_threshold = static_cast<int>(top.integer_or("root_threshold", 1, max_key_set_keys, 1));
  const nlohmann::json& keys = top.required("keys");
  if (!keys.is_array() || keys.empty()) top.fail("keys", "expected a non-empty array");
  if (keys.size() > max_key_set_keys) {
    top.fail("keys",
             "has " + std::to_string(keys.size()) + " keys, more than " + std::to_string(max_key_set_keys));
  }
  for (std::size_t i = 0; i < keys.size(); ++i) {
    set.keys.push_back(read_entry(keys[i], "keys[" + std::to_string(i) + "]", subject, kind));
  }
  if (const nlohmann::json* channels = top.optional("channels")) {
    ObjectReader object(*channels, "channels", subject, kind);
    for (const auto& [channel, value] : channels->items()) {
      if (!is_valid_channel_name(channel)) object.fail(channel, "is not a channel name");
      ObjectReader settings(value, object.path_of(channel), subject, kind);
      set.channel_thresholds[channel] = static_cast<int>(settings.integer("threshold", 1, max_key_set_keys));
      settings.finish();
      (void)object.required(channel);
    }
    object.finish();
  }
  top.finish();
  check_rules(set, subject, kind);
  return set;
}

std::string write_key_set(const KeySet& set) {
  if (set.version < 1) fail_usage("key set", "version must be at least 1");
  if (!set.expires) fail_usage("key set", "needs an expiry");
  check_rules(set, "key set", Outcome::usage);
  nlohmann::ordered_json doc;
  doc["format"] = key_set_format;
  doc["version"] = set.version;
  doc["expires"] = format_rfc3339(*set.expires);
  doc["root_threshold"] = set.root_threshold;
  doc["keys"] = nlohmann::ordered_json::array();
  for (const KeySetEntry& entry : set.keys) {
    nlohmann::ordered_json key;
    key["key"] = public_key_line(entry.key);
    key["role"] = key_role_name(entry.role);
    if (!entry.name.empty()) key["name"] = entry.name;
    doc["keys"].push_back(key);
  }
  if (!set.channel_thresholds.empty()) {
    doc["channels"] = nlohmann::ordered_json::object();
    for (const auto& [channel, threshold] : set.channel_thresholds)
      doc["channels"][channel]["threshold"] = threshold;
  }
  return doc.dump(2) + "\n";
}

}  // namespace gatecast::content
