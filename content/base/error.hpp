#pragma once
// The one error type that crosses module edges. It carries what the command line needs to
// print one line ("gatecast: <subject>: <problem>") and to pick the exit code, and a typed
// reason that programs read instead of the English words: tests, the USB banner (which says
// *why* in the site's languages), `status --json`, state.json and the heartbeat. Modules that
// need finer kinds keep them in their own enums and map them to an Error at their edge.
#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace gatecast {

// Exit codes of the gatecast command (design.md): the numeric values are the contract.
enum class Outcome : int {
  ok = 0,
  runtime = 1,   // I/O, network, display: the same command may work later
  usage = 2,     // the command line or config is wrong
  rejected = 3,  // content refused: signature, hash, rollback, expiry, target, validation
};

// Why something was refused or failed, whatever the outcome: the outcome says whose move it
// is (exit code), the reason says what is wrong. A bad key in player.json is usage + key, a
// manifest signed by an unknown key is rejected + key. The text codes (reason_code) are a
// contract read by other programs and keyed by the banner's translations: never rename one;
// add new ones at the end. docs/architecture.md ("Errors") lists them with examples.
enum class Reason {
  none,       // no reason beyond the message: a command-line mistake, or not yet classified
  signature,  // the signature is missing, malformed, or does not match the bytes
  key,        // a key is untrusted, missing, or malformed (trusted keys, .pub/.key files)
  expired,    // the manifest is past its `expires`
  rollback,   // the version is not newer than the highest this screen accepted
  target,     // the manifest is for other screens, or for another channel
  hash,       // bytes differ from what the signed manifest says (SHA-256 or size)
  limit,      // more than a bound allows: bytes, entries, nesting, pixels
  schema,     // the JSON or the model is malformed: syntax, unknown key, type, range, reference
  not_found,  // the thing asked for does not exist: a channel, a blob, a file, an HTTP 404
  io,         // local files and folders: cannot open, read, write, sync; a damaged store file
  // Beyond the first list: each names a failure the operator acts on differently.
  network,     // the transport to a server: connect, TLS, timeout, an HTTP status other than 404
  display,     // the video output or SDL: no window, no framebuffer, no surface
  unplayable,  // well-formed content that cannot be shown: a picture that does not decode, a
               // character no font covers, text that does not fit (pack and preview checks)
};

// Every reason, in declaration order (for tests and for documentation tables).
inline constexpr std::array<Reason, 14> all_reasons{
    Reason::none,   Reason::signature, Reason::key,     Reason::expired,    Reason::rollback,
    Reason::target, Reason::hash,      Reason::limit,   Reason::schema,     Reason::not_found,
    Reason::io,     Reason::network,   Reason::display, Reason::unplayable,
};

// The stable text code of `reason`: "signature", "not_found", ...; "none" for Reason::none.
[[nodiscard]] constexpr std::string_view reason_code(Reason reason) noexcept {
  switch (reason) {
    case Reason::none:
      return "none";
    case Reason::signature:
      return "signature";
    case Reason::key:
      return "key";
    case Reason::expired:
      return "expired";
    case Reason::rollback:
      return "rollback";
    case Reason::target:
      return "target";
    case Reason::hash:
      return "hash";
    case Reason::limit:
      return "limit";
    case Reason::schema:
      return "schema";
    case Reason::not_found:
      return "not_found";
    case Reason::io:
      return "io";
    case Reason::network:
      return "network";
    case Reason::display:
      return "display";
    case Reason::unplayable:
      return "unplayable";
  }
  return "none";
}

// The reason whose code is `code` exactly (case matters); nullopt for any other text, so a
// reader of an older or newer state.json can tell "unknown" from "none".
[[nodiscard]] constexpr std::optional<Reason> reason_from_code(std::string_view code) noexcept {
  for (const Reason reason : all_reasons) {
    if (reason_code(reason) == code) return reason;
  }
  return std::nullopt;
}

class Error : public std::runtime_error {
 public:
  // subject: the file, asset, URL or key the problem is about; problem: plain words, no
  // trailing period ("signature does not match the trusted key").
  Error(Outcome kind, Reason reason, std::string subject, std::string problem)
      : std::runtime_error(subject.empty() ? problem : subject + ": " + problem),
        kind_(kind),
        reason_(reason),
        subject_(std::move(subject)),
        problem_(std::move(problem)) {}
  Error(Outcome kind, std::string subject, std::string problem)
      : Error(kind, Reason::none, std::move(subject), std::move(problem)) {}

  Outcome kind() const noexcept { return kind_; }
  Reason reason() const noexcept { return reason_; }
  const std::string& subject() const noexcept { return subject_; }
  const std::string& problem() const noexcept { return problem_; }

 private:
  Outcome kind_;
  Reason reason_;
  std::string subject_;
  std::string problem_;
};

// Every refusal and runtime failure names its reason; the forms without one are for usage
// errors (and give Reason::none).
[[noreturn]] inline void fail_runtime(Reason reason, std::string subject, std::string problem) {
  throw Error(Outcome::runtime, reason, std::move(subject), std::move(problem));
}
[[noreturn]] inline void fail_rejected(Reason reason, std::string subject, std::string problem) {
  throw Error(Outcome::rejected, reason, std::move(subject), std::move(problem));
}
[[noreturn]] inline void fail_usage(Reason reason, std::string subject, std::string problem) {
  throw Error(Outcome::usage, reason, std::move(subject), std::move(problem));
}
[[noreturn]] inline void fail_runtime(std::string subject, std::string problem) {
  fail_runtime(Reason::none, std::move(subject), std::move(problem));
}
[[noreturn]] inline void fail_usage(std::string subject, std::string problem) {
  fail_usage(Reason::none, std::move(subject), std::move(problem));
}
[[noreturn]] inline void fail_rejected(std::string subject, std::string problem) {
  fail_rejected(Reason::none, std::move(subject), std::move(problem));
}

}  // namespace gatecast
