// Custom rules: checks of your own (for example "keep backups at least 7 days") that take part
// in the report like the built-in rules: their findings are ordered among the others, an error
// makes the request invalid and may be the one the response carries, and overrides and
// validator::rules() know them by ID.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "bpv/diagnostic.hpp"
#include "bpv/export.h"

namespace bpv {

struct context;

/// The JSON kind of a value.
enum class value_kind : unsigned char { object, array, string, number, boolean, null };

/// A value of the request as the body has it (for a member, its first occurrence), with its
/// place. The views live for the duration of the custom rule's call.
struct field_view {
  std::string_view path;         ///< RFC 6901 JSON Pointer, e.g. "/scheduled_policy/rentention_day"
  value_kind kind = value_kind::null;
  std::string_view text;         ///< a string unescaped; a number, true, false or null as written; "" for containers
  std::size_t offset = 0;        ///< byte of the value's first character in the body
  std::size_t name_offset = 0;   ///< byte of the member name's opening quote (an array item: = offset)

  /// An integer literal's value (no fraction, no exponent), clamped to ±2^53; nothing for other
  /// numbers and other kinds.
  [[nodiscard]] BPV_API std::optional<std::int64_t> integer() const noexcept;
  /// A number rounded down, as the service reads rentention_day (exact, from the decimal text),
  /// clamped to ±2^53; nothing for other kinds.
  [[nodiscard]] BPV_API std::optional<std::int64_t> floor() const noexcept;
};

/// What a custom rule sees: the members of the API, each nullptr when the body does not have it
/// (scheduled_policy's members only when scheduled_policy is an object). Values may be of any
/// kind: the built-in rules report wrong ones, and `has_errors` says whether they found any.
struct request_view {
  std::string_view body;
  const bpv::context* context = nullptr;
  const field_view* backup_policy_name = nullptr;
  const field_view* scheduled_policy = nullptr;
  const field_view* time_zone = nullptr;
  const field_view* start_time = nullptr;
  const field_view* frequency = nullptr;
  const field_view* week_frequency = nullptr;
  const field_view* rentention_num = nullptr;
  const field_view* rentention_day = nullptr;
  const field_view* remain_first_backup_of_curMonth = nullptr;
  const field_view* status = nullptr;
  /// The items of week_frequency, when it is an array.
  std::span<const field_view> week_frequency_items;
  /// The built-in rules found an error (as configured: after the profile and overrides).
  bool has_errors = false;
};

/// Where a custom rule reports. Each finding becomes a diagnostic with the rule's ID, severity
/// and code (as overrides leave them) and the given place and message. An offset beyond the
/// body is reported as null.
class BPV_API finding_sink {
 public:
  /// A finding at a field's value.
  void add(const field_view& at, std::string message) { emit(at.path, at.offset, std::move(message)); }
  /// A finding at a field, at a byte of your choosing (e.g. a character inside a string).
  void add(const field_view& at, std::size_t offset, std::string message) { emit(at.path, offset, std::move(message)); }
  /// A finding at any JSON Pointer ("" = the whole body) and offset (nullopt: no place).
  void add(std::string_view path, std::optional<std::size_t> offset, std::string message) {
    emit(path, offset, std::move(message));
  }

 protected:
  finding_sink() = default;
  ~finding_sink() = default;
  finding_sink(const finding_sink&) = default;
  finding_sink& operator=(const finding_sink&) = default;
  virtual void emit(std::string_view path, std::optional<std::size_t> offset, std::string message) = 0;
};

/// A rule of your own. Its check runs after the built-in rules, on every body that is a JSON
/// object within the body's size and depth limits (one beyond them is refused unread).
/// Validators made from shared options call the same check from several threads at once: it
/// must not change shared state (or must synchronise). It should not throw; if it does, the
/// exception leaves validate() and the validator stays usable.
struct custom_rule {
  /// Unique, not a built-in ID: 1 to 128 ASCII letters, digits, '.', '_' and '-', e.g.
  /// "acme.retention_min_days". IDs and codes become diagnostic::rule and ::code, views of static
  /// storage: each distinct one a validator is made with is kept until the process ends (a few
  /// hundred bytes), so take them from a fixed set, not made anew for each validator.
  std::string id;
  bpv::severity severity = severity::error;
  /// The service code an error carries (response and report), e.g. "AutoBackup.0107"; 1 to 128
  /// letters, digits, '.', '_', '-'. Needed when the rule is an error; warnings and info carry none.
  std::string code;
  /// The policy it enforces, one sentence (validator::rules()).
  std::string enforces;
  std::function<void(const request_view&, finding_sink&)> check;
};

}  // namespace bpv
