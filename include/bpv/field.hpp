// bpv::field<T>: a value that may be absent, like std::optional<T>, except that emptying it
// keeps the value's storage. The effective policy of a report is made of fields, so that a
// report reused from one request to the next (validator::validate(body, ctx, report&)) reaches
// a size and then allocates nothing, whichever members each request has.
#pragma once

#include <optional>
#include <type_traits>
#include <utility>

namespace bpv {

template <class T>
class field {
 public:
  using value_type = T;

  constexpr field() = default;
  constexpr field(std::nullopt_t) noexcept {}
  template <class U = T>
    requires std::is_constructible_v<T, U&&> && (!std::is_same_v<std::remove_cvref_t<U>, field>) &&
             (!std::is_same_v<std::remove_cvref_t<U>, std::nullopt_t>)
  constexpr field(U&& v) : value_(std::forward<U>(v)), engaged_(true) {}

  /// Present, with the value assigned (into the kept storage where T allows).
  template <class U = T>
    requires std::is_assignable_v<T&, U&&> && (!std::is_same_v<std::remove_cvref_t<U>, field>) &&
             (!std::is_same_v<std::remove_cvref_t<U>, std::nullopt_t>)
  field& operator=(U&& v) {
    value_ = std::forward<U>(v);
    engaged_ = true;
    return *this;
  }
  field& operator=(std::nullopt_t) noexcept {
    reset();
    return *this;
  }

  [[nodiscard]] constexpr bool has_value() const noexcept { return engaged_; }
  constexpr explicit operator bool() const noexcept { return engaged_; }

  /// The value; only when present (as std::optional's operator*).
  constexpr T& operator*() & noexcept { return value_; }
  constexpr const T& operator*() const& noexcept { return value_; }
  constexpr T* operator->() noexcept { return &value_; }
  constexpr const T* operator->() const noexcept { return &value_; }
  /// The value; throws std::bad_optional_access when absent.
  constexpr T& value() & { return engaged_ ? value_ : throw std::bad_optional_access(); }
  constexpr const T& value() const& { return engaged_ ? value_ : throw std::bad_optional_access(); }
  template <class U>
  constexpr T value_or(U&& fallback) const& {
    return engaged_ ? value_ : static_cast<T>(std::forward<U>(fallback));
  }

  /// Absent. The value's storage is kept for the next emplace().
  constexpr void reset() noexcept { engaged_ = false; }
  /// Present and empty (a cleared string or vector, a zero, a policy without members), reusing
  /// the storage; returns the value to fill in.
  T& emplace() {
    if constexpr (requires(T& t) { t.clear(); }) {
      value_.clear();
    } else {
      value_ = T{};
    }
    engaged_ = true;
    return value_;
  }

  /// As std::optional<T>: copies the value.
  [[nodiscard]] std::optional<T> to_optional() const { return engaged_ ? std::optional<T>(value_) : std::nullopt; }

  friend constexpr bool operator==(const field& a, const field& b) {
    return a.engaged_ == b.engaged_ && (!a.engaged_ || a.value_ == b.value_);
  }
  friend constexpr bool operator==(const field& a, std::nullopt_t) noexcept { return !a.engaged_; }
  template <class U>
  friend constexpr bool operator==(const field& a, const std::optional<U>& b) {
    return a.engaged_ == b.has_value() && (!a.engaged_ || a.value_ == *b);
  }
  /// Equal to a plain value when present and equal ("x" == field holding "x").
  template <class U>
    requires(!std::is_same_v<U, field> && !std::is_same_v<U, std::nullopt_t>) && requires(const T& t, const U& u) {
      { t == u } -> std::convertible_to<bool>;
    }
  friend constexpr bool operator==(const field& a, const U& b) {
    return a.engaged_ && a.value_ == b;
  }

 private:
  T value_{};
  bool engaged_ = false;
};

}  // namespace bpv
