// Where rules put what they find: diagnostics filled from the rule table.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bpv/diagnostic.hpp"
#include "rules/catalog.hpp"

namespace bpv::engine {

class findings {
 public:
  explicit findings(std::vector<diagnostic>& out) noexcept : out_(&out) {}

  /// A finding of rule `r`, with the rule's severity and code.
  diagnostic& add(rule r, std::string path, std::optional<std::size_t> offset, std::string message) {
    const rule_info& ri = info(r);
    return out_->emplace_back(diagnostic{ri.id, ri.severity, ri.code, std::move(path), offset, std::move(message)});
  }

  /// The same, with a code the rule takes from elsewhere (a near miss takes its member's).
  diagnostic& add(rule r, std::string_view code, std::string path, std::optional<std::size_t> offset,
                  std::string message) {
    diagnostic& d = add(r, std::move(path), offset, std::move(message));
    d.code = code;
    return d;
  }

 private:
  std::vector<diagnostic>* out_;
};

/// A value for a message: quoted, control characters shown as \uXXXX, long text shortened.
std::string quoted(std::string_view text);

}  // namespace bpv::engine
