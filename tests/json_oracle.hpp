// A small strict JSON reader (RFC 8259, UTF-8 checked per RFC 3629): the oracle the suites read
// bpv's JSON output with. It is written here, independent of the bpv library, so that it checks
// bpv's output rather than agreeing with it. Numbers keep their literal text, strings are decoded
// (escapes and surrogate pairs), object members keep their order and names. A member name given
// twice is rejected: bpv never writes one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bpv::test {

/// One JSON value.
struct jv {
  enum class kind_t { null, boolean, number, string, array, object };
  kind_t kind = kind_t::null;
  bool boolean = false;
  std::string text;               // a string's decoded value (UTF-8), or a number's literal
  std::vector<jv> items;          // array items, or object member values
  std::vector<std::string> keys;  // object member names in order, parallel to items

  bool is_null() const { return kind == kind_t::null; }
  bool is_bool() const { return kind == kind_t::boolean; }
  bool is_number() const { return kind == kind_t::number; }
  bool is_string() const { return kind == kind_t::string; }
  bool is_array() const { return kind == kind_t::array; }
  bool is_object() const { return kind == kind_t::object; }

  /// The member with this name, or nullptr (also when this is not an object).
  const jv* get(std::string_view name) const {
    if (kind != kind_t::object) return nullptr;
    for (std::size_t i = 0; i < keys.size(); ++i)
      if (keys[i] == name) return &items[i];
    return nullptr;
  }
  /// The member names as a set.
  std::set<std::string> key_set() const { return {keys.begin(), keys.end()}; }
  /// A non-negative integer literal of at most 18 digits, or nullopt.
  std::optional<std::uint64_t> as_index() const {
    if (kind != kind_t::number || text.empty() || text.size() > 18) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : text) {
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return v;
  }
};

/// Length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlongs, no surrogates, at
/// most U+10FFFF), or 0.
inline std::size_t utf8_len(std::string_view s, std::size_t i) {
  auto u = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char const c = u(i);
  if (c < 0x80) return 1;
  std::size_t len = 0;
  unsigned lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    unsigned const v = u(i + k);
    if (v < (k == 1 ? lo : 0x80u) || v > (k == 1 ? hi : 0xBFu)) return 0;
  }
  return len;
}

/// Whether all of `s` is well-formed UTF-8.
inline bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t const n = utf8_len(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

class json_reader {
 public:
  explicit json_reader(std::string_view s) : s_(s) {}

  /// The one value in the text, or nullopt (with error()).
  std::optional<jv> parse() {
    jv v;
    ws();
    if (!value(v, 0)) return std::nullopt;
    ws();
    if (i_ != s_.size()) {
      bad("trailing content");
      return std::nullopt;
    }
    return v;
  }
  /// Why parse() failed, with the byte position.
  const std::string& error() const { return err_; }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
  std::string err_;

  bool bad(const std::string& what) {
    if (err_.empty()) err_ = what + " at byte " + std::to_string(i_);
    return false;
  }
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  bool lit(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }
  bool value(jv& v, int depth) {
    if (depth > 200) return bad("too deep");
    if (i_ >= s_.size()) return bad("unexpected end");
    char const c = s_[i_];
    if (c == '{') return object(v, depth);
    if (c == '[') return array(v, depth);
    if (c == '"') {
      v.kind = jv::kind_t::string;
      return string(v.text);
    }
    if (c == '-' || (c >= '0' && c <= '9')) return number(v);
    if (lit("true")) {
      v.kind = jv::kind_t::boolean;
      v.boolean = true;
      return true;
    }
    if (lit("false")) {
      v.kind = jv::kind_t::boolean;
      return true;
    }
    if (lit("null")) {
      v.kind = jv::kind_t::null;
      return true;
    }
    return bad("unexpected character");
  }
  bool digits() {
    std::size_t const start = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    return i_ > start;
  }
  bool number(jv& v) {
    std::size_t const start = i_;
    if (s_[i_] == '-') ++i_;
    if (i_ < s_.size() && s_[i_] == '0') {
      ++i_;
    } else if (!digits()) {
      return bad("bad number");
    }
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      if (!digits()) return bad("bad fraction");
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (!digits()) return bad("bad exponent");
    }
    v.kind = jv::kind_t::number;
    v.text = std::string(s_.substr(start, i_ - start));
    return true;
  }
  bool hex4(std::uint32_t& out) {
    if (i_ + 4 > s_.size()) return bad("short \\u escape");
    out = 0;
    for (int k = 0; k < 4; ++k) {
      char const h = s_[i_++];
      out <<= 4;
      if (h >= '0' && h <= '9') {
        out |= static_cast<std::uint32_t>(h - '0');
      } else if (h >= 'a' && h <= 'f') {
        out |= static_cast<std::uint32_t>(h - 'a' + 10);
      } else if (h >= 'A' && h <= 'F') {
        out |= static_cast<std::uint32_t>(h - 'A' + 10);
      } else {
        return bad("bad hex digit");
      }
    }
    return true;
  }
  static void put_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  bool string(std::string& out) {
    ++i_;  // the opening quote
    for (;;) {
      if (i_ >= s_.size()) return bad("unterminated string");
      auto const c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c < 0x20) return bad("raw control character in a string");
      if (c != '\\') {
        std::size_t const n = utf8_len(s_, i_);
        if (n == 0) return bad("invalid UTF-8 in a string");
        out.append(s_.substr(i_, n));
        i_ += n;
        continue;
      }
      ++i_;
      if (i_ >= s_.size()) return bad("unterminated escape");
      switch (s_[i_++]) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return bad("lone low surrogate");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            std::uint32_t lo = 0;
            if (!lit("\\u")) return bad("lone high surrogate");
            if (!hex4(lo)) return false;
            if (lo < 0xDC00 || lo > 0xDFFF) return bad("bad surrogate pair");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          put_utf8(out, cp);
          break;
        }
        default: return bad("bad escape");
      }
    }
  }
  bool array(jv& v, int depth) {
    v.kind = jv::kind_t::array;
    ++i_;
    ws();
    if (lit("]")) return true;
    for (;;) {
      ws();
      v.items.emplace_back();
      if (!value(v.items.back(), depth + 1)) return false;
      ws();
      if (lit("]")) return true;
      if (!lit(",")) return bad(i_ >= s_.size() ? "unterminated array" : "expected , or ]");
    }
  }
  bool object(jv& v, int depth) {
    v.kind = jv::kind_t::object;
    ++i_;
    ws();
    if (lit("}")) return true;
    for (;;) {
      ws();
      if (i_ >= s_.size() || s_[i_] != '"') return bad("expected a member name");
      std::string key;
      if (!string(key)) return false;
      for (const auto& k : v.keys)
        if (k == key) return bad("duplicate member " + key);
      ws();
      if (!lit(":")) return bad("expected :");
      ws();
      v.keys.push_back(std::move(key));
      v.items.emplace_back();
      if (!value(v.items.back(), depth + 1)) return false;
      ws();
      if (lit("}")) return true;
      if (!lit(",")) return bad(i_ >= s_.size() ? "unterminated object" : "expected , or }");
    }
  }
};

}  // namespace bpv::test
