// Embeds bpv through its C++ API: the page's example is valid, a bad body is not.
// usage: consumer EXAMPLE_JSON
#include <bpv/bpv.hpp>

#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

static int failures = 0;

static void expect(bool ok, const char* what) {
  if (!ok) {
    std::cerr << "consumer: failed: " << what << '\n';
    ++failures;
  }
}

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  std::ifstream in(argv[1], std::ios::binary);
  std::string const example{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  expect(std::strcmp(bpv::version_string, BPV_EXPECTED_VERSION) == 0, "the version");

  bpv::validator v;
  bpv::context ctx;
  ctx.policy_id = "p-1";
  bpv::report ok = v.validate(example, ctx);
  expect(ok.valid && ok.http_status == 200 && ok.diagnostics.empty(), "the example is valid");
  expect(bpv::response_json(ok) == R"({"backup_policy_id":"p-1"})", "the success response");
  expect(ok.effective && ok.effective->backup_policy_name == "policy_01", "the effective policy");

  std::string const bad = R"({"scheduled_policy":{"frequency":1,"start_time":"12:30"}})";
  bpv::report r = v.validate(bad, ctx);
  expect(!r.valid && r.http_status == 400 && r.diagnostics.size() == 1, "the bad body is invalid");
  if (!r.diagnostics.empty()) {
    const bpv::diagnostic& d = r.diagnostics[0];
    expect(d.rule == "start_time.full_hour" && d.code == "AutoBackup.0103", "its rule and code");
    expect(d.path == "/scheduled_policy/start_time" && d.offset == bad.find("12:30") + 3, "its place");
  }
  std::cout << "consumer (C++): " << (failures ? "FAILED" : "ok") << '\n';
  return failures ? 1 : 0;
}
