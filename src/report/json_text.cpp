#include "report/json_text.hpp"

#include "escape.hpp"
#include "utf8.hpp"

namespace bpv::report_detail {
void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      std::size_t len = utf8::sequence_length(s, i);
      if (len == 0) {
        out += "\\ufffd";
        ++i;
      } else if (char32_t const cp = utf8::decode(s, i); escape::is_c1_or_separator(cp)) {
        escape::append_u(out, cp);  // so that a report stays one line
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
