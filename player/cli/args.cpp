#include "player/cli/args.hpp"

#include "content/base/error.hpp"

namespace gatecast::cli {

Args::Args(std::vector<std::string> argv, std::set<std::string> options, std::set<std::string> switches) {
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& word = argv[i];
    if (word.rfind("--", 0) != 0 || word == "--") {
      positionals_.push_back(word);
      continue;
    }
    std::string name = word.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name.resize(eq);
    }
    if (options.count(name)) {
      if (inline_value) {
        values_[name] = *inline_value;
      } else if (i + 1 < argv.size()) {
        values_[name] = argv[++i];
      } else {
        fail_usage("--" + name, "needs a value");
      }
      every_value_[name].push_back(values_[name]);
    } else if (switches.count(name) && !inline_value) {
      switches_.insert(name);
    } else {
      fail_usage("--" + name, "is not an option of this command");
    }
  }
}

const std::string& Args::positional(const char* what) const {
  if (positionals_.size() != 1) {
    fail_usage(what, positionals_.empty() ? "is missing"
                                          : "expected once, got " + std::to_string(positionals_.size()));
  }
  return positionals_.front();
}

std::optional<std::string> Args::option(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> Args::all(const std::string& name) const {
  auto it = every_value_.find(name);
  return it == every_value_.end() ? std::vector<std::string>{} : it->second;
}

const std::string& Args::required(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) fail_usage("--" + name, "is required");
  return it->second;
}

std::string config_file(const Args& args) {
  return args.option("config").value_or(default_config_file);
}

}  // namespace gatecast::cli
