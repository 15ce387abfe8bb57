// Where rules put what they find. Findings are kept in report order (offset, null first; at one
// offset 0101, 0102, 0100, other codes, 0221, warnings, info), at most `max_kept` of them plus the
// first error, which the response needs. Paths of findings on nodes are built only for what is
// kept, once, at the end: a hostile body (many findings under a megabyte-long member name) costs
// time and memory in proportion to its size, not to findings times path length.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "bpv/diagnostic.hpp"
#include "json/document.hpp"
#include "rules/catalog.hpp"

namespace bpv::engine {

class rule_set;

class findings {
 public:
  struct entry {
    diagnostic d;               // path filled in by finish() for node findings
    std::uint32_t node;         // json::none for a known path
    std::uint64_t seq;          // emission order: the last tie-break
    std::uint8_t rank;          // order among findings at one offset (see findings.cpp)
  };
  /// What findings keep between requests, so that a request with findings grows no list that
  /// an earlier one has grown already: one per validator.
  struct storage {
    std::vector<entry> kept;  // in the order found; a max-heap by report order once full
    std::optional<entry> first_error_left_out;  // the first error, when the cap left it out
  };

  /// `doc` gives the paths of findings on nodes (it may be null when there are none); `rules`
  /// turns rules off and sets their severity (null: as the table has them).
  findings(const json::document* doc, std::size_t max_kept, const rule_set* rules, storage& room) noexcept
      : doc_(doc), max_kept_(max_kept), rules_(rules), kept_(room.kept), left_out_(room.first_error_left_out) {
    kept_.clear();
    left_out_.reset();
  }

  /// A finding of rule `r` with a known path ("", "/scheduled_policy", ...).
  void add(rule r, std::string_view path, std::optional<std::size_t> offset, std::string message) {
    push(r, info(r).code, path, json::none, offset, std::move(message));
  }
  /// A finding of rule `r` at node `n` (its JSON Pointer is built if the finding is kept).
  void add(rule r, const json::node& n, std::optional<std::size_t> offset, std::string message) {
    push(r, info(r).code, {}, index_of(n), offset, std::move(message));
  }
  /// The same, with the message made only if the finding is kept: for rules a hostile body can
  /// trigger once per member (unknown names, '<' anywhere, duplicates), so that findings beyond
  /// the cap cost no message. With `code`, a code the rule takes from elsewhere (a near miss
  /// takes its member's).
  template <class Make>
    requires std::is_invocable_r_v<std::string, Make>
  void add(rule r, const json::node& n, std::optional<std::size_t> offset, Make&& make) {
    add(r, info(r).code, n, offset, std::forward<Make>(make));
  }
  template <class Make>
    requires std::is_invocable_r_v<std::string, Make>
  void add(rule r, std::string_view code, const json::node& n, std::optional<std::size_t> offset, Make&& make) {
    switch (admit(r, code, offset)) {
      case admission::off: return;
      case admission::keep: push(r, code, {}, index_of(n), offset, make()); return;
      case admission::drop:
        ++seq_;
        ++dropped_;
        return;
    }
  }

  /// A finding of a custom rule, with its configured ID, severity and code.
  void add(std::string_view id, severity sev, std::string_view code, std::string_view path,
           std::optional<std::size_t> offset, std::string message);

  /// Whether an error has been found so far.
  bool has_error() const noexcept { return first_error_.has_value(); }

  /// Moves the kept findings into `out` (cleared first) in report order, with their paths; the
  /// paths stop growing the report once they pass `path_budget` bytes (the first error is
  /// listed whatever its size). Returns how many findings were left out.
  std::size_t finish(std::vector<diagnostic>& out, std::size_t path_budget);

 private:
  std::uint32_t index_of(const json::node& n) const noexcept {
    return static_cast<std::uint32_t>(&n - doc_->nodes.data());
  }
  void push(rule r, std::string_view code, std::string_view path, std::uint32_t node,
            std::optional<std::size_t> offset, std::string message);
  void keep(entry e);
  static bool before(const entry& a, const entry& b) noexcept;
  /// What would become of a finding of rule `r` at `offset` now: the rule is off, it would be
  /// kept (or be the first error), or it would be left out by the cap.
  enum class admission : unsigned char { off, keep, drop };
  admission admit(rule r, std::string_view code, std::optional<std::size_t> offset) const noexcept;

  const json::document* doc_;
  std::size_t max_kept_;
  const rule_set* rules_;
  std::vector<entry>& kept_;  // in the order found; once max_kept_ long, a max-heap by report
                              // order (the last kept on top)
  bool heap_ = false;
  // The earliest error: its place in the order only (no path, no message), since the entry
  // itself is in kept_, or in left_out_ when the cap left it out.
  std::optional<entry> first_error_;
  std::optional<entry>& left_out_;
  std::uint64_t seq_ = 0;
  std::size_t dropped_ = 0;
};

/// A value for a message: quoted, with '"', '\' and control characters escaped as in JSON,
/// long text shortened.
std::string quoted(std::string_view text);
void append_quoted(std::string& out, std::string_view text);
/// before + quoted(text) + after, in one allocation: the messages of findings that can come
/// once per member.
std::string quoted_in(std::string_view before, std::string_view text, std::string_view after);

}  // namespace bpv::engine
