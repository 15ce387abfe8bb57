// The JSON walk's output: every value of the body, in document order, with its place.
// Private to the library. Views point into the walker's padded copy of the body (raw text) or
// into simdjson's string buffer (unescaped text); they live until the walker's next walk.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bpv/field.hpp"

namespace bpv::json {

enum class kind : std::uint8_t { object, array, string, number, boolean, null };

/// "an object", "an array", "a string", "a number", "a boolean" or "null": for messages.
std::string_view describe(kind k) noexcept;

/// JSON's white space: space, tab, line feed, carriage return.
constexpr bool is_json_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

inline constexpr std::uint32_t none = UINT32_MAX;

struct node {
  json::kind kind = kind::null;
  bool duplicate = false;          ///< a member whose name an earlier member of the object has
  std::uint32_t parent = none;     ///< containing node; none for the root
  std::uint32_t depth = 1;         ///< the root object is 1
  std::uint32_t index = 0;         ///< position among the parent's children (the array index)
  std::uint32_t first_child = none;
  std::uint32_t next_sibling = none;
  std::uint32_t child_count = 0;
  std::string_view name;           ///< member name, unescaped (members only)
  std::size_t name_offset = 0;     ///< byte of the name's opening quote (members only)
  std::size_t offset = 0;          ///< first byte of the value
  std::size_t end = 0;             ///< one past the value's last byte: the value is [offset, end)
  std::string_view text;           ///< string: unescaped; number, boolean, null: the literal
  std::string_view raw;            ///< string: the raw text between the quotes; names: see raw_name
  std::string_view raw_name;       ///< member name as written, between the quotes

  bool is_member() const noexcept { return raw_name.data() != nullptr; }
  /// Views compare by their text (is_member() is not compared).
  friend bool operator==(const node&, const node&) = default;
};

/// Why a body is not a JSON object bpv can read.
struct failure {
  enum class reason : std::uint8_t { syntax, not_object, too_deep, too_large };
  failure::reason why = reason::syntax;
  std::optional<std::size_t> offset;  ///< where reading failed; none for limits
  std::string message;
  /// As made, keeping the message's storage (document::error is a field).
  void clear() noexcept {
    why = reason::syntax;
    offset.reset();
    message.clear();
  }
};

struct document {
  /// nodes[0] is the root object when the walk succeeded; with a not_object failure, the root
  /// array or string when it was read for the rules that hold anywhere (walker::walk), or none.
  std::vector<node> nodes;
  /// Why the body could not be read, if it could not. A field, not an optional: its message's
  /// storage is kept, so that a body that is not JSON allocates nothing once one has been seen.
  bpv::field<json::failure> error;
  /// Some member repeats a name of its object.
  bool any_duplicate = false;
  /// Some name or string may hold '<' or '>': the body has one, or has an escape. False
  /// lets the rules skip looking at every string.
  bool maybe_angle_brackets = true;

  void clear() noexcept {
    nodes.clear();
    error.reset();
    any_duplicate = false;
    maybe_angle_brackets = true;
  }
  const node& root() const noexcept { return nodes.front(); }
};

/// Children of a node, in document order.
class children {
 public:
  children(const document& doc, const node& n) noexcept : doc_(&doc), first_(n.first_child) {}
  class iterator {
   public:
    iterator(const document* d, std::uint32_t i) noexcept : doc_(d), i_(i) {}
    const node& operator*() const noexcept { return doc_->nodes[i_]; }
    const node* operator->() const noexcept { return &doc_->nodes[i_]; }
    iterator& operator++() noexcept {
      i_ = doc_->nodes[i_].next_sibling;
      return *this;
    }
    bool operator!=(const iterator& o) const noexcept { return i_ != o.i_; }
    bool operator==(const iterator& o) const noexcept { return i_ == o.i_; }

   private:
    const document* doc_;
    std::uint32_t i_;
  };
  iterator begin() const noexcept { return {doc_, first_}; }
  iterator end() const noexcept { return {doc_, none}; }

 private:
  const document* doc_;
  std::uint32_t first_;
};

/// Appends a member name as a JSON Pointer token: '~' as "~0", '/' as "~1" (RFC 6901).
void append_pointer_token(std::string& out, std::string_view name);

/// RFC 6901 JSON Pointer of a node ("" for the root), into `out` (replaced; its storage kept).
void pointer_of(const document& doc, const node& n, std::string& out);
inline std::string pointer_of(const document& doc, const node& n) {
  std::string out;
  pointer_of(doc, n, out);
  return out;
}

}  // namespace bpv::json
