#include "json/locate.hpp"

#include "json/document.hpp"
#include "utf8.hpp"

#include <vector>

namespace bpv::json {

namespace {

enum class state { value, key_or_end, key, colon, next_member, value_or_end, next_item, end };

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_hex(char c) noexcept { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

unsigned hex4(std::string_view s, std::size_t i) noexcept {
  unsigned v = 0;
  for (std::size_t k = i; k < i + 4; ++k) {
    char c = s[k];
    v = v * 16 + static_cast<unsigned>(is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
  }
  return v;
}

class locator {
 public:
  locator(std::string_view s, std::vector<char>& stack, std::size_t max_depth)
      : s_(s), max_depth_(max_depth), stack_(stack) {
    stack_.clear();
  }

  std::optional<syntax_location> run() {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") return syntax_location{0, "a byte-order mark is not JSON"};
    // Whichever comes first: a syntax error, or a byte that is not UTF-8.
    std::size_t const bad = utf8::first_invalid(s_);
    std::optional<syntax_location> syntax = grammar();
    if (bad != std::string_view::npos && (!syntax || bad <= syntax->found())) return syntax_location{bad, "not valid UTF-8"};
    return syntax;
  }

 private:
  std::optional<syntax_location> grammar() {
    state st = state::value;
    std::size_t i = 0;
    while (true) {
      while (i < s_.size() && is_json_space(s_[i])) ++i;
      if (i == s_.size()) {
        if (st == state::end) return std::nullopt;
        return syntax_location{i, "the body ends early: ", expected(st)};
      }
      char const c = s_[i];
      switch (st) {
        case state::end:
          return syntax_location{i, "unexpected content after the body's top-level value"};
        case state::key_or_end:
        case state::key:
          if (c == '}' && st == state::key_or_end) {
            stack_.pop_back();
            ++i;
            st = after_value();
            break;
          }
          if (c != '"') return syntax_location{i, expected(st)};
          if (auto e = string(i)) return e;
          st = state::colon;
          break;
        case state::colon:
          if (c != ':') return syntax_location{i, expected(st)};
          ++i;
          st = state::value;
          break;
        case state::next_member:
        case state::next_item: {
          char const close = st == state::next_member ? '}' : ']';
          if (c == ',') {
            ++i;
            st = st == state::next_member ? state::key : state::value;
          } else if (c == close) {
            stack_.pop_back();
            ++i;
            st = after_value();
          } else {
            return syntax_location{i, expected(st)};
          }
          break;
        }
        case state::value_or_end:
          if (c == ']') {
            stack_.pop_back();
            ++i;
            st = after_value();
            break;
          }
          [[fallthrough]];
        case state::value:
          if (c == '{' || c == '[') {
            stack_.push_back(c);
            if (stack_.size() > max_depth_ && stack_.front() == '{')
              return syntax_location{i, {}, {}, true};
            ++i;
            st = c == '{' ? state::key_or_end : state::value_or_end;
            break;
          }
          if (c == '"') {
            if (auto e = string(i)) return e;
          } else if (c == '-' || is_digit(c)) {
            if (auto e = number(i)) return e;
          } else if (c == 't' || c == 'f' || c == 'n') {
            if (auto e = literal(i)) return e;
          } else {
            return syntax_location{i, expected(st)};
          }
          st = after_value();
          break;
      }
    }
  }

  state after_value() const noexcept {
    if (stack_.empty()) return state::end;
    return stack_.back() == '{' ? state::next_member : state::next_item;
  }

  static std::string_view expected(state st) noexcept {
    switch (st) {
      case state::value: return "expected a value";
      case state::value_or_end: return "expected a value or ']'";
      case state::key_or_end: return "expected a member name (a string in double quotes) or '}'";
      case state::key: return "expected a member name (a string in double quotes)";
      case state::colon: return "expected ':' after the member name";
      case state::next_member: return "expected ',' or '}' after a member";
      case state::next_item: return "expected ',' or ']' after an array item";
      case state::end: return "expected the end of the body";
    }
    return "expected JSON";
  }

  // A string starting at the quote s_[i]; on success i is just past the closing quote.
  std::optional<syntax_location> string(std::size_t& i) {
    std::size_t const open = i++;
    while (i < s_.size()) {
      char const c = s_[i];
      if (c == '"') {
        ++i;
        return std::nullopt;
      }
      if (static_cast<unsigned char>(c) < 0x20) return syntax_location{i, "a raw control character in a string (escape it)"};
      if (c != '\\') {
        ++i;
        continue;
      }
      if (i + 1 >= s_.size()) break;
      char const e = s_[i + 1];
      if (e != 'u') {
        if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos)
          return syntax_location{i, "an invalid escape sequence in a string"};
        i += 2;
        continue;
      }
      if (!hex_so_far(i + 2)) return syntax_location{i, "\\u must be followed by four hex digits"};
      if (i + 6 > s_.size()) break;  // the body ends inside the escape: a string never closed
      unsigned const cp = hex4(s_, i + 2);
      if (cp >= 0xDC00 && cp <= 0xDFFF) return syntax_location{i, "a lone low surrogate escape in a string"};
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        // The body ends where the low half would be, with nothing wrong so far: a string never
        // closed, not a lone half.
        std::size_t const j = i + 6;
        if (j == s_.size() || (s_[j] == '\\' && (j + 1 == s_.size() || (s_[j + 1] == 'u' && j + 6 > s_.size() && hex_so_far(j + 2)))))
          break;
        bool const paired = i + 12 <= s_.size() && s_[i + 6] == '\\' && s_[i + 7] == 'u' && hex_so_far(i + 8) &&
                            hex4(s_, i + 8) >= 0xDC00 && hex4(s_, i + 8) <= 0xDFFF;
        if (!paired) return syntax_location{i, "a lone high surrogate escape in a string"};
        i += 12;
        continue;
      }
      i += 6;
    }
    // Reported at its opening quote, found at the end of the body.
    return syntax_location{open, "a string that is never closed", {}, false, s_.size()};
  }

  // The (up to four) hex digits of a \u escape from `from` are hex as far as the body goes.
  bool hex_so_far(std::size_t from) const noexcept {
    for (std::size_t k = from; k < from + 4 && k < s_.size(); ++k)
      if (!is_hex(s_[k])) return false;
    return true;
  }

  std::optional<syntax_location> number(std::size_t& i) {
    if (auto expected = scan_number(s_, i)) return syntax_location{i, *expected};
    return std::nullopt;
  }

  std::optional<syntax_location> literal(std::size_t& i) {
    // The word and what is said where it breaks.
    std::string_view const said = s_[i] == 't' ? "expected true" : s_[i] == 'f' ? "expected false" : "expected null";
    std::string_view const word = said.substr(said.find(' ') + 1);
    for (std::size_t k = 0; k < word.size(); ++k, ++i)
      if (i >= s_.size() || s_[i] != word[k]) return syntax_location{i, said};
    return std::nullopt;
  }

  std::string_view s_;
  std::size_t max_depth_;
  std::vector<char>& stack_;
};

}  // namespace

std::optional<std::string_view> scan_number(std::string_view s, std::size_t& i) noexcept {
  auto digits = [&]() {
    if (i >= s.size() || !is_digit(s[i])) return false;
    while (i < s.size() && is_digit(s[i])) ++i;
    return true;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return "expected a digit in the number";
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return "expected a digit after the decimal point";
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return "expected a digit in the exponent";
  }
  return std::nullopt;
}

std::optional<syntax_location> locate_syntax_error(std::string_view body, std::vector<char>& stack,
                                                   std::size_t max_depth) {
  return locator(body, stack, max_depth).run();
}

}  // namespace bpv::json
