// Reading a body through simdjson's first stage alone: its structural index, one entry per
// bracket, ':', ',', string and scalar, in document order. Most requests are read from it alone
// (rules/bind_index.cpp, json/walker.cpp's index route), without DOM's second stage (tape and
// string buffer), which measured as much as everything else a clean request costs. Stage one
// has checked UTF-8 and found where strings are; it has not checked the grammar between
// tokens, so whoever reads this checks each separator it relies on, and each token's text.
// Private to the library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "json/document.hpp"

namespace bpv::json {

class structure {
 public:
  /// Over `count` entries of `index` into `src`, which holds the body and padding.
  structure(const char* src, const std::uint32_t* index, std::uint32_t count) noexcept
      : src_(src), index_(index), count_(count) {}

  std::uint32_t count() const noexcept { return count_; }
  /// The bytes the entries point into, and the entries (byte offsets): for readers that keep
  /// them in registers across their own stores (the compiler cannot tell those apart).
  const char* bytes() const noexcept { return src_; }
  const std::uint32_t* entries() const noexcept { return index_; }
  /// The first byte of entry k: '{', '}', '[', ']', ':', ',', '"' or a scalar's first byte;
  /// '\0' past the last entry.
  char at(std::size_t k) const noexcept { return k < count_ ? src_[index_[k]] : '\0'; }

  /// The byte where entry k starts (k < count()).
  std::size_t offset(std::size_t k) const noexcept { return index_[k]; }

  /// The text of entry k (k < count()): from its first byte up to the next entry, less white
  /// space; empty for the last entry.
  std::string_view token(std::size_t k) const noexcept {
    std::size_t const begin = index_[k];
    std::size_t end = k + 1 < count_ ? index_[k + 1] : begin;
    while (end > begin && is_json_space(src_[end - 1])) --end;
    return {src_ + begin, end - begin};
  }

  /// The string at entry k as written between its quotes: its text when it has no '\', which
  /// is not looked for here (the readers of this index take only bodies without one).
  bool raw_string(std::size_t k, std::string_view& out) const noexcept {
    if (at(k) != '"' || k + 1 >= count_) return false;
    std::string_view const t = token(k);
    // A string's token ends at its closing quote: stage one put everything after it that is
    // not white space into an entry of its own.
    if (t.size() < 2 || t.back() != '"') return false;
    out = t.substr(1, t.size() - 2);
    return true;
  }

 private:
  const char* src_;
  const std::uint32_t* index_;
  std::uint32_t count_;
};

}  // namespace bpv::json
