// Duplicate member names, one object at a time. Private to the library.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "json/name_hash.hpp"
#include "storage.hpp"

namespace bpv::json {

// Duplicate detection for one object: the names in a list, looked through while it is short,
// then an open-addressing hash table of their positions for wide objects, so that many members
// stay linear overall. A slot holds a tag of the name's hash and its position in the list (12
// bytes, the names themselves read only on a tag's match), so that a table of a million names
// keeps to what caches hold. Both keep their storage from one object and one request to the
// next (a table is emptied by a new generation, not by a sweep), so a hostile body with a
// million members allocates nothing per member. The hash is keyed (json/name_hash.hpp): a body
// cannot be written so that its names crowd one run of slots.
class member_names {
 public:
  void clear() noexcept {
    names_.clear();
    hashes_.clear();
    small_bits_ = 0;
    in_table_ = false;
    if (++generation_ == 0) {  // after 2^32 objects: no slot may look current by accident
      for (auto& s : slots_) s.generation = 0;
      generation_ = 1;
    }
  }
  /// Empty, with no more storage than an object of `small_limit` names needs (after an object
  /// of a great many).
  void give_back() {
    clear();
    bpv::give_back(names_, small_limit);
    bpv::give_back(hashes_, 0);
    bpv::give_back(slots_, 0);  // a table is built again for the next wide object
  }

  /// False when the name was seen before.
  bool insert(std::string_view name) {
    if (!in_table_) {
      // A bit per size and end bytes seen: a name whose bit is clear is new, with no compare.
      // (The last byte tells apart the names a generator makes: label_1, label_2, ...)
      unsigned const ends = name.empty() ? 0u
                                         : static_cast<unsigned char>(name.front()) * 5u +
                                               static_cast<unsigned char>(name.back()) * 11u;
      std::uint64_t const bit = std::uint64_t{1} << ((name.size() * 7 + ends) & 63);
      if ((small_bits_ & bit) && std::find(names_.begin(), names_.end(), name) != names_.end()) return false;
      if (names_.size() < small_limit) {
        names_.push_back(name);
        small_bits_ |= bit;
        return true;
      }
      in_table_ = true;
      for (std::string_view n : names_) hashes_.push_back(name_hash(n));
      rebuild(slots_.empty() ? 64 : slots_.size());
    }
    std::uint64_t const h = name_hash(name);
    if ((names_.size() + 1) * 2 > slots_.size()) rebuild(slots_.size() * 2);
    if (!put(h, name, static_cast<std::uint32_t>(names_.size()))) return false;
    names_.push_back(name);
    hashes_.push_back(h);
    return true;
  }

  /// Slots looked at since this table was made: what a hostile body would make grow faster
  /// than its names (for tests).
  std::uint64_t probes() const noexcept { return probes_; }

 private:
  static constexpr std::size_t small_limit = 16;
  struct slot {
    std::uint32_t tag = 0;
    std::uint32_t index = 0;  // in names_
    std::uint32_t generation = 0;
  };

  // Claims a slot for names_[index] (to be) named `name`, of hash `h`; false when the name is
  // in already.
  bool put(std::uint64_t h, std::string_view name, std::uint32_t index) {
    auto const tag = static_cast<std::uint32_t>(h >> 32);
    std::size_t const mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      ++probes_;
      slot& s = slots_[i];
      if (s.generation != generation_) {
        s = slot{tag, index, generation_};
        return true;
      }
      if (s.tag == tag && names_[s.index] == name) return false;
    }
  }
  // A table of `size` slots (a power of two) holding every name listed so far.
  void rebuild(std::size_t size) {
    if (slots_.size() != size) {
      slots_.assign(size, slot{});
      generation_ = 1;  // the new table holds no generation yet
    } else if (++generation_ == 0) {
      for (auto& s : slots_) s.generation = 0;
      generation_ = 1;
    }
    for (std::size_t i = 0; i < names_.size(); ++i) put(hashes_[i], names_[i], static_cast<std::uint32_t>(i));
  }

  std::vector<std::string_view> names_;  // in the order inserted
  std::vector<std::uint64_t> hashes_;    // of names_, once in the table: a rebuild hashes nothing again
  std::uint64_t small_bits_ = 0;
  std::vector<slot> slots_;
  std::uint32_t generation_ = 1;
  bool in_table_ = false;
  std::uint64_t probes_ = 0;
};

}  // namespace bpv::json
