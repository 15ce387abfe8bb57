// Writing JSON text. Private to the library.
#pragma once

#include <string>
#include <string_view>

namespace bpv {
struct policy;
struct report;
}  // namespace bpv

namespace bpv::report_detail {

/// Appends `s` as a JSON string literal. Control characters are escaped; bytes that are not
/// valid UTF-8 (a file name can hold anything) become U+FFFD, so the output is always JSON.
void append_json_string(std::string& out, std::string_view s);

/// Append what bpv::to_json(const policy&) and bpv::response_json return: for writers that keep
/// their string from one request to the next (the C API's result).
void append_policy(std::string& out, const policy& p);
void append_response(std::string& out, const report& r);

}  // namespace bpv::report_detail
