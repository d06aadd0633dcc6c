#pragma once
// A small, strict command-line reader: positionals, "--name value" options and "--flag"
// switches. Anything not declared by the command is a usage error (exit 2) that names it.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gatecast::cli {

class Args {
 public:
  // argv holds the words after the command name. `options` take a value, `switches` do not.
  Args(std::vector<std::string> argv, std::set<std::string> options, std::set<std::string> switches);

  const std::vector<std::string>& positionals() const { return positionals_; }
  // The single positional the command requires; `what` names it in the usage error.
  const std::string& positional(const char* what) const;

  // The value given last; all() gives every one, in order (options that may be repeated).
  std::optional<std::string> option(const std::string& name) const;
  std::vector<std::string> all(const std::string& name) const;
  const std::string& required(const std::string& name) const;
  bool has(const std::string& name) const { return switches_.count(name) != 0; }

 private:
  std::vector<std::string> positionals_;
  std::map<std::string, std::string> values_;
  std::map<std::string, std::vector<std::string>> every_value_;
  std::set<std::string> switches_;
};

// The screen's config, read by the commands that take --config when none is given.
inline constexpr const char* default_config_file = "/etc/gatecast/player.json";

// The config file a command reads: --config, else default_config_file.
[[nodiscard]] std::string config_file(const Args& args);

}  // namespace gatecast::cli
