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
  void add(std::string name, std::string value) { members.emplace_back(std::move(name), std::move(value)); }
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

// One request of the given intent. Invalid and noted requests are clean ones with one or two
// changes, so that every kind of finding sits among ordinary members.
std::string make_request(rng& r, intent want) {
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
      sp.add("rentention_day", std::to_string(r.between(2, 99999)));
    }
    if (r.chance(60)) sp.add("remain_first_backup_of_curMonth", r.chance(50) ? "\"Y\"" : "\"N\"");
    if (r.chance(70)) sp.add("status", r.chance(70) ? "\"ON\"" : "\"OFF\"");
    for (std::size_t i = sp.members.size(); i > 1; --i) std::swap(sp.members[i - 1], sp.members[r.next() % i]);
  }

  if (want == intent::noted) {
    switch (r.between(0, 3)) {
      case 0: root.add("description", quote("nightly backups for " + random_name(r))); break;
      case 1: root.add("backup_policy_id", "\"af8a20b0-117d-4fc3-ae53-aa3968a4f870\""); break;
      case 2:
        if (has_sp && weekly) sp.add("frequency", std::to_string(r.between(1, 14)));
        else root.add("enabled", "true");
        break;
      default:
        if (has_sp) sp.add("rentention_day", "30"), sp.add("rentention_num", "7");
        else root.add("tags", "[\"a\",\"b\"]");
        break;
    }
  }

  std::string name = random_name(r);
  std::string zone_text = z.text;
  if (want == intent::invalid) {
    // The mistakes clients make, one or two at a time.
    for (int k = 0, n = r.chance(70) ? 1 : 2; k < n; ++k) {
      switch (r.between(0, 17)) {
        case 0: name = "policy." + name; has_name = true; break;
        case 1: name = "default_" + name; has_name = true; break;
        case 2: name = std::string(70, 'x'); has_name = true; break;
        case 3: sp.add("start_time", "\"12:30\""); has_sp = true; break;
        case 4: sp.add("start_time", "\"1:00,02:00\""); has_sp = true; break;
        case 5: sp.add("start_time", "\"04:00,02:00\""); has_sp = true; break;
        case 6: sp.add("frequency", std::to_string(r.between(15, 40))); has_sp = true; break;
        case 7: sp.add("rentention_num", "1.5"); has_sp = true; break;
        case 8: sp.add("week_frequency", "[\"mon\"]"); has_sp = true; break;
        case 9: sp.add("status", "\"on\""); has_sp = true; break;
        case 10: zone_text = "UTC+8:00"; break;
        case 11: zone_text = "UTC+15:00"; break;
        case 12: root.add("retention_num", "7"); break;
        case 13: root.add("backup_policy_name", "\"dup\""); has_name = true; break;
        case 14: name = "a<b>"; has_name = true; break;
        case 15: root.add("scheduled_policy", "\"daily\""); break;
        case 16: sp.add("remain_first_backup_of_curMonth", "true"); has_sp = true; break;
        default: sp.add("rentention_day", "0"); has_sp = true; break;
      }
    }
  }

  bool const pretty = r.chance(50);
  object body;
  if (has_name) body.add("backup_policy_name", quote(name));
  if (has_sp) body.add("scheduled_policy", sp.write(pretty, 4));
  if (has_zone || zone_text != z.text) body.add("time_zone", quote(zone_text));
  for (auto& m : root.members) body.members.push_back(m);
  std::string text = body.write(pretty, 0);
  if (want == intent::invalid && r.chance(4)) text.resize(text.size() / 2);  // cut off: not JSON
  return text;
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
    std::string body;
    do body = make_request(r, want);
    while ((body.size() < min_bytes || body.size() > max_bytes) && !(want == intent::invalid && body.back() != '}'));
    file(std::move(body));
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
