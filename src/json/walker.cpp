// The JSON walk. Iterative (an explicit stack of On-Demand iterators), so that depth costs
// heap, not stack; every value is read, since On-Demand validates only what is read.
#include "json/walker.hpp"

#include "json/locate.hpp"
#include "json/member_names.hpp"
#include "json/name_hash.hpp"
#include "json/tape.hpp"
#include "bytes.hpp"
#include "escape.hpp"
#include "storage.hpp"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <string>
#include <functional>
#include <new>

namespace bpv::json {

namespace od = simdjson::ondemand;

bool is_blank(std::string_view body) noexcept {
  return std::all_of(body.begin(), body.end(), is_json_space);
}

bool is_json_number(std::string_view t) noexcept {
  std::size_t i = 0;
  return !scan_number(t, i) && i == t.size();
}

bool is_json_scalar(std::string_view t) noexcept {
  return t == "true" || t == "false" || t == "null" || is_json_number(t);
}

std::size_t raw_index_of(std::string_view raw, std::size_t unescaped_index) noexcept {
  std::size_t r = 0, u = 0;
  while (r < raw.size() && u < unescaped_index) {
    if (raw[r] != '\\') {
      ++r;
      ++u;
      continue;
    }
    if (r + 1 < raw.size() && raw[r + 1] == 'u') {
      // \uXXXX: one code point, or half of a surrogate pair (\uD8xx\uDCxx: 4 UTF-8 bytes).
      unsigned cp = 0;
      for (std::size_t k = r + 2; k < r + 6 && k < raw.size(); ++k) {
        char c = raw[k];
        cp = cp * 16 + static_cast<unsigned>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
      }
      std::size_t bytes;
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        bytes = 4;
        r += 12;
      } else {
        bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
        r += 6;
      }
      u += bytes;
    } else {
      r += 2;
      ++u;
    }
  }
  return std::min(r, raw.size());
}

namespace {

// simdjson says it could not allocate as an error code, which would read as a verdict on the
// body ("not JSON: Error allocating memory"). It is not one: it leaves validate() as the
// std::bad_alloc it promises, so that a service answers with its own error, not a 400. And a
// parser whose allocate() failed may be half made (the capacity asked for, a buffer or its
// depth missing), which its next parse wrote through a null pointer: it is made anew first, and
// allocates again for the next body.
template <class Parser>
simdjson::error_code or_throw(Parser& parser, simdjson::error_code ec) {
  if (ec == simdjson::MEMALLOC) {
    parser = Parser{};
    throw std::bad_alloc();
  }
  return ec;
}

// simdjson 3.0.1's On-Demand parser makes its string buffer with new (std::nothrow) and does
// not look at what it got: allocate() and iterate() succeed without one, and the first string
// read writes through a null pointer. Where strings go is held by the document's iterator, a
// protected member: read through a pointer to it, which a derived class may form.
struct on_demand_strings : od::document {
  static bool have_room(od::document& doc) noexcept {
    constexpr auto iterator = &on_demand_strings::iter;
    return (doc.*iterator).string_buf_loc() != nullptr;
  }
};

#if SIMDJSON_DEVELOPMENT_CHECKS
// With simdjson's development checks (every build without optimisation, unless told otherwise)
// the parser has a second buffer made the same way, as unchecked: a start position for each
// depth, written at the first object or array. A private member: named in an explicit
// instantiation, where access is not checked, for a friend to read.
const void* start_positions_of(const od::parser& p) noexcept;
template <auto Member>
struct start_positions_reader {
  friend const void* start_positions_of(const od::parser& p) noexcept { return (p.*Member).get(); }
};
template struct start_positions_reader<&od::parser::start_positions>;
#endif

// Whether the parser got every buffer it asked for (see above).
bool on_demand_complete([[maybe_unused]] const od::parser& parser, od::document& doc) noexcept {
#if SIMDJSON_DEVELOPMENT_CHECKS
  if (start_positions_of(parser) == nullptr) return false;
#endif
  return on_demand_strings::have_room(doc);
}

// The depth DOM's parser is made for (an allocation that fails leaves its own max_depth() at 0,
// so it is never asked). Bodies nested deeper are walked On-Demand.
constexpr std::size_t dom_depth = simdjson::DEFAULT_MAX_DEPTH;

std::string_view trim_right(std::string_view t) noexcept {
  while (!t.empty() && is_json_space(t.back())) t.remove_suffix(1);
  return t;
}

// The words of why a body cannot be read, appended into the document's kept message (a body
// that is not JSON allocates nothing once one has been seen): text, numbers, and the byte where
// reading stopped.
struct byte_at {
  std::string_view body;
  std::size_t at;
};
struct depth_limit {  // what a body nesting past the limit is told, wherever that is found
  std::size_t levels;
};
void append_word(std::string& out, std::string_view text) { out += text; }
void append_word(std::string& out, std::size_t n) {
  char digits[24];
  auto const r = std::to_chars(digits, digits + sizeof digits, n);
  out.append(digits, r.ptr);
}
void append_word(std::string& out, const byte_at& b) {
  if (b.at >= b.body.size()) return void(out += "the end of the body");
  auto const c = static_cast<unsigned char>(b.body[b.at]);
  if (c >= 0x21 && c < 0x7F) {
    out += '\'';
    out += static_cast<char>(c);
    out += '\'';
    return;
  }
  out += "byte 0x";
  escape::append_hex(out, c, 2);
}
void append_word(std::string& out, depth_limit d) {
  out += "nesting is beyond the limit of ";
  append_word(out, d.levels);
  out += " levels";
}

// Records why `out` cannot be read, in its error's kept storage.
template <class... Words>
void fail_with(document& out, failure::reason why, std::optional<std::size_t> at, const Words&... words) {
  failure& e = out.error.emplace();
  e.why = why;
  e.offset = at;
  (append_word(e.message, words), ...);
}

// Whether an On-Demand iterator has items left. Its operator!= ignores its argument and asks
// just this (the iterator is still open), so comparing it with itself is the question.
template <class Iterator>
bool has_more(const Iterator& it) noexcept {
  return it != it;
}

// Where On-Demand stands, or nullptr when it has run off the end.
const char* location(od::document& doc) noexcept {
  const char* p = nullptr;
  if (doc.current_location().get(p)) return nullptr;
  return p;
}

struct frame {
  bool is_object;
  od::object_iterator object_it;
  od::array_iterator array_it;
  std::uint32_t node;
  std::uint32_t last_child = none;
  std::uint32_t count = 0;
};

// A container being read from the DOM tape: the word of its next item and of its end.
struct dom_frame {
  bool is_object;
  std::size_t next, end;
  std::uint32_t node;
  std::uint32_t last_child = none;
  std::uint32_t count = 0;
};

// A container being read from the structural index alone.
struct index_frame {
  bool is_object;
  std::uint32_t node;
  std::uint32_t last_child = none;
  std::uint32_t count = 0;
};

// Nodes start as a copy of this one: GCC value-initialises a node with `rep stos`, which costs
// more than the copy on every node of every body.
const node blank_node{};

// Appends a child of `parent_node` (the frame's container) to the document and links it.
template <class Frame>
std::uint32_t link_child(document& out, Frame& f, std::size_t depth) {
  auto idx = static_cast<std::uint32_t>(out.nodes.size());
  node& n = out.nodes.emplace_back(blank_node);
  n.parent = f.node;
  n.depth = static_cast<std::uint32_t>(depth);
  n.index = f.count++;
  node& p = out.nodes[f.node];
  if (f.last_child == none) {
    p.first_child = idx;
  } else {
    out.nodes[f.last_child].next_sibling = idx;
  }
  f.last_child = idx;
  p.child_count = f.count;
  return idx;
}

}  // namespace

struct walker::impl {
  od::parser parser;
  simdjson::dom::parser dom_parser;
  std::string padded;  // the input followed by SIMDJSON_PADDING zero bytes (at least); reused
  std::vector<frame> stack;
  std::vector<dom_frame> dom_stack;
  std::vector<index_frame> index_stack;
  std::vector<member_names> names;  // one per open object level; reused
  std::vector<char> locate_stack;   // the locator's open brackets; reused

  // What parse() read, for build().
  std::string_view body;
  walk_limits limits{};
  bool too_large = false;
  // The body starts with a UTF-8 byte-order mark, which is not JSON (decisions.md). simdjson
  // 3.0.1 refuses it; later versions (3.12, Debian 13's) skip it: so no stage of simdjson reads
  // such a body (load), and the locator refuses it (walk_values), whichever simdjson the build has.
  bool bom = false;
  bool staged = false;    // DOM's first stage read the body; its second has not run
  bool dom_read = false;  // DOM read the body: its tape holds it
  bool from_index = true; // build() may read the document from the first stage's index alone
  bool copied = false;    // `padded` holds this body
  route made_by = route::on_demand;  // the route that made the last document (walker::made_by)
  const char* staged_from = nullptr;  // the bytes the first stage read: the body, or `padded`

  // Takes the body; false when no simdjson stage is to read it (beyond the size limit, or after
  // a byte-order mark: build() says which).
  bool load(std::string_view body, const walk_limits& limits);
  void copy();
  bool stage1(const char* from);
  bool stage2();
  bool parse(std::string_view body, const walk_limits& limits, route how);
  void build(document& out, bool broken);
  bool read_dom(document& out);
  bool read_index(document& out);
  // `special`: the body's '\', '<' and '>', as build() found them.
  void walk_on_demand(std::string_view body, const walk_limits& limits, document& out, bytes::special special,
                      bool refused);
  void walk_values(std::string_view body, const walk_limits& limits, document& out, bytes::special special,
                   bool refused, std::optional<kind>& not_object);
};

namespace {

// Whether simdjson's first stage reads no byte past the input. Its SIMD kernels copy the last,
// partial block of 64 bytes themselves; its scalar fallback kernel (CPUs without SSE4.2 and
// PCLMUL, or SIMDJSON_FORCE_IMPLEMENTATION=fallback) reads one byte or two past a body that
// ends inside a string on an unfinished UTF-8 character (simdjson 3.0.1).
bool first_stage_stays_inside() {
  static bool const inside = simdjson::get_active_implementation()->name() != "fallback";
  return inside;
}

// simdjson picks its kernels on first use, in code that lets no exception through: out of memory
// there ends the process. That is done as the program starts (with the names' hash key, drawn
// once a process), not inside a request or the making of a validator, which promise
// std::bad_alloc (and BPV_ERROR_OUT_OF_MEMORY in C) instead.
[[maybe_unused]] const bool primed = (static_cast<void>(name_hash_key()), first_stage_stays_inside());

}  // namespace

walker::walker() : impl_(std::make_unique<impl>()) {}
walker::~walker() = default;
walker::walker(walker&&) noexcept = default;
walker& walker::operator=(walker&&) noexcept = default;

void walker::walk(std::string_view body, const walk_limits& limits, document& out, route how) {
  impl_->parse(body, limits, how);
  impl_->build(out, false);
}

std::optional<json::structure> walker::index(std::string_view body, const walk_limits& limits) {
  if (!impl_->load(body, limits) || body.empty()) return std::nullopt;
  // Over the caller's bytes, uncopied, where the first stage reads nothing past them (neither
  // does the reading of the request from its index); else over the padded copy.
  const char* from = body.data();
  if (!first_stage_stays_inside()) {
    impl_->copy();
    from = impl_->padded.data();
  }
  if (!impl_->stage1(from)) return std::nullopt;
  const auto& dp = *impl_->dom_parser.implementation;
  return json::structure(from, dp.structural_indexes.get(), dp.n_structural_indexes);
}

void walker::build(document& out, bool broken) { impl_->build(out, broken); }

route walker::made_by() const noexcept { return impl_->made_by; }

void walker::give_back(std::size_t body_bytes) {
  impl& m = *impl_;
  std::size_t const room = std::max<std::size_t>(body_bytes, simdjson::dom::MINIMAL_DOCUMENT_CAPACITY);
  if (m.padded.size() > room + simdjson::SIMDJSON_PADDING) {
    m.padded.resize(room + simdjson::SIMDJSON_PADDING);
    m.padded.shrink_to_fit();
  }
  // simdjson's parsers reallocate to a capacity they are given. One that fails may be half made
  // (see or_throw): it is made anew, and the next body allocates again.
  if (m.dom_parser.capacity() > room) {
    simdjson::error_code ec = m.dom_parser.doc.allocate(room);
    if (!ec) ec = m.dom_parser.allocate(room, dom_depth);
    if (ec) m.dom_parser = simdjson::dom::parser{};
  }
  if (m.parser.capacity() > room && m.parser.allocate(room, m.parser.max_depth())) m.parser = od::parser{};
  m.staged = m.dom_read = m.copied = false;
  m.staged_from = nullptr;
  // Frames are one per open container (depth is bounded by the limit); names one table each.
  constexpr std::size_t frames = 64;
  bpv::give_back(m.stack, frames);
  bpv::give_back(m.dom_stack, frames);
  bpv::give_back(m.index_stack, frames);
  bpv::give_back(m.locate_stack, frames);
  give_back_levels(m.names, frames);
}

bool walker::impl::load(std::string_view b, const walk_limits& l) {
  body = b;
  limits = l;
  staged = dom_read = copied = false;
  staged_from = nullptr;
  // simdjson reads documents up to SIMDJSON_MAXSIZE_BYTES (4 GiB), whatever the limit says.
  too_large = body.size() > limits.max_body_bytes || body.size() > simdjson::SIMDJSON_MAXSIZE_BYTES;
  bom = !body.empty() && body.front() == '\xEF' && body.substr(0, 3) == "\xEF\xBB\xBF";
  return !too_large && !bom;
}

// The body, then zeroed padding: what the document's views point into, and what DOM's second
// stage and On-Demand read past the end of. The string only grows (to the largest body seen),
// so that a body costs two copies, not a reallocation or string bookkeeping.
void walker::impl::copy() {
  if (copied) return;
  copied = true;
  std::size_t const room = body.size() + simdjson::SIMDJSON_PADDING;
  if (padded.size() < room) padded.resize(room);
  if (!body.empty()) std::memcpy(padded.data(), body.data(), body.size());
  std::memset(padded.data() + body.size(), 0, simdjson::SIMDJSON_PADDING);
}

// DOM's parse in its two stages, so that the request can be read from the first stage's index
// before the second runs, or without it. As dom::parser::parse does: room first, then each stage.
bool walker::impl::stage1(const char* from) {
  staged = false;
  if (limits.max_depth < 1) return false;
  std::size_t const room = std::max<std::size_t>(body.size(), simdjson::dom::MINIMAL_DOCUMENT_CAPACITY);
  auto& doc = dom_parser.doc;
  if (!dom_parser.implementation || dom_parser.capacity() < room || doc.capacity() < room) {
    if (doc.capacity() < room && or_throw(dom_parser, doc.allocate(room))) return false;
    if (dom_parser.capacity() < room && or_throw(dom_parser, dom_parser.allocate(room, dom_depth))) return false;
  }
  staged = !dom_parser.implementation->stage1(reinterpret_cast<const std::uint8_t*>(from), body.size(),
                                              simdjson::stage1_mode::regular);
  staged_from = from;
  return staged;
}

bool walker::impl::stage2() {
  if (!staged) return false;
  // The second stage reads the bytes the first read, past their end: the padded copy's.
  if (staged_from != padded.data() && !stage1(padded.data())) return false;
  staged = false;  // once per body
  auto& doc = dom_parser.doc;
  dom_read = !dom_parser.implementation->stage2(doc) && doc.root().type() == simdjson::dom::element_type::OBJECT;
  return dom_read;
}

bool walker::impl::parse(std::string_view b, const walk_limits& l, route how) {
  if (!load(b, l) || how == route::on_demand) return false;
  copy();
  from_index = how == route::automatic;
  return stage1(padded.data());
}

void walker::impl::build(document& out, bool broken) {
  out.clear();
  if (too_large) {
    fail_with(out, failure::reason::too_large, std::nullopt, "the body is larger than the limit of ",
              std::min<std::size_t>(limits.max_body_bytes, simdjson::SIMDJSON_MAXSIZE_BYTES), " bytes");
    return;
  }
  copy();
  // Without an escape, every string's text is its raw text: the index is then all it takes.
  bytes::special const special = bytes::find_special(body);
  bool const escapes = special.backslash;
  bool const read = staged && from_index && !escapes && !broken && read_index(out);
  from_index = true;
  made_by = route::automatic;
  if (!read) {
    out.clear();
    if (staged) stage2();  // the first stage has run, the second not yet
    made_by = route::dom;
    if (!dom_read || !read_dom(out)) {
      out.clear();
      made_by = route::on_demand;
      // Refused: DOM's stages ran over the body (the On-Demand route alone runs neither).
      walk_on_demand(body, limits, out, special, staged_from != nullptr && !dom_read);
    }
  }
  // '<' and '>' reach a string as themselves or through an escape (\u003c).
  out.maybe_angle_brackets = escapes || special.angle_bracket;
}

// The fast route. DOM validated the whole body (syntax, UTF-8, escapes, numbers) before this
// reads its tape; the byte offsets come from the structural index DOM's first stage built, in
// which every name, value and bracket has one entry in document order (',' and ':' too).
// Returns false, with `out` unfinished, when the body is nested beyond the limit: the
// On-Demand walk then says so, exactly as it always does.
bool walker::impl::read_dom(document& out) {
  json::tape const t(dom_parser.doc.tape.get(), dom_parser.doc.string_buf.get());
  const char* const src = padded.data();
  const std::uint32_t* const index = dom_parser.implementation->structural_indexes.get();
  std::uint32_t const count = dom_parser.implementation->n_structural_indexes;
  std::uint32_t next = 0;  // the next entry of the index
  auto at = [&](std::uint32_t k) -> std::size_t { return k < count ? index[k] : body.size(); };
  // The next entry: a name, value or bracket where the caller expects one. DOM has checked the
  // grammar, so each ',' and ':' is exactly where the walk below skips one.
  auto take = [&]() -> std::size_t { return at(next++); };
  // One past the last byte of the token just taken: the next entry, less white space.
  auto token_end = [&]() -> std::size_t {
    std::size_t e = at(next);
    while (e > 0 && is_json_space(src[e - 1])) --e;
    return e;
  };
  auto open = [&](std::size_t word, std::uint32_t idx, std::size_t depth) {
    bool const object = t.is_object(word);
    dom_stack.push_back(dom_frame{object, t.first(word), t.last(word), idx});
    if (object) {
      if (names.size() < depth) names.resize(depth);
      names[depth - 1].clear();
    }
  };

  out.nodes.emplace_back(blank_node);
  out.nodes.back().kind = kind::object;
  out.nodes.back().offset = take();
  dom_stack.clear();
  open(json::tape::root_value, 0, 1);

  // Reads the value at tape word `word` into node `idx` (linked already); opens containers.
  // False on a limit.
  auto read_value = [&](std::size_t word, std::uint32_t idx) -> bool {
    node& n = out.nodes[idx];
    n.offset = take();
    switch (t.type(word)) {
      case '{':
      case '[':
        if (n.depth > limits.max_depth) return false;
        n.kind = t.is_object(word) ? kind::object : kind::array;
        open(word, idx, n.depth);
        return true;
      case '"':
        n.kind = kind::string;
        n.text = t.string(word);
        n.end = token_end();
        n.raw = std::string_view(src + n.offset + 1, n.end - n.offset - 2);
        return true;
      case 't':
      case 'f': n.kind = kind::boolean; break;
      case 'n': n.kind = kind::null; break;
      default: n.kind = kind::number; break;  // 'l', 'u', 'd'
    }
    n.end = token_end();
    n.text = std::string_view(src + n.offset, n.end - n.offset);
    return true;
  };

  while (!dom_stack.empty()) {
    dom_frame& f = dom_stack.back();
    std::size_t const level = dom_stack.size();
    if (f.next >= f.end) {
      out.nodes[f.node].end = take() + 1;  // the closing bracket
      dom_stack.pop_back();
      continue;
    }
    if (f.count != 0) ++next;  // the ',' before every child but the first
    std::uint32_t const idx = link_child(out, f, level + 1);
    std::size_t value = f.next;
    if (f.is_object) {
      node& n = out.nodes[idx];
      n.name = t.string(f.next);
      n.name_offset = take();
      std::size_t const name_end = token_end();
      ++next;  // the ':'

      n.raw_name = std::string_view(src + n.name_offset + 1, name_end - n.name_offset - 2);
      n.duplicate = !names[level - 1].insert(n.name);
      out.any_duplicate |= n.duplicate;
      value = f.next + 1;
    }
    f.next = t.after(value);  // before read_value: it may push a frame and move `f`
    if (!read_value(value, idx)) return false;
  }
  return true;
}

// The fastest route, for bodies without an escape: the document straight from the first
// stage's index, with neither DOM's second stage nor its tape. Stage one has checked UTF-8 and
// the control characters in strings, and made an entry of each bracket, ',', ':', string and
// scalar; the grammar between entries is checked here, and each scalar's whole text. Returns
// false, with `out` unfinished, on anything else (a syntax error, nesting beyond the limit): the
// routes after it then read the body, and say what is wrong with it.
bool walker::impl::read_index(document& out) {
  const auto& dp = *dom_parser.implementation;
  json::structure const s(padded.data(), dp.structural_indexes.get(), dp.n_structural_indexes);
  auto open = [&](bool object, std::uint32_t idx, std::size_t depth) {
    index_stack.push_back(index_frame{object, idx});
    if (object) {
      if (names.size() < depth) names.resize(depth);
      names[depth - 1].clear();
    }
  };

  if (s.at(0) != '{') return false;
  out.nodes.emplace_back(blank_node);
  out.nodes.back().kind = kind::object;
  out.nodes.back().offset = s.offset(0);
  index_stack.clear();
  open(true, 0, 1);
  std::uint32_t k = 1;
  while (!index_stack.empty()) {
    index_frame& f = index_stack.back();
    std::size_t const level = index_stack.size();
    char c = s.at(k);
    if (c == (f.is_object ? '}' : ']')) {
      out.nodes[f.node].end = s.offset(k) + 1;
      index_stack.pop_back();
      ++k;
      continue;
    }
    if (f.count != 0) {
      if (c != ',') return false;
      c = s.at(++k);
    }
    std::uint32_t const idx = link_child(out, f, level + 1);  // `f` may move below
    node& n = out.nodes[idx];
    if (f.is_object) {
      // Into a local first: read back from the node, the two halves just stored would stall.
      std::string_view name;
      if (!s.raw_string(k, name) || s.at(k + 1) != ':') return false;
      n.name = name;
      n.raw_name = name;
      n.name_offset = s.offset(k);
      bool const duplicate = !names[level - 1].insert(name);
      n.duplicate = duplicate;
      out.any_duplicate |= duplicate;
      k += 2;
      c = s.at(k);
    }
    if (k >= s.count()) return false;
    n.offset = s.offset(k);
    switch (c) {
      case '{':
      case '[':
        if (n.depth > limits.max_depth) return false;
        n.kind = c == '{' ? kind::object : kind::array;
        open(c == '{', idx, n.depth);
        ++k;
        continue;
      case '"': {
        std::string_view text;
        if (!s.raw_string(k, text)) return false;
        n.kind = kind::string;
        n.text = text;
        n.raw = text;
        n.end = n.offset + text.size() + 2;
        ++k;
        continue;
      }
      case 't':
      case 'f':
      case 'n': n.kind = c == 'n' ? kind::null : kind::boolean; break;
      default: n.kind = kind::number; break;
    }
    std::string_view const text = s.token(k);
    if (!is_json_scalar(text)) return false;
    n.end = n.offset + text.size();
    n.text = text;
    ++k;
  }
  return k == s.count();  // one object, and nothing after it
}

namespace {

// Whether JSON text without '\' has a '{' outside its strings: an object, whose names may repeat.
bool has_object(std::string_view json) noexcept {
  bool in_string = false;
  for (char c : json) {
    if (c == '"') {
      in_string = !in_string;
    } else if (c == '{' && !in_string) {
      return true;
    }
  }
  return false;
}

}  // namespace

// A body that is JSON but not an object is refused as such (0008 at its first byte), and the
// rules that hold anywhere (duplicate names, '<' and '>', decisions.md) hold in it too: an array
// or a string at the root is read into the document for them, beside that failure, when it has
// something they could find. A root that nests past the limit, or that the walk finds broken,
// is only not an object, however deep it nests; a number, boolean or null holds nothing those
// rules look at.
void walker::impl::walk_on_demand(std::string_view body, const walk_limits& limits, document& out,
                                  bytes::special special, bool refused) {
  std::optional<kind> not_object;
  walk_values(body, limits, out, special, refused, not_object);
  // A walk that failed keeps no nodes (the values before a break, or before the level too many,
  // are no document): only those of a root that is JSON but not an object are read.
  if (out.error) {
    out.nodes.clear();
    out.any_duplicate = false;
  }
  if (!not_object) return;
  std::size_t const first_byte = static_cast<std::size_t>(
      std::find_if_not(body.begin(), body.end(), is_json_space) - body.begin());
  fail_with(out, failure::reason::not_object, first_byte, "the body must be a JSON object, not ", describe(*not_object));
}

// The On-Demand walk: the document of a root object, or of a root array or string, whose kind
// is then set in `not_object` (and of nothing else: `not_object` alone for a scalar root).
void walker::impl::walk_values(std::string_view body, const walk_limits& limits, document& out,
                               bytes::special special, bool refused, std::optional<kind>& not_object) {
  auto fail = [&](failure::reason why, std::optional<std::size_t> at, const auto&... words) {
    fail_with(out, why, at, words...);
  };
  const char* const base = padded.data();
  auto offset_of = [&](const char* p) { return static_cast<std::size_t>(p - base); };
  std::size_t const first_byte = static_cast<std::size_t>(
      std::find_if_not(body.begin(), body.end(), is_json_space) - body.begin());

  auto syntax_at = [&](std::size_t at, const auto&... what) {
    fail(failure::reason::syntax, at, what..., " at byte ", at, " (", byte_at{body, at}, ")");
  };
  // simdjson refused the body; the locator says where and why. Read from the start, the first
  // problem is the one reported: a root object that nests past the limit before a syntax error
  // further on is too deep (simdjson's first stage reads the whole body before any depth is
  // counted). It reads the whole body, so it is asked once: true when it found a problem, which
  // is then recorded.
  bool asked = false;
  auto located = [&] {
    if (asked) return false;
    asked = true;
    std::optional<syntax_location> const l = locate_syntax_error(body, locate_stack, limits.max_depth);
    if (!l) return false;
    if (l->too_deep) {
      fail(failure::reason::too_deep, std::nullopt, depth_limit{limits.max_depth});
    } else {
      syntax_at(l->offset, "not JSON: ", l->message, l->detail);
    }
    return true;
  };
  // Should the two ever disagree, simdjson's own position and words are used.
  auto syntax_error_from = [&](simdjson::error_code ec, const char* where) {
    if (located()) return;
    std::size_t at = where ? std::min(offset_of(where), body.size()) : first_byte;
    syntax_at(at, "not JSON: ", std::string_view(simdjson::error_message(ec)));
  };

  // A root object DOM refused is mostly not JSON, and the walk would say so only where it breaks,
  // after making a node of every value before it (a megabyte broken at its end took 50 ms and
  // 40 MB). Whatever the walk meets first, the locator is asked, so asking it first says the
  // same at once; only a body it finds JSON (numbers beyond 64 bits, say) is walked. A body
  // after a byte-order mark goes to the locator too, whatever simdjson makes of it (see `bom`).
  if (first_byte < body.size() && ((refused && body[first_byte] == '{') || bom) && located()) return;

  // On-Demand keeps its own depth count, 1,024 by default, and asserts on it in builds without
  // optimisation: give it room for the limit (no deeper than the body could nest).
  std::size_t const depth = std::min(limits.max_depth + 1, body.size() + 2);
  if (depth > parser.max_depth() &&
      or_throw(parser, parser.allocate(std::max(body.size(), parser.capacity()), std::max(depth, simdjson::DEFAULT_MAX_DEPTH)))) {
    fail(failure::reason::too_deep, std::nullopt, "nesting is beyond what can be read (", depth, " levels)");
    return;
  }
  od::document doc;
  if (auto ec = or_throw(parser, parser.iterate(base, body.size(), padded.size()).get(doc))) {
    syntax_error_from(ec, nullptr);
    return;
  }
  if (!on_demand_complete(parser, doc)) or_throw(parser, simdjson::MEMALLOC);

  od::json_type root_type;
  if (auto ec = doc.type().get(root_type)) {
    syntax_error_from(ec, base + first_byte);
    return;
  }
  if (root_type != od::json_type::object) {
    // simdjson only peeked at the first byte: a body that is not JSON is reported as such.
    if (auto const located = locate_syntax_error(body, locate_stack)) {
      syntax_at(located->offset, "not JSON: ", located->message, located->detail);
      return;
    }
    kind const k = root_type == od::json_type::array    ? kind::array
                   : root_type == od::json_type::string ? kind::string
                   : root_type == od::json_type::number ? kind::number
                   : root_type == od::json_type::boolean ? kind::boolean
                                                         : kind::null;
    not_object = k;
    if ((k != kind::array && k != kind::string) || limits.max_depth < 1) return;
    // Only '<', '>', an escape (which may hold one) or an object (whose names may repeat) gives
    // those rules something to find: a megabyte of [1,1,...] is not made into nodes.
    if (!special.angle_bracket && !special.backslash && !has_object(body)) return;
  }
  if (limits.max_depth < 1) {
    fail(failure::reason::too_deep, std::nullopt, depth_limit{0});
    return;
  }
  od::object root_object;
  od::array_iterator root_items;
  std::string_view root_text;
  simdjson::error_code const root_ec = !not_object           ? doc.get_object().get(root_object)
                                       : *not_object == kind::array ? doc.get_array().begin().get(root_items)
                                                                    : doc.get_string().get(root_text);
  if (root_ec) {
    syntax_error_from(root_ec, base + first_byte);
    return;
  }

  out.nodes.emplace_back(blank_node);
  out.nodes.back().kind = not_object.value_or(kind::object);
  out.nodes.back().offset = first_byte;
  stack.clear();
  auto open_object = [&](od::object obj, std::uint32_t node_index) -> simdjson::error_code {
    od::object_iterator it;
    if (auto ec = obj.begin().get(it)) return ec;
    stack.push_back(frame{true, it, {}, node_index});
    if (names.size() < stack.size()) names.resize(stack.size());
    names[stack.size() - 1].clear();
    return simdjson::SUCCESS;
  };
  if (!not_object) {
    if (auto ec = open_object(root_object, 0)) {
      syntax_error_from(ec, location(doc));
      return;
    }
  } else if (*not_object == kind::array) {
    stack.push_back(frame{false, {}, root_items, 0});
  } else {
    node& n = out.nodes.back();
    n.text = root_text;
    std::string_view const token = trim_right(std::string_view(base + first_byte, body.size() - first_byte));
    n.raw = token.size() >= 2 ? token.substr(1, token.size() - 2) : std::string_view{};
    n.end = first_byte + token.size();
  }

  // Reads the value in `v` into a new node (already linked); pushes a frame for containers.
  // Returns false after recording a failure.
  auto read_value = [&](od::value& v, std::uint32_t idx) -> bool {
    od::json_type t;
    std::string_view token = v.raw_json_token();
    std::size_t const at = offset_of(token.data());
    out.nodes[idx].offset = at;
    if (auto ec = v.type().get(t)) {
      syntax_error_from(ec, token.data());
      return false;
    }
    node& n = out.nodes[idx];
    switch (t) {
      case od::json_type::object:
      case od::json_type::array: {
        if (n.depth > limits.max_depth) {
          fail(failure::reason::too_deep, std::nullopt, depth_limit{limits.max_depth});
          return false;
        }
        if (t == od::json_type::object) {
          n.kind = kind::object;
          od::object obj;
          simdjson::error_code ec = v.get_object().get(obj);
          if (!ec) ec = open_object(obj, idx);
          if (ec) {
            syntax_error_from(ec, token.data());
            return false;
          }
        } else {
          n.kind = kind::array;
          od::array arr;
          od::array_iterator it;
          simdjson::error_code ec = v.get_array().get(arr);
          if (!ec) ec = arr.begin().get(it);
          if (ec) {
            syntax_error_from(ec, token.data());
            return false;
          }
          stack.push_back(frame{false, {}, it, idx});
        }
        return true;
      }
      case od::json_type::string: {
        n.kind = kind::string;
        std::string_view s;
        if (auto ec = v.get_string().get(s)) {
          syntax_error_from(ec, token.data());
          return false;
        }
        n.text = s;
        // The raw text between the quotes: up to the last quote of the token.
        std::string_view tok = trim_right(token);
        n.raw = tok.size() >= 2 ? tok.substr(1, tok.size() - 2) : std::string_view{};
        n.end = at + tok.size();
        return true;
      }
      case od::json_type::number: {
        n.kind = kind::number;
        n.text = trim_right(token);
        n.end = at + n.text.size();
        if (!is_json_number(n.text)) {
          syntax_error_from(simdjson::NUMBER_ERROR, token.data());
          return false;
        }
        return true;
      }
      case od::json_type::boolean:
      case od::json_type::null: {
        n.kind = t == od::json_type::null ? kind::null : kind::boolean;
        n.text = trim_right(token);
        n.end = at + n.text.size();
        if (n.text != "true" && n.text != "false" && n.text != "null") {
          syntax_error_from(simdjson::INCORRECT_TYPE, token.data());
          return false;
        }
        return true;
      }
    }
    syntax_error_from(simdjson::INCORRECT_TYPE, token.data());
    return false;
  };

  // Appends a child node to the frame on top of the stack and links it.
  auto add_child = [&]() -> std::uint32_t { return link_child(out, stack.back(), stack.size() + 1); };

  // A container is done: its span ends at its closing bracket, the last byte before the token
  // On-Demand now stands on. Drop its frame and step past it in its parent.
  auto close_frame = [&] {
    const char* next = location(doc);
    std::size_t end = next ? std::min(offset_of(next), body.size()) : body.size();
    while (end > 0 && is_json_space(body[end - 1])) --end;
    out.nodes[stack.back().node].end = end;
    stack.pop_back();
    if (stack.empty()) return;
    frame& parent = stack.back();
    if (parent.is_object) {
      ++parent.object_it;
    } else {
      ++parent.array_it;
    }
  };

  while (!stack.empty()) {
    frame& f = stack.back();
    std::size_t const level = stack.size();
    if (f.is_object) {
      if (!has_more(f.object_it)) {
        close_frame();
        continue;
      }
      od::field field;
      if (auto ec = (*f.object_it).get(field)) {
        syntax_error_from(ec, location(doc));
        return;
      }
      const char* name_start = field.key().raw();  // just after the opening quote
      std::string_view name;
      if (auto ec = field.unescaped_key().get(name)) {
        syntax_error_from(ec, name_start - 1);
        return;
      }
      std::uint32_t idx = add_child();
      node& n = out.nodes[idx];
      n.name = name;
      n.name_offset = offset_of(name_start) - 1;
      // The raw name ends at its closing quote: the first '"' not escaped.
      {
        const char* p = name_start;
        const char* const stop = base + body.size();
        while (p < stop && *p != '"') p += (*p == '\\') ? 2 : 1;
        if (p > stop) p = stop;
        n.raw_name = std::string_view(name_start, static_cast<std::size_t>(p - name_start));
      }
      n.duplicate = !names[level - 1].insert(name);
      out.any_duplicate |= n.duplicate;
      od::value v = field.value();
      if (!read_value(v, idx)) return;
      if (stack.size() == level) ++stack.back().object_it;
    } else {
      if (!has_more(f.array_it)) {
        close_frame();
        continue;
      }
      od::value v;
      if (auto ec = (*f.array_it).get(v)) {
        syntax_error_from(ec, location(doc));
        return;
      }
      std::uint32_t idx = add_child();
      if (!read_value(v, idx)) return;
      if (stack.size() == level) ++stack.back().array_it;
    }
  }

  // On-Demand stops quietly on some errors (a missing comma closes the iterator): a dead
  // iterator, or anything left after the root object, is not JSON.
  const char* loc = nullptr;
  auto end = doc.current_location().get(loc);
  if (!doc.is_alive()) {
    syntax_error_from(simdjson::TAPE_ERROR, loc);
    return;
  }
  if (end != simdjson::OUT_OF_BOUNDS) syntax_error_from(simdjson::TRAILING_CONTENT, loc);
}

std::string_view describe(kind k) noexcept {
  switch (k) {
    case kind::object: return "an object";
    case kind::array: return "an array";
    case kind::string: return "a string";
    case kind::number: return "a number";
    case kind::boolean: return "a boolean";
    case kind::null: return "null";
  }
  return "a value";
}

namespace {

// The token of a node in its parent: its name, or its index in decimal.
std::string_view token_of(const node& n, char (&digits)[24]) noexcept {
  if (n.is_member()) return n.name;
  auto const r = std::to_chars(digits, digits + sizeof digits, n.index);
  return {digits, static_cast<std::size_t>(r.ptr - digits)};
}

// Whether a token has '~' or '/', which RFC 6901 escapes: eight bytes at a time, since every
// finding's path asks it of every name on the way to the root.
bool needs_escape(std::string_view token) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101, highs = 0x8080808080808080;
  auto has_byte = [](std::uint64_t w, unsigned char b) {
    std::uint64_t const x = w ^ (ones * b);
    return ((x - ones) & ~x & highs) != 0;
  };
  std::size_t i = 0;
  for (; i + 8 <= token.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, token.data() + i, 8);
    if (has_byte(w, '~') || has_byte(w, '/')) return true;
  }
  for (; i < token.size(); ++i)
    if (token[i] == '~' || token[i] == '/') return true;
  return false;
}

std::size_t escaped_size(std::string_view token) noexcept {
  return token.size() + static_cast<std::size_t>(std::count_if(token.begin(), token.end(), [](char c) { return c == '~' || c == '/'; }));
}

}  // namespace

void append_pointer_token(std::string& out, std::string_view name) {
  if (!needs_escape(name)) {
    out += name;
    return;
  }
  for (char c : name) {
    if (c == '~' || c == '/') {
      out += '~';
      out += c == '~' ? '0' : '1';
    } else {
      out += c;
    }
  }
}

void pointer_of(const document& doc, const node& n, std::string& out) {
  // Root-ward twice, without recursion (depth is the caller's to choose) and without a list of
  // the chain: once to size the pointer, once to write its tokens from the back. Nearly no
  // name has '~' or '/': the first time finds out whether any does, and only then are they
  // counted.
  char digits[24];
  std::size_t size = 0;
  bool escapes = false;
  for (const node* p = &n; p->parent != none; p = &doc.nodes[p->parent]) {
    std::string_view const token = token_of(*p, digits);
    size += 1 + token.size();
    escapes = escapes || (p->is_member() && needs_escape(token));
  }
  if (escapes) {
    size = 0;
    for (const node* p = &n; p->parent != none; p = &doc.nodes[p->parent]) size += 1 + escaped_size(token_of(*p, digits));
  }
  out.assign(size, '/');
  std::size_t end = size;
  for (const node* p = &n; p->parent != none; p = &doc.nodes[p->parent]) {
    std::string_view const token = token_of(*p, digits);
    std::size_t const escaped = escapes ? escaped_size(token) : token.size();
    std::size_t at = end - escaped;
    std::size_t const start = at - 1;  // the '/'
    if (escaped == token.size()) {
      std::memcpy(out.data() + at, token.data(), token.size());
      end = start;
      continue;
    }
    for (char c : token) {
      if (c == '~' || c == '/') {
        out[at++] = '~';
        out[at++] = c == '~' ? '0' : '1';
      } else {
        out[at++] = c;
      }
    }
    end = start;
  }
}

}  // namespace bpv::json
