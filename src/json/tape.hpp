// Reading simdjson's DOM tape directly (the format of simdjson's doc/tape.md): one 64-bit word
// per value, its type in the top byte. The walk reads a request in a few hundred
// instructions this way; the dom::element API costs several times that in checks it does not
// need, since DOM has validated the whole body already. Private to the library.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace bpv::json {

class tape {
 public:
  /// Over a document simdjson's DOM parser has just filled (parser.doc.tape, .string_buf).
  tape(const std::uint64_t* words, const std::uint8_t* strings) noexcept : w_(words), s_(strings) {}

  static constexpr std::size_t root_value = 1;  ///< word 0 is the root marker

  char type(std::size_t i) const noexcept { return static_cast<char>(w_[i] >> 56); }
  bool is_object(std::size_t i) const noexcept { return type(i) == '{'; }
  bool is_array(std::size_t i) const noexcept { return type(i) == '['; }
  bool is_string(std::size_t i) const noexcept { return type(i) == '"'; }
  /// An integer written without fraction or exponent that fits int64 ('l'; 'u' is beyond).
  bool is_int64(std::size_t i) const noexcept { return type(i) == 'l'; }

  /// The word after value i (after its closing bracket for a container). Without a switch:
  /// members' types vary from request to request, and a missed branch costs more than this.
  std::size_t after(std::size_t i) const noexcept {
    std::uint64_t const w = w_[i];
    char const t = static_cast<char>(w >> 56);
    std::size_t const scalar = i + 1 + static_cast<std::size_t>(t == 'l' || t == 'u' || t == 'd');
    return t == '{' || t == '[' ? static_cast<std::size_t>(static_cast<std::uint32_t>(w)) : scalar;
  }
  /// Of a container at i: its first item (a name, for an object) and its closing word.
  std::size_t first(std::size_t i) const noexcept { return i + 1; }
  std::size_t last(std::size_t i) const noexcept { return static_cast<std::uint32_t>(w_[i]) - 1; }

  /// The unescaped text of the string at i.
  std::string_view string(std::size_t i) const noexcept {
    std::size_t const at = static_cast<std::size_t>(w_[i] & payload);
    std::uint32_t length;
    std::memcpy(&length, s_ + at, sizeof length);
    return {reinterpret_cast<const char*>(s_ + at + sizeof length), length};
  }
  std::int64_t int64(std::size_t i) const noexcept {
    std::int64_t v;
    std::memcpy(&v, &w_[i + 1], sizeof v);
    return v;
  }

 private:
  static constexpr std::uint64_t payload = 0x00FFFFFFFFFFFFFF;
  const std::uint64_t* w_;
  const std::uint8_t* s_;
};

}  // namespace bpv::json
