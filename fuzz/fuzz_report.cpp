// The renderers on every report: to_json (the report line of cli.md), response_json and
// to_json(policy) always parse as JSON (simdjson DOM), hold no raw C1 control, U+2028 or U+2029,
// and say what the report says; to_text is valid UTF-8 without control characters (C0, DEL,
// C1) but '\n', nor U+2028 or U+2029, and reads nothing outside its input: the
// body, and a cut copy of it, each sit in a heap buffer of exactly their size.
//   input: byte 0-1 as fuzz_validate (common.hpp); byte 2: n; the next n % 32 bytes: the source
//   name; the rest: the body.
#include <algorithm>
#include <cstring>
#include <memory>

#include <simdjson.h>

#include "common.hpp"

namespace {

// A copy of `s` in a heap block of exactly its size.
struct exact_copy {
  std::unique_ptr<char[]> bytes;
  std::size_t size;
  explicit exact_copy(std::string_view s) : bytes(new char[s.size()]), size(s.size()) {
    if (size) std::memcpy(bytes.get(), s.data(), size);
  }
  std::string_view view() const { return {bytes.get(), size}; }
};

// No C1 control (U+0080..U+009F, as C2 80..C2 9F) and no U+2028 or U+2029 (E2 80 A8, E2 80
// A9): line readers end lines at NEL and the separators, and terminals act on C1 controls.
void check_no_line_breakers(std::string_view text) {
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    auto const b = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
    FUZZ_CHECK(!(b(0) == 0xC2 && b(1) < 0xA0));
    FUZZ_CHECK(!(i + 2 < text.size() && b(0) == 0xE2 && b(1) == 0x80 && (b(2) == 0xA8 || b(2) == 0xA9)));
  }
}

simdjson::dom::element parse(simdjson::dom::parser& parser, const std::string& json) {
  check_no_line_breakers(json);
  simdjson::dom::element root;
  auto const error = parser.parse(json).get(root);
  if (error) std::fprintf(stderr, "not JSON (%s): %s\n", simdjson::error_message(error), json.c_str());
  FUZZ_CHECK(!error);
  return root;
}

void check_text(const std::string& text) {
  FUZZ_CHECK(simdjson::validate_utf8(text.data(), text.size()));
  for (char ch : text) {
    unsigned char const c = static_cast<unsigned char>(ch);
    FUZZ_CHECK(c == '\n' || (c >= 0x20 && c != 0x7F));
  }
  check_no_line_breakers(text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bpv::fuzz::setup s = bpv::fuzz::decode(data, size);
  std::string_view source = "-";
  if (!s.body.empty()) {
    std::size_t const n = std::min<std::size_t>(static_cast<unsigned char>(s.body[0]) % 32, s.body.size() - 1);
    source = s.body.substr(1, n);
    s.body = s.body.substr(1 + n);
  }
  exact_copy const body(s.body);
  bpv::validator v(s.opts);
  bpv::report const r = v.validate(body.view(), s.ctx);
  bpv::fuzz::check_report(r, s, v.rules());

  simdjson::dom::parser parser;
  simdjson::dom::element line = parse(parser, bpv::to_json(r, source));
  bool valid = false;
  FUZZ_CHECK(!line["valid"].get(valid) && valid == r.valid);
  int64_t status = 0;
  FUZZ_CHECK(!line["http_status"].get(status) && status == r.http_status);
  simdjson::dom::array diagnostics;
  FUZZ_CHECK(!line["diagnostics"].get(diagnostics) && diagnostics.size() == r.diagnostics.size());
  std::size_t i = 0;
  for (simdjson::dom::element d : diagnostics) {
    std::string_view rule, path;
    FUZZ_CHECK(!d["rule"].get(rule) && rule == r.diagnostics[i].rule);
    FUZZ_CHECK(!d["path"].get(path));
    if (simdjson::validate_utf8(r.diagnostics[i].path.data(), r.diagnostics[i].path.size()))
      FUZZ_CHECK(path == r.diagnostics[i].path);
    ++i;
  }
  if (simdjson::validate_utf8(source.data(), source.size())) {
    std::string_view got;
    FUZZ_CHECK(!line["source"].get(got) && got == source);
  }
  parse(parser, bpv::response_json(r));
  if (r.effective) parse(parser, bpv::to_json(*r.effective));

  check_text(bpv::to_text(r, body.view(), source));
  exact_copy const cut(s.body.substr(0, s.body.size() / 2));  // offsets beyond the input are clamped
  check_text(bpv::to_text(r, cut.view(), source));
  return 0;
}
