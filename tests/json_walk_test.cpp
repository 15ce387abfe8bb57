// src/json: the walk (walker.hpp), the syntax locator (locate.hpp) and the document helpers
// (document.hpp).
//
// The contract (decisions.md): the body is one JSON object (RFC 8259, UTF-8); anything else (a
// syntax error, trailing content, invalid UTF-8, a byte-order mark, a lone surrogate escape,
// nesting beyond the limit, a body beyond the size limit) is refused. Limits: nesting at most
// max_depth levels with the root object at level 1; beyond a limit the failure has no offset and
// a message that names the limit. Otherwise offsets are bytes of the raw input: the byte where
// reading failed. Duplicate member names (after unescaping, at any depth) are marked. The walk
// does not judge the size of numbers (fields do).
//
// Expected offsets are counted by hand from the bodies (or found with std::string::find, which
// does not share code with the library).
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "bytes.hpp"
#include "json/document.hpp"
#include "json/locate.hpp"
#include "json/member_names.hpp"
#include "json/name_hash.hpp"
#include "json/walker.hpp"
#include "support.hpp"
#include "utf8.hpp"

namespace {

using bpv::json::children;
using bpv::json::document;
using bpv::json::failure;
using bpv::json::kind;
using bpv::json::node;
using bpv::json::none;
using bpv::json::walk_limits;
using bpv::json::route;
using bpv::json::walker;
using bpv::test::cat;

constexpr walk_limits defaults{std::size_t{1} << 20, 64};

// The locator with a stack of its own (its words are static text: they outlive the stack).
std::optional<bpv::json::syntax_location> locate(std::string_view body) {
  std::vector<char> stack;
  return bpv::json::locate_syntax_error(body, stack);
}

// A walker and its document: the document's views live as long as the walker.
struct walked {
  walker w;
  document doc;
  explicit walked(std::string_view body, walk_limits limits = defaults) { w.walk(body, limits, doc); }
  bool ok() const { return !doc.error.has_value(); }
  std::string error_text() const {
    if (!doc.error) return "no error";
    return doc.error->message + " @" + (doc.error->offset ? std::to_string(*doc.error->offset) : "none");
  }
};

// The member `name` of object `n` (first occurrence), or nullptr.
const node* member(const document& doc, const node& n, std::string_view name) {
  for (const node& c : children(doc, n))
    if (c.is_member() && c.name == name) return &c;
  return nullptr;
}

// Item `i` of array `n`, or nullptr.
const node* item(const document& doc, const node& n, std::size_t i) {
  std::size_t k = 0;
  for (const node& c : children(doc, n))
    if (k++ == i) return &c;
  return nullptr;
}

std::size_t count_children(const document& doc, const node& n) {
  std::size_t k = 0;
  for (auto it = children(doc, n).begin(); it != children(doc, n).end(); ++it) ++k;
  return k;
}

std::string nested_arrays(std::size_t levels) {
  // levels of nesting in total, the root object being the first: {"a":[[...]]}
  std::string s = "{\"a\":";
  s.append(levels - 1, '[');
  s.append(levels - 1, ']');
  s += '}';
  return s;
}

std::string nested_objects(std::size_t levels) {
  std::string s = "{";
  for (std::size_t k = 1; k < levels; ++k) s += "\"a\":{";
  s.append(levels, '}');
  return s;
}

// ---------------------------------------------------------------------------------------------
// is_blank, is_json_number

TEST(JsonHelpers, IsBlank) {
  EXPECT_TRUE(bpv::json::is_blank(""));
  EXPECT_TRUE(bpv::json::is_blank(" "));
  EXPECT_TRUE(bpv::json::is_blank(" \t\r\n \n"));
  EXPECT_FALSE(bpv::json::is_blank("\f"));          // form feed is not JSON white space
  EXPECT_FALSE(bpv::json::is_blank("\v"));
  EXPECT_FALSE(bpv::json::is_blank("\xC2\xA0"));    // no-break space
  EXPECT_FALSE(bpv::json::is_blank(" {} "));
  EXPECT_FALSE(bpv::json::is_blank(std::string_view("\0", 1)));
}

// One pass, sixteen bytes at a time where the CPU allows: each special byte found at every
// place of bodies of every size up to 70, none found in its neighbours ('=' and '?' lie next
// to '<' and '>', '[' and ']' next to '\\'), and nothing read past a body's end (the body is
// a part of a longer string holding specials after it).
TEST(Bytes, FindSpecial) {
  auto find_special_bytes = [](std::string_view s) { return bpv::bytes::find_special(s); };
  for (std::size_t size = 0; size <= 70; ++size) {
    std::string const plain(size, 'a');
    std::string const behind = plain + "\\<>";  // specials just past the end of the view
    auto none = find_special_bytes(std::string_view(behind).substr(0, size));
    EXPECT_FALSE(none.backslash || none.angle_bracket) << size;
    for (std::size_t at = 0; at < size; ++at) {
      for (char c : {'\\', '<', '>', '=', '?', '[', ']', ';', '|', '^'}) {
        std::string body = plain;
        body[at] = c;
        auto const found = find_special_bytes(body);
        EXPECT_EQ(found.backslash, c == '\\') << size << " " << at << " " << c;
        EXPECT_EQ(found.angle_bracket, c == '<' || c == '>') << size << " " << at << " " << c;
      }
    }
  }
}

// Counting and finding the n-th byte, sixteen at a time: against a plain loop, on strings of
// every size to 300 (past the 255 blocks a counter holds, at 4 KiB) with the byte at random places.
TEST(Bytes, CountAndAfterNth) {
  std::mt19937 gen(7);
  for (std::size_t size : {0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 255, 256, 300, 4080, 4096, 4111, 9000}) {
    for (int density : {0, 3, 50, 100}) {
      std::string s(size, 'x');
      for (auto& ch : s)
        if (static_cast<int>(gen() % 100) < density) ch = ',';
      std::string const behind = s + ",,,,,,,,";  // commas past the view's end must not count
      std::string_view const view = std::string_view(behind).substr(0, size);
      std::size_t expected = 0;
      for (char ch : s) expected += ch == ',';
      EXPECT_EQ(bpv::bytes::count(view, ','), expected) << size << " " << density;
      for (std::size_t n = 1; n <= expected + 1 && n <= 40; ++n) {
        std::size_t want = std::string_view::npos, seen = 0;
        for (std::size_t i = 0; i < size; ++i)
          if (s[i] == ',' && ++seen == n) {
            want = i + 1;
            break;
          }
        EXPECT_EQ(bpv::bytes::after_nth(view, ',', n), want) << size << " " << density << " " << n;
      }
    }
  }
}

TEST(JsonHelpers, IsJsonNumber) {
  for (std::string_view good : {"0", "-0", "7", "10", "1234567890", "1.5", "-1.5", "0.0", "0.000", "1e5", "1E5",
                                "1e+5", "1e-5", "-1.5e+10", "2.5E-003", "1e400", "-0.0e0"})
    EXPECT_TRUE(bpv::json::is_json_number(good)) << good;
  for (std::string_view bad : {"", "-", "01", "-01", "00", "1.", ".5", "-.5", "1e", "1e+", "1E-", "+1", "1 ",
                               " 1", "0x10", "Infinity", "-Infinity", "NaN", "--1", "1.2.3", "1e5.0", "1ee5",
                               "１", "1,5", "1_000"})
    EXPECT_FALSE(bpv::json::is_json_number(bad)) << bad;
}

// ---------------------------------------------------------------------------------------------
// raw_index_of

TEST(RawIndexOf, PlainText) {
  EXPECT_EQ(bpv::json::raw_index_of("abc", 0), 0u);
  EXPECT_EQ(bpv::json::raw_index_of("abc", 2), 2u);
  EXPECT_EQ(bpv::json::raw_index_of("abc", 3), 3u);
  // Raw UTF-8 has the same bytes unescaped: "é" is 2 bytes both ways.
  EXPECT_EQ(bpv::json::raw_index_of("\xC3\xA9x", 2), 2u);
}

TEST(RawIndexOf, Escapes) {
  // a \u0062 c : 'a' at 0, the escape at 1..6, 'c' at 7.
  EXPECT_EQ(bpv::json::raw_index_of("a\\u0062c", 0), 0u);
  EXPECT_EQ(bpv::json::raw_index_of("a\\u0062c", 1), 1u);
  EXPECT_EQ(bpv::json::raw_index_of("a\\u0062c", 2), 7u);
  EXPECT_EQ(bpv::json::raw_index_of("a\\u0062c", 3), 8u);
  // A surrogate pair escape is one 4-byte character: unescaped index 4 is the 'x' at raw 12.
  EXPECT_EQ(bpv::json::raw_index_of("\\ud83d\\ude00x", 0), 0u);
  EXPECT_EQ(bpv::json::raw_index_of("\\ud83d\\ude00x", 4), 12u);
  EXPECT_EQ(bpv::json::raw_index_of("\\uD83D\\uDE00x", 4), 12u);  // upper-case hex
  // Two-character escapes.
  EXPECT_EQ(bpv::json::raw_index_of("\\n\\tz", 2), 4u);
  EXPECT_EQ(bpv::json::raw_index_of("\\\"\\\\\\/z", 3), 6u);
  // \u00e9 is 2 bytes of UTF-8, \u20ac 3; at the edges, \u007f 1, \u0080 and \u07ff 2, \u0800 3.
  EXPECT_EQ(bpv::json::raw_index_of("\\u00e9x", 2), 6u);
  EXPECT_EQ(bpv::json::raw_index_of("\\u20ACx", 3), 6u);
  EXPECT_EQ(bpv::json::raw_index_of("\\u007Fx", 1), 6u);
  EXPECT_EQ(bpv::json::raw_index_of("\\u0080x", 2), 6u);
  EXPECT_EQ(bpv::json::raw_index_of("\\u07FFx", 2), 6u);
  EXPECT_EQ(bpv::json::raw_index_of("\\u0800x", 3), 6u);
  EXPECT_EQ(bpv::json::raw_index_of("\\u0800x", 2), 6u) << "an index inside the character: past it";
  // "13:\u0030\u0035": the minute's first digit (unescaped index 3) is the '\' at raw 3.
  EXPECT_EQ(bpv::json::raw_index_of("13:\\u0030\\u0035", 3), 3u);
  EXPECT_EQ(bpv::json::raw_index_of("13:\\u0030\\u0035", 4), 9u);
}

// Random raw strings built from pieces whose raw and unescaped sizes are known; the raw start of
// every piece must be found from its unescaped start. The walk of the same string must unescape
// it to the bytes the pieces say.
TEST(RawIndexOf, RandomPiecesAgreeWithTheWalk) {
  struct piece {
    std::string raw;
    std::string unescaped;
  };
  const std::vector<piece> pieces = {
      {"a", "a"},
      {"Z", "Z"},
      {"\\n", "\n"},
      {"\\\"", "\""},
      {"\\\\", "\\"},
      {"\\/", "/"},
      {"\\u0041", "A"},
      {"\\u00e9", "\xC3\xA9"},
      {"\\u00E9", "\xC3\xA9"},
      {"\\u20ac", "\xE2\x82\xAC"},
      {"\\uFFFD", "\xEF\xBF\xBD"},
      {"\\ud83d\\ude00", "\xF0\x9F\x98\x80"},
      {"\\uDBFF\\uDFFF", "\xF4\x8F\xBF\xBF"},
      {"\xC3\xA9", "\xC3\xA9"},
      {"\xE2\x82\xAC", "\xE2\x82\xAC"},
  };
  std::mt19937 rng(7u);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> len(0, 12);
  for (int n = 0; n < 2000; ++n) {
    std::string raw, unescaped;
    std::vector<std::size_t> raw_starts, unescaped_starts;
    for (int k = len(rng); k > 0; --k) {
      const piece& p = pieces[pick(rng)];
      raw_starts.push_back(raw.size());
      unescaped_starts.push_back(unescaped.size());
      raw += p.raw;
      unescaped += p.unescaped;
    }
    for (std::size_t k = 0; k < raw_starts.size(); ++k)
      ASSERT_EQ(bpv::json::raw_index_of(raw, unescaped_starts[k]), raw_starts[k]) << raw << " piece " << k;
    ASSERT_EQ(bpv::json::raw_index_of(raw, unescaped.size()), raw.size()) << raw;

    walked w("{\"s\":\"" + raw + "\"}");
    ASSERT_TRUE(w.ok()) << raw << ": " << w.error_text();
    const node* s = member(w.doc, w.doc.root(), "s");
    ASSERT_NE(s, nullptr);
    ASSERT_EQ(s->text, unescaped) << raw;
    ASSERT_EQ(s->raw, raw);
  }
}

// ---------------------------------------------------------------------------------------------
// The walk: what a good body gives

TEST(JsonWalk, NodeKindsTextsAndShape) {
  std::string const body = R"({"s":"x","n":1.50,"t":true,"f":false,"z":null,"a":[1,"y"],"o":{}})";
  walked w(body);
  ASSERT_TRUE(w.ok()) << w.error_text();
  const document& d = w.doc;
  const node& root = d.root();
  EXPECT_EQ(root.kind, kind::object);
  EXPECT_EQ(root.depth, 1u);
  EXPECT_EQ(root.parent, none);
  EXPECT_EQ(root.offset, 0u);
  EXPECT_FALSE(root.is_member());
  EXPECT_EQ(root.child_count, 7u);
  EXPECT_EQ(count_children(d, root), 7u);

  const char* names[] = {"s", "n", "t", "f", "z", "a", "o"};
  const kind kinds[] = {kind::string, kind::number, kind::boolean, kind::boolean, kind::null, kind::array, kind::object};
  const char* texts[] = {"x", "1.50", "true", "false", "null", nullptr, nullptr};
  std::size_t k = 0;
  for (const node& c : children(d, root)) {
    ASSERT_LT(k, 7u);
    EXPECT_TRUE(c.is_member());
    EXPECT_EQ(c.name, names[k]);
    EXPECT_EQ(c.kind, kinds[k]) << names[k];
    EXPECT_EQ(c.depth, 2u);
    EXPECT_EQ(c.index, k);
    EXPECT_EQ(&d.nodes[c.parent], &root);
    EXPECT_FALSE(c.duplicate);
    std::string const quoted = std::string("\"") + names[k] + "\":";
    EXPECT_EQ(c.name_offset, body.find(quoted)) << names[k];
    EXPECT_EQ(c.offset, body.find(quoted) + quoted.size()) << names[k];
    if (texts[k]) {
      EXPECT_EQ(c.text, texts[k]) << names[k];
    }
    ++k;
  }
  EXPECT_EQ(k, 7u);

  const node* a = member(d, root, "a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->child_count, 2u);
  const node* a0 = item(d, *a, 0);
  const node* a1 = item(d, *a, 1);
  ASSERT_TRUE(a0 && a1);
  EXPECT_FALSE(a0->is_member());
  EXPECT_EQ(a0->kind, kind::number);
  EXPECT_EQ(a0->text, "1");
  EXPECT_EQ(a0->depth, 3u);
  EXPECT_EQ(a0->index, 0u);
  EXPECT_EQ(a1->kind, kind::string);
  EXPECT_EQ(a1->text, "y");
  EXPECT_EQ(a1->index, 1u);
  EXPECT_EQ(a0->offset, body.find("[1") + 1);
  EXPECT_EQ(a1->offset, body.find("\"y\""));

  const node* o = member(d, root, "o");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->child_count, 0u);
  EXPECT_EQ(o->first_child, none);
  EXPECT_EQ(count_children(d, *o), 0u);
  // A scalar has no children.
  EXPECT_EQ(count_children(d, *member(d, root, "s")), 0u);
}

TEST(JsonWalk, EmptyObjectAndLeadingSpace) {
  walked w(" \n{}\t");
  ASSERT_TRUE(w.ok()) << w.error_text();
  ASSERT_EQ(w.doc.nodes.size(), 1u);
  EXPECT_EQ(w.doc.root().kind, kind::object);
  EXPECT_EQ(w.doc.root().offset, 2u);  // the '{'
  EXPECT_EQ(w.doc.root().child_count, 0u);
}

TEST(JsonWalk, OffsetsWithWhiteSpace) {
  std::string const body = "{ \n \"a\" :\t \"v\" , \"b\" : [ 1 , 2 ] }";
  walked w(body);
  ASSERT_TRUE(w.ok()) << w.error_text();
  const node* a = member(w.doc, w.doc.root(), "a");
  const node* b = member(w.doc, w.doc.root(), "b");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->name_offset, 4u);               // the name's opening quote
  EXPECT_EQ(a->offset, body.find("\"v\""));    // the value's opening quote
  EXPECT_EQ(a->raw, "v");
  EXPECT_EQ(a->raw_name, "a");
  EXPECT_EQ(b->name_offset, body.find("\"b\""));
  EXPECT_EQ(b->offset, body.find('['));
  const node* b1 = item(w.doc, *b, 1);
  ASSERT_NE(b1, nullptr);
  EXPECT_EQ(b1->offset, body.find('2'));
  EXPECT_EQ(b1->text, "2");  // no trailing white space in the literal
}

TEST(JsonWalk, NamesAreUnescaped) {
  std::string const body = R"({"\u0062ackup_policy_name":"n\u0061me","a\/b":1,"q\"":2})";
  walked w(body);
  ASSERT_TRUE(w.ok()) << w.error_text();
  const node* n = member(w.doc, w.doc.root(), "backup_policy_name");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->raw_name, R"(\u0062ackup_policy_name)");
  EXPECT_EQ(n->name_offset, 1u);
  EXPECT_EQ(n->offset, body.find("\"n\\u0061me\""));
  EXPECT_EQ(n->text, "name");
  EXPECT_EQ(n->raw, R"(n\u0061me)");
  const node* ab = member(w.doc, w.doc.root(), "a/b");
  ASSERT_NE(ab, nullptr);
  EXPECT_EQ(ab->raw_name, R"(a\/b)");
  EXPECT_EQ(ab->name_offset, body.find(R"("a\/b")"));
  const node* q = member(w.doc, w.doc.root(), "q\"");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->raw_name, R"(q\")");
  EXPECT_EQ(q->name_offset, body.find(R"("q\"")"));
  EXPECT_EQ(q->offset, body.find(":2") + 1);
}

TEST(JsonWalk, NonAsciiNamesAndValues) {
  std::string const body = "{\"\xC3\xA9t\xC3\xA9\":\"\xF0\x9F\x98\x80\",\"x\":\"\x7F\"}";
  walked w(body);
  ASSERT_TRUE(w.ok()) << w.error_text();
  const node* e = member(w.doc, w.doc.root(), "\xC3\xA9t\xC3\xA9");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->text, "\xF0\x9F\x98\x80");
  EXPECT_EQ(e->offset, 9u);  // {"été": is 1 + 1 + 5 + 1 + 1 bytes
  const node* x = member(w.doc, w.doc.root(), "x");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->text, "\x7F");  // DEL is not a control character for JSON
}

TEST(JsonWalk, SurrogatePairEscapeIsOneCharacter) {
  walked w(R"({"a":"\ud83d\ude00"})");
  ASSERT_TRUE(w.ok()) << w.error_text();
  EXPECT_EQ(member(w.doc, w.doc.root(), "a")->text, "\xF0\x9F\x98\x80");
}

// ---------------------------------------------------------------------------------------------
// Duplicates: compared after unescaping, per object, at any depth

TEST(JsonWalk, DuplicatesAfterUnescapingAtAnyDepth) {
  walked w(R"({"a":{"x":1,"\u0078":2}})");
  ASSERT_TRUE(w.ok()) << w.error_text();
  const node* a = member(w.doc, w.doc.root(), "a");
  ASSERT_NE(a, nullptr);
  EXPECT_FALSE(a->duplicate);
  const node* x1 = item(w.doc, *a, 0);
  const node* x2 = item(w.doc, *a, 1);
  ASSERT_TRUE(x1 && x2);
  EXPECT_EQ(x1->name, "x");
  EXPECT_EQ(x2->name, "x");
  EXPECT_FALSE(x1->duplicate);
  EXPECT_TRUE(x2->duplicate);
  EXPECT_EQ(x2->text, "2");
  EXPECT_EQ(bpv::json::pointer_of(w.doc, *x2), "/a/x");
  EXPECT_EQ(x2->name_offset, std::string_view(R"({"a":{"x":1,)").size());
}

TEST(JsonWalk, DuplicatesTopLevelAndDeep) {
  walked w(R"({"a":1,"b":{"c":[{"d":{"e":0,"e":1}}]},"\u0061":2})");
  ASSERT_TRUE(w.ok()) << w.error_text();
  std::vector<std::string> dups;
  for (const node& n : w.doc.nodes)
    if (n.duplicate) dups.push_back(bpv::json::pointer_of(w.doc, n) + "=" + std::string(n.text));
  EXPECT_EQ(dups, (std::vector<std::string>{"/b/c/0/d/e=1", "/a=2"}));
}

TEST(JsonWalk, SameNameInDifferentObjectsIsNotADuplicate) {
  walked w(R"({"x":{"a":1},"y":{"a":2},"l":[{"a":1},{"a":1}],"A":0,"a":{"a":{"a":3}}})");
  ASSERT_TRUE(w.ok()) << w.error_text();
  for (const node& n : w.doc.nodes) EXPECT_FALSE(n.duplicate) << bpv::json::pointer_of(w.doc, n);
}

TEST(JsonWalk, DuplicatesInWideObjects) {
  // Wide objects: duplicates are found however many members come before.
  std::string body = "{";
  for (int k = 0; k < 40; ++k) body += "\"k" + std::to_string(k) + "\":" + std::to_string(k) + ",";
  body += R"("k3":"d1","\u006b39":"d2","k40":"new","k0":"d3"})";
  walked w(body);
  ASSERT_TRUE(w.ok()) << w.error_text();
  std::vector<std::string> dups;
  std::size_t members = 0;
  for (const node& n : children(w.doc, w.doc.root())) {
    ++members;
    if (n.duplicate) dups.push_back(std::string(n.name) + "=" + std::string(n.text));
  }
  EXPECT_EQ(members, 44u);
  EXPECT_EQ(dups, (std::vector<std::string>{"k3=d1", "k39=d2", "k0=d3"}));
}

TEST(JsonWalk, DuplicatesInObjectsThatOutgrowTheirTable) {
  // 1,000 members (the table grows several times within one object), walked twice by one
  // walker: every repeat is found, and nothing of the first walk is taken for a repeat.
  auto name = [](int k) {
    std::string n = "m";
    n += std::to_string(k);
    return n;
  };
  walker w;
  for (int round = 0; round < 2; ++round) {
    std::string body = "{";
    for (int k = 0; k < 1000; ++k) body += cat({"\"", name(k * 7 + round), "\":0,"});
    body += cat({"\"", name(999 * 7 + round), "\":1,\"", name(round), "\":2,\"fresh\":3}"});
    document doc;
    w.walk(body, defaults, doc);
    ASSERT_FALSE(doc.error.has_value());
    std::vector<std::string> dups;
    for (const node& n : children(doc, doc.root()))
      if (n.duplicate) dups.emplace_back(n.name);
    EXPECT_EQ(dups, (std::vector<std::string>{name(999 * 7 + round), name(round)})) << "round " << round;
  }
}

TEST(JsonWalk, SiblingObjectsDoNotShareNames) {
  // Names of one object must be forgotten when the next object at the same depth opens.
  std::string body = R"({"l":[)";
  for (int k = 0; k < 3; ++k) {
    if (k) body += ",";
    body += "{";
    for (int m = 0; m < 20; ++m) body += std::string(m ? "," : "") + "\"n" + std::to_string(m) + "\":0";
    body += "}";
  }
  body += "]}";
  walked w(body);
  ASSERT_TRUE(w.ok()) << w.error_text();
  for (const node& n : w.doc.nodes) EXPECT_FALSE(n.duplicate) << bpv::json::pointer_of(w.doc, n);
}

// ---------------------------------------------------------------------------------------------
// JSON Pointers

TEST(JsonPointer, EscapingAndArrayIndices) {
  walked w(R"({"a/b":{"c~d":[0,{"e":1}]},"~1":true,"":null,"sp ace":[[5]]})");
  ASSERT_TRUE(w.ok()) << w.error_text();
  const document& d = w.doc;
  EXPECT_EQ(bpv::json::pointer_of(d, d.root()), "");
  const node* ab = member(d, d.root(), "a/b");
  ASSERT_NE(ab, nullptr);
  EXPECT_EQ(bpv::json::pointer_of(d, *ab), "/a~1b");
  const node* cd = member(d, *ab, "c~d");
  ASSERT_NE(cd, nullptr);
  EXPECT_EQ(bpv::json::pointer_of(d, *cd), "/a~1b/c~0d");
  EXPECT_EQ(bpv::json::pointer_of(d, *item(d, *cd, 0)), "/a~1b/c~0d/0");
  const node* obj = item(d, *cd, 1);
  ASSERT_NE(obj, nullptr);
  EXPECT_EQ(bpv::json::pointer_of(d, *obj), "/a~1b/c~0d/1");
  EXPECT_EQ(bpv::json::pointer_of(d, *member(d, *obj, "e")), "/a~1b/c~0d/1/e");
  EXPECT_EQ(bpv::json::pointer_of(d, *member(d, d.root(), "~1")), "/~01");
  EXPECT_EQ(bpv::json::pointer_of(d, *member(d, d.root(), "")), "/");
  const node* sp = member(d, d.root(), "sp ace");
  ASSERT_NE(sp, nullptr);
  EXPECT_EQ(bpv::json::pointer_of(d, *item(d, *item(d, *sp, 0), 0)), "/sp ace/0/0");
}

TEST(JsonPointer, TenthItemAndEscapedName) {
  walked w(R"({"a\/\u007e":[0,1,2,3,4,5,6,7,8,9,10]})");
  ASSERT_TRUE(w.ok()) << w.error_text();
  const node* a = member(w.doc, w.doc.root(), "a/~");
  ASSERT_NE(a, nullptr);
  const node* ten = item(w.doc, *a, 10);
  ASSERT_NE(ten, nullptr);
  EXPECT_EQ(ten->text, "10");
  EXPECT_EQ(ten->index, 10u);
  EXPECT_EQ(bpv::json::pointer_of(w.doc, *ten), "/a~1~0/10");
}

TEST(JsonPointer, EscapesEmptyAndNumericNames) {
  // "~/~", "" and "01" as member names: escaped, kept empty, and not taken for an index.
  walked w(R"({"a":{"~/~":{"":{"01":[true]}}}})");
  ASSERT_TRUE(w.ok()) << w.error_text();
  const node* deepest = &w.doc.nodes.back();
  EXPECT_EQ(deepest->kind, kind::boolean);
  EXPECT_EQ(bpv::json::pointer_of(w.doc, *deepest), "/a/~0~1~0//01/0");
  EXPECT_EQ(bpv::json::pointer_of(w.doc, w.doc.root()), "");
}

// ---------------------------------------------------------------------------------------------
// Limits

TEST(JsonWalkLimits, DepthSixtyFourAllowedSixtyFiveRefused) {
  for (auto make : {nested_arrays, nested_objects}) {
    walked ok(make(64));
    ASSERT_TRUE(ok.ok()) << ok.error_text();
    std::uint32_t deepest = 0;
    for (const node& n : ok.doc.nodes) deepest = std::max(deepest, n.depth);
    EXPECT_EQ(deepest, 64u);

    walked bad(make(65));
    ASSERT_TRUE(bad.doc.error.has_value());
    EXPECT_EQ(bad.doc.error->why, failure::reason::too_deep);
    EXPECT_FALSE(bad.doc.error->offset.has_value());
    EXPECT_NE(bad.doc.error->message.find("64"), std::string::npos) << bad.doc.error->message;
  }
}

// A byte-order mark is not JSON (decisions.md), whatever simdjson makes of it: 3.0.1 refuses it,
// 3.12 (Debian 13's) skips it. Each route leaves it to the locator, and no index is made of it
// (bind_index would read the object after it).
TEST(JsonWalk, ByteOrderMarkIsRefusedByEveryRoute) {
  for (std::string_view const body : {"\xEF\xBB\xBF{}", "\xEF\xBB\xBF{\"a\":1}", "\xEF\xBB\xBF[1]", "\xEF\xBB\xBF\"x\"",
                                      "\xEF\xBB\xBF \n{\"a\":{\"b\":[]}}"}) {
    for (route how : {route::automatic, route::dom, route::on_demand}) {
      walker w;
      EXPECT_FALSE(w.index(body, defaults).has_value()) << body;
      document d;
      w.walk(body, defaults, d, how);
      ASSERT_TRUE(d.error.has_value()) << body;
      EXPECT_EQ(d.error->why, failure::reason::syntax) << body << ": " << d.error->message;
      EXPECT_EQ(d.error->offset, std::optional<std::size_t>{0}) << body;
      EXPECT_NE(d.error->message.find("byte-order mark"), std::string::npos) << d.error->message;
      EXPECT_TRUE(d.nodes.empty()) << body;
    }
  }
  // Only a mark at the very start is this finding: inside a string U+FEFF is a character like
  // any other, and after white space it is a byte where JSON allows none.
  walker w;
  document d;
  w.walk("{\"a\":\"\xEF\xBB\xBF\"}", defaults, d);
  EXPECT_FALSE(d.error.has_value()) << d.error->message;
  w.walk(" \xEF\xBB\xBF{}", defaults, d);
  ASSERT_TRUE(d.error.has_value());
  EXPECT_EQ(d.error->offset, std::optional<std::size_t>{1});
}

// Nested exactly to the limit, a body is read by the route asked for, not handed on to the
// next: from the index alone (automatic), from DOM's tape (dom). Past it, the On-Demand walk
// says it is too deep. (Each route makes the same document: only made_by() tells a route that
// gave up a level early.)
TEST(JsonWalkLimits, EachRouteReadsABodyNestedToTheLimit) {
  for (auto make : {nested_arrays, nested_objects}) {
    for (std::size_t depth : {std::size_t{2}, std::size_t{3}, std::size_t{64}}) {
      walk_limits const limits{defaults.max_body_bytes, depth};
      for (route how : {route::automatic, route::dom}) {
        walker w;
        document doc;
        w.walk(make(depth), limits, doc, how);
        EXPECT_FALSE(doc.error.has_value()) << depth;
        EXPECT_EQ(w.made_by(), how) << "depth " << depth << ": " << make(depth);
        w.walk(make(depth + 1), limits, doc, how);
        ASSERT_TRUE(doc.error.has_value()) << depth;
        EXPECT_EQ(doc.error->why, failure::reason::too_deep);
        EXPECT_EQ(w.made_by(), route::on_demand);
      }
    }
  }
}

TEST(JsonWalkLimits, DepthLimitIsConfigurable) {
  walked one_ok(R"({"a":1,"b":"x"})", walk_limits{defaults.max_body_bytes, 1});
  EXPECT_TRUE(one_ok.ok()) << one_ok.error_text();
  walked one_bad(R"({"a":[]})", walk_limits{defaults.max_body_bytes, 1});
  ASSERT_TRUE(one_bad.doc.error.has_value());
  EXPECT_EQ(one_bad.doc.error->why, failure::reason::too_deep);
  EXPECT_FALSE(one_bad.doc.error->offset.has_value());

  walked three_ok(nested_objects(3), walk_limits{defaults.max_body_bytes, 3});
  EXPECT_TRUE(three_ok.ok()) << three_ok.error_text();
  walked three_bad(nested_objects(4), walk_limits{defaults.max_body_bytes, 3});
  ASSERT_TRUE(three_bad.doc.error.has_value());
  EXPECT_EQ(three_bad.doc.error->why, failure::reason::too_deep);
}

TEST(JsonWalkLimits, DeepNestingWithinARaisedLimitIsRead) {
  // The limit is the caller's: 1,500 levels under a limit of 2,000 are within it.
  walked w(nested_arrays(1500), walk_limits{defaults.max_body_bytes, 2000});
  EXPECT_TRUE(w.ok()) << w.error_text();
}

TEST(JsonWalkLimits, HundredThousandNestedArraysRefusedAsTooDeep) {
  std::string body = "{\"a\":";
  body.append(100000, '[');
  body.append(100000, ']');
  body += '}';
  walked w(body);
  ASSERT_TRUE(w.doc.error.has_value());
  EXPECT_EQ(w.doc.error->why, failure::reason::too_deep) << w.error_text();
  EXPECT_FALSE(w.doc.error->offset.has_value());
}

TEST(JsonWalkLimits, HundredThousandUnclosedArraysRefusedWithoutCrashing) {
  std::string body = "{\"a\":";
  body.append(100000, '[');
  walked w(body);
  ASSERT_TRUE(w.doc.error.has_value());
  // Both too deep and cut short: too deep comes first.
  EXPECT_EQ(w.doc.error->why, failure::reason::too_deep) << w.error_text();
  // The locator (iterative) survives it too, and without a depth limit points at the end.
  auto at = locate(body);
  ASSERT_TRUE(at.has_value());
  EXPECT_EQ(at->offset, body.size());
}

TEST(JsonWalkLimits, TheFirstProblemReadingFromTheStartIsReported) {
  // A root object nesting past the limit is too deep whatever breaks after the level too many
  // (simdjson's first stage sees the end, trailing content and bad UTF-8 before any depth);
  // what breaks before it is reported where it is.
  std::string const head = R"({"backup_policy_name":"a","x":)";
  std::string const deep(70, '[');
  std::string const closed = deep + std::string(70, ']');
  for (const std::string& tail : {std::string{}, closed.substr(70) + "}x", std::string("\xFF"), std::string("}"),
                                   std::string("\"\x01\"]"), std::string("tru"), std::string("1.e5]")}) {
    walked w(head + deep + tail);
    ASSERT_TRUE(w.doc.error.has_value()) << tail;
    EXPECT_EQ(w.doc.error->why, failure::reason::too_deep) << tail << ": " << w.error_text();
    EXPECT_FALSE(w.doc.error->offset.has_value()) << tail;
  }
  for (const std::string& early : {std::string("\xFF"), std::string("tru,"), std::string("\"a\x01\",")}) {
    std::string const body = head + "[" + early + deep + "]";
    walked w(body);
    ASSERT_TRUE(w.doc.error.has_value()) << early;
    EXPECT_EQ(w.doc.error->why, failure::reason::syntax) << early << ": " << w.error_text();
    ASSERT_TRUE(w.doc.error->offset.has_value()) << early;
    EXPECT_LT(*w.doc.error->offset, head.size() + 1 + early.size()) << early;
  }
  // A root array is no object however deep: a syntax error in it is still one.
  walked arr(std::string(100, '[') + "1,");
  ASSERT_TRUE(arr.doc.error.has_value());
  EXPECT_EQ(arr.doc.error->why, failure::reason::syntax) << arr.error_text();
}

TEST(JsonWalkLimits, BodySizeLimit) {
  std::string const ten = R"({"a":"12"})";
  ASSERT_EQ(ten.size(), 10u);
  walked at_limit(ten, walk_limits{10, 64});
  EXPECT_TRUE(at_limit.ok()) << at_limit.error_text();
  walked over(ten, walk_limits{9, 64});
  ASSERT_TRUE(over.doc.error.has_value());
  EXPECT_EQ(over.doc.error->why, failure::reason::too_large);
  EXPECT_FALSE(over.doc.error->offset.has_value());
  EXPECT_NE(over.doc.error->message.find('9'), std::string::npos) << over.doc.error->message;

  // The default 1 MiB: a body one byte over is refused even though it is good JSON.
  auto body_of_size = [](std::size_t size) { return "{\"a\":\"" + std::string(size - 8, 'x') + "\"}"; };
  std::string const big = body_of_size(std::size_t{1} << 20);
  ASSERT_EQ(big.size(), std::size_t{1} << 20);
  walked big_ok(big);
  EXPECT_TRUE(big_ok.ok()) << big_ok.error_text();
  walked big_bad(body_of_size((std::size_t{1} << 20) + 1));
  ASSERT_TRUE(big_bad.doc.error.has_value());
  EXPECT_EQ(big_bad.doc.error->why, failure::reason::too_large);
  EXPECT_FALSE(big_bad.doc.error->offset.has_value());
}

// ---------------------------------------------------------------------------------------------
// Not an object

TEST(JsonWalk, RootMustBeAnObject) {
  for (std::string_view body : {"42", "-1.5", "[]", "[{\"a\":1}]", "\"s\"", "null", "true", "false"}) {
    walked w(body);
    ASSERT_TRUE(w.doc.error.has_value()) << body;
    EXPECT_EQ(w.doc.error->why, failure::reason::not_object) << body;
    ASSERT_TRUE(w.doc.error->offset.has_value()) << body;
    EXPECT_EQ(*w.doc.error->offset, 0u) << body;
  }
  walked spaced("  7 ");
  ASSERT_TRUE(spaced.doc.error.has_value());
  EXPECT_EQ(spaced.doc.error->why, failure::reason::not_object);
  EXPECT_EQ(spaced.doc.error->offset, std::optional<std::size_t>(2));
}

// ---------------------------------------------------------------------------------------------
// Numbers: syntax only; size is the fields' business

TEST(JsonWalk, MegabyteNumberIsRead) {
  std::string digits(std::size_t{1} << 20, '9');
  digits[0] = '1';
  std::string const body = "{\"a\":" + digits + "}";
  walked w(body, walk_limits{std::size_t{4} << 20, 64});
  ASSERT_TRUE(w.ok()) << w.error_text();
  const node* a = member(w.doc, w.doc.root(), "a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->kind, kind::number);
  EXPECT_EQ(a->text.size(), digits.size());
  EXPECT_EQ(a->text, digits);

  std::string const frac = "{\"a\":-0." + digits + "e-9}";
  walked f(frac, walk_limits{std::size_t{4} << 20, 64});
  ASSERT_TRUE(f.ok()) << f.error_text();
  EXPECT_EQ(member(f.doc, f.doc.root(), "a")->text.size(), digits.size() + 6);
}

TEST(JsonWalk, HugeExponentsAreRead) {
  walked w(R"({"a":1e400,"b":-1E+400,"c":1e-400,"d":[2.5e99999]})");
  ASSERT_TRUE(w.ok()) << w.error_text();
  EXPECT_EQ(member(w.doc, w.doc.root(), "a")->text, "1e400");
  EXPECT_EQ(member(w.doc, w.doc.root(), "b")->text, "-1E+400");
  EXPECT_EQ(member(w.doc, w.doc.root(), "c")->text, "1e-400");
  EXPECT_EQ(item(w.doc, *member(w.doc, w.doc.root(), "d"), 0)->text, "2.5e99999");
  EXPECT_EQ(member(w.doc, w.doc.root(), "a")->kind, kind::number);
}

// ---------------------------------------------------------------------------------------------
// Not JSON: the walk refuses, and says where (the locator's offset), for each broken body.

struct broken {
  std::string body;
  std::size_t offset;  // the first byte that breaks RFC 8259; body.size() when it ends early
};

const std::vector<broken>& broken_bodies() {
  static const std::vector<broken> list = {
      // structure
      {R"({"a":1,})", 7},
      {R"({"a"})", 4},
      {R"({"a":1)", 6},
      {R"({"a":[1})", 7},
      {R"({)", 1},
      {R"({"a" 1})", 5},
      {R"({a:1})", 1},
      {R"({'a':1})", 1},
      {R"({"a":1,,"b":2})", 7},
      {R"({"a":1 "b":2})", 7},
      {R"({"a":})", 5},
      {R"({"a"::1})", 5},
      {R"({"a":[1,]})", 8},
      {R"({"a":[1 2]})", 8},
      {R"({"a":1])", 6},
      {R"({"a":{"b":1})", 12},
      {R"({"a":1,"b"})", 10},
      {"{ \"a\" : 1 , }", 12},
      // trailing content
      {R"({"a":1} x)", 8},
      {R"({"a":1} {})", 8},
      {R"({"a":1}})", 7},
      {R"({}{})", 2},
      {std::string("{\"a\":1}\0", 8), 7},
      // numbers
      {R"({"a":-})", 6},
      {R"({"a":01})", 6},
      {R"({"a":1.})", 7},
      {R"({"a":.5})", 5},
      {R"({"a":1e})", 7},
      {R"({"a":+1})", 5},
      {R"({"a":0x10})", 6},
      {R"({"a":NaN})", 5},
      {R"({"a":-Infinity})", 6},
      {R"({"a":[1,-]})", 9},
      // literals
      {R"({"a":tru})", 8},
      {R"({"a":nul})", 8},
      {R"({"a":truex})", 9},
      {R"({"a":True})", 5},
      {R"({"a":fals})", 9},
      {R"({"a":nulll})", 9},
      // strings
      {"{\"a\":\"x\ty\"}", 7},        // raw tab
      {"{\"a\n\":1}", 3},              // raw line feed in a name
      {std::string("{\"a\":\"\0\"}", 9), 6},  // raw NUL
      {"{\"a\":\"\x1f\"}", 6},
      {R"({"a":"\x"})", 6},           // invalid escape
      {R"({"a":"\u12"})", 6},         // short \u
      {R"({"a":"\u12G4"})", 6},
      {R"({"a":"\u123G"})", 6},      // the fourth digit too
      {R"({"a":"\ud800"})", 6},       // lone high surrogate
      {R"({"a":"\udc00"})", 6},       // lone low surrogate
      {R"({"a":"x\ud800\u0041"})", 7},  // high surrogate not followed by a low one
      {R"({"a":"\ude00\ud83d"})", 6},   // pair in the wrong order
      {R"({"\ud800":1})", 2},
      {R"({"a":"\uD800\uDFFF" x})", 20},  // the last low surrogate pairs: the break is after it
      // the body ends inside an escape: a string never closed, at its opening quote
      {R"({"a":"1\u0)", 5},
      {R"({"a":"1\ud83d)", 5},
      {R"({"a":"1\ud83d\)", 5},
      {R"({"a":"1\ud83d\u12)", 5},
      {R"({"a":"1\)", 5},
      // ... but not when what it holds of the escape is wrong already, or a byte before the end
      // is not UTF-8: reading fails there first
      {R"({"time_zone":"UTC\u"})", 17},
      {R"({"a":"1\u0G)", 7},
      {R"({"a":"1\ud83d\uZ)", 7},
      {R"({"a":"1\ud83d\u0)", 5},
      {"{\"backup_policy_name\":\"ab\xFF" "cd", 25},
      {"{\"a\":\"x\xC3", 7},
      // encoding
      {"\xEF\xBB\xBF{\"a\":1}", 0},   // byte-order mark
      {"{\"a\":\"\xFF\"}", 6},
      {"{\"\xFF\":1}", 2},
      {"{\"a\":\"ab\xC3\"}", 8},      // truncated 2-byte sequence
      {"{\"a\":\"\xC0\xAF\"}", 6},    // overlong '/'
      {"{\"a\":\"\xED\xA0\x80\"}", 6},  // UTF-8-encoded surrogate
      {"{\"a\":\"\xF4\x90\x80\x80\"}", 6},  // beyond U+10FFFF
      {"{\"a\":\"x\x80\"}", 7},       // lone continuation byte
      {"{\"a\":1}\xFF", 7},
  };
  return list;
}

TEST(JsonLocate, OffsetsOfBrokenBodies) {
  for (const auto& b : broken_bodies()) {
    auto at = locate(b.body);
    ASSERT_TRUE(at.has_value()) << "not located: " << b.body;
    EXPECT_EQ(at->offset, b.offset) << b.body << " (" << at->message << ")";
    EXPECT_FALSE(at->message.empty()) << b.body;
  }
}

TEST(JsonWalk, BrokenBodiesAreRefusedWhereTheyBreak) {
  walker w;  // one walker for all: a failed walk must not spoil the next one
  for (const auto& b : broken_bodies()) {
    document d;
    w.walk(b.body, defaults, d);
    ASSERT_TRUE(d.error.has_value()) << "accepted: " << b.body;
    EXPECT_EQ(d.error->why, failure::reason::syntax) << b.body << ": " << d.error->message;
    ASSERT_TRUE(d.error->offset.has_value()) << b.body;
    EXPECT_EQ(*d.error->offset, b.offset) << b.body << ": " << d.error->message;
    EXPECT_FALSE(d.error->message.empty());

    document good;
    w.walk(R"({"a":{"a":1}})", defaults, good);
    ASSERT_FALSE(good.error.has_value()) << "after " << b.body << ": " << good.error->message;
    ASSERT_EQ(good.nodes.size(), 3u);
    EXPECT_FALSE(good.nodes[2].duplicate);
  }
}

TEST(JsonWalk, UnterminatedStringIsRefused) {
  // Where "reading failed" is either the opening quote or the end of the body.
  std::string const body = R"({"a":"x})";
  walked w(body);
  ASSERT_TRUE(w.doc.error.has_value());
  EXPECT_EQ(w.doc.error->why, failure::reason::syntax);
  ASSERT_TRUE(w.doc.error->offset.has_value());
  EXPECT_TRUE(*w.doc.error->offset == 5 || *w.doc.error->offset == body.size()) << w.error_text();
  auto at = locate(body);
  ASSERT_TRUE(at.has_value());
  EXPECT_TRUE(at->offset == 5 || at->offset == body.size()) << at->offset;
}

TEST(JsonLocate, GoodJsonIsNotLocated) {
  for (std::string_view body : {"{}", " {\"a\":[1,2,{\"b\":null}]} ", "42", "[]", "\"x\"", "true", "-0.5e-3",
                                R"({"a":"\ud83d\ude00\u0041\n\/"})", "{\"\xC3\xA9\":\"\xF4\x8F\xBF\xBF\"}"})
    EXPECT_FALSE(locate(body).has_value()) << body;
  // Nothing at all is not JSON: it ends before a value.
  auto empty = locate("");
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->offset, 0u);
  auto blank = locate("  ");
  ASSERT_TRUE(blank.has_value());
  EXPECT_EQ(blank->offset, 2u);
}

// ---------------------------------------------------------------------------------------------
// utf8::first_invalid

TEST(Utf8, FirstInvalidByte) {
  constexpr std::size_t npos = std::string_view::npos;
  struct c {
    std::string s;
    std::size_t at;
  };
  const c cases[] = {
      {"", npos},
      {"abc", npos},
      {"\xC3\xA9", npos},                 // é
      {"\xE2\x82\xAC", npos},             // €
      {"\xEF\xBF\xBF", npos},             // U+FFFF
      {"\xF0\x9F\x98\x80", npos},         // U+1F600
      {"\xF4\x8F\xBF\xBF", npos},         // U+10FFFF
      {"\xED\x9F\xBF", npos},             // U+D7FF, just below the surrogates
      {"\xEE\x80\x80", npos},             // U+E000, just above
      {"a\xFF", 1},
      {"a\xFE", 1},
      {"\xC0\xAF", 0},                    // overlong
      {"\xC1\xBF", 0},                    // overlong
      {"\xE0\x80\x80", 0},                // overlong
      {"\xE0\x9F\xBF", 0},                // overlong (U+07FF in 3 bytes)
      {"\xF0\x8F\xBF\xBF", 0},            // overlong (U+FFFF in 4 bytes)
      {"\xED\xA0\x80", 0},                // U+D800
      {"\xED\xBF\xBF", 0},                // U+DFFF
      {"\xF4\x90\x80\x80", 0},            // U+110000
      {"\xF5\x80\x80\x80", 0},
      {"ab\xE2\x82", 2},                  // truncated
      {"ab\xE2\x82x", 2},
      {"x\x80", 1},                       // lone continuation
      {"\xC3\xA9\xC3", 2},
      {std::string("\0\x7F", 2), npos},   // NUL and DEL are ASCII
  };
  for (const auto& k : cases) EXPECT_EQ(bpv::utf8::first_invalid(k.s), k.at) << "case of size " << k.s.size();
}

// A plain reference: decode each sequence, then check the code point's range (overlong,
// surrogates, beyond U+10FFFF).
std::size_t reference_first_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto const b0 = static_cast<unsigned char>(s[i]);
    std::size_t len;
    std::uint32_t cp;
    if (b0 < 0x80) {
      ++i;
      continue;
    } else if ((b0 & 0xE0) == 0xC0) {
      len = 2;
      cp = b0 & 0x1Fu;
    } else if ((b0 & 0xF0) == 0xE0) {
      len = 3;
      cp = b0 & 0x0Fu;
    } else if ((b0 & 0xF8) == 0xF0) {
      len = 4;
      cp = b0 & 0x07u;
    } else {
      return i;
    }
    if (i + len > s.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      auto const b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (b & 0x3Fu);
    }
    std::uint32_t const min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

TEST(Utf8, RandomBytesAgreeWithReferenceDecoder) {
  const unsigned char interesting[] = {'a',  0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
                                       0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF};
  std::mt19937 rng(99u);
  std::uniform_int_distribution<std::size_t> pick(0, sizeof interesting - 1);
  std::uniform_int_distribution<int> len(0, 10);
  std::size_t valid = 0;
  for (int n = 0; n < 50000; ++n) {
    std::string s;
    for (int k = len(rng); k > 0; --k) s.push_back(static_cast<char>(interesting[pick(rng)]));
    std::size_t const want = reference_first_invalid_utf8(s);
    ASSERT_EQ(bpv::utf8::first_invalid(s), want) << "sample " << n;
    if (want == std::string_view::npos) ++valid;
  }
  EXPECT_GT(valid, 1000u);
}

}  // namespace

namespace {

// Every value's span [offset, end) is exactly its text in the body, containers included.
TEST(JsonWalk, EveryValueHasItsByteSpan) {
  const std::string body = "  { \"a\" : { \"b\" : [ 1 , \"x\\\"y\" , true , {} ] } , \"c\" : -1.5e3 ,\"d\":null}\n ";
  walked w(body);
  ASSERT_FALSE(w.doc.error.has_value()) << w.doc.error->message;
  const std::vector<std::string> want = {
      "{ \"a\" : { \"b\" : [ 1 , \"x\\\"y\" , true , {} ] } , \"c\" : -1.5e3 ,\"d\":null}",
      "{ \"b\" : [ 1 , \"x\\\"y\" , true , {} ] }",
      "[ 1 , \"x\\\"y\" , true , {} ]",
      "1",
      "\"x\\\"y\"",
      "true",
      "{}",
      "-1.5e3",
      "null"};
  ASSERT_EQ(w.doc.nodes.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    const node& n = w.doc.nodes[i];
    ASSERT_LE(n.offset, n.end) << i;
    ASSERT_LE(n.end, body.size()) << i;
    EXPECT_EQ(body.substr(n.offset, n.end - n.offset), want[i]) << "node " << i;
  }
}

}  // namespace

namespace {

using bpv::test::read_file;

// The three routes of the walk (the structural index alone, DOM with its structural index, and
// On-Demand) must give the same document, node for node, or the same failure: the validator
// takes whichever is fastest.
void expect_same_document(std::string_view body, const document& da, const document& db, std::string_view routes) {
  SCOPED_TRACE(std::string(routes));
  ASSERT_EQ(da.error.has_value(), db.error.has_value()) << body;
  if (da.error) {
    EXPECT_EQ(da.error->why, db.error->why) << body;
    EXPECT_EQ(da.error->offset, db.error->offset) << body;
    EXPECT_EQ(da.error->message, db.error->message) << body;
    // A failed walk keeps nodes only of a root that is JSON but not an object.
    if (da.error->why != failure::reason::not_object) {
      EXPECT_TRUE(da.nodes.empty() && db.nodes.empty()) << body;
      return;
    }
  }
  EXPECT_EQ(da.any_duplicate, db.any_duplicate) << body;
  EXPECT_EQ(da.maybe_angle_brackets, db.maybe_angle_brackets) << body;
  ASSERT_EQ(da.nodes.size(), db.nodes.size()) << body;
  for (std::size_t i = 0; i < da.nodes.size(); ++i) {
    const node &x = da.nodes[i], &y = db.nodes[i];
    SCOPED_TRACE("node " + std::to_string(i) + " of " + std::string(body.substr(0, 200)));
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.duplicate, y.duplicate);
    EXPECT_EQ(x.parent, y.parent);
    EXPECT_EQ(x.depth, y.depth);
    EXPECT_EQ(x.index, y.index);
    EXPECT_EQ(x.first_child, y.first_child);
    EXPECT_EQ(x.next_sibling, y.next_sibling);
    EXPECT_EQ(x.child_count, y.child_count);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.name_offset, y.name_offset);
    EXPECT_EQ(x.offset, y.offset);
    EXPECT_EQ(x.end, y.end);
    EXPECT_EQ(x.text, y.text);
    EXPECT_EQ(x.raw, y.raw);
    EXPECT_EQ(x.raw_name, y.raw_name);
    EXPECT_EQ(x.is_member(), y.is_member());
  }
}

void expect_same_walk(std::string_view body, walk_limits limits) {
  walker a, b, c;
  document da, db, dc;
  a.walk(body, limits, da, bpv::json::route::automatic);
  b.walk(body, limits, db, bpv::json::route::dom);
  c.walk(body, limits, dc, bpv::json::route::on_demand);
  expect_same_document(body, da, dc, "automatic, on_demand");
  expect_same_document(body, db, dc, "dom, on_demand");
}

// A root that is JSON but not an object is still refused, and read for the rules that hold
// anywhere (duplicate names, '<' and '>') when it has a '<', '>', '\' or an object; every
// route gives the same nodes. Anything else that fails keeps none.
TEST(JsonWalk, ARootThatIsNotAnObjectKeepsItsNodesForTheRulesThatHoldAnywhere) {
  const std::string arr = R"( ["<",{"a":1,"a":2}] )";
  expect_same_walk(arr, defaults);
  walked a(arr);
  ASSERT_TRUE(a.doc.error.has_value());
  EXPECT_EQ(a.doc.error->why, failure::reason::not_object);
  EXPECT_EQ(a.doc.error->offset, std::optional<std::size_t>(1));
  ASSERT_EQ(a.doc.nodes.size(), 5u);  // the array, "<", the object, its two members
  const node& root = a.doc.root();
  EXPECT_EQ(root.kind, kind::array);
  EXPECT_EQ(root.offset, 1u);
  EXPECT_EQ(root.end, arr.size() - 1);
  EXPECT_EQ(count_children(a.doc, root), 2u);
  EXPECT_EQ(item(a.doc, root, 0)->text, "<");
  EXPECT_TRUE(a.doc.any_duplicate);
  EXPECT_EQ(bpv::json::pointer_of(a.doc, a.doc.nodes[4]), "/1/a");
  EXPECT_TRUE(a.doc.nodes[4].duplicate);

  const std::string str = R"(  "a\u003cb"  )";
  expect_same_walk(str, defaults);
  walked s(str);
  ASSERT_EQ(s.doc.nodes.size(), 1u) << s.error_text();
  EXPECT_EQ(s.doc.root().kind, kind::string);
  EXPECT_EQ(s.doc.root().text, "a<b");
  EXPECT_EQ(s.doc.root().raw, "a\\u003cb");
  EXPECT_EQ(s.doc.root().offset, 2u);
  EXPECT_EQ(s.doc.root().end, str.size() - 2);

  // Nothing those rules could find (no '<', '>', escape or object; a '{' in a string is none),
  // a scalar, a root past the depth limit, an object past it, a body that is not JSON: no nodes.
  for (const std::string& body : {std::string(R"([1,"{",[2]])"), std::string("\"x\""), std::string("7"),
                                 std::string(65, '[') + "\"<\"" + std::string(65, ']'),
                                 R"({"a":"<","b":)" + std::string(70, '[') + std::string(70, ']') + "}",
                                 std::string(R"(["<",])")}) {
    expect_same_walk(body, defaults);
    walked w(body);
    ASSERT_TRUE(w.doc.error.has_value()) << body;
    EXPECT_TRUE(w.doc.nodes.empty()) << body;
  }
}

TEST(JsonWalkLimits, NestingBeyondSimdjsonsOwnDepthWithAHigherLimit) {
  // DOM stops at 1,024 levels and On-Demand keeps its own count: with a limit above that, a body
  // 1,031 deep is read (by On-Demand, which must be given the room), and 2,100 deep refused.
  walk_limits const deep{std::size_t{1} << 20, 2000};
  walked ok(nested_arrays(1031), deep);
  ASSERT_TRUE(ok.ok()) << ok.error_text();
  std::uint32_t deepest = 0;
  for (const node& n : ok.doc.nodes) deepest = std::max(deepest, n.depth);
  EXPECT_EQ(deepest, 1031u);
  walked bad(nested_arrays(2100), deep);
  ASSERT_TRUE(bad.doc.error.has_value());
  EXPECT_EQ(bad.doc.error->why, failure::reason::too_deep);
}

TEST(JsonWalk, EveryRouteGivesTheSameDocument) {
  std::vector<std::string> bodies = {
      "  { \"a\" : { \"b\" : [ 1 , \"x\\\"y\" , true , {} ] } , \"c\" : -1.5e3 ,\"d\":null}\n ",
      "{\"\\u0061\":1,\"a\":[[],{}],\"\\\\\":\"\\ud83d\\ude00\"}",
      "{\"n\":18446744073709551616,\"m\":1e400,\"k\":-0,\"z\":0.0}",
      "{\"a\":1}{}", "{\"a\":[1,2,}", "{\"a\":\"\\ud800\"}", "[1]", "\"x\"", "{\"a\":tru}",
      nested_arrays(70), "{\"x\":" + nested_arrays(10) + "}",
      // Read from the structural index alone (no escapes): its grammar checks, one by one.
      "{}", " {\"a\" :[ ], \"b\":{ } ,\"a\":[null,true,false,-0.5E+2,\"\"]}\r\n",
      "{\"a\":1,}", "{,\"a\":1}", "{\"a\":1 \"b\":2}", "{\"a\" 1}", "{\"a\"}", "{\"a\":}", "{\"a\"::1}",
      "{\"a\":[1,]}", "{\"a\":[,1]}", "{\"a\":[1 2]}", "{\"a\":{\"b\":1]}", "{\"a\":[1}]", "{\"a\":1}}",
      "{\"a\":1}]", "{\"a\":1} 2", "{\"a\":\"x\"1}", "{\"a\":1\"x\"}", "{1:2}", "{\"a\":nul}",
      "{\"a\":truex}", "{\"a\":1.}", "{\"a\":01}", "{\"a\":-}", "{\"a\":+1}", "{\"a\":1\f}",
      "{\"a\":\"x\ty\"}", std::string("{\"a\":\"x\0y\"}", 11), "{\"a\":\"\x01\"}", "{\"a\":'x'}",
      "{\"a\":[[[{}]]]}", "{\"\":\"\",\"\":1}"};
  for (const char* dir : {"test_parsing", "test_transform"}) {
    std::filesystem::path const suite = std::filesystem::path(BPV_SHARED_DIR) / "suites" / "JSONTestSuite" / dir;
    if (std::filesystem::exists(suite))
      for (const auto& f : std::filesystem::directory_iterator(suite)) bodies.push_back(read_file(f.path()));
  }
  ASSERT_GT(bodies.size(), 300u);
  for (const auto& body : bodies) {
    expect_same_walk(body, defaults);
    expect_same_walk(body, walk_limits{std::size_t{1} << 20, 2});
  }
}


TEST(JsonWalk, EveryRouteAgreesOnBodiesBrokenOneByteAtATime) {
  // Bodies without escapes, as the structural index alone reads them, each one byte away from
  // a well-formed one: each separator and bracket dropped, doubled or replaced.
  std::vector<std::string> const bodies = {
      R"({"a":{"b":[1,"x",true,{},[]]},"c":-1.5e3,"d":null,"e":false,"a":""})",
      "{\n  \"scheduled_policy\" : {\n    \"week_frequency\" : [ \"MON\" , \"SUN\" ] ,\n"
      "    \"rentention_num\" : 3\n  },\n  \"time_zone\" : \"UTC+08:00\"\n}\n",
  };
  std::size_t walks = 0, read = 0;
  walker a, c;  // reused, as the validator reuses its walker
  document da, dc;
  auto same = [&](const std::string& body) {
    a.walk(body, defaults, da, bpv::json::route::automatic);
    c.walk(body, defaults, dc, bpv::json::route::on_demand);
    expect_same_document(body, da, dc, "automatic, on_demand");
    ++walks;
    read += !da.error.has_value();
  };
  for (const auto& body : bodies) bpv::test::for_each_one_byte_change(body, ",:[]{}\" 1-.etn\\", same);
  EXPECT_GT(walks, 4000u);
  EXPECT_GT(read, 200u) << "some changes keep a body JSON (white space, a digit more)";
}
}  // namespace

namespace {

// SipHash as its paper defines it, by the reference vectors of SipHash-2-4 (key 00 01 .. 0f;
// the empty message, and 00 01 .. 0e). The names' table uses SipHash-1-3: the same code with
// other round counts.
TEST(NameHash, SipHashReferenceVectors) {
  bpv::json::sip_key const key{0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL};
  std::string fifteen;
  for (int i = 0; i < 15; ++i) fifteen += static_cast<char>(i);
  EXPECT_EQ((bpv::json::siphash<2, 4>(key, "")), 0x726fdb47dd0e0e31ULL);
  EXPECT_EQ((bpv::json::siphash<2, 4>(key, fifteen)), 0xa129ca6149be45e5ULL);
  EXPECT_NE(bpv::json::name_hash(fifteen), bpv::json::name_hash(fifteen.substr(1)));
}

// 20,000 distinct names of 16 bytes that all have one std::hash: libstdc++'s (Murmur, a fixed
// seed) can be undone a word at a time, so the second word of each name is worked out from a
// random first. Hashed so, the table looked at every earlier name for each new one (a body of
// such names took seconds a megabyte); keyed, it looks at a slot or two a name.
TEST(MemberNames, NamesBuiltToCollideDoNotCrowdTheTable) {
#ifndef __GLIBCXX__
  GTEST_SKIP() << "the names are built against libstdc++'s std::hash";
#endif
  constexpr std::uint64_t mul = 0xc6a4a7935bd1e995ULL, seed = 0xc70f6907ULL;
  std::uint64_t inv = mul;  // mul's inverse modulo 2^64 (Newton: each step doubles the bits)
  for (int i = 0; i < 5; ++i) inv *= 2 - mul * inv;
  ASSERT_EQ(mul * inv, 1u);
  auto shift_mix = [](std::uint64_t v) { return v ^ (v >> 47); };
  auto mix = [&](std::uint64_t w) { return shift_mix(w * mul) * mul; };
  auto unmix = [&](std::uint64_t y) { return shift_mix(y * inv) * inv; };
  std::uint64_t const start = seed ^ (16 * mul), target = 0x0123456789abcdefULL;
  std::mt19937_64 random(20261206);
  std::vector<std::string> names;
  for (int i = 0; i < 20000; ++i) {
    std::uint64_t const first = random();
    std::uint64_t const second = unmix((target * inv) ^ ((start ^ mix(first)) * mul));
    std::string n(16, '\0');
    std::memcpy(n.data(), &first, 8);
    std::memcpy(n.data() + 8, &second, 8);
    names.push_back(std::move(n));
  }
  std::size_t const one = std::hash<std::string_view>{}(names[0]);
  for (const auto& n : names) ASSERT_EQ(std::hash<std::string_view>{}(n), one) << "the test's premise";
  bpv::json::member_names table;
  for (const auto& n : names) ASSERT_TRUE(table.insert(n));
  EXPECT_FALSE(table.insert(names[12345]));
  EXPECT_LT(table.probes(), 8 * names.size());
}

}  // namespace
