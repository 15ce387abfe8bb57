#include "rules/numbers.hpp"

#include <algorithm>

namespace bpv::engine {
namespace {

// Up to 18 digits fit in int64 exactly (10^18 - 1 < 2^63); more are beyond number_clamp anyway.
constexpr std::size_t max_digits = 18;

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// Digits as an integer; the caller keeps them to at most max_digits.
std::int64_t digits_value(std::string_view d) noexcept {
  std::int64_t v = 0;
  for (char c : d) v = v * 10 + (c - '0');
  return v;
}

// Beyond any digit count a body can hold, so capping the exponent here changes no result.
constexpr std::int64_t exponent_cap = std::int64_t{1} << 50;

std::int64_t clamp(std::int64_t v) noexcept { return std::clamp(v, -number_clamp, number_clamp); }

}  // namespace

std::optional<std::int64_t> integer_literal(std::string_view t) noexcept {
  bool const negative = !t.empty() && t.front() == '-';
  std::string_view d = negative ? t.substr(1) : t;
  if (d.empty() || !std::all_of(d.begin(), d.end(), is_digit)) return std::nullopt;
  d.remove_prefix(std::min(d.find_first_not_of('0'), d.size()));
  std::int64_t v = d.size() > max_digits ? number_clamp : digits_value(d);
  return clamp(negative ? -v : v);
}

std::int64_t floor_of(std::string_view t, bool& whole_number) noexcept {
  whole_number = true;
  bool const negative = !t.empty() && t.front() == '-';
  if (negative) t.remove_prefix(1);
  std::size_t i = 0;
  while (i < t.size() && is_digit(t[i])) ++i;
  std::string_view const int_part = t.substr(0, i);
  std::string_view frac_part;
  if (i < t.size() && t[i] == '.') {
    std::size_t j = ++i;
    while (i < t.size() && is_digit(t[i])) ++i;
    frac_part = t.substr(j, i - j);
  }
  std::int64_t exponent = 0;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) exp_negative = t[i++] == '-';
    for (; i < t.size() && is_digit(t[i]); ++i) exponent = std::min<std::int64_t>(exponent * 10 + (t[i] - '0'), exponent_cap);
    if (exp_negative) exponent = -exponent;
  }

  // value = M * 10^scale, M the digits of int_part and frac_part together.
  std::string_view m_int = int_part;
  m_int.remove_prefix(std::min(m_int.find_first_not_of('0'), m_int.size()));
  std::int64_t const scale = exponent - static_cast<std::int64_t>(frac_part.size());
  // Work on the digit sequence without building it: digit k of M.
  std::size_t const m_len = m_int.size() + frac_part.size();
  auto m_digit = [&](std::size_t k) { return k < m_int.size() ? m_int[k] : frac_part[k - m_int.size()]; };
  std::size_t lead = 0;  // leading zeros of M (when int_part is all zeros, inside frac_part)
  while (lead < m_len && m_digit(lead) == '0') ++lead;
  if (lead == m_len) return 0;  // zero, whatever its sign or exponent

  std::int64_t whole = 0;
  bool fraction = false;
  std::int64_t const significant = static_cast<std::int64_t>(m_len - lead);
  if (scale >= 0) {
    if (significant + scale > static_cast<std::int64_t>(max_digits)) return negative ? -number_clamp : number_clamp;
    for (std::size_t k = lead; k < m_len; ++k) whole = whole * 10 + (m_digit(k) - '0');
    for (std::int64_t k = 0; k < scale; ++k) whole *= 10;
  } else {
    std::int64_t const keep = significant + scale;  // digits left of the decimal point
    if (keep > static_cast<std::int64_t>(max_digits)) return negative ? -number_clamp : number_clamp;
    std::size_t const split = keep > 0 ? lead + static_cast<std::size_t>(keep) : lead;
    for (std::size_t k = lead; k < split; ++k) whole = whole * 10 + (m_digit(k) - '0');
    for (std::size_t k = split; k < m_len; ++k) fraction = fraction || m_digit(k) != '0';
  }
  whole_number = !fraction;
  return clamp(negative ? -whole - (fraction ? 1 : 0) : whole);
}

std::int64_t floor_of(std::string_view json_number) noexcept {
  bool whole_number;
  return floor_of(json_number, whole_number);
}

}  // namespace bpv::engine
