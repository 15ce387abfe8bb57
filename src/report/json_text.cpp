#include "report/json_text.hpp"

#include "escape.hpp"
#include "utf8.hpp"

namespace bpv::report_detail {
namespace {

// C1 controls (U+0080 to U+009F, NEL among them) and the line and paragraph separators
// (U+2028, U+2029) are valid raw in JSON, but many line readers (Python's splitlines, JavaScript
// before ES2019) end a line at NEL, U+2028 and U+2029: escaped, a JSON Lines report stays one
// line for all of them.
bool breaks_lines(std::string_view s, std::size_t i, std::size_t len) noexcept {
  auto const b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  if (len == 2) return b(0) == 0xC2 && b(1) < 0xA0;                // U+0080..U+009F
  return len == 3 && b(0) == 0xE2 && b(1) == 0x80 && (b(2) == 0xA8 || b(2) == 0xA9);  // U+2028, U+2029
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      std::size_t len = utf8::sequence_length(s, i);
      if (len == 0) {
        out += "\\ufffd";
        ++i;
      } else if (breaks_lines(s, i, len)) {
        out += "\\u";
        escape::append_hex(out, utf8::decode(s, i), 4);
        i += len;
      } else {
        out.append(s.substr(i, len));
        i += len;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (escape::is_control(c)) {
          escape::append_u00(out, c);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out.push_back('"');
}

}  // namespace bpv::report_detail
