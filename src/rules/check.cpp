// The rules over a walked body. Each check names the rule it enforces (see catalog.cpp for
// the sentence of the page behind it); all findings are collected, none stops the others.
#include <algorithm>
#include <array>
#include <string>

#include "grammar/utc_offset.hpp"
#include "json/walker.hpp"
#include "rules/bind.hpp"
#include "rules/findings.hpp"
#include "rules/members.hpp"
#include "rules/numbers.hpp"
#include "rules/request.hpp"
#include "rules/rule_set.hpp"
#include "rules/values.hpp"
#include "time/clock.hpp"
#include "bytes.hpp"
#include "escape.hpp"
#include "utf8.hpp"

namespace bpv::engine {

using json::kind;
using json::node;

namespace {

constexpr std::string_view scheduled_policy_path = slot_paths[static_cast<std::size_t>(slot::scheduled_policy)];

// The value for messages: strings quoted, other values as written, containers by kind.
struct shown {
  const value& n;
  void append_to(std::string& out) const {
    if (n.kind == kind::string) return append_quoted(out, n.text);
    if (n.kind == kind::object || n.kind == kind::array) return void(out += json::describe(n.kind));
    out += n.text.substr(0, 48);
    if (n.text.size() > 48) out += "...";
  }
};

// What a number out of range comes to, after it as written: nothing for an integer literal,
// " (far outside the range)" from 2^53 on, else what it is (1e5) or rounds down to (1.5).
struct comes_to {
  const value& n;
  std::int64_t floor;
  bool whole;
  void append_to(std::string& out) const {
    if (at_clamp(floor)) return void(out += " (far outside the range)");
    if (integer_literal(n.text)) return;
    out += " (";
    shown{n}.append_to(out);
    out += whole ? " is " : " rounds down to ";
    detail::append_part(out, floor);
    out += ')';
  }
};

// Byte of the raw input where the unescaped character at `index` of string `n` starts.
std::size_t offset_in_string(const value& n, std::size_t index) noexcept {
  return n.offset + 1 + (n.has_raw ? json::raw_index_of(n.raw, index) : index);
}

bool has_angle_bracket(std::string_view s) noexcept {
  return std::any_of(s.begin(), s.end(), [](char c) { return c == '<' || c == '>'; });
}

// The character at byte `i` of a valid UTF-8 string, for a message: 'x', or U+XXXX.
struct char_at {
  std::string_view s;
  std::size_t i;
  void append_to(std::string& out) const {
    unsigned char const c = static_cast<unsigned char>(s[i]);
    if (c > 0x20 && c < 0x7F) {
      out += '\'';
      out += static_cast<char>(c);
      out += '\'';
      return;
    }
    out += c == ' ' ? "a space (U+" : "U+";
    escape::append_hex(out, utf8::decode(s, i), 4);
    if (c == ' ') out += ")";
  }
};

// Where in a string value a syntax breaks: " at character N", or past its last character, the
// end (a value with no character N to point at).
struct place_in {
  std::string_view s;
  std::size_t at;
  void append_to(std::string& out) const {
    if (s.empty()) return void(out += " (the value is empty)");
    if (at >= s.size()) return void(out += " at the end of the value");
    out += " at character ";
    detail::append_part(out, utf8::count_chars(s.substr(0, at)) + 1);
  }
};

// Two digits, and a clock time HH:mm from minutes since midnight.
struct two {
  unsigned v;
  void append_to(std::string& out) const {
    out += static_cast<char>('0' + v / 10);
    out += static_cast<char>('0' + v % 10);
  }
};
struct clock {
  int minutes;
  void append_to(std::string& out) const {
    two{static_cast<unsigned>(minutes / 60)}.append_to(out);
    out += ':';
    two{static_cast<unsigned>(minutes % 60)}.append_to(out);
  }
};

// The values a member may take, for a message: "Y" or "N".
struct either {
  std::initializer_list<std::string_view> allowed;
  void append_to(std::string& out) const {
    bool first = true;
    for (auto a : allowed) {
      out += first ? "\"" : " or \"";
      first = false;
      out += a;
      out += '"';
    }
  }
};

// The rules that hold at any depth: duplicate names, '<' and '>' in any string, at a node of
// the document or at a path the index reading noted.
class anywhere {
 public:
  explicit anywhere(findings& out) : f_(out) {}

  // Each kind is looked for only when the walk saw a sign of it: most bodies with a duplicate
  // have no '<'.
  void in(const json::document& doc) {
    bool const duplicates = doc.any_duplicate, angles = doc.maybe_angle_brackets;
    if (!duplicates && !angles) return;
    for (const node& n : doc.nodes) {
      if (duplicates && n.duplicate) duplicate(n, n.name, n.name_offset);
      if (!angles) continue;
      if (n.is_member() && has_angle_bracket(n.name)) angle_in_name(n, n.name, n.name_offset);
      if (n.kind == kind::string && has_angle_bracket(n.text)) angle_in_value(n, n.text, n.offset);
    }
  }

  template <class Where>
  void duplicate(const Where& where, std::string_view name, std::size_t name_offset) {
    f_.add(rule::member_duplicate, where, name_offset,
           say("member ", quote{name}, " appears more than once in its object; parsers disagree on which one counts"));
  }
  template <class Where>
  void angle_in_name(const Where& where, std::string_view name, std::size_t name_offset) {
    f_.add(rule::string_angle_brackets, where, name_offset,
           say("member name ", quote{name}, " contains '<' or '>', which the request cannot contain"));
  }
  template <class Where>
  void angle_in_value(const Where& where, std::string_view text, std::size_t offset) {
    f_.add(rule::string_angle_brackets, where, offset,
           say("the value ", quote{text}, " contains '<' or '>', which the request cannot contain"));
  }

 private:
  findings& f_;
};

class checker {
 public:
  checker(const request& req, const json::document* doc, const context& ctx, const rule_set& rules, scratch& s,
          findings& out)
      : req_(req), doc_(doc), ctx_(ctx), rules_(rules), scratch_(s), f_(out) {}

  void run() {
    if (!req_.root_others.empty()) other_members(req_.root_others, object_id::root, rules_, f_);
    if (!req_.scheduled_policy_others.empty())
      other_members(req_.scheduled_policy_others, object_id::scheduled_policy, rules_, f_);
    anywhere any(f_);
    if (!doc_) {
      for (const mark& m : req_.marks) {
        path_ref const at{m.base, m.name, m.index, m.index == json::none};
        switch (m.is) {
          case mark::what::repeat: any.duplicate(at, m.text, m.offset); break;
          case mark::what::angle_in_name: any.angle_in_name(at, m.text, m.offset); break;
          case mark::what::angle_in_value: any.angle_in_value(at, m.text, m.offset); break;
        }
      }
    } else {
      any.in(*doc_);
    }
    if (!req_.has_api_member())
      f_.add(rule::body_nothing_to_modify, path_ref{}, req_.root_offset,
             say(req_.root_members == 0
                     ? "the request object is empty: give at least one of backup_policy_name, scheduled_policy, time_zone"
                     // (A member of scheduled_policy at the top level is the API's, in the wrong place.)
                     : "the request holds none of the top-level members of the API (backup_policy_name, "
                       "scheduled_policy, time_zone): nothing to modify"));
    if (const value* n = req_.backup_policy_name()) name(*n);
    std::optional<int> const offset = time_zone();
    if (const value* sp = req_.scheduled_policy()) scheduled_policy(*sp, offset);
  }

 private:
  void wrong_type(rule r, const value& n, std::string_view member, std::string_view wanted) {
    f_.add(r, n, n.offset, say(member, " must be ", wanted, ", not ", json::describe(n.kind)));
  }

  void name(const value& n) {
    if (ctx_.target_is_default)
      f_.add(rule::name_default_policy, n, n.offset,
             say("the tenant's default backup policy cannot be renamed: leave out backup_policy_name"));
    if (n.kind != kind::string) return wrong_type(rule::name_type, n, "backup_policy_name", "a string");
    std::string_view const s = n.text;
    std::size_t const i = static_cast<std::size_t>(std::find_if_not(s.begin(), s.end(), is_name_char) - s.begin());
    bool const bad = i != s.size();
    // The name's characters are ASCII: when every byte is one, the size is the count.
    std::size_t const chars = bad ? utf8::count_chars(s) : s.size();
    if (chars < 1 || chars > max_name_chars)
      f_.add(rule::name_length, n, n.offset, say("backup_policy_name must be 1 to 64 characters long, not ", chars));
    if (bad) {
      f_.add(rule::name_characters, n, n.offset,
             say("backup_policy_name may hold only letters, digits, '_' and '-'; character ",
                 utf8::count_chars(s.substr(0, i)) + 1, " is ", char_at{s, i}));
    }
    if (s.starts_with(reserved_name_prefix))
      f_.add(rule::name_default_prefix, n, n.offset, say("backup_policy_name cannot start with \"default\""));
  }

  // The offset in minutes when time_zone is absent (0) or valid; nothing when it is invalid.
  std::optional<int> time_zone() {
    const value* n = req_.time_zone();
    if (!n) return 0;
    if (n->kind != kind::string) {
      wrong_type(rule::time_zone_type, *n, "time_zone", "a string in the UTC+HH:mm or UTC-HH:mm format");
      return std::nullopt;
    }
    grammar::utc_offset tz;
    if (auto e = grammar::parse_utc_offset(n->text, tz)) {
      f_.add(rule::time_zone_syntax, *n, offset_in_string(*n, e->offset),
             say("time_zone ", quote{n->text}, " is not in the UTC+HH:mm or UTC-HH:mm format: ", e->expected));
      return std::nullopt;
    }
    // Each well-formed part that breaks a rule, as in start_time: the hour when the offset is
    // beyond the civil zones on its hour alone, or with a valid minute; the minute past 59.
    auto outside = [](int total) { return total < min_offset || total > max_offset; };
    bool const bad_minute = tz.minutes > 59, bad_total = outside(tz.total_minutes());
    if (outside(tz.sign * static_cast<int>(tz.hours * 60)) || (!bad_minute && bad_total))
      f_.add(rule::time_zone_range, *n, offset_in_string(*n, tz.hour_offset),
             say("time_zone ", quote{n->text}, " is outside the civil time zones, UTC-12:00 to UTC+14:00"));
    if (bad_minute)
      f_.add(rule::time_zone_range, *n, offset_in_string(*n, tz.minute_offset),
             say("time_zone ", quote{n->text}, " has minute ", tz.minutes, "; minutes run from 00 to 59"));
    if (bad_minute || bad_total) return std::nullopt;
    return tz.total_minutes();
  }

  void scheduled_policy(const value& sp, std::optional<int> offset) {
    if (sp.kind != kind::object)
      return wrong_type(rule::scheduled_policy_type, sp, "scheduled_policy", "an object");
    const value* const frequency = req_.frequency();
    const value* const week = req_.week_frequency();
    const value* const num = req_.rentention_num();
    const value* const day = req_.rentention_day();
    if (!frequency && !week && !(rules_.status_alone_is_enough() && status_alone()))
      f_.add(rule::scheduled_policy_interval_required, sp, sp.offset,
             say("scheduled_policy must contain frequency (every N days) or week_frequency (days of the week)"));
    if (const value* st = req_.start_time()) start_time(*st, offset);
    if (frequency)
      integer_field(*frequency, "frequency", rule::frequency_type, rule::frequency_range, 1, 14, " (days)",
                    scratch_.frequency);
    if (week) week_frequency(*week);
    if (frequency && week)
      both_set(rule::week_frequency_ignored, *week, "frequency", "week_frequency");
    if (num)
      integer_field(*num, "rentention_num", rule::rentention_num_type, rule::rentention_num_range, 2, 14, "",
                    scratch_.rentention_num);
    if (day) rentention_day(*day);
    if (num && day)
      both_set(rule::rentention_day_ignored, *day, "rentention_num", "rentention_day");
    if (const value* remain = req_.remain_first_backup_of_curMonth())
      one_of(*remain, "remain_first_backup_of_curMonth", rule::remain_first_type, rule::remain_first_value, {"Y", "N"});
    if (const value* status = req_.status()) one_of(*status, "status", rule::status_type, rule::status_value, {"ON", "OFF"});
  }

  // Two members of which the page says the first prevails, both set: a note at the other, or,
  // with the rule raised to an error, a refusal (a 400 that said "ignored" would contradict itself).
  void both_set(rule r, const value& ignored, std::string_view kept, std::string_view dropped) {
    if (rules_.refuses(r)) {
      f_.add(r, ignored, ignored.name_offset,
             say(kept, " and ", dropped, " are both set: set one (", kept, " would prevail and ", dropped, " be ignored)"));
    } else {
      f_.add(r, ignored, ignored.name_offset,
             say(kept, " and ", dropped, " are both set: ", kept, " prevails and ", dropped, " is ignored"));
    }
  }

  // status is scheduled_policy's only member of the API (lenient: enabling or disabling).
  bool status_alone() const noexcept {
    return req_.has(slot::status) && !req_.has(slot::start_time) && !req_.has(slot::rentention_num) &&
           !req_.has(slot::rentention_day) && !req_.has(slot::remain_first_backup_of_curMonth);
  }

  void integer_field(const value& n, std::string_view member, rule type_rule, rule range_rule, std::int64_t lo,
                     std::int64_t hi, std::string_view unit, std::int64_t& read) {
    if (n.kind != kind::number) return wrong_type(type_rule, n, member, "an integer");
    std::int64_t v = 0;
    if (!small_natural(n.text, v)) {
      std::optional<std::int64_t> const literal = integer_literal(n.text);
      if (!literal) {
        f_.add(type_rule, n, n.offset,
               say(member, " must be an integer written without fraction or exponent, not ", shown{n}));
        return;
      }
      v = *literal;
    }
    read = v;
    if (v < lo || v > hi)
      f_.add(range_rule, n, n.offset, say(member, " must be ", lo, " to ", hi, unit, ", not ", shown{n}));
  }

  void rentention_day(const value& n) {
    if (n.kind != kind::number) return wrong_type(rule::rentention_day_type, n, "rentention_day", "a number");
    std::int64_t days = 0;
    bool whole = true;
    if (!small_natural(n.text, days)) days = floor_of(n.text, whole);
    scratch_.rentention_day = days;
    if (days < 2 || days > 99999)
      f_.add(rule::rentention_day_range, n, n.offset,
             say("rentention_day must be 2 to 99999 days, not ", shown{n}, comes_to{n, days, whole}));
  }

  void one_of(const value& n, std::string_view member, rule type_rule, rule value_rule,
              std::initializer_list<std::string_view> allowed) {
    if (n.kind != kind::string) return wrong_type(type_rule, n, member, "a string");
    // Byte by byte: these are one to three letters, shorter than a call to memcmp.
    std::string_view const t = n.text;
    for (std::string_view a : allowed) {
      if (a.size() != t.size()) continue;
      std::size_t i = 0;
      while (i < a.size() && a[i] == t[i]) ++i;
      if (i == a.size()) return;
    }
    f_.add(value_rule, n, n.offset, say(member, " must be ", either{allowed}, " (upper case), not ", shown{n}));
  }

  void week_frequency(const value& n) {
    if (n.kind != kind::array)
      return wrong_type(rule::week_frequency_type, n, "week_frequency", "an array of days such as [\"MON\"]");
    if (n.count == 0) {
      f_.add(rule::week_frequency_empty, n, n.offset,
             say("week_frequency must list at least one day: SUN, MON, TUE, WED, THU, FRI, SAT"));
      return;
    }
    std::array<bool, week_days.size()> seen{};
    for (const value& item : req_.week_items) {
      int const day = item.kind == kind::string ? week_day_of(item.text) : -1;
      if (day < 0) {
        f_.add(rule::week_frequency_day, item, item.offset,
               say("week_frequency items must be one of SUN, MON, TUE, WED, THU, FRI, SAT (upper case), not ", shown{item}));
        continue;
      }
      bool& was = seen[static_cast<std::size_t>(day)];
      if (was)
        f_.add(rule::week_frequency_duplicate, item, item.offset,
               say(week_days[static_cast<std::size_t>(day)], " appears more than once in week_frequency"));
      was = true;
    }
  }

  void start_time(const value& n, std::optional<int> offset) {
    if (n.kind != kind::string)
      return wrong_type(rule::start_time_type, n, "start_time", "a string of HH:mm times such as \"02:00,14:00\"");
    // decisions.md: more than 24 entries is one error at the 25th, and nothing else about the
    // list; entries are what the commas separate, well-formed or not. (Fewer bytes than that
    // cannot hold as many commas: most lists are not looked at twice.)
    if (n.text.size() >= max_start_times) {
      if (std::size_t const at = bytes::after_nth(n.text, ',', max_start_times); at != std::string_view::npos) {
        f_.add(rule::start_time_count, n, offset_in_string(n, at),
               say("start_time may list at most 24 times; it lists ", bytes::count(n.text, ',') + 1));
        return;
      }
    }
    auto& times = scratch_.times;
    if (grammar::parse_start_times(n.text, times)) return malformed_start_times(n);
    bool all_valid = true;
    for (const auto& t : times)
      if (t.hour > 23 || t.minute != 0) all_valid = time_parts(n, t, 2) && all_valid;
    // Order, duplicates and day crossing would be guesses with a bad entry or time zone; one
    // time has none of them.
    if (!all_valid || !offset || times.size() < 2) return;
    order_and_days(n, *offset);
  }

  // A list that breaks the syntax: each entry on its own (what the commas separate), the first
  // character that breaks it, and each part that is well-formed (two digits between its
  // delimiters) and breaks a rule (decisions.md: "a well-formed part that breaks a rule: the
  // first digit of that part").
  void malformed_start_times(const value& n) {
    std::string_view const s = n.text;
    for (std::size_t begin = 0;;) {
      std::size_t const comma = s.find(',', begin);
      std::size_t const end = comma == std::string_view::npos ? s.size() : comma;
      grammar::clock_time t;
      unsigned parts = 0;
      std::optional<grammar::syntax_error> const e = grammar::parse_start_time_entry(s.substr(begin, end - begin), t, parts);
      t.hour_offset += begin;
      t.minute_offset += begin;
      time_parts(n, t, parts);
      if (e) {
        std::size_t const at = begin + e->offset;
        f_.add(rule::start_time_syntax, n, offset_in_string(n, at),
               say("start_time must be HH:mm times separated by ',' (no spaces): ", e->expected, place_in{s, at}));
      }
      if (comma == std::string_view::npos) return;
      begin = comma + 1;
    }
  }

  // The rules of a time's well-formed parts (`parts`: none, the hour, or the hour and the
  // minute): whether they hold.
  bool time_parts(const value& n, const grammar::clock_time& t, unsigned parts) {
    bool ok = true;
    if (parts >= 1 && t.hour > 23) {
      f_.add(rule::start_time_hour, n, offset_in_string(n, t.hour_offset),
             say("start_time hour ", t.hour, " is out of range: hours run from 00 to 23"));
      ok = false;
    }
    if (parts >= 2 && t.minute != 0) {
      f_.add(rule::start_time_full_hour, n, offset_in_string(n, t.minute_offset),
             say("expected minute 00: backups start on the full hour, not at minute ", two{t.minute}));
      ok = false;
    }
    return ok;
  }

  void order_and_days(const value& n, int offset) {
    const auto& times = scratch_.times;
    auto hhmm = [&](std::size_t i) { return clock{static_cast<int>(times[i].minutes())}; };
    auto local = [&](std::size_t i) { return clock{time::local_minutes(static_cast<int>(times[i].minutes()), offset)}; };
    schedule_of(times, offset, [&](schedule_break b, std::size_t i, std::size_t before) {
      std::size_t const at = offset_in_string(n, times[i].hour_offset);
      switch (b) {
        case schedule_break::duplicate:
          f_.add(rule::start_time_duplicate, n, at, say("start_time lists ", hhmm(i), " more than once"));
          break;
        case schedule_break::unordered:
          f_.add(rule::start_time_order, n, at,
                 say("start times must be in ascending order by local time: ", hhmm(i), " (local ", local(i),
                     ") comes after ", hhmm(before), " (local ", local(before), ")"));
          break;
        case schedule_break::crossing:
          if (const value* frequency = req_.frequency())
            f_.add(rule::start_time_utc_day_crossing, *frequency, frequency->name_offset,
                   say("start times ", hhmm(0), " and ", hhmm(i), " (local ", local(0), " and ", local(i),
                       ") fall on different UTC days: schedule them with week_frequency and leave out frequency"));
          break;
      }
      return true;
    });
  }

  const request& req_;
  const json::document* doc_;
  const context& ctx_;
  const rule_set& rules_;
  scratch& scratch_;
  findings& f_;
};

}  // namespace

// Unknown, misplaced and near-miss members of the two objects the API defines.
// (A rule raised to an error says the member is refused: a 400 that said "ignored" would
// contradict itself. A near miss says what would happen either way.)
void other_members(const std::vector<other_member>& others, object_id in, const rule_set& rules, findings& f) {
  std::string_view const base = in == object_id::root ? std::string_view{} : scheduled_policy_path;
  for (const other_member& m : others) {
    path_ref const at{base, m.name, json::none, true};
    if (const member_spec* other = find_elsewhere(in, m.name)) {
      f.add(rule::member_misplaced, at, m.name_offset,
            say(m.name, rules.refuses(rule::member_misplaced) ? " is not accepted here: it belongs " : " is ignored here: it belongs ",
                other->in == object_id::root ? "at the top level of the body" : "inside scheduled_policy"));
    } else if (const member_spec* near = near_miss_of(in, m.name)) {
      f.add(rule::member_near_miss, near->code, at, m.name_offset,
            say("unknown member ", quote{m.name}, ": did you mean ", near->name, "? (as written it would be ignored)"));
    } else {
      f.add(rule::member_unknown, at, m.name_offset,
            say("unknown member ", quote{m.name},
                rules.refuses(rule::member_unknown) ? " is not accepted (the service would ignore it)"
                                                    : " is ignored by the service"));
    }
  }
}

void check(const request& req, const json::document* doc, const context& ctx, const rule_set& rules, scratch& s,
           findings& out) {
  checker(req, doc, ctx, rules, s, out).run();
}

void check_anywhere(const json::document& doc, findings& out) { anywhere(out).in(doc); }

}  // namespace bpv::engine
