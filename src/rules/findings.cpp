#include "rules/findings.hpp"

#include <algorithm>
#include <charconv>

#include "escape.hpp"
#include "rules/rule_set.hpp"
#include "utf8.hpp"

namespace bpv::engine {
namespace {

// decisions.md: at one offset 0101, 0102, 0100, any other code, then 0221, warnings, info.
// Worked out once per finding, not at each of the comparisons a heap makes.
std::uint8_t rank(severity sev, std::string_view code) noexcept {
  if (sev == severity::info) return 6;
  if (sev == severity::warning) return 5;
  if (code == "AutoBackup.0101") return 0;
  if (code == "AutoBackup.0102") return 1;
  if (code == "AutoBackup.0100") return 2;
  if (code == "AutoBackup.0221") return 4;
  return 3;
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

std::string findings::spare_text() {
  // Room for nearly every message from the start, whichever spare a message gets: strings of
  // every size would otherwise trade places and grow for many requests before they settle.
  constexpr std::size_t room = 256;
  std::string text;
  if (!spare_.empty()) {
    text = std::move(spare_.back());
    spare_.pop_back();
    text.clear();
  }
  if (text.capacity() < room) text.reserve(room);
  return text;
}

namespace {

// Only storage worth keeping goes back: the spares never outnumber the strings (messages and
// paths) one report has held.
void give_back(std::vector<std::string>& spare, std::string& text) {
  if (text.capacity() > std::string().capacity()) spare.push_back(std::move(text));
}

}  // namespace

void findings::recycle(std::string& text) { give_back(spare_, text); }

void findings::storage::take_back(std::vector<diagnostic>& list) {
  for (auto& d : list) {
    give_back(spare, d.message);
    give_back(spare, d.path);
  }
  list.clear();
}

void findings::add(std::string_view id, severity sev, std::string_view code, std::string_view path,
                   std::optional<std::size_t> offset, std::string message) {
  // The custom rule's path is in its own storage: copied now.
  ++raised_;
  keep(entry{diagnostic{id, sev, code, std::string(path), offset, std::move(message)}, json::none, path_ref{},
             place{offset, seq_++, rank(sev, code)}, true});
}

void findings::keep(entry&& e) {
  if (e.d.severity == severity::error && (!first_error_ || before(e.at, *first_error_))) first_error_ = e.at;
  auto leave_out = [&](entry& gone) {
    ++dropped_;
    if (first_error_ && gone.at.seq == first_error_->seq) {
      if (left_out_) recycle(left_out_->d.message);
      left_out_ = std::move(gone);
    } else {
      recycle(gone.d.message);
    }
  };
  if (max_kept_ == 0) return leave_out(e);
  if (kept_.size() == max_kept_) {
    if (!before(e.at, kept_.front().at)) return leave_out(e);
    std::pop_heap(kept_.begin(), kept_.end(), entry_before);
    leave_out(kept_.back());
    kept_.pop_back();
  }
  // A list in the order found until the cap is reached, a heap from then on: most requests
  // have a few findings, most in document order already, and pay no heap for them.
  kept_.push_back(std::move(e));
  if (kept_.size() == max_kept_) {
    if (heap_) {
      std::push_heap(kept_.begin(), kept_.end(), entry_before);
    } else {
      std::make_heap(kept_.begin(), kept_.end(), entry_before);
      heap_ = true;
    }
  }
}

void findings::restart() {
  for (auto& k : kept_) recycle(k.d.message);
  kept_.clear();
  if (left_out_) recycle(left_out_->d.message);
  left_out_.reset();
  first_error_.reset();
  heap_ = false;
  seq_ = 0;
  dropped_ = 0;
  raised_ = 0;
}

std::size_t findings::finish(std::vector<diagnostic>& out, std::size_t path_budget) {
  if (kept_.empty() && !left_out_ && out.empty()) return dropped_;  // most requests
  if (heap_) {
    std::sort_heap(kept_.begin(), kept_.end(), entry_before);
  } else if (!std::is_sorted(kept_.begin(), kept_.end(), entry_before)) {
    std::sort(kept_.begin(), kept_.end(), entry_before);
  }
  std::size_t left_out = dropped_;
  // The first error, if the cap left it out, comes after everything kept: append it.
  if (first_error_ && left_out_ && left_out_->at.seq == first_error_->seq) {
    kept_.push_back(std::move(*left_out_));
    --left_out;  // it was counted as dropped
  }
  // Into the report's diagnostics as they are: their paths keep their storage.
  std::size_t listed = 0, path_bytes = 0;
  for (auto& k : kept_) {
    bool const must = first_error_ && k.at.seq == first_error_->seq;
    if (!must && listed != 0 && path_bytes > path_budget) {
      ++left_out;
      continue;
    }
    if (listed == out.size()) out.emplace_back().path = spare_text();
    diagnostic& d = out[listed++];
    d.rule = k.d.rule;
    d.severity = k.d.severity;
    d.code = k.d.code;
    d.offset = k.d.offset;
    d.message.swap(k.d.message);  // the report's old message goes back to the spares below
    if (k.node != json::none) {
      json::pointer_of(*doc_, doc_->nodes[k.node], d.path);
    } else if (k.path_given) {
      d.path.assign(k.d.path);
    } else {
      write_path(k.where, d.path);
    }
    path_bytes += d.path.size();
  }
  for (std::size_t i = listed; i < out.size(); ++i) {  // listed last time, not now
    recycle(out[i].message);
    recycle(out[i].path);
  }
  out.resize(listed);
  for (auto& k : kept_) recycle(k.d.message);
  if (left_out_) recycle(left_out_->d.message);
  kept_.clear();
  heap_ = false;
  first_error_.reset();
  left_out_.reset();
  return left_out;
}

void append_quoted(std::string& out, std::string_view text) {
  constexpr std::size_t max_shown = 48;
  // Most values are short and plain: then they are shown whole, as one copy.
  bool const plain = text.size() <= max_shown && std::none_of(text.begin(), text.end(), [](char ch) {
                       auto const c = static_cast<unsigned char>(ch);
                       return c == '"' || c == '\\' || escape::is_control(c);
                     });
  if (plain) {
    out += '"';
    out += text;
    out += '"';
    return;
  }
  out += '"';
  std::size_t shown = 0;
  for (char ch : text) {
    if (shown >= max_shown && utf8::is_lead(ch)) {
      out += "...";
      break;
    }
    unsigned char const c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (escape::is_control(c)) {
      escape::append_u00(out, c);
    } else {
      out += ch;
    }
    if (utf8::is_lead(ch)) ++shown;
  }
  out += '"';
}

}  // namespace bpv::engine
