// Writing JSON text. Private to the library.
#pragma once

#include <string>
#include <string_view>

namespace bpv::report_detail {

/// Appends `s` as a JSON string literal. Control characters are escaped; bytes that are not
/// valid UTF-8 (a file name can hold anything) become U+FFFD, so the output is always JSON.
void append_json_string(std::string& out, std::string_view s);

}  // namespace bpv::report_detail
