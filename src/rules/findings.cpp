#include "rules/findings.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>

#include "escape.hpp"
#include "rules/rule_set.hpp"
#include "utf8.hpp"

namespace bpv::engine {
namespace {

// decisions.md: at one offset 0101, 0102, 0100, any other code, then 0221, warnings, info.
// Worked out once per finding, not at each of the comparisons a heap makes.
// The codes are compared by their last four digits once the rest is seen to match, as one word.
std::uint8_t rank(severity sev, std::string_view code) noexcept {
  if (sev == severity::info) return 6;
  if (sev == severity::warning) return 5;
  constexpr std::string_view prefix = "AutoBackup.";
  if (code.size() != prefix.size() + 4 || !code.starts_with(prefix)) return 3;
  auto word = [](std::string_view d) {
    std::uint32_t w = 0;
    for (char c : d) w = w << 8 | static_cast<unsigned char>(c);
    return w;
  };
  switch (word(code.substr(prefix.size()))) {
    case word("0101"): return 0;
    case word("0102"): return 1;
    case word("0100"): return 2;
    case word("0221"): return 4;
    default: return 3;
  }
}

// A path_ref as the JSON Pointer it stands for, into `out` (replaced; its storage kept).
void write_path(const path_ref& p, std::string& out) {
  out.assign(p.base);
  if (p.named) {
    out += '/';
    json::append_pointer_token(out, p.token);
  }
  if (p.index != json::none) {
    char digits[16];
    auto const r = std::to_chars(digits, digits + sizeof digits, p.index);
    out += '/';
    out.append(digits, r.ptr);
  }
}

}  // namespace

bool findings::before(const place& a, const place& b) noexcept {
  if (a.offset.has_value() != b.offset.has_value()) return !a.offset.has_value();
  if (a.offset != b.offset) return *a.offset < *b.offset;
  if (a.rank != b.rank) return a.rank < b.rank;
  return a.seq < b.seq;
}

findings::admission findings::admit(rule r, std::string_view& code, severity& sev, place& at) const noexcept {
  sev = info(r).severity;
  if (rules_ && !rules_->apply(r, sev, code)) return admission::off;
  at.rank = rank(sev, code);
  if (sev == severity::error && (!first_error_ || before(at, *first_error_))) return admission::keep;
  if (max_kept_ == 0) return admission::drop;
  return kept_.size() < max_kept_ || before(at, kept_.front().at) ? admission::keep : admission::drop;
}

void findings::add(std::string_view id, severity sev, std::string_view code, std::string_view path,
                   std::optional<std::size_t> offset, std::string message) {
  // The custom rule's path and message are its own: copied now, before a slot is claimed, so
  // that running out of memory here (a rule may catch it) leaves the findings as they were.
  std::size_t const path_at = text_.size();
  text_ += path;
  std::size_t const text_at = text_.size();
  text_ += message;
  ++raised_;
  place const at{offset, seq_++, rank(sev, code)};
  entry& e = room_for(at, sev);
  if (&e == &discarded_) {
    text_.resize(path_at);  // left out, and not the first error: its words are not kept
    return;
  }
  e = entry{id, code, sev, at, json::none, path_ref{}, text_at, message.size(), path_at, path.size(), true};
  placed(e);
}

findings::entry& findings::room_for(const place& at, severity sev) {
  if (sev == severity::error && (!first_error_ || before(at, *first_error_))) first_error_ = at;
  bool const first_error = first_error_ && first_error_->seq == at.seq;
  // Left out: a finding after everything kept once the cap is reached. Its text stays where
  // it is (a few of them at most: findings come mostly in document order, and those after
  // every kept one are never written).
  if (max_kept_ == 0 || (kept_.size() == max_kept_ && !before(at, kept_.front().at))) {
    ++dropped_;
    return first_error ? left_out_.emplace() : discarded_;
  }
  if (kept_.size() == max_kept_) {
    // The last kept one in report order makes room: aside if it is the first error.
    std::pop_heap(kept_.begin(), kept_.end(), entry_before);
    ++dropped_;
    if (first_error_ && kept_.back().at.seq == first_error_->seq) left_out_ = kept_.back();
    return kept_.back();
  }
  // A copy of a blank entry: GCC value-initialises one with `rep stos`, which costs more.
  static constexpr entry blank{};
  return kept_.emplace_back(blank);
}

void findings::placed(entry& e) {
  if (kept_.empty() || &e != &kept_.back() || kept_.size() != max_kept_) return;
  // A list in the order found until the cap is reached, a heap from then on: most requests
  // have a few findings, most in document order already, and pay no heap for them.
  if (heap_) {
    std::push_heap(kept_.begin(), kept_.end(), entry_before);
  } else {
    std::make_heap(kept_.begin(), kept_.end(), entry_before);
    heap_ = true;
  }
}

void findings::restart() {
  kept_.clear();
  left_out_.reset();
  text_.clear();
  first_error_.reset();
  heap_ = false;
  seq_ = 0;
  dropped_ = 0;
  raised_ = 0;
}

namespace {

// What each byte takes in a quoted text at most: '"' and '\\' 2, a control character its 6-byte
// escape, and so the lead byte of a character escape::is_hidden() holds (most characters they
// start are shown as they are); every other byte 1. The bytes above 1 are those quoting looks for.
constexpr auto escaped_size = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 256; ++c) {
    auto const b = static_cast<unsigned char>(c);
    t[b] = (c == '"' || c == '\\') ? 2 : (escape::is_control(b) || escape::may_start_hidden(b)) ? 6 : 1;
  }
  return t;
}();
constexpr std::size_t max_escaped_size = *std::max_element(escaped_size.begin(), escaped_size.end());

}  // namespace

std::size_t path_room(std::size_t body_size) noexcept {
  constexpr std::size_t per_body_byte = 8, least = std::size_t{64} << 10;
  if (body_size <= least / per_body_byte) return least;
  return body_size <= SIZE_MAX / per_body_byte ? body_size * per_body_byte : SIZE_MAX;
}

std::size_t rendered_path_size(std::string_view path) noexcept {
  std::size_t n = 0;
  for (char ch : path) n += escaped_size[static_cast<unsigned char>(ch)];
  return n;
}

std::size_t findings::finish(std::vector<diagnostic>& out, std::size_t body_size) {
  if (kept_.empty() && !left_out_ && out.empty()) return dropped_;  // most requests
  std::size_t const path_budget = path_room(body_size);
  if (heap_) {
    std::sort_heap(kept_.begin(), kept_.end(), entry_before);
  } else if (!std::is_sorted(kept_.begin(), kept_.end(), entry_before)) {
    std::sort(kept_.begin(), kept_.end(), entry_before);
  }
  std::size_t left_out = dropped_;
  // The first error, if the cap left it out, comes after everything kept: append it.
  if (first_error_ && left_out_ && left_out_->at.seq == first_error_->seq) {
    kept_.push_back(*left_out_);
    --left_out;  // it was counted as dropped
  }
  // Into the report's diagnostics as they are: their strings keep their storage. Room for
  // nearly every message from the start: strings of every size would otherwise trade places
  // and grow for many requests before they settle. Only for the first few, which a report at
  // the default cap (100) stays within: a report listing many thousands (a raised cap) would
  // spread over half a kilobyte each, beyond what caches hold, and take a third longer per
  // finding at a megabyte of body.
  constexpr std::size_t room = 256, roomy = 128;
  auto fresh = [&](std::string& s) {
    if (!spare_.empty()) {
      s = std::move(spare_.back());
      spare_.pop_back();
    }
    if (s.capacity() < room) s.reserve(room);
  };
  // The listed paths' size as rendered, or, until that is needed, a bound on it: counting each
  // path byte by byte took about half of finish() (GCC's vectorised table lookups stall), and
  // nearly every report stays far inside the room.
  std::size_t listed = 0, path_bytes = 0;
  bool exact = false;
  auto past_room = [&] {
    if (path_bytes <= path_budget) return false;
    if (!exact) {
      exact = true;
      path_bytes = 0;
      for (std::size_t i = 0; i < listed; ++i) path_bytes += rendered_path_size(out[i].path);
    }
    return path_bytes > path_budget;
  };
  for (const entry& k : kept_) {
    bool const must = first_error_ && k.at.seq == first_error_->seq;
    if (!must && listed != 0 && past_room()) {
      ++left_out;
      continue;
    }
    if (listed == out.size()) {
      diagnostic& d = out.emplace_back();
      if (listed < roomy) {
        fresh(d.message);
        fresh(d.path);
      }
    }
    diagnostic& d = out[listed++];
    d.rule = k.rule;
    d.severity = k.sev;
    d.code = k.code;
    d.offset = k.at.offset;
    d.message.assign(text_, k.text_at, k.text_size);
    if (k.node != json::none) {
      json::pointer_of(*doc_, doc_->nodes[k.node], d.path);
    } else if (k.path_given) {
      d.path.assign(text_, k.path_at, k.path_size);
    } else {
      write_path(k.where, d.path);
    }
    path_bytes += exact ? rendered_path_size(d.path) : max_escaped_size * d.path.size();
  }
  // Diagnostics listed last time, not now: their strings wait for the next ones. Only storage
  // worth keeping: the spares never outnumber the strings one report has held.
  for (std::size_t i = listed; i < out.size(); ++i)
    for (std::string* s : {&out[i].message, &out[i].path})
      if (s->capacity() > std::string().capacity()) spare_.push_back(std::move(*s));
  out.resize(listed);
  kept_.clear();
  text_.clear();
  heap_ = false;
  first_error_.reset();
  left_out_.reset();
  return left_out;
}

void append_quoted(std::string& out, std::string_view text) {
  constexpr std::size_t max_shown = 48;
  // Most values are short and plain: then they are shown whole, as one copy.
  if (text.size() <= max_shown) {
    bool escapes = false;
    for (char ch : text) escapes |= escaped_size[static_cast<unsigned char>(ch)] != 1;
    if (!escapes) {
      std::size_t const at = out.size();
      out.resize(at + text.size() + 2);
      out[at] = '"';
      if (!text.empty()) std::memcpy(out.data() + at + 1, text.data(), text.size());
      out.back() = '"';
      return;
    }
  }
  out += '"';
  std::size_t shown = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char const ch = text[i];
    if (shown >= max_shown && utf8::is_lead(ch)) {
      out += "...";
      break;
    }
    unsigned char const c = static_cast<unsigned char>(ch);
    if (utf8::is_lead(ch)) ++shown;
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (escape::is_control(c)) {
      escape::append_u00(out, c);
    } else if (std::size_t len = 0; escape::may_start_hidden(c) && (len = utf8::sequence_length(text, i)) != 0 &&
                                    escape::is_hidden(utf8::decode(text, i))) {
      // As JSON would write it: a message quoting it stays one line and reads in order.
      escape::append_u(out, utf8::decode(text, i));
      i += len - 1;
    } else {
      out += ch;
    }
  }
  out += '"';
}

}  // namespace bpv::engine
