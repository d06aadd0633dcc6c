#pragma once
// Tests assert why something was refused or failed (gatecast::Reason), whose move it is (the
// Outcome, i.e. the exit code) and what it is about (the subject, a JSON path or an asset),
// never the English wording: rewording a message must not break a test. The few tests that
// pin the exact lines users see live in tests/content/test_messages.cpp.
//
//   CHECK_THROWS_REASON(parse_manifest(raw, "m.json"), Reason::schema);
//   CHECK_THROWS_MATCHES(install(...), Error, Refused(Reason::expired).about("manifest.json"));
//   CHECK_THAT(refusal_of(doc), Refused(Reason::limit).at("assets"));
#include <optional>
#include <string>
#include <utility>

#include <catch2/catch.hpp>

#include "content/base/error.hpp"

namespace Catch {
template <>
struct StringMaker<gatecast::Reason> {
  static std::string convert(gatecast::Reason reason) { return std::string(gatecast::reason_code(reason)); }
};
template <>
struct StringMaker<gatecast::Outcome> {
  static std::string convert(gatecast::Outcome kind) { return std::to_string(static_cast<int>(kind)); }
};
// A failing check shows the whole refusal, reason and outcome included.
template <>
struct StringMaker<gatecast::Error> {
  static std::string convert(const gatecast::Error& e) {
    return "Error(outcome " + std::to_string(static_cast<int>(e.kind())) + ", reason " +
           std::string(gatecast::reason_code(e.reason())) + ", \"" + e.what() + "\")";
  }
};
}  // namespace Catch

namespace gatecast::test {

class ErrorMatcher : public Catch::MatcherBase<Error> {
 public:
  ErrorMatcher(std::optional<Outcome> kind, Reason reason) : kind_(kind), reason_(reason) {}

  // The subject must be exactly `subject` (the file, URL, asset or key named first).
  [[nodiscard]] ErrorMatcher about(std::string subject) const {
    ErrorMatcher m = *this;
    m.subject_ = std::move(subject);
    return m;
  }
  // The problem must start with "<where>: " (a JSON path such as "playlists.day.slides[0]",
  // or the part of the subject a message names before its problem).
  [[nodiscard]] ErrorMatcher at(std::string where) const {
    ErrorMatcher m = *this;
    m.at_ = std::move(where);
    return m;
  }

  bool match(const Error& e) const override {
    if (kind_ && e.kind() != *kind_) return false;
    if (e.reason() != reason_) return false;
    if (subject_ && e.subject() != *subject_) return false;
    return !at_ || e.problem().rfind(*at_ + ": ", 0) == 0;
  }

  std::string describe() const override {
    std::string d = "is an Error";
    if (kind_) d += " with outcome " + std::to_string(static_cast<int>(*kind_));
    d += " and reason " + std::string(reason_code(reason_));
    if (subject_) d += ", about \"" + *subject_ + "\"";
    if (at_) d += ", at \"" + *at_ + "\"";
    return d;
  }

 private:
  std::optional<Outcome> kind_;
  Reason reason_;
  std::optional<std::string> subject_;
  std::optional<std::string> at_;
};

// Content refused (exit code 3) for `reason`.
inline ErrorMatcher Refused(Reason reason) {
  return {Outcome::rejected, reason};
}
// A runtime failure (exit code 1) for `reason`.
inline ErrorMatcher Failed(Reason reason) {
  return {Outcome::runtime, reason};
}
// A usage error (exit code 2): a command line, config or key file that is wrong.
inline ErrorMatcher UsageError(Reason reason = Reason::none) {
  return {Outcome::usage, reason};
}
// Any outcome, this reason.
inline ErrorMatcher HasReason(Reason reason) {
  return {std::nullopt, reason};
}

// The Error that `f` throws; fails the test (and returns an empty usage error) when it
// throws nothing.
template <typename F>
Error error_of(F&& f) {
  try {
    std::forward<F>(f)();
  } catch (const Error& e) {
    return e;
  }
  FAIL_CHECK("no gatecast::Error was thrown");
  return Error(Outcome::ok, "", "nothing was thrown");
}

}  // namespace gatecast::test

#define CHECK_THROWS_REASON(expr, reason) \
  CHECK_THROWS_MATCHES(expr, gatecast::Error, gatecast::test::HasReason(reason))
#define REQUIRE_THROWS_REASON(expr, reason) \
  REQUIRE_THROWS_MATCHES(expr, gatecast::Error, gatecast::test::HasReason(reason))
