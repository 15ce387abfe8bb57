// The typed request straight from simdjson's structural index (json/structure.hpp): one entry
// per bracket, ':', ',', string and scalar, in document order. Stage one has checked UTF-8 and
// the characters inside strings, not the grammar between entries: each separator is checked
// here where the grammar puts it, and each scalar's whole text, so that a body read here is
// JSON and nothing else. Members of the API are bound as they come, the others listed; values
// that are no member of the API (an unknown member's object, say) are stepped over, checked as
// closely, with their depth and their names' repeats.
#include "rules/bind.hpp"

#include "bytes.hpp"
#include "json/walker.hpp"
#include "rules/members.hpp"
#include "rules/numbers.hpp"

namespace bpv::engine {
namespace {

using json::kind;
using json::structure;

class reader {
 public:
  reader(const structure& s, std::size_t max_depth, request& r, index_scratch& sc, bool angles)
      : s_(s), src_(s.bytes()), at_(s.entries()), count_(s.count()), max_depth_(max_depth), r_(r), sc_(sc),
        angles_(angles) {}

  bool run() {
    r_.clear();
    sc_.wants_document = false;
    if (s_.at(0) != '{') return false;
    r_.root_offset = at_[0];
    std::size_t const end = members_of(0, object_id::root);
    // One object, and nothing after it.
    bool const json = end != fail && end == count_;
    if (!json) sc_.wants_document = false;  // broken: no document mends it
    return json && !sc_.wants_document;
  }

 private:
  // Entry numbers are never 0 past the root's '{': 0 stands for "the body needs the document".
  static constexpr std::size_t fail = 0;

  // The byte entry k starts at: its bracket, ':', ',', quote or first character.
  char byte(std::size_t k) const noexcept { return src_[at_[k]]; }

  // The text of the token at entry k, up to entry k + 1 less white space (k + 1 < count_).
  std::string_view token(std::size_t k) const noexcept {
    std::size_t const begin = at_[k];
    std::size_t end = at_[k + 1];
    // Mostly the next entry follows at once: a byte above ' ' is no white space.
    if (static_cast<unsigned char>(src_[end - 1]) <= ' ')
      while (end > begin && json::is_json_space(src_[end - 1])) --end;
    return {src_ + begin, end - begin};
  }

  // The string at entry k (its first byte a quote, k + 1 < count_) between its quotes; false
  // when its token does not end at its closing quote.
  bool string_at(std::size_t k, std::string_view& out) const noexcept {
    std::string_view const t = token(k);
    if (t.size() < 2 || t.back() != '"') return false;
    out = {t.data() + 1, t.size() - 2};
    return true;
  }

  // '<' or '>' in a string being looked for, and found.
  bool angled(std::string_view text) const noexcept { return angles_ && bytes::find_special(text).angle_bracket; }

  // Marks '<' or '>' in the name of the member at `name_offset` of the object whose path is
  // `base`, and in its value when that is a string (entry k).
  void mark_angles(std::string_view base, std::string_view name, std::size_t name_offset, std::size_t k) {
    if (angled(name)) r_.marks.push_back(mark{mark::what::angle_in_name, name, name_offset, base, name, json::none});
    std::string_view text;
    if (byte(k) == '"' && string_at(k, text) && angled(text))
      r_.marks.push_back(mark{mark::what::angle_in_value, text, at_[k], base, name, json::none});
  }

  json::member_names& names_at(std::size_t depth) {
    if (sc_.names.size() < depth) sc_.names.resize(depth);
    json::member_names& n = sc_.names[depth - 1];
    n.clear();
    return n;
  }

  // The members of the root (object at entry 0, depth 1) or of scheduled_policy (depth 2):
  // each member of the API bound once, the others listed, repeats noted. Returns the entry
  // after the object's '}'.
  std::size_t members_of(std::size_t object, object_id in) {
    bool const root = in == object_id::root;
    std::size_t const depth = root ? 1 : 2;
    std::string_view const base = root ? std::string_view{} : slot_paths[static_cast<std::size_t>(slot::scheduled_policy)];
    std::vector<other_member>& others = root ? r_.root_others : r_.scheduled_policy_others;
    bool named = false;  // whether the others' names (for repeats) are being kept yet
    std::uint32_t count = 0;
    std::size_t k = object + 1;
    if (k < count_ && byte(k) != '}') {
      for (;;) {
        // A member: its name (k), ':' (k + 1), its value (k + 2), and at least a '}' after.
        if (k + 3 >= count_ || byte(k) != '"' || byte(k + 1) != ':') return fail;
        std::string_view name;
        if (!string_at(k, name)) return fail;
        std::size_t const name_offset = at_[k];
        k += 2;
        ++count;
        int const m = member_index(in, name);
        if (m >= 0 && !r_.has(static_cast<slot>(m))) {
          if (angles_) mark_angles(base, name, name_offset, k);
          k = bind(k, static_cast<slot>(m), name_offset, depth);
        } else {
          bool first = m < 0;  // a member of the API seen before is a repeat
          if (first) {
            if (!named) {
              names_at(depth);
              named = true;
            }
            first = sc_.names[depth - 1].insert(name);
          }
          if (first) {
            others.push_back(other_member{name, name_offset});
          } else {
            // A repeat: the first binds; this one is only checked as JSON.
            r_.marks.push_back(mark{mark::what::repeat, name, name_offset, base, name, json::none});
          }
          if (angles_) mark_angles(base, name, name_offset, k);
          k = step_over(k, depth + 1);
        }
        if (k == fail || k >= count_) return fail;
        char const sep = byte(k);
        if (sep == '}') break;
        if (sep != ',') return fail;
        ++k;
      }
    } else if (k >= count_) {
      return fail;
    }
    if (root) {
      r_.root_members = count;
    } else {
      sp_members_ = count;
    }
    return k + 1;
  }

  // Binds member `sl` of the object at `depth`, whose value is entry k (k + 1 < count_);
  // returns the entry after it.
  std::size_t bind(std::size_t k, slot sl, std::size_t name_offset, std::size_t depth) {
    value& v = r_.bind(sl);
    v.name_offset = name_offset;
    char const c = byte(k);
    if (c == '{' && sl == slot::scheduled_policy) {
      if (depth + 1 > max_depth_) return fail;
      v.kind = kind::object;
      v.offset = at_[k];
      v.text = {};
      std::size_t const end = members_of(k, object_id::scheduled_policy);
      v.count = sp_members_;
      return end;
    }
    if (c == '[' && sl == slot::week_frequency) return week_items(k, v);
    return read(k, c, v, depth + 1);
  }

  // week_frequency's array at entry k (depth 3), each item read into the request's list.
  std::size_t week_items(std::size_t k, value& v) {
    if (3 > max_depth_) return fail;
    v.kind = kind::array;
    v.offset = at_[k];
    v.text = {};
    std::uint32_t n = 0;
    ++k;
    if (k < count_ && byte(k) != ']') {
      for (;;) {
        if (k + 1 >= count_) return fail;
        value& item = r_.week_items.emplace_back();
        item.member = slot::week_frequency;
        item.has_raw = false;
        item.index = n++;
        k = read(k, byte(k), item, 4);
        if (k == fail || k >= count_) return fail;
        item.name_offset = item.offset;
        if (item.kind == kind::string && angled(item.text))
          r_.marks.push_back(mark{mark::what::angle_in_value, item.text, item.offset, v.path(), {}, item.index});
        char const sep = byte(k);
        if (sep == ']') break;
        if (sep != ',') return fail;
        ++k;
      }
    } else if (k >= count_) {
      return fail;
    }
    v.count = n;
    return k + 1;
  }

  // The value at entry k (k + 1 < count_), whose first byte is `c` and whose container would
  // be at `depth`, into `v`; a container is stepped over (its members or items counted).
  // Returns the entry after it.
  std::size_t read(std::size_t k, char c, value& v, std::size_t depth) {
    v.offset = at_[k];
    v.count = 0;
    std::string_view text;
    std::size_t next = k + 1;
    if (c == '"') {
      if (!string_at(k, text)) return fail;
      v.kind = kind::string;
    } else if (c == '{' || c == '[') {
      v.kind = c == '{' ? kind::object : kind::array;
      next = step_over(k, depth, &v.count);
    } else {
      text = token(k);
      std::int64_t n;  // most numbers are small naturals: a quicker look first
      if (!small_natural(text, n) && !json::is_json_scalar(text)) return fail;
      v.kind = c == 'n' ? kind::null : (c == 't' || c == 'f') ? kind::boolean : kind::number;
    }
    // From the local: a view read back from `v` just after its store would stall.
    v.text = text;
    return next;
  }

  // Steps over the value at entry k, whose container would be at `depth`, checking it as the
  // document's reading would; `items` (when given) gets a container's member or item count.
  // Returns the entry after it. Iterative: the depth is the caller's to choose.
  std::size_t step_over(std::size_t k, std::size_t depth, std::uint32_t* items = nullptr) {
    if (k + 1 >= count_) return fail;
    char c = byte(k);
    if (c != '{' && c != '[') {
      std::string_view text;
      if (c == '"') return string_at(k, text) ? k + 1 : fail;
      return json::is_json_scalar(token(k)) ? k + 1 : fail;
    }
    auto& open = sc_.open;
    open.clear();
    auto enter = [&](char bracket) {
      if (depth > max_depth_) return false;
      open.push_back({bracket == '{', 0});
      if (bracket == '{') names_at(depth);
      return true;
    };
    if (!enter(c)) return fail;
    ++k;
    for (;;) {
      if (k + 1 >= count_) return fail;  // every container closes before the root's '}'
      index_scratch::frame& f = open.back();
      c = byte(k);
      if (c == (f.object ? '}' : ']')) {
        if (open.size() == 1) {
          if (items) *items = f.items;
          return k + 1;
        }
        open.pop_back();
        --depth;
        ++k;
        continue;
      }
      if (f.items != 0) {
        if (c != ',') return fail;
        if (++k + 1 >= count_) return fail;
        c = byte(k);
      }
      ++f.items;
      if (f.object) {
        std::string_view name;
        // A name, ':', the value and at least a closing bracket after it.
        if (k + 3 >= count_ || c != '"' || byte(k + 1) != ':' || !string_at(k, name)) return fail;
        // A repeat or an angle bracket down here has a path only the document knows; the rest
        // is still read, so that a body that is not JSON is known to be broken.
        if (!sc_.names[depth - 1].insert(name) || angled(name)) sc_.wants_document = true;
        k += 2;
        c = byte(k);
      }
      if (c == '{' || c == '[') {
        ++depth;
        if (!enter(c)) return fail;
        ++k;
        continue;
      }
      std::string_view text;
      if (c == '"' ? !string_at(k, text) : !json::is_json_scalar(token(k))) return fail;
      if (c == '"' && angled(text)) sc_.wants_document = true;
      ++k;
    }
  }

  const structure& s_;
  const char* const src_;
  const std::uint32_t* const at_;
  std::size_t const count_;
  std::size_t max_depth_;
  request& r_;
  index_scratch& sc_;
  bool const angles_;
  std::uint32_t sp_members_ = 0;
};

}  // namespace

bool bind_index(const structure& s, std::size_t max_depth, request& out, index_scratch& sc, bool angles) {
  return reader(s, max_depth, out, sc, angles).run();
}

}  // namespace bpv::engine
