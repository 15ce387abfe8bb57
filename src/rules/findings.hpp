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
#include <utility>
#include <vector>

#include "bpv/diagnostic.hpp"
#include "json/document.hpp"
#include "rules/catalog.hpp"
#include "rules/message.hpp"
#include "rules/request.hpp"

namespace bpv::engine {

class rule_set;

/// The room the listed findings' paths have together in a report of a body of `body_size`
/// bytes: 8 times the body, at least 64 KiB. A path repeats its ancestors' names, so an ordinary
/// body can need more than its own size: a finding on each of thousands of short members, or
/// on each level of a body nested to the depth limit (64 levels of names of 30 characters: 62
/// KB). Past it a report is listing one hostile structure over and over (thousands of findings
/// under one long name), and findings are counted instead (report::omitted).
std::size_t path_room(std::size_t body_size) noexcept;

/// What `path` takes in a report at most, as the room counts it: a control character, and the
/// lead byte of a character the renderers may write as an escape, as the 6 bytes of its escape;
/// a quote and a backslash as 2. (A name of control characters is six times its size in a report.)
std::size_t rendered_path_size(std::string_view path) noexcept;

/// Where a finding is when it is not a node of the document: a JSON Pointer, then a member's
/// name (escaped as RFC 6901 says) when `named`, then an array index when not json::none. Its
/// views must outlive finish().
struct path_ref {
  std::string_view base;
  std::string_view token;
  std::uint32_t index = json::none;
  bool named = false;
};

class findings {
 public:
  /// A finding's place in the report's order: by offset (none first), then rank (the order of
  /// codes and severities at one offset, see findings.cpp), then emission.
  struct place {
    std::optional<std::size_t> offset;
    std::uint64_t seq;
    std::uint8_t rank;
  };
  /// A finding as kept until finish(): plain values, its message in the storage's text.
  struct entry {
    std::string_view rule, code;  // static storage (the rule table, interned custom IDs)
    severity sev;
    place at;                     // at.offset is the finding's offset
    std::uint32_t node;           // a node of the document, or json::none: then `where`
    path_ref where;
    std::size_t text_at, text_size;  // the message in storage::text
    std::size_t path_at, path_size;  // a custom rule's path in storage::text, when path_given
    bool path_given;
  };
  /// What findings keep between requests, so that a request with findings grows nothing that
  /// an earlier one has grown already: one per validator.
  struct storage {
    std::vector<entry> kept;  // in the order found; a max-heap by report order once full
    std::optional<entry> first_error_left_out;  // the first error, when the cap left it out
    std::string text;  // the messages (and custom rules' paths) of this request, back to back
    std::vector<std::string> spare;  // the strings of diagnostics a report no longer lists
    entry discarded{};  // where findings left out by the cap are written, unread
  };

  /// `doc` gives the paths of findings on nodes (it may be null when there are none); `rules`
  /// turns rules off and sets their severity (null: as the table has them).
  findings(const json::document* doc, std::size_t max_kept, const rule_set* rules, storage& room) noexcept
      : doc_(doc), max_kept_(max_kept), rules_(rules), kept_(room.kept), left_out_(room.first_error_left_out),
        text_(room.text), spare_(room.spare), discarded_(room.discarded) {
    kept_.clear();
    left_out_.reset();
    text_.clear();
  }

  /// A finding of rule `r` at `where` ("", "/scheduled_policy", a member's name...). The
  /// message is written only if the finding is kept (see message.hpp), and the path only if
  /// it is listed.
  template <class... P>
  void add(rule r, const path_ref& where, std::optional<std::size_t> offset, const message<P...>& m) {
    add(r, info(r).code, where, json::none, offset, m);
  }
  /// The same with a code the rule takes from elsewhere (a near miss takes its member's).
  template <class... P>
  void add(rule r, std::string_view code, const path_ref& where, std::optional<std::size_t> offset,
           const message<P...>& m) {
    add(r, code, where, json::none, offset, m);
  }
  /// A finding of rule `r` on a value of the request (a member of the API, an item).
  template <class... P>
  void add(rule r, const value& v, std::optional<std::size_t> offset, const message<P...>& m) {
    add(r, info(r).code, path_ref{v.path(), {}, v.index}, json::none, offset, m);
  }
  /// A finding of rule `r` at node `n` of `doc` (its JSON Pointer is built if it is listed).
  template <class... P>
  void add(rule r, const json::node& n, std::optional<std::size_t> offset, const message<P...>& m) {
    add(r, info(r).code, path_ref{}, index_of(n), offset, m);
  }

  /// A finding of a custom rule, with its configured ID, severity and code.
  void add(std::string_view id, severity sev, std::string_view code, std::string_view path,
           std::optional<std::size_t> offset, std::string message);

  /// Whether an error has been found so far.
  bool has_error() const noexcept { return first_error_.has_value(); }
  /// How many findings the rules have made so far, rules that are off included.
  std::size_t raised() const noexcept { return raised_; }

  /// Forgets every finding so far (their storage kept for the next ones), as if just made.
  void restart();

  /// Writes the kept findings into `out` in report order, with their paths, over what `out`
  /// held (its strings' storage reused; those it no longer lists kept as spares); the paths stop
  /// growing the report once they pass path_room(body_size), as rendered_path_size() counts
  /// them (the first error is listed whatever its size). Returns how many findings were left out.
  std::size_t finish(std::vector<diagnostic>& out, std::size_t body_size);

 private:
  std::uint32_t index_of(const json::node& n) const noexcept {
    return static_cast<std::uint32_t>(&n - doc_->nodes.data());
  }
  template <class... P>
  void add(rule r, std::string_view code, const path_ref& where, std::uint32_t node, std::optional<std::size_t> offset,
           const message<P...>& m) {
    severity sev;
    place at{offset, seq_, 0};
    ++raised_;
    switch (admit(r, code, sev, at)) {
      case admission::off: return;
      case admission::keep: {
        std::size_t const begin = text_.size();
        m.write(text_);
        ++seq_;
        // Field by field into its place: an entry built on the stack and copied whole was read
        // back with wider loads than it was written with, a stall on every finding.
        entry& e = room_for(at, sev);
        e.rule = info(r).id;
        e.code = code;
        e.sev = sev;
        e.at = at;
        e.node = node;
        e.where.base = where.base;
        e.where.token = where.token;
        e.where.index = where.index;
        e.where.named = where.named;
        e.text_at = begin;
        e.text_size = text_.size() - begin;
        e.path_given = false;
        placed(e);
        return;
      }
      case admission::drop:
        ++seq_;
        ++dropped_;
        return;
    }
  }
  /// Where a finding admitted at `at` goes: a new place at the end of the kept ones, the place
  /// of the one it pushes out, the first error's place aside, or a place nobody reads (left out
  /// by the cap); placed() then orders the kept ones again.
  entry& room_for(const place& at, severity sev);
  void placed(entry& e);
  static bool before(const place& a, const place& b) noexcept;
  static bool entry_before(const entry& a, const entry& b) noexcept { return before(a.at, b.at); }
  /// What would become of a finding of rule `r` at `at` (offset and sequence filled in) now:
  /// the rule is off, it would be kept (or be the first error), or it would be left out by the
  /// cap. Sets the severity and code the options give it (a lowered error has no code, a raised
  /// warning its own) and its rank. Out-parameters, not a returned struct: GCC built that struct
  /// on the stack byte by byte and read it back whole, a stall on every finding.
  enum class admission : unsigned char { off, keep, drop };
  admission admit(rule r, std::string_view& code, severity& sev, place& at) const noexcept;

  const json::document* doc_;
  std::size_t max_kept_;
  const rule_set* rules_;
  std::vector<entry>& kept_;  // in the order found; once max_kept_ long, a max-heap by report
                              // order (the last kept on top)
  bool heap_ = false;
  // The earliest error's place: the entry itself is in kept_, or in left_out_ when the cap
  // left it out.
  std::optional<place> first_error_;
  std::optional<entry>& left_out_;
  std::string& text_;
  std::vector<std::string>& spare_;
  entry& discarded_;  // kept in the storage: made here, it was zeroed for every request
  std::uint64_t seq_ = 0;
  std::size_t dropped_ = 0;
  std::size_t raised_ = 0;
};

}  // namespace bpv::engine
