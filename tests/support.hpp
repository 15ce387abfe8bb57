// Helpers shared by the GoogleTest suites.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>

#include "bpv/bpv.hpp"

namespace bpv::test {

/// A file's bytes as they are ("" when it cannot be read).
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Concatenation without operator+ temporaries.
inline std::string cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (auto p : parts) out.append(p);
  return out;
}

/// Calls `each` with every body one byte away from `body`: each byte deleted, each byte of
/// `bytes` inserted at each place, and each byte replaced by each other byte of `bytes`.
template <class Each>
void for_each_one_byte_change(const std::string& body, std::string_view bytes, Each&& each) {
  for (std::size_t i = 0; i <= body.size(); ++i) {
    if (i < body.size()) each(body.substr(0, i) + body.substr(i + 1));
    for (char x : bytes) {
      each(body.substr(0, i) + x + body.substr(i));
      if (i < body.size() && body[i] != x) each(body.substr(0, i) + x + body.substr(i + 1));
    }
  }
}

/// A body with only a scheduled_policy object, holding the members `inner`.
inline std::string sp(std::string_view inner) { return cat({R"({"scheduled_policy":{)", inner, "}}"}); }

/// Validates `body` with a fresh validator.
inline report check(std::string_view body, const context& ctx = {}, options opts = {}) {
  validator v(opts);
  return v.validate(body, ctx);
}

/// The diagnostics of `r` with this rule ID.
inline std::size_t count_rule(const report& r, std::string_view rule) {
  return static_cast<std::size_t>(
      std::count_if(r.diagnostics.begin(), r.diagnostics.end(), [&](const diagnostic& d) { return d.rule == rule; }));
}

/// The first diagnostic with this rule ID, or nullptr.
inline const diagnostic* find(const report& r, std::string_view rule) {
  for (const auto& d : r.diagnostics)
    if (d.rule == rule) return &d;
  return nullptr;
}

/// All rule IDs of `r`, for failure messages.
inline std::string rules_of(const report& r) {
  std::string s;
  for (const auto& d : r.diagnostics) {
    s += std::string(d.rule) + "@" + d.path + ":" + (d.offset ? std::to_string(*d.offset) : "null") + " ";
  }
  return s;
}

}  // namespace bpv::test
