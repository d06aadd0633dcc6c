#pragma once
// The one error type that crosses module edges. It carries what the command line needs to
// print one line ("gatecast: <subject>: <problem>") and to pick the exit code; modules that
// need finer kinds keep them in their own enums and map them to an Error at their edge.
#include <stdexcept>
#include <string>

namespace gatecast {

// Exit codes of the gatecast command (design.md): the numeric values are the contract.
enum class Outcome : int {
  ok = 0,
  runtime = 1,   // I/O, network, display: the same command may work later
  usage = 2,     // the command line or config is wrong
  rejected = 3,  // content refused: signature, hash, rollback, expiry, target, validation
};

class Error : public std::runtime_error {
 public:
  // subject: the file, asset, URL or key the problem is about; problem: plain words, no
  // trailing period ("signature does not match the trusted key").
  Error(Outcome kind, std::string subject, std::string problem)
      : std::runtime_error(subject.empty() ? problem : subject + ": " + problem),
        kind_(kind),
        subject_(std::move(subject)),
        problem_(std::move(problem)) {}

  Outcome kind() const noexcept { return kind_; }
  const std::string& subject() const noexcept { return subject_; }
  const std::string& problem() const noexcept { return problem_; }

 private:
  Outcome kind_;
  std::string subject_;
  std::string problem_;
};

[[noreturn]] inline void fail_runtime(std::string subject, std::string problem) {
  throw Error(Outcome::runtime, std::move(subject), std::move(problem));
}
[[noreturn]] inline void fail_usage(std::string subject, std::string problem) {
  throw Error(Outcome::usage, std::move(subject), std::move(problem));
}
[[noreturn]] inline void fail_rejected(std::string subject, std::string problem) {
  throw Error(Outcome::rejected, std::move(subject), std::move(problem));
}

}  // namespace gatecast
