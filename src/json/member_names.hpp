// Duplicate member names, one object at a time. Private to the library.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace bpv::json {

// Duplicate detection for one object: a short list, then an open-addressing hash table for
// wide objects, so that many members stay linear overall. Both keep their storage from one
// object and one request to the next (a table is emptied by a new generation, not by a sweep),
// so a hostile body with a million members allocates nothing per member.
class member_names {
 public:
  void clear() noexcept {
    small_.clear();
    small_bits_ = 0;
    used_ = 0;
    in_table_ = false;
    if (++generation_ == 0) {  // after 2^32 objects: no slot may look current by accident
      for (auto& s : slots_) s.generation = 0;
      generation_ = 1;
    }
  }
  /// False when the name was seen before.
  bool insert(std::string_view name) {
    if (!in_table_) {
      // A bit per size and first byte seen: a name whose bit is clear is new, with no compare.
      unsigned const first = name.empty() ? 0u : static_cast<unsigned char>(name[0]);
      std::uint64_t const bit = std::uint64_t{1} << ((name.size() * 7 + first) & 63);
      if ((small_bits_ & bit) && std::find(small_.begin(), small_.end(), name) != small_.end()) return false;
      if (small_.size() < small_limit) {
        small_.push_back(name);
        small_bits_ |= bit;
        return true;
      }
      in_table_ = true;
      for (std::string_view n : small_) put(n);
    }
    return put(name);
  }

 private:
  static constexpr std::size_t small_limit = 16;
  struct slot {
    std::string_view name;
    std::uint32_t generation = 0;
  };

  bool put(std::string_view name) {
    if ((used_ + 1) * 2 > slots_.size()) grow();
    std::size_t const mask = slots_.size() - 1;
    for (std::size_t i = std::hash<std::string_view>{}(name) & mask;; i = (i + 1) & mask) {
      slot& s = slots_[i];
      if (s.generation != generation_) {
        s = slot{name, generation_};
        ++used_;
        return true;
      }
      if (s.name == name) return false;
    }
  }
  void grow() {
    std::vector<slot> old;
    old.swap(slots_);
    slots_.assign(std::max<std::size_t>(64, old.size() * 2), slot{});
    std::uint32_t const live = generation_;
    generation_ = 1;  // the new table holds no generation yet: start over
    for (auto& s : slots_) s.generation = 0;
    used_ = 0;
    for (const slot& s : old)
      if (s.generation == live) put(s.name);
  }

  std::vector<std::string_view> small_;
  std::uint64_t small_bits_ = 0;
  std::vector<slot> slots_;
  std::size_t used_ = 0;
  std::uint32_t generation_ = 1;
  bool in_table_ = false;
};

}  // namespace bpv::json
