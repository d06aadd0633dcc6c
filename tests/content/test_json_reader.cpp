#include <catch2/catch.hpp>

#include "content/base/json_reader.hpp"
#include "support/refusal.hpp"

using gatecast::Error;
using gatecast::Outcome;
using gatecast::Reason;
using gatecast::content::is_valid_utf8;
using gatecast::content::join_path;
using gatecast::content::JsonLimits;
using gatecast::content::ObjectReader;
using gatecast::content::parse_json;
using gatecast::test::error_of;
using gatecast::test::Refused;
using gatecast::test::UsageError;

namespace {

Error parse_refusal(std::string_view raw, const JsonLimits& limits = {}) {
  try {
    (void)parse_json(raw, "m.json", limits);
  } catch (const Error& e) {
    CHECK(e.kind() == Outcome::rejected);
    CHECK(e.subject() == "m.json");
    return e;
  }
  FAIL("accepted: " << raw.substr(0, 100));
  return Error(Outcome::ok, "", "accepted");
}

}  // namespace

TEST_CASE("json_reader: utf8 validation", "[json_reader]") {
  CHECK(is_valid_utf8("plain"));
  CHECK(is_valid_utf8("Hữu Nghị 友谊关 ລາວ ខ្មែរ 😀"));
  CHECK_FALSE(is_valid_utf8("\xff"));
  CHECK_FALSE(is_valid_utf8("\xc3"));              // truncated
  CHECK_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xe0\x80\xaf"));      // overlong
  CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
  CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
  CHECK_FALSE(is_valid_utf8("a\x80"));             // lone continuation
  CHECK(is_valid_utf8("\xf4\x8f\xbf\xbf"));        // U+10FFFF itself
  // ASCII is skipped eight bytes at a time: a bad byte or a character cut off at any offset
  // from a word's start is still found.
  for (std::size_t at = 0; at < 20; ++at) {
    INFO(at);
    const std::string ascii(at, 'a');
    CHECK_FALSE(is_valid_utf8(ascii + "\xff" + std::string(20, 'b')));
    CHECK_FALSE(is_valid_utf8(ascii + "\xe1\xbb"));
    CHECK_FALSE(is_valid_utf8(ascii + "\xed\xa0\x80" + std::string(9, 'c')));
    CHECK(is_valid_utf8(ascii + "ữ" + std::string(at, 'd')));
  }
}

TEST_CASE("json_reader: refuses broken, truncated and hostile documents", "[json_reader]") {
  CHECK_THAT(parse_refusal(""), Refused(Reason::schema));
  CHECK_THAT(parse_refusal("{\"a\": 1"), Refused(Reason::schema));
  CHECK_THAT(parse_refusal("{\"a\": 1}}"), Refused(Reason::schema));
  CHECK_THAT(parse_refusal("{'a': 1}"), Refused(Reason::schema));
  CHECK_THAT(parse_refusal("{\"a\": 1, /* c */ \"b\": 2}"), Refused(Reason::schema));
  CHECK_THAT(parse_refusal("{\"a\": NaN}"), Refused(Reason::schema));
  // Found by fuzz_manifest too: an overflowing number is nlohmann's out_of_range.
  CHECK_THAT(parse_refusal("{\"a\": 20e411}"), Refused(Reason::limit));
  CHECK_THAT(parse_refusal("[-1e999]"), Refused(Reason::limit));
  CHECK_THAT(parse_refusal("{\"a\": \"\xff\"}"), Refused(Reason::schema));
  CHECK_THAT(parse_refusal("{\"a\": 1, \"a\": 2}"), Refused(Reason::schema));
  // Duplicates at depth are caught too; the same key in sibling objects is fine.
  CHECK_THAT(parse_refusal("{\"x\": {\"k\": 1, \"k\": 1}}"), Refused(Reason::schema));
  CHECK_NOTHROW(parse_json("{\"x\": {\"k\": 1}, \"y\": {\"k\": 1}}", "m.json", {}));
  // An escaped surrogate pair decodes; a lone escaped surrogate is refused by the parser.
  CHECK_NOTHROW(parse_json("{\"a\": \"\\ud83d\\ude00\"}", "m.json", {}));
  CHECK_THAT(parse_refusal("{\"a\": \"\\ud83d\"}"), Refused(Reason::schema));
}

TEST_CASE("json_reader: limits on size, depth and strings", "[json_reader]") {
  JsonLimits limits;
  limits.max_bytes = 100;
  CHECK_THAT(parse_refusal(std::string(101, ' '), limits), Refused(Reason::limit));
  CHECK_NOTHROW(parse_json("[" + std::string(98, ' ') + "]", "m.json", limits));

  // 100,000 levels must be refused without recursing that deep.
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  CHECK_THAT(parse_refusal(deep), Refused(Reason::limit));
  const std::string deep_objects = [] {
    std::string s;
    for (int i = 0; i < 40; ++i) s += "{\"a\":";
    s += "1";
    for (int i = 0; i < 40; ++i) s += "}";
    return s;
  }();
  CHECK_THAT(parse_refusal(deep_objects), Refused(Reason::limit));
  CHECK_NOTHROW(parse_json(std::string(32, '[') + std::string(32, ']'), "m.json", {}));

  limits = {};
  limits.max_string_bytes = 10;
  CHECK_THAT(parse_refusal("[\"" + std::string(11, 'x') + "\"]", limits), Refused(Reason::limit));
  CHECK_NOTHROW(parse_json("[\"" + std::string(10, 'x') + "\"]", "m.json", limits));
}

TEST_CASE("json_reader: object reader refuses unknown keys and wrong types with the path", "[json_reader]") {
  const auto doc = parse_json(R"({"n": 5, "s": "x", "e": "", "b": true, "f": 1.5, "big": 18446744073709551615,
                                  "neg": -3, "typo": 1, "nul": null})",
                              "m.json", {});
  CHECK_THAT(error_of([&] { ObjectReader r(doc["n"], "a.n", "m.json"); }),
             Refused(Reason::schema).about("m.json").at("a.n"));
  ObjectReader r(doc, "slides[2]", "m.json");
  CHECK(r.integer("n", 1, 10) == 5);
  CHECK(r.string("s") == "x");
  CHECK(r.boolean_or("b", false));
  CHECK(r.number("f", 0, 2) == 1.5);
  CHECK(r.integer_or("absent", 0, 10, 7) == 7);
  CHECK(r.string_or("absent2", "dflt") == "dflt");
  CHECK_THAT(error_of([&] { (void)r.integer("n", 6, 10); }),
             Refused(Reason::schema).about("m.json").at("slides[2].n"));
  CHECK_THAT(error_of([&] { (void)r.integer("f", 0, 10); }),
             Refused(Reason::schema).about("m.json").at("slides[2].f"));
  CHECK_THAT(error_of([&] { (void)r.integer("big", 0, 10); }),
             Refused(Reason::schema).about("m.json").at("slides[2].big"));
  CHECK_THAT(error_of([&] { (void)r.integer("neg", 0, 10); }),
             Refused(Reason::schema).about("m.json").at("slides[2].neg"));
  CHECK_THAT(error_of([&] { (void)r.string("n"); }),
             Refused(Reason::schema).about("m.json").at("slides[2].n"));
  CHECK_THAT(error_of([&] { (void)r.string("e"); }),
             Refused(Reason::schema).about("m.json").at("slides[2].e"));
  CHECK_THAT(error_of([&] { (void)r.boolean_or("s", false); }),
             Refused(Reason::schema).about("m.json").at("slides[2].s"));
  CHECK_THAT(error_of([&] { (void)r.number("s", 0, 1); }),
             Refused(Reason::schema).about("m.json").at("slides[2].s"));
  CHECK_THAT(error_of([&] { (void)r.number("f", 0, 1); }),
             Refused(Reason::schema).about("m.json").at("slides[2].f"));
  CHECK_THAT(error_of([&] { (void)r.required("missing"); }),
             Refused(Reason::schema).about("m.json").at("slides[2].missing"));
  // null is not "absent": a key written as null is a mistake to report, not a default.
  CHECK_THAT(error_of([&] { (void)r.optional("nul"); }),
             Refused(Reason::schema).about("m.json").at("slides[2].nul"));
  CHECK_THAT(error_of([&] { r.finish(); }), Refused(Reason::schema).about("m.json").at("slides[2].typo"));
}

TEST_CASE("json_reader: join_path", "[json_reader]") {
  CHECK(join_path("", "a") == "a");
  CHECK(join_path("a", "b") == "a.b");
  CHECK(join_path("a", "[2]") == "a[2]");
}

TEST_CASE("json_reader: a refusal keeps the reader's outcome and names its reason", "[json_reader]") {
  const auto doc = parse_json(R"({"list": [1, 2, 3]})", "player.json", {}, Outcome::usage);
  const ObjectReader r(doc, "", "player.json", Outcome::usage);
  CHECK_THAT(error_of([&] { r.fail(Reason::limit, "list", "has more than 2 entries"); }),
             UsageError(Reason::limit).about("player.json").at("list"));
  CHECK_THAT(error_of([&] { r.fail("list", "expected objects"); }), UsageError(Reason::schema).at("list"));
  CHECK_THAT(error_of([] { (void)parse_json("{", "player.json", {}, Outcome::usage); }),
             UsageError(Reason::schema).about("player.json"));
}
