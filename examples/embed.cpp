// Embedding bpv in a C++ service: validate a request body, answer with the service's response,
// and log every finding with its place.
// usage: embed FILE     (e.g. examples/modify-request.json)
#include <bpv/bpv.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: embed FILE\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::string const body{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};

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
