#include "corpus.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "bpv/validator.hpp"

namespace bench {
namespace {

// splitmix64: the same sequence on every platform and standard library (the distributions of
// <random> are not specified exactly).
class rng {
 public:
  explicit rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  /// Uniform in [lo, hi].
  int between(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
  bool chance(int percent) { return between(1, 100) <= percent; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[next() % v.size()]; }

 private:
  std::uint64_t s_;
};

constexpr std::array<std::string_view, 7> days = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

std::string two(int v) { return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10); }

// A JSON object under construction: members in order, then written compactly or spaced out.
struct object {
  std::vector<std::pair<std::string, std::string>> members;  // name, JSON value
  /// Appends a member: a second one of a name already there is a duplicate member.
  void add(std::string name, std::string value) { members.emplace_back(std::move(name), std::move(value)); }
  /// The member's value, replaced where it is, or appended.
  void set(const std::string& name, std::string value) {
    for (auto& m : members)
      if (m.first == name) return void(m.second = std::move(value));
    add(name, std::move(value));
  }
  std::string write(bool pretty, int indent) const {
    std::string pad(static_cast<std::size_t>(indent + 4), ' '), close(static_cast<std::size_t>(indent), ' ');
    std::string out = "{";
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (i) out += ",";
      if (pretty) out += "\n" + pad;
      out += "\"" + members[i].first + "\"" + (pretty ? ": " : ":") + members[i].second;
    }
    if (pretty) out += "\n" + close;
    return out + "}";
  }
};

std::string quote(const std::string& s) { return "\"" + s + "\""; }

std::string random_name(rng& r) {
  static const std::string chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
  std::string s;
  int const n = r.between(4, 40);
  for (int i = 0; i < n; ++i) s += chars[r.next() % chars.size()];
  if (s.starts_with("default")) s[0] = 'p';
  return s;
}

struct zone {
  std::string text;
  int minutes;
};

zone random_zone(rng& r) {
  int const hours = r.between(-12, 14);
  int minutes = hours == 14 || hours == -12 ? 0 : std::array<int, 3>{0, 30, 45}[r.next() % 3];
  int const total = hours < 0 ? hours * 60 - minutes : hours * 60 + minutes;
  std::string text = std::string("UTC") + (total < 0 ? "-" : "+") + two(std::abs(hours)) + ":" + two(minutes);
  return {text, total};
}

// `count` distinct UTC hours in ascending local order; with `same_day`, all on one UTC day
// (what frequency needs). Hours as HH:00.
std::string start_times(rng& r, int count, int zone_minutes, bool same_day) {
  std::vector<int> hours;
  for (int h = 0; h < 24; ++h) hours.push_back(h);
  for (int i = 23; i > 0; --i) std::swap(hours[static_cast<std::size_t>(i)], hours[r.next() % static_cast<std::size_t>(i + 1)]);
  hours.resize(static_cast<std::size_t>(count));
  auto local = [&](int h) { return ((h * 60 + zone_minutes) % 1440 + 1440) % 1440; };
  auto day = [&](int h) { return h * 60 + zone_minutes - local(h); };  // local midnight, in UTC minutes
  if (same_day) {
    int const d = day(hours[0]);
    std::erase_if(hours, [&](int h) { return day(h) != d; });
  }
  std::sort(hours.begin(), hours.end(), [&](int a, int b) { return local(a) < local(b); });
  std::string out;
  for (int h : hours) {
    if (!out.empty()) out += ',';
    out += two(h);
    out += ":00";
  }
  return out;
}

enum class intent { clean, noted, invalid };

// A description as clients send one: sometimes with accents, written raw or, as serializers
// that keep to ASCII write it (Python's json.dumps by default), as \u escapes (which bpv reads
// through its document route).
std::string description(rng& r) {
  if (!r.chance(50)) return quote("nightly backups for " + random_name(r));
  return r.chance(50) ? quote("sauvegarde de nuit, \xC3\xA9t\xC3\xA9 " + random_name(r))
                      : quote("sauvegarde de nuit, \\u00e9t\\u00e9 " + random_name(r));
}

// One request of the given intent, and the rules its changes are meant to raise (none for a
// clean one). Invalid and noted requests are clean ones with one or two changes, so that every
// kind of finding sits among ordinary members; a change replaces the member it is about (a
// second member of one name would be a duplicate, itself one of the changes).
struct request {
  std::string body;
  std::vector<std::string_view> rules;
};

request make_request(rng& r, intent want) {
  request out;
  object root, sp;
  zone const z = random_zone(r);
  bool const has_zone = r.chance(65);
  int const zone_minutes = has_zone ? z.minutes : 0;
  bool has_name = r.chance(70), has_sp = r.chance(80);
  if (!has_name && !has_sp && !has_zone) has_sp = true;

  bool const weekly = r.chance(50);
  if (has_sp) {
    if (weekly) {
      std::vector<int> d = {0, 1, 2, 3, 4, 5, 6};
      for (int i = 6; i > 0; --i) std::swap(d[static_cast<std::size_t>(i)], d[r.next() % static_cast<std::size_t>(i + 1)]);
      std::string list;
      for (int i = 0, n = r.between(1, 4); i < n; ++i) list += (list.empty() ? "\"" : ",\"") + std::string(days[static_cast<std::size_t>(d[static_cast<std::size_t>(i)])]) + "\"";
      sp.add("week_frequency", "[" + list + "]");
    } else {
      sp.add("frequency", std::to_string(r.between(1, 14)));
    }
    if (r.chance(85)) sp.add("start_time", quote(start_times(r, weekly ? r.between(1, 6) : r.between(1, 3), zone_minutes, !weekly)));
    if (r.chance(45)) {
      sp.add("rentention_num", std::to_string(r.between(2, 14)));
    } else if (r.chance(60)) {
      // Some with a fraction, which the service rounds down.
      sp.add("rentention_day", std::to_string(r.between(2, 99998)) + (r.chance(20) ? "." + std::to_string(r.between(1, 99)) : ""));
    }
    if (r.chance(60)) sp.add("remain_first_backup_of_curMonth", r.chance(50) ? "\"Y\"" : "\"N\"");
    if (r.chance(70)) sp.add("status", r.chance(70) ? "\"ON\"" : "\"OFF\"");
    for (std::size_t i = sp.members.size(); i > 1; --i) std::swap(sp.members[i - 1], sp.members[r.next() % i]);
  }

  if (want == intent::noted) {
    switch (r.between(0, 4)) {
      case 0: root.add("description", description(r)); out.rules.push_back("member.unknown"); break;
      case 1: root.add("backup_policy_id", "\"af8a20b0-117d-4fc3-ae53-aa3968a4f870\""); out.rules.push_back("member.unknown"); break;
      case 2:
        if (has_sp && weekly) {
          sp.set("frequency", std::to_string(r.between(1, 14)));
          // frequency prevails, so its times must fall on one UTC day (else it is an error).
          for (auto& m : sp.members)
            if (m.first == "start_time") m.second = quote(start_times(r, r.between(1, 3), zone_minutes, true));
          out.rules.push_back("week_frequency.ignored");
        } else {
          root.add("enabled", "true");
          out.rules.push_back("member.unknown");
        }
        break;
      case 3:
        if (has_sp) {
          sp.set("rentention_day", "30"), sp.set("rentention_num", "7");
          out.rules.push_back("rentention_day.ignored");
        } else {
          root.add("tags", "[\"a\",\"b\"]");
          out.rules.push_back("member.unknown");
        }
        break;
      default:
        if (has_sp) {
          sp.set("time_zone", quote(z.text));  // misplaced: it belongs at the top level
          out.rules.push_back("member.misplaced");
        } else {
          root.add("description", description(r));
          out.rules.push_back("member.unknown");
        }
        break;
    }
  }

  std::string name = random_name(r);
  std::string zone_text = z.text;
  bool as_list = false;  // the body sent as an array of one request
  if (want == intent::invalid) {
    // The mistakes clients make, one or two at a time, each about a different member (so that
    // the second does not undo the first). Every rule of the body is among them but the size
    // limit and the empty body (requests here are 150 to 350 bytes); the URI's (an empty policy
    // ID) and the caller's (the default policy renamed) are not the body's to raise.
    std::vector<std::string_view> touched;
    bool alone = false;  // a change that takes no other
    for (int k = 0, n = r.chance(70) ? 1 : 2; k < n && !alone; ++k) {
      int const pick = r.between(0, 38);
      auto about = [&](std::string_view member) {
        if (std::find(touched.begin(), touched.end(), member) != touched.end()) return false;
        touched.push_back(member);
        return true;
      };
      // A change that takes no other: only as the first, and the request's changes end with it.
      auto on_its_own = [&] {
        if (!touched.empty()) return false;
        alone = true;
        return true;
      };
      auto in_sp = [&](std::string_view member, std::string value, std::string_view rule) {
        if (!about(member)) return;
        sp.set(std::string(member), std::move(value));
        has_sp = true;
        out.rules.push_back(rule);
      };
      auto named = [&](std::string value, std::string_view rule) {
        if (!about("backup_policy_name")) return;
        name = std::move(value);
        has_name = true;
        out.rules.push_back(rule);
      };
      switch (pick) {
        case 0: named("policy." + name, "backup_policy_name.characters"); break;
        case 1: named("default_" + name, "backup_policy_name.default_prefix"); break;
        case 2: named(std::string(70, 'x'), "backup_policy_name.length"); break;
        case 3: named("a<b>", "string.angle_brackets"); break;
        case 4: named(r.chance(50) ? "politique_\xC3\xA9t\xC3\xA9" : "politique_\\u00e9t\\u00e9", "backup_policy_name.characters"); break;
        case 5: in_sp("start_time", "\"12:30\"", "start_time.full_hour"); break;
        case 6: in_sp("start_time", "\"1:00,02:00\"", "start_time.syntax"); break;
        // (Order and duplicates are judged only with a valid time_zone: it is left alone.)
        case 7:  // times in descending local order
          if (about("time_zone")) {
            std::string const up = start_times(r, r.between(2, 4), zone_minutes, false);
            std::string down;
            for (std::size_t at = 0; at < up.size(); at += 6) down = up.substr(at, 5) + (down.empty() ? "" : ",") + down;
            in_sp("start_time", quote(down), "start_time.order");
          }
          break;
        case 8: if (about("time_zone")) in_sp("start_time", "\"02:00,02:00\"", "start_time.duplicate"); break;
        case 9: in_sp("start_time", "\"25:00\"", "start_time.hour"); break;
        case 10: in_sp("frequency", std::to_string(r.between(15, 40)), "frequency.range"); break;
        case 11: in_sp("frequency", "\"1\"", "frequency.type"); break;
        case 12: in_sp("rentention_num", "1.5", "rentention_num.type"); break;
        case 13: in_sp("rentention_num", std::to_string(r.between(15, 99)), "rentention_num.range"); break;
        case 14: in_sp("week_frequency", "[\"mon\"]", "week_frequency.day"); break;
        case 15: in_sp("week_frequency", "[]", "week_frequency.empty"); break;
        case 16: in_sp("week_frequency", "[\"MON\",\"MON\"]", "week_frequency.duplicate"); break;
        case 17: in_sp("status", "\"on\"", "status.value"); break;
        case 18: in_sp("remain_first_backup_of_curMonth", "true", "remain_first_backup_of_curMonth.type"); break;
        case 19: in_sp("rentention_day", "0", "rentention_day.range"); break;
        case 20: in_sp("retention_num", "7", "member.near_miss"); break;
        case 21:
          if (about("time_zone")) zone_text = "UTC+8:00", out.rules.push_back("time_zone.syntax");
          break;
        case 22:
          if (about("time_zone")) zone_text = "UTC+15:00", out.rules.push_back("time_zone.range");
          break;
        case 23:
          if (about("root")) root.add("backup_policy_nam", quote(name)), out.rules.push_back("member.near_miss");
          break;
        case 24:
          if (about("duplicate")) root.add("backup_policy_name", "\"dup\""), has_name = true, out.rules.push_back("member.duplicate");
          break;
        case 25:  // scheduled_policy of the wrong type: nothing in it to change after
          if (on_its_own()) {
            has_sp = false;
            root.add("scheduled_policy", r.chance(50) ? "\"daily\"" : "[" + quote(start_times(r, 1, zone_minutes, true)) + "]");
            root.add("description", description(r));  // (a body this short is otherwise under 150 bytes)
            out.rules.push_back("scheduled_policy.type");
          }
          break;
        case 26:  // nothing the API knows, only a description: a change on its own
          if (on_its_own()) {
            has_sp = has_name = false;
            zone_text.clear();
            root.add("description", description(r));
            root.add("labels", "{\"team\":\"storage\",\"owner\":" + quote(random_name(r)) + ",\"tier\":\"gold\"}");
            root.add("retention", "{\"days\":" + std::to_string(r.between(2, 90)) + ",\"copies\":3}");
            out.rules.push_back("body.nothing_to_modify");
          }
          break;
        case 27:  // 25 start times
          in_sp("start_time", "\"00:00,01:00,02:00,03:00,04:00,05:00,06:00,07:00,08:00,09:00,10:00,11:00,12:00,13:00,"
                              "14:00,15:00,16:00,17:00,18:00,19:00,20:00,21:00,22:00,23:00,00:00\"",
                "start_time.count");
          break;
        case 28: in_sp("start_time", "1200", "start_time.type"); break;
        case 29: in_sp("status", "true", "status.type"); break;
        case 30: in_sp("week_frequency", "\"MON\"", "week_frequency.type"); break;
        case 31:
          if (about("backup_policy_name")) {
            has_name = false;
            root.add("backup_policy_name", std::to_string(r.between(1, 999)));
            out.rules.push_back("backup_policy_name.type");
          }
          break;
        case 32: in_sp("rentention_day", quote(std::to_string(r.between(2, 999))), "rentention_day.type"); break;
        case 33: in_sp("rentention_day", "1." + std::to_string(r.between(1, 99)), "rentention_day.range"); break;
        case 34:
          if (about("time_zone")) {
            zone_text.clear();
            root.add("time_zone", std::to_string(r.between(-12, 14)));
            out.rules.push_back("time_zone.type");
          }
          break;
        case 35: in_sp("remain_first_backup_of_curMonth", r.chance(50) ? "\"y\"" : "\"yes\"", "remain_first_backup_of_curMonth.value"); break;
        case 36:  // the request sent as a list of one: not an object
          if (on_its_own()) {
            as_list = true;
            out.rules.push_back("body.not_object");
          }
          break;
        case 37:  // an unknown member nested past the depth limit (64 levels): nothing else is read
          if (on_its_own()) {
            root.add("metadata", std::string(66, '[') + std::string(66, ']'));
            out.rules.push_back("body.too_deep");
          }
          break;
        default: in_sp("rentention_day", std::to_string(r.between(100000, 999999)), "rentention_day.range"); break;
      }
    }
  }

  bool const pretty = r.chance(50);
  object body;
  if (has_name) body.add("backup_policy_name", quote(name));
  if (has_sp) body.add("scheduled_policy", sp.write(pretty, 4));
  if (!zone_text.empty() && (has_zone || zone_text != z.text)) body.add("time_zone", quote(zone_text));
  for (auto& m : root.members) body.members.push_back(m);
  out.body = body.write(pretty, 0);
  if (as_list) out.body = "[" + out.body + "]";
  if (want == intent::invalid && r.chance(4)) {  // cut off: not JSON
    out.body.resize(out.body.size() / 2);
    out.rules = {"body.not_json"};
  }
  return out;
}

constexpr std::size_t min_bytes = 150, max_bytes = 350;

std::string page_example() { return read_file(BPV_SOURCE_DIR "/examples/modify-request.json"); }

}  // namespace

corpus make_corpus(std::size_t count, std::uint64_t seed) {
  rng r(seed);
  corpus c;
  bpv::validator v;
  auto file = [&](std::string body) {
    bpv::report rep = v.validate(body);
    if (!rep.valid) {
      c.invalid.push_back(body);
    } else if (rep.diagnostics.empty()) {
      c.valid.push_back(body);
    } else {
      c.noted.push_back(body);
    }
    c.mixed.push_back(std::move(body));
  };
  file(page_example());
  while (c.mixed.size() < count) {
    int const roll = r.between(1, 100);
    intent const want = roll <= 60 ? intent::clean : roll <= 75 ? intent::noted : intent::invalid;
    // Requests of 150 to 350 bytes, as measured by the issue that set the targets (a body cut
    // in half to make it not JSON stays shorter).
    request req;
    do req = make_request(r, want);
    while ((req.body.size() < min_bytes || req.body.size() > max_bytes) && !(want == intent::invalid && req.body.back() != '}'));
    // Each change raises what it was made for, and a clean request nothing: the sets are what
    // their names say, and every kind of mistake is in them (a generator that drifts throws).
    bpv::report const rep = v.validate(req.body);
    for (std::string_view rule : req.rules)
      if (std::none_of(rep.diagnostics.begin(), rep.diagnostics.end(), [&](const bpv::diagnostic& d) { return d.rule == rule; }))
        throw std::logic_error("bench corpus: a request made to raise " + std::string(rule) + " does not: " + req.body);
    if (want == intent::clean && !rep.diagnostics.empty())
      throw std::logic_error("bench corpus: a clean request has findings: " + req.body);
    if (want == intent::noted && !rep.valid) throw std::logic_error("bench corpus: a noted request is invalid: " + req.body);
    file(std::move(req.body));
  }
  return c;
}

std::string make_scaled(const std::string& shape, std::size_t bytes) {
  std::string body;
  if (shape == "string") {
    body = "{\"backup_policy_name\":\"nightly\",\"description\":\"";
    while (body.size() + 2 < bytes) body += "backups of the database volumes, kept for a week; ";
    body.resize(std::max<std::size_t>(bytes, 48) - 2);
    body += "\"}";
  } else if (shape == "start_time") {
    body = "{\"scheduled_policy\":{\"week_frequency\":[\"MON\"],\"start_time\":\"";
    for (int h = 0; body.size() + 8 < bytes; h = (h + 1) % 24) body += two(h) + ":00,";
    body += "23:00\"}}";
  } else if (shape == "members") {
    body = "{\"backup_policy_name\":\"nightly\"";
    for (int i = 0; body.size() + 20 < bytes; ++i) body += ",\"label_" + std::to_string(i) + "\":" + std::to_string(i);
    body += "}";
  } else {
    throw std::invalid_argument("unknown shape " + shape);
  }
  return body;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  if (ss.str().empty()) throw std::runtime_error("cannot read " + path);
  return ss.str();
}

std::size_t bytes_of(const std::vector<std::string>& set) {
  std::size_t n = 0;
  for (const auto& s : set) n += s.size();
  return n;
}

}  // namespace bench
