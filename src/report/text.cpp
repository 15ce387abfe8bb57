// The report for people: each finding, then the input line with a caret under the offset.
#include <algorithm>
#include <iterator>
#include <string>

#include "bpv/report.hpp"
#include "bpv/rules.hpp"
#include "escape.hpp"
#include "report/width_table.hpp"
#include "utf8.hpp"

namespace bpv {
namespace {

constexpr std::size_t context_chars = 60;  // shown on each side of the offset on long lines

using utf8::is_lead;

// Steps back `n` characters from byte `i`, not before `floor`.
std::size_t back_chars(std::string_view s, std::size_t i, std::size_t n, std::size_t floor) noexcept {
  while (i > floor && n > 0) {
    --i;
    while (i > floor && !is_lead(s[i])) --i;
    --n;
  }
  return i;
}

// Line ends as JSON's white space has them and editors count them: LF, CR, and CR LF as one.
constexpr bool is_line_end(char c) noexcept { return c == '\n' || c == '\r'; }
// Whether the byte at `i` ends its line: an LF, or a CR not followed by the LF that ends it.
constexpr bool ends_line(std::string_view s, std::size_t i) noexcept {
  return s[i] == '\n' || (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n'));
}

// Steps forward `n` characters from byte `i`, stopping at a line end or the end.
std::size_t forward_chars(std::string_view s, std::size_t i, std::size_t n) noexcept {
  while (i < s.size() && !is_line_end(s[i]) && n > 0) {
    ++i;
    while (i < s.size() && !is_lead(s[i])) ++i;
    --n;
  }
  return i;
}

// The terminal columns a character takes, so that the caret stands under its character: 2 for
// East Asian wide and fullwidth characters (CJK, most emoji), 0 for combining marks and format
// characters, 1 for the rest (the table and its rules: scripts/gen-width-table).
int columns_of(char32_t cp) noexcept {
  if (cp < 0x300) return 1;  // Latin: most of what a body holds
  const auto* const end = std::end(text_width::ranges);
  const auto* const r = std::upper_bound(std::begin(text_width::ranges), end, cp,
                                         [](char32_t c, const text_width::range& x) { return c < x.first; });
  if (r == std::begin(text_width::ranges) || cp > std::prev(r)->last) return 1;
  return std::prev(r)->columns;
}

// Where the excerpts have got to: findings come in offset order, so lines are counted once
// over the whole report (linear however many findings a long line holds).
struct line_cursor {
  std::string_view input;
  std::size_t pos = 0, line_start = 0, line_no = 1;

  void advance_to(std::size_t offset) noexcept {
    if (offset < pos) *this = line_cursor{input};
    for (; pos < offset; ++pos) {
      if (ends_line(input, pos)) {
        ++line_no;
        line_start = pos + 1;
      }
    }
  }
};

// The line holding `offset` (a window of it on long lines) and a caret line under it. Reads
// nothing outside the input.
void append_excerpt(std::string& out, line_cursor& cur, std::size_t offset) {
  std::string_view const input = cur.input;
  offset = std::min(offset, input.size());
  // The end of a body that ends its last line (a missing '}', say): the caret goes after the
  // last line that holds something, rather than under an empty line after it.
  if (offset == input.size()) {
    std::size_t const before = input.find_last_not_of("\r\n");
    if (before != std::string_view::npos && before + 1 < offset) offset = before + 1;
  }
  // The LF of a CR LF is the line end that CR starts: the caret goes where it would for the CR.
  if (offset > 0 && offset < input.size() && input[offset] == '\n' && input[offset - 1] == '\r') --offset;
  cur.advance_to(offset);
  std::size_t const from = back_chars(input, offset, context_chars, cur.line_start);
  std::size_t const to = forward_chars(input, offset, context_chars);
  std::string shown = from > cur.line_start ? "..." : "";
  std::size_t col = shown.size();
  for (std::size_t i = from; i < to;) {
    unsigned char const c = static_cast<unsigned char>(input[i]);
    std::size_t len = 1;
    int columns = 1;
    if (c >= 0x80) {
      len = utf8::sequence_length(input.substr(0, to), i);  // a character cut by the window is shown as '?'
      char32_t const cp = len != 0 ? utf8::decode(input, i) : 0;
      if (len != 0 && escape::is_hidden(cp)) {
        shown += ' ';  // as C0 controls: one column, nothing a terminal acts on or reorders
      } else if (len != 0) {
        shown.append(input.substr(i, len));
        columns = columns_of(cp);
      } else {
        shown += '?';  // not UTF-8: one column per byte
        len = 1;
      }
    } else {
      shown += escape::is_control(c) ? ' ' : static_cast<char>(c);
    }
    if (i < offset) col += static_cast<std::size_t>(columns);
    // A character of no columns (a combining mark) shows on the one before it: the caret too.
    if (i == offset && columns == 0 && col > 0) --col;
    i += len;
  }
  if (to < input.size() && !is_line_end(input[to])) shown += "...";

  std::string const number = std::to_string(cur.line_no);
  out += "    " + number + " | " + shown + "\n";
  out += "    " + std::string(number.size(), ' ') + " | " + std::string(col, ' ') + "^\n";
}

// Text a terminal shows as it is: control characters (C0, DEL, C1), the line and paragraph
// separators and the bidirectional formatting characters as \uXXXX, bytes that are not UTF-8 as
// '?' (a member name or a file name can hold anything, escape sequences included).
std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    unsigned char const c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      std::size_t const len = utf8::sequence_length(s, i);
      if (char32_t const cp = len != 0 ? utf8::decode(s, i) : 0; len != 0 && escape::is_hidden(cp)) {
        escape::append_u(out, cp);
      } else {
        out.append(len ? s.substr(i, len) : std::string_view("?"));
      }
      i += len ? len : 1;
      continue;
    }
    if (escape::is_control(c)) {
      escape::append_u00(out, c);
    } else {
      out += static_cast<char>(c);
    }
    ++i;
  }
  return out;
}

// A path for a person: long ones (a member name can be megabytes) keep their two ends.
std::string shortened(std::string_view path) {
  constexpr std::size_t keep = 48;
  if (path.size() <= 2 * keep + 3) return std::string(path);
  std::size_t head = keep, tail = path.size() - keep;
  while (head > 0 && !is_lead(path[head])) --head;
  while (tail < path.size() && !is_lead(path[tail])) ++tail;
  return std::string(path.substr(0, head)) + "..." + std::string(path.substr(tail));
}

// Appends each piece in turn, without building a temporary for each operator+.
template <class... Parts>
void append(std::string& out, const Parts&... parts) {
  (out.append(parts), ...);
}

// The URI's findings (the built-in "request." rules: decisions.md gives them no offset) are not
// about the body, though their path is empty as the whole body's is. (A custom rule's ID may
// start so too; its findings are the body's.)
bool about_the_uri(const diagnostic& d) noexcept { return d.rule.starts_with("request.") && find_rule(d.rule); }

std::string counted(std::size_t n, std::string_view what) {
  return std::to_string(n) + ' ' + std::string(what) + (n == 1 ? "" : "s");
}

}  // namespace

std::string to_text(const report& r, std::string_view input, std::string_view source) {
  std::size_t errors = 0, warnings = 0, infos = 0;
  for (const auto& d : r.diagnostics)
    ++(d.severity == severity::error ? errors : d.severity == severity::warning ? warnings : infos);
  std::string out;
  line_cursor cursor{input};
  // The counts are of the listed findings: with some left out, the line says so.
  append(out, printable(source), std::string_view(r.valid ? ": valid (HTTP " : ": invalid (HTTP "),
         std::to_string(r.http_status), std::string_view("), "), counted(errors, "error"), std::string_view(", "),
         counted(warnings, "warning"), std::string_view(", "), std::to_string(infos),
         std::string_view(r.omitted != 0 ? " info listed, " : " info\n"));
  if (r.omitted != 0) append(out, counted(r.omitted, "more finding"), std::string_view(" not listed\n"));
  for (const auto& d : r.diagnostics) {
    append(out, std::string_view("  "), to_string(d.severity));
    if (!d.code.empty()) append(out, std::string_view(" "), d.code);
    append(out, std::string_view(" at "), d.path.empty() ? std::string(about_the_uri(d) ? "(URI)" : "(body)")
                                                         : printable(shortened(d.path)));
    if (d.offset) append(out, std::string_view(", byte "), std::to_string(*d.offset));
    append(out, std::string_view(" ["), d.rule, std::string_view("]\n    "), printable(d.message), std::string_view("\n"));
    if (d.offset) append_excerpt(out, cursor, *d.offset);
  }
  if (r.omitted != 0)
    append(out, std::string_view("  ... and "), counted(r.omitted, "more finding"),
           std::string_view(" not listed (limits.max_diagnostics, --max-diagnostics on the command line; or their "
                            "paths would pass 8 times the body's size, at least 64 KiB)\n"));
  // JSON, whose strings may hold the bidirectional characters raw: printable() writes them as
  // \uXXXX, which JSON reads back the same.
  append(out, std::string_view("  response: "), printable(response_json(r)), std::string_view("\n"));
  if (r.effective) append(out, std::string_view("  effective: "), printable(to_json(*r.effective)), std::string_view("\n"));
  return out;
}

}  // namespace bpv
