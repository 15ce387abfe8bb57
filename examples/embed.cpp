// Embedding bpv in a C++ service: validate a request body, answer with the service's response,
// and log every finding with its place.
// usage: embed FILE     (e.g. examples/modify-request.json)
#include <bpv/bpv.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>

// The whole file; nothing when it cannot be read (libstdc++ throws for a directory).
std::optional<std::string> read_all(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  try {
    std::string body{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) return std::nullopt;
    return body;
  } catch (const std::ios_base::failure&) {
    return std::nullopt;
  }
}

int main(int argc, char** argv) {
  // A file that cannot be read is the service's own failure, not an empty body to answer 400.
  std::optional<std::string> const read = argc == 2 ? read_all(argv[1]) : std::nullopt;
  if (!read) {
    std::cerr << "usage: embed FILE\n";
    return 2;
  }
  std::string const& body = *read;

  bpv::validator v;  // reusable: keep one per thread
  bpv::context ctx;  // what the URI says
  ctx.project_id = "0605767fe980d5b52f7cc00d7a8a4b46";
  ctx.policy_id = "af8a20b0-117d-4fc3-ae53-aa3968a4f870";
  bpv::report r = v.validate(body, ctx);  // never throws on any input

  // The answer: 200 {"backup_policy_id":...} or 400 {"error":{"code":...,"message":...}}.
  std::cout << r.http_status << ' ' << bpv::response_json(r) << '\n';
  for (const bpv::diagnostic& d : r.diagnostics) {
    std::cout << bpv::to_string(d.severity) << ' ' << d.rule << ' ' << (d.code.empty() ? "-" : d.code) << " at '"
              << d.path << "' byte " << (d.offset ? std::to_string(*d.offset) : "null") << ": " << d.message << '\n';
  }
  // What the service would store (members of the API, precedence applied); null when invalid.
  std::cout << "stored: " << (r.effective ? bpv::to_json(*r.effective) : "null") << '\n';
  return r.valid ? 0 : 1;
}
