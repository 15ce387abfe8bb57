// bpv validate end to end: the command line of ../shared/contract/cli.md, run as a separate
// process (posix_spawn, no shell), with hostile inputs. Expectations come from cli.md and
// ../shared/spec/decisions.md, never from the program's own output.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "bpv/bpv.hpp"
#include "bpv/version.hpp"
#include "json_oracle.hpp"
#include "support.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;
using bpv::test::json_reader;
using bpv::test::jv;

constexpr const char* bpv_cli = BPV_CLI;
constexpr const char* source_dir = BPV_SOURCE_DIR;

// ---------------------------------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------------------------------

struct run_result {
  bool started = false;
  bool timed_out = false;
  bool exited = false;   // normal exit (not a signal)
  int exit_code = -1;    // when exited
  int signal = 0;        // when killed by a signal
  std::string out, err;

  // For failure messages.
  std::string describe() const {
    std::ostringstream s;
    s << (timed_out ? "timed out; " : "");
    if (exited) {
      s << "exit " << exit_code;
    } else {
      s << "signal " << signal;
    }
    s << "; stderr: " << err.substr(0, 400) << "; stdout(" << out.size() << " bytes): " << out.substr(0, 400);
    return s.str();
  }
};

constexpr std::size_t capture_cap = std::size_t{64} << 20;  // never hold more than 64 MiB of output

/// execv's argument vector over `words` (which must outlive it), null-terminated.
std::vector<char*> argv_of(std::vector<std::string>& words) {
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  return argv;
}

/// Runs bpv with `args` (argv[1..]), standard input read from `stdin_path` (closed when it is
/// empty). Kills it after `timeout` and reports that.
/// `stdout_path`, when given, replaces the captured standard output. `wrapper`, when given, is
/// the program (and its arguments) that runs bpv, as `prlimit --as=N --` does.
run_result run_bpv(const std::vector<std::string>& args, const std::string& stdin_path = "/dev/null",
                   std::chrono::seconds timeout = std::chrono::seconds(20), const char* stdout_path = nullptr,
                   bool stdout_reader_gone = false, const std::vector<std::string>& wrapper = {}) {
  run_result r;
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) return r;
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    return r;
  }
  // A pipe nobody reads any more: every write fails (EPIPE, or SIGPIPE where not ignored).
  if (stdout_reader_gone) {
    ::close(out_pipe[0]);
    out_pipe[0] = -1;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  if (stdin_path.empty()) {
    posix_spawn_file_actions_addclose(&fa, 0);
  } else {
    posix_spawn_file_actions_addopen(&fa, 0, stdin_path.c_str(), O_RDONLY, 0);
  }
  if (stdout_path) {
    posix_spawn_file_actions_addopen(&fa, 1, stdout_path, O_WRONLY, 0);
  } else {
    posix_spawn_file_actions_adddup2(&fa, out_pipe[1], 1);
  }
  posix_spawn_file_actions_adddup2(&fa, err_pipe[1], 2);

  std::vector<std::string> storage = wrapper;
  storage.emplace_back(bpv_cli);
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv = argv_of(storage);

  // SIGPIPE as a shell leaves it, whatever this process does with it.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t pipe_signal;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  posix_spawnattr_setsigdefault(&attr, &pipe_signal);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  int const rc = ::posix_spawn(&pid, storage.front().c_str(), &fa, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (rc != 0) {
    if (out_pipe[0] >= 0) ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    r.err = "posix_spawn failed: "s + std::strerror(rc);
    return r;
  }
  r.started = true;

  auto const deadline = std::chrono::steady_clock::now() + timeout;
  auto remaining_ms = [&]() -> int {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    return left.count() < 0 ? 0 : static_cast<int>(left.count());
  };
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&r.out, &r.err};
  int open_fds = out_pipe[0] >= 0 ? 2 : 1;
  char buf[1 << 16];
  while (open_fds > 0) {
    int const ms = remaining_ms();
    if (ms == 0) {
      r.timed_out = true;
      break;
    }
    int const n = ::poll(fds, 2, ms);
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (n == 0) continue;  // deadline checked at the top
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t const got = ::read(fds[i].fd, buf, sizeof buf);
      if (got > 0) {
        if (sinks[i]->size() < capture_cap) sinks[i]->append(buf, static_cast<std::size_t>(got));
      } else if (got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN)) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  // The pipes are closed (or time is up): wait for the exit, still under the deadline.
  int status = 0;
  bool killed = false, reaped = false;
  if (r.timed_out) {
    ::kill(pid, SIGKILL);
    killed = true;
  }
  for (;;) {
    pid_t const w = ::waitpid(pid, &status, WNOHANG);
    if (w == pid) {
      reaped = true;
      break;
    }
    if (w < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (!killed && remaining_ms() == 0) {
      r.timed_out = true;
      ::kill(pid, SIGKILL);
      killed = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  for (auto& f : fds)
    if (f.fd >= 0) ::close(f.fd);
  if (!reaped) {
    r.err += "\n(waitpid failed: " + std::string(std::strerror(errno)) + ")";
  } else if (WIFEXITED(status)) {
    r.exited = true;
    r.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    r.signal = WTERMSIG(status);
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// The report of cli.md
// ---------------------------------------------------------------------------------------------

// "AutoBackup." and four digits (plain loops: no std::regex in this project).
bool is_service_code(const std::string& s) {
  if (s.size() != 15 || s.compare(0, 11, "AutoBackup.") != 0) return false;
  return std::all_of(s.begin() + 11, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// True when `word` occurs in `text` with no character of `joined` right before or after it.
bool stands_alone(const std::string& text, const std::string& word, const std::string& joined) {
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    bool const before = at > 0 && joined.find(text[at - 1]) != std::string::npos;
    bool const after = at + word.size() < text.size() && joined.find(text[at + word.size()]) != std::string::npos;
    if (!before && !after) return true;
  }
  return false;
}

const std::string letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t const nl = text.find('\n', start);
    if (nl == std::string::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

/// Checks one report against cli.md: exactly its keys (plus bpv's "omitted", a positive count,
/// present only when --max-diagnostics left findings out), their types, and the invariants that
/// tie them together. `source` is the expected "source".
::testing::AssertionResult conforms(const jv& r, const std::string& source) {
  auto bad = [&](const std::string& why) { return ::testing::AssertionFailure() << why; };
  if (!r.is_object()) return bad("the report is not a JSON object");
  std::set<std::string> want = {"source", "valid", "http_status", "response", "diagnostics", "effective"};
  if (const jv* omitted = r.get("omitted")) {
    if (!omitted->is_number() || omitted->text.empty() || omitted->text == "0" ||
        omitted->text.find_first_not_of("0123456789") != std::string::npos)
      return bad("omitted must be a positive whole number, not " + omitted->text);
    want.insert("omitted");
  }
  std::set<std::string> const got(r.keys.begin(), r.keys.end());
  if (got != want || r.keys.size() != want.size()) {
    std::string k;
    for (const auto& s : r.keys) k += s + " ";
    return bad("report keys are [" + k + "], cli.md names source valid http_status response diagnostics effective");
  }
  const jv& src = *r.get("source");
  if (!src.is_string() || src.text != source) return bad("source is '" + src.text + "', expected '" + source + "'");
  const jv& valid = *r.get("valid");
  if (!valid.is_bool()) return bad("valid is not a boolean");
  const jv& status = *r.get("http_status");
  if (!status.is_number() || status.text != (valid.boolean ? "200" : "400"))
    return bad("http_status " + status.text + " does not match valid=" + (valid.boolean ? "true" : "false"));
  const jv& diags = *r.get("diagnostics");
  if (!diags.is_array()) return bad("diagnostics is not an array");
  const jv* first_error = nullptr;
  std::optional<std::uint64_t> last_offset;
  bool seen_offset = false;
  std::size_t index = 0;
  for (const jv& d : diags.items) {
    std::string const where = "diagnostic " + std::to_string(index++) + ": ";
    if (!d.is_object()) return bad(where + "not an object");
    std::set<std::string> const dwant = {"rule", "severity", "code", "path", "offset", "message"};
    std::set<std::string> const dgot(d.keys.begin(), d.keys.end());
    if (dgot != dwant || d.keys.size() != dwant.size()) return bad(where + "keys are not rule severity code path offset message");
    const jv& rule = *d.get("rule");
    if (!rule.is_string() || rule.text.empty()) return bad(where + "rule is empty or not a string");
    const jv& sev = *d.get("severity");
    if (!sev.is_string() || (sev.text != "error" && sev.text != "warning" && sev.text != "info"))
      return bad(where + "severity '" + sev.text + "' is not error|warning|info");
    const jv& code = *d.get("code");
    if (sev.text == "error") {
      if (!code.is_string() || !is_service_code(code.text))
        return bad(where + "an error without a service code AutoBackup.NNNN");
      if (!first_error) first_error = &d;
    } else if (!code.is_null() && !(code.is_string() && is_service_code(code.text))) {
      return bad(where + "code is neither null nor a service code");
    }
    const jv& path = *d.get("path");
    if (!path.is_string() || (!path.text.empty() && path.text[0] != '/'))
      return bad(where + "path '" + path.text + "' is not a JSON Pointer");
    const jv& off = *d.get("offset");
    if (off.is_null()) {
      if (seen_offset) return bad(where + "a null offset after a numeric one (cli.md: ordered by offset, null first)");
    } else {
      auto o = off.as_index();
      if (!o) return bad(where + "offset '" + off.text + "' is neither null nor a byte offset");
      if (last_offset && *o < *last_offset) return bad(where + "diagnostics are not ordered by offset");
      last_offset = o;
      seen_offset = true;
    }
    const jv& msg = *d.get("message");
    if (!msg.is_string() || msg.text.empty()) return bad(where + "message is empty or not a string");
  }
  if (valid.boolean != (first_error == nullptr)) return bad("valid must be true exactly when no diagnostic is an error");
  const jv& resp = *r.get("response");
  if (!resp.is_object() || resp.keys.size() != 1) return bad("response must be an object with one member");
  const jv& eff = *r.get("effective");
  if (valid.boolean) {
    const jv* id = resp.get("backup_policy_id");
    if (!id || !(id->is_null() || id->is_string())) return bad("a valid report's response must be {\"backup_policy_id\": ...}");
    if (!eff.is_object()) return bad("a valid report's effective must be an object");
  } else {
    const jv* e = resp.get("error");
    if (!e || !e->is_object() || e->keys.size() != 2 || !e->get("code") || !e->get("message"))
      return bad("an invalid report's response must be {\"error\": {\"code\", \"message\"}}");
    if (e->get("code")->text != first_error->get("code")->text)
      return bad("response.error.code " + e->get("code")->text + " is not the first error's code " +
                 first_error->get("code")->text);
    if (e->get("message")->text != first_error->get("message")->text)
      return bad("response.error.message is not the first error's message");
    if (!eff.is_null()) return bad("effective must be null when invalid");
  }
  return ::testing::AssertionSuccess();
}

/// The reports of a --format json run: one line per input, each JSON and conforming.
std::vector<jv> reports_of(const run_result& r, const std::vector<std::string>& sources) {
  std::vector<jv> out;
  std::vector<std::string> const lines = split_lines(r.out);
  EXPECT_TRUE(r.out.empty() || r.out.back() == '\n') << "the last report line is not terminated";
  EXPECT_EQ(lines.size(), sources.size()) << "one JSON line per input; " << r.describe();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    json_reader reader(lines[i]);
    auto v = reader.parse();
    EXPECT_TRUE(v.has_value()) << "report line " << i << " is not JSON (" << reader.error()
                               << "): " << lines[i].substr(0, 300);
    if (!v) {
      out.emplace_back();
      continue;
    }
    if (i < sources.size()) {
      EXPECT_TRUE(conforms(*v, sources[i])) << "report line " << i << ": " << lines[i].substr(0, 600);
    }
    out.push_back(std::move(*v));
  }
  return out;
}

/// The single report of a one-input --format json run.
jv only_report(const run_result& r, const std::string& source) {
  auto v = reports_of(r, {source});
  return v.empty() ? jv{} : v.front();
}

struct diag_view {
  std::string rule, severity, code, path, message;
  std::optional<std::uint64_t> offset;
};

std::vector<diag_view> diags_of(const jv& report) {
  std::vector<diag_view> out;
  const jv* d = report.get("diagnostics");
  if (!d) return out;
  for (const jv& x : d->items) {
    if (!x.is_object() || !x.get("rule") || !x.get("severity") || !x.get("code") || !x.get("path") || !x.get("offset") ||
        !x.get("message"))
      continue;
    diag_view v;
    v.rule = x.get("rule")->text;
    v.severity = x.get("severity")->text;
    v.code = x.get("code")->is_null() ? "" : x.get("code")->text;
    v.path = x.get("path")->text;
    v.message = x.get("message")->text;
    v.offset = x.get("offset")->as_index();
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<diag_view> errors_of(const jv& report) {
  auto all = diags_of(report);
  std::vector<diag_view> out;
  for (auto& d : all)
    if (d.severity == "error") out.push_back(d);
  return out;
}

std::vector<std::string> error_codes(const jv& report) {
  std::vector<std::string> out;
  for (auto& d : errors_of(report)) out.push_back(d.code);
  return out;
}

std::string first_error_code(const jv& report) {
  auto e = errors_of(report);
  return e.empty() ? "" : e.front().code;
}

bool has_code(const jv& report, const std::string& code) {
  for (auto& d : diags_of(report))
    if (d.code == code) return true;
  return false;
}

std::string summary(const jv& report) {
  std::string s;
  for (auto& d : diags_of(report))
    s += d.severity + " " + (d.code.empty() ? "-" : d.code) + " " + d.rule + " @'" + d.path + "':" +
         (d.offset ? std::to_string(*d.offset) : "null") + "; ";
  return s.empty() ? "(no diagnostics)" : s;
}

bool is_valid(const jv& report) {
  const jv* v = report.get("valid");
  return v && v->is_bool() && v->boolean;
}

// ---------------------------------------------------------------------------------------------
// Fixture: a temporary directory for inputs
// ---------------------------------------------------------------------------------------------

using bpv::test::read_file;

const std::string example_path = std::string(source_dir) + "/examples/modify-request.json";

// The body that every valid-policy test starts from (valid by every rule of decisions.md).
const std::string valid_body = R"({"backup_policy_name":"policy_01","scheduled_policy":{"frequency":1,"start_time":"12:00","status":"ON"}})";
// The simplest body with an error: status must be ON or OFF (0104).
const std::string invalid_body = R"({"scheduled_policy":{"frequency":1,"status":"on"}})";

class Cli : public ::testing::Test {
 protected:
  fs::path dir_;

  void SetUp() override {
    const char* tmp = std::getenv("TMPDIR");
    std::string tmpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/bpv-cli-test-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr) << std::strerror(errno);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  /// Writes `content` to a file in the temporary directory; returns its path.
  std::string file(const std::string& name, std::string_view content) {
    fs::path const p = dir_ / name;
    std::ofstream out(p, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    EXPECT_TRUE(out) << "cannot write " << p;
    return p.string();
  }

  /// Validates one body (as a file argument) with --format json; checks the process and the
  /// report's shape; returns the report.
  jv validate_json(std::string_view body, std::vector<std::string> extra = {}, run_result* raw = nullptr) {
    std::string const path = file("body.json", body);
    std::vector<std::string> args = {"validate", "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(path);
    run_result r = run_bpv(args);
    EXPECT_FALSE(r.timed_out) << r.describe();
    EXPECT_TRUE(r.exited) << "crashed: " << r.describe();
    jv rep = only_report(r, path);
    int const want = is_valid(rep) ? 0 : 1;
    EXPECT_EQ(r.exit_code, want) << "exit status must be 0 when valid, 1 when invalid; " << r.describe();
    if (raw) *raw = std::move(r);
    return rep;
  }

  /// Expects a whole-body 0008 (path "") as the first error.
  void expect_body_0008(const jv& rep, const std::string& what) {
    EXPECT_FALSE(is_valid(rep)) << what;
    auto e = errors_of(rep);
    ASSERT_FALSE(e.empty()) << what;
    EXPECT_EQ(e.front().code, "AutoBackup.0008") << what << ": " << summary(rep);
    EXPECT_EQ(e.front().path, "") << what << ": " << summary(rep);
  }
};

void expect_usage_error(const run_result& r, const std::string& what) {
  EXPECT_TRUE(r.exited) << what << ": " << r.describe();
  EXPECT_EQ(r.exit_code, 2) << what << ": " << r.describe();
  EXPECT_FALSE(r.err.empty()) << what << ": a usage error needs a message on standard error";
}

// ---------------------------------------------------------------------------------------------
// The happy path and the report
// ---------------------------------------------------------------------------------------------

TEST_F(Cli, ExampleIsValidInText) {
  run_result r = run_bpv({"validate", example_path});
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 0) << r.describe();
  EXPECT_TRUE(stands_alone(r.out, "valid", letters)) << r.out;
  EXPECT_EQ(lower(r.out).find("invalid"), std::string::npos) << r.out;
  EXPECT_EQ(lower(r.out).find("not valid"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(example_path), std::string::npos) << "the text report names its input: " << r.out;
}

TEST_F(Cli, ExampleIsValidInJsonLines) {
  run_result r = run_bpv({"validate", "--format", "json", example_path});
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 0) << r.describe();
  jv rep = only_report(r, example_path);
  EXPECT_TRUE(is_valid(rep)) << summary(rep);
  EXPECT_EQ(errors_of(rep).size(), 0u) << summary(rep);
  // Without --policy-id the success response carries null.
  const jv* resp = rep.get("response");
  ASSERT_NE(resp, nullptr);
  ASSERT_NE(resp->get("backup_policy_id"), nullptr);
  EXPECT_TRUE(resp->get("backup_policy_id")->is_null());
  // effective: the request's shape (the example has every member of the API that it uses).
  const jv* eff = rep.get("effective");
  ASSERT_TRUE(eff && eff->is_object());
  ASSERT_NE(eff->get("backup_policy_name"), nullptr);
  EXPECT_EQ(eff->get("backup_policy_name")->text, "policy_01");
  ASSERT_NE(eff->get("time_zone"), nullptr);
  EXPECT_EQ(eff->get("time_zone")->text, "UTC+08:00");
  const jv* sp = eff->get("scheduled_policy");
  ASSERT_TRUE(sp && sp->is_object());
  ASSERT_NE(sp->get("rentention_num"), nullptr);
  EXPECT_EQ(sp->get("rentention_num")->text, "10");
  ASSERT_NE(sp->get("start_time"), nullptr);
  EXPECT_EQ(sp->get("start_time")->text, "12:00");
}

TEST_F(Cli, StandardInputWhenNoFileIsGiven) {
  run_result r = run_bpv({"validate", "--format", "json"}, example_path);
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 0) << r.describe();
  jv rep = only_report(r, "-");
  EXPECT_TRUE(is_valid(rep)) << summary(rep);
}

TEST_F(Cli, DashIsStandardInput) {
  std::string const in = file("in.json", invalid_body);
  run_result r = run_bpv({"validate", "--format", "json", "-"}, in);
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 1) << r.describe();
  jv rep = only_report(r, "-");
  EXPECT_EQ(first_error_code(rep), "AutoBackup.0104") << summary(rep);
  // Once: a second '-' would read on where the first stopped.
  expect_usage_error(run_bpv({"validate", "-", example_path, "-"}, in), "'-' twice");
  expect_usage_error(run_bpv({"validate", "-", "--", "-"}, in), "'-' twice, once after '--'");
}

TEST_F(Cli, SeveralInputsAreReportedInOrder) {
  std::string const a = file("a.json", valid_body);
  std::string const b = file("b.json", invalid_body);
  std::string const c = file("c.json", "");
  std::string const in = file("stdin.json", "[]");
  run_result r = run_bpv({"validate", "--format", "json", a, "-", b, c, example_path}, in);
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 1) << "one input invalid: exit 1; " << r.describe();
  auto reps = reports_of(r, {a, "-", b, c, example_path});
  ASSERT_EQ(reps.size(), 5u);
  EXPECT_TRUE(is_valid(reps[0])) << summary(reps[0]);
  EXPECT_EQ(first_error_code(reps[1]), "AutoBackup.0008") << "[] is not an object: " << summary(reps[1]);
  EXPECT_EQ(first_error_code(reps[2]), "AutoBackup.0104") << summary(reps[2]);
  EXPECT_EQ(first_error_code(reps[3]), "AutoBackup.0000") << "empty body: " << summary(reps[3]);
  EXPECT_TRUE(is_valid(reps[4])) << summary(reps[4]);
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST_F(Cli, SeveralValidInputsExitZero) {
  std::string const a = file("a.json", valid_body);
  run_result r = run_bpv({"validate", "--format", "json", a, example_path, "-"}, example_path);
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 0) << r.describe();
  auto reps = reports_of(r, {a, example_path, "-"});
  for (auto& rep : reps) EXPECT_TRUE(is_valid(rep)) << summary(rep);
}

TEST_F(Cli, ReportsDoNotLeakBetweenInputs) {
  // One invocation validates many inputs; nothing of one report may reach the next.
  std::string const named = file("named.json", R"({"backup_policy_name":"policy_01","note":1,"time_zone":"UTC+01:00"})");
  std::string const bad = file("bad.json", R"({"backup_policy_name":"a b","scheduled_policy":{"frequency":0}})");
  std::string const tz = file("tz.json", R"({"note":1,"time_zone":"UTC+02:00"})");
  run_result r = run_bpv({"validate", "--format", "json", named, bad, tz, tz});
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 1) << r.describe();
  auto reps = reports_of(r, {named, bad, tz, tz});
  ASSERT_EQ(reps.size(), 4u);
  EXPECT_TRUE(is_valid(reps[0])) << summary(reps[0]);
  EXPECT_EQ(error_codes(reps[1]), (std::vector<std::string>{"AutoBackup.0102", "AutoBackup.0106"})) << summary(reps[1]);
  for (std::size_t i : {2u, 3u}) {
    EXPECT_TRUE(is_valid(reps[i])) << "input " << i << ": " << summary(reps[i]);
    auto d = diags_of(reps[i]);
    ASSERT_EQ(d.size(), 1u) << "input " << i << ": only the unknown member: " << summary(reps[i]);
    EXPECT_EQ(d[0].severity, "warning");
    EXPECT_EQ(d[0].path, "/note");
    const jv* eff = reps[i].get("effective");
    ASSERT_TRUE(eff && eff->is_object());
    EXPECT_EQ(eff->get("backup_policy_name"), nullptr) << "input " << i << ": a name from an earlier input";
    EXPECT_EQ(eff->get("scheduled_policy"), nullptr) << "input " << i;
    ASSERT_NE(eff->get("time_zone"), nullptr);
    EXPECT_EQ(eff->get("time_zone")->text, "UTC+02:00");
  }
}

TEST_F(Cli, SeveralInputsInTextFormat) {
  std::string const a = file("first-input.json", valid_body);
  std::string const b = file("second-input.json", invalid_body);
  run_result r = run_bpv({"validate", a, b});
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 1) << r.describe();
  auto const pa = r.out.find(a), pb = r.out.find(b);
  ASSERT_NE(pa, std::string::npos) << r.out;
  ASSERT_NE(pb, std::string::npos) << r.out;
  EXPECT_LT(pa, pb) << "reports in the order of the inputs";
  EXPECT_NE(r.out.find("AutoBackup.0104"), std::string::npos) << r.out;
  // A blank line between two reports, for the eye.
  EXPECT_NE(r.out.find("\n\n" + b + ": invalid"), std::string::npos) << r.out;
}

// The last --format given wins, as with every option given twice.
TEST_F(Cli, TheLastFormatWins) {
  run_result text = run_bpv({"validate", "--format", "json", "--format", "text", example_path});
  ASSERT_TRUE(text.exited) << text.describe();
  EXPECT_EQ(text.exit_code, 0) << text.describe();
  EXPECT_EQ(text.out.rfind(std::string(example_path) + ": valid", 0), 0u) << text.out;
  run_result json = run_bpv({"validate", "--format", "text", "--format", "json", example_path});
  ASSERT_TRUE(json.exited) << json.describe();
  EXPECT_EQ(json.out.rfind("{", 0), 0u) << json.out;
}

TEST_F(Cli, MissingFileIsExitTwoAndTheOthersAreStillReported) {
  std::string const a = file("a.json", valid_body);
  std::string const b = file("b.json", invalid_body);
  std::string const missing = (dir_ / "no-such-file.json").string();
  run_result r = run_bpv({"validate", "--format", "json", a, missing, b});
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 2) << "2 wins over 1; " << r.describe();
  auto reps = reports_of(r, {a, b});
  ASSERT_EQ(reps.size(), 2u);
  EXPECT_TRUE(is_valid(reps[0])) << summary(reps[0]);
  EXPECT_EQ(first_error_code(reps[1]), "AutoBackup.0104") << summary(reps[1]);
  EXPECT_NE(r.err.find(missing), std::string::npos) << "the unreadable file is named on stderr: " << r.err;
  EXPECT_EQ(r.out.find(missing), std::string::npos) << "no report for an unreadable file";
}

TEST_F(Cli, MissingFileAmongValidInputsIsExitTwo) {
  std::string const missing = (dir_ / "gone.json").string();
  run_result r = run_bpv({"validate", "--format", "json", example_path, missing});
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 2) << r.describe();
  auto reps = reports_of(r, {example_path});
  EXPECT_NE(r.err.find(missing), std::string::npos) << r.err;

  run_result alone = run_bpv({"validate", missing});
  ASSERT_TRUE(alone.exited) << alone.describe();
  EXPECT_EQ(alone.exit_code, 2) << alone.describe();
  EXPECT_NE(alone.err.find(missing), std::string::npos) << alone.err;
}

TEST_F(Cli, UnreadableNamesStayOneLineOnStandardError) {
  // The name as it is would break the message in two (a newline) or mislead (a quote): shown
  // escaped, one message a line.
  std::string const missing = (dir_ / "a\nb'c\\d\x7f.json").string();
  run_result r = run_bpv({"validate", missing});
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 2) << r.describe();
  ASSERT_FALSE(r.err.empty());
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
  EXPECT_NE(r.err.find("/a\\x0ab\\'c\\\\d\\x7f.json'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(dir_.string()), std::string::npos) << "the rest of the path as it is: " << r.err;
}

// A caller may start bpv with standard input closed. '-' is then unreadable (exit 2), and a
// file named before it, which the system would open as descriptor 0, is not read as '-' too.
TEST_F(Cli, ClosedStandardInputIsUnreadableNotTheFileBeforeIt) {
  std::string const a = file("a.json", invalid_body);
  run_result r = run_bpv({"validate", "--format", "json", a, "-"}, "");
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 2) << r.describe();
  auto reps = reports_of(r, {a});
  ASSERT_EQ(reps.size(), 1u);
  EXPECT_EQ(first_error_code(reps[0]), "AutoBackup.0104") << summary(reps[0]);
  EXPECT_NE(r.err.find("cannot read standard input"), std::string::npos) << r.err;

  run_result alone = run_bpv({"validate", "--format", "json"}, "");
  ASSERT_TRUE(alone.exited) << alone.describe();
  EXPECT_EQ(alone.exit_code, 2) << alone.describe();
  EXPECT_EQ(alone.out, "") << alone.describe();
}

// Running out of memory is not a crash (cli.md: "Never a crash") nor a verdict on the body: the
// input is named on standard error, exit 2 as for an unreadable file, and the inputs after it
// are still read. prlimit caps the address space below what a 64 MiB body needs (its copy
// alone); sanitizers reserve far more than the cap, so their builds skip this.
TEST_F(Cli, OutOfMemoryIsExitTwoAndTheNextInputIsStillRead) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)  // GCC
  GTEST_SKIP() << "an address-space cap and a sanitizer's shadow memory do not mix";
#elif defined(__has_feature)  // Clang
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
  GTEST_SKIP() << "an address-space cap and a sanitizer's shadow memory do not mix";
#endif
#endif
  std::string const prlimit = "/usr/bin/prlimit";
  if (::access(prlimit.c_str(), X_OK) != 0) GTEST_SKIP() << "no " << prlimit << " (util-linux)";
  std::string big = R"({"backup_policy_name":"a","x":[)";
  for (int i = 0; i < (16 << 20); ++i) big += i ? R"(,"<")" : R"("<")";
  big += "]}";
  std::string const huge = file("huge.json", big);
  big = std::string();
  std::string const a = file("a.json", valid_body);
  run_result r = run_bpv({"validate", "--format", "json", "--max-body-bytes", "100000000", huge, a}, "/dev/null",
                         std::chrono::seconds(60), nullptr, false, {prlimit, "--as=" + std::to_string(256 << 20), "--"});
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 2) << r.describe();
  EXPECT_NE(r.err.find("out of memory"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(huge), std::string::npos) << "the input is named: " << r.err;
  auto reps = reports_of(r, {a});
  ASSERT_EQ(reps.size(), 1u);
  EXPECT_TRUE(is_valid(reps[0])) << summary(reps[0]);
}

TEST_F(Cli, DirectoryAsFileIsExitTwo) {
  std::string const d = (dir_ / "a-directory").string();
  ASSERT_TRUE(fs::create_directory(d));
  run_result r = run_bpv({"validate", "--format", "json", d, example_path});
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 2) << r.describe();
  reports_of(r, {example_path});
  EXPECT_NE(r.err.find(d), std::string::npos) << "the directory is named on stderr: " << r.err;

  run_result alone = run_bpv({"validate", d});
  ASSERT_TRUE(alone.exited) << alone.describe();
  EXPECT_EQ(alone.exit_code, 2) << alone.describe();
}

TEST_F(Cli, FileNamesThatAreNotPlainTextStayOneJsonLine) {
  // A file name is user data: a newline or a byte that is not UTF-8 must not break JSON Lines.
  std::string const nl = file("line\nbreak.json", valid_body);
  std::string const quote = file("quote\"back\\slash.json", valid_body);
  run_result r = run_bpv({"validate", "--format", "json", nl, quote});
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 0) << r.describe();
  reports_of(r, {nl, quote});

  std::string const raw = file("bad\xff\xfe.json", valid_body);
  run_result r2 = run_bpv({"validate", "--format", "json", raw});
  ASSERT_TRUE(r2.exited) << r2.describe();
  EXPECT_EQ(r2.exit_code, 0) << r2.describe();
  auto lines = split_lines(r2.out);
  ASSERT_EQ(lines.size(), 1u) << r2.out;
  json_reader reader(lines[0]);
  auto v = reader.parse();
  ASSERT_TRUE(v.has_value()) << "the report of a non-UTF-8 file name is not JSON: " << reader.error();
  EXPECT_TRUE(is_valid(*v));
  // Each byte outside UTF-8 becomes U+FFFD (README), the rest of the name as it is.
  std::string named = raw;
  named.replace(named.find("\xff\xfe"), 2, "\xEF\xBF\xBD\xEF\xBF\xBD");
  ASSERT_NE(v->get("source"), nullptr);
  EXPECT_EQ(v->get("source")->text, named);
}

TEST_F(Cli, FailingToWriteTheReportIsAnIoError) {
  // /dev/full refuses every write: the report cannot be written, an I/O error (exit 2).
  // So too when the input is invalid (exit 1 had it been written): the I/O error wins.
  std::string const invalid = file("invalid-to-full.json", invalid_body);
  for (const std::string& input : {std::string(example_path), invalid}) {
    for (std::string format : {"text", "json"}) {
      run_result r = run_bpv({"validate", "--format", format, input}, "/dev/null", std::chrono::seconds(20), "/dev/full");
      ASSERT_TRUE(r.exited) << format << ": " << r.describe();
      EXPECT_EQ(r.exit_code, 2) << input << ", " << format << ": " << r.describe();
      EXPECT_FALSE(r.err.empty()) << format << ": the failure is named on standard error";
    }
  }
}

TEST_F(Cli, AClosedPipeIsAnIoErrorToo) {
  // `bpv ... | head -c0`: the reader has gone before bpv writes. cli.md: an I/O error is exit 2,
  // not a death by SIGPIPE (status 141 in a shell).
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"validate", "--format", "json", example_path}, {"validate", example_path}, {"rules"}, {"--version"}}) {
    run_result r = run_bpv(args, "/dev/null", std::chrono::seconds(20), nullptr, true);
    ASSERT_TRUE(r.exited) << args[0] << ": " << r.describe();
    EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.describe();
    EXPECT_NE(r.err.find("cannot write"), std::string::npos) << args[0] << ": " << r.err;
  }
}

// bpv with standard input and output on the descriptors given (-1: /dev/null) and standard
// error into `err_path`; returns its pid, or -1.
pid_t spawn_on(const std::vector<std::string>& args, int in_fd, int out_fd, const std::string& err_path) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  if (in_fd >= 0) {
    posix_spawn_file_actions_adddup2(&fa, in_fd, 0);
  } else {
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  }
  if (out_fd >= 0) {
    posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
  } else {
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  }
  posix_spawn_file_actions_addopen(&fa, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<std::string> storage = {bpv_cli};
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv = argv_of(storage);
  pid_t pid = -1;
  int const rc = ::posix_spawn(&pid, bpv_cli, &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  return rc == 0 ? pid : -1;
}

// The exit code of `pid`, or -1 when it did not exit normally.
int exit_code_of(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_F(Cli, NonBlockingPipesAreWaitedOut) {
  // A parent may hand bpv pipes in non-blocking mode (the flag belongs to the pipe, which both
  // share). A full pipe or one not written yet is then EAGAIN: a wait, not a lost report.
  std::string const err = (dir_ / "err.txt").string();
  {
    // Output: a report far larger than a pipe holds (64 KiB), read only after a while.
    std::string body = R"({"backup_policy_name":"policy_01")";
    constexpr int unknown = 3000;
    for (int i = 0; i < unknown; ++i) body += ",\"u" + std::to_string(i) + "\":1";
    body += "}";
    std::string const in = file("many-unknown.json", body);
    for (std::string const format : {"json", "text"}) {
      SCOPED_TRACE(format);
      int p[2];
      ASSERT_EQ(::pipe2(p, O_CLOEXEC), 0);
      ASSERT_EQ(::fcntl(p[1], F_SETFL, ::fcntl(p[1], F_GETFL) | O_NONBLOCK), 0);
      pid_t const pid = spawn_on({"validate", "--format", format, in}, -1, p[1], err);
      ::close(p[1]);
      ASSERT_GT(pid, 0);
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      std::string out;
      char buf[4096];  // slowly, a little at a time
      for (ssize_t n; (n = ::read(p[0], buf, sizeof buf)) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        ASSERT_GT(n, 0) << std::strerror(errno);
        out.append(buf, static_cast<std::size_t>(n));
      }
      ::close(p[0]);
      EXPECT_EQ(exit_code_of(pid), 0) << read_file(err);
      EXPECT_EQ(read_file(err), "");
      ASSERT_GT(out.size(), std::size_t{1} << 16) << "the report does not fill the pipe: the test tests nothing";
      if (format == "json") {
        run_result r;
        r.out = out;
        jv const rep = only_report(r, in);
        EXPECT_TRUE(is_valid(rep)) << out.substr(0, 300);
        EXPECT_EQ(diags_of(rep).size(), std::size_t{unknown}) << "every warning, the last ones too";
      } else {
        EXPECT_EQ(out.rfind(in + ": valid (HTTP 200), 0 errors, " + std::to_string(unknown) + " warnings, 0 info\n", 0), 0u) << out.substr(0, 300);
        std::size_t listed = 0;
        for (std::size_t at = out.find("[member.unknown]"); at != std::string::npos; at = out.find("[member.unknown]", at + 1))
          ++listed;
        EXPECT_EQ(listed, std::size_t{unknown}) << "every warning, the last ones too";
        std::string const last = "  effective: {\"backup_policy_name\":\"policy_01\"}\n";
        EXPECT_TRUE(out.size() >= last.size() && out.compare(out.size() - last.size(), last.size(), last) == 0)
            << "the report's end: " << out.substr(out.size() > 300 ? out.size() - 300 : 0);
      }
    }
  }
  {
    // Input: the body arrives in two parts, after a while each.
    int p[2];
    ASSERT_EQ(::pipe2(p, O_CLOEXEC), 0);
    ASSERT_EQ(::fcntl(p[0], F_SETFL, ::fcntl(p[0], F_GETFL) | O_NONBLOCK), 0);
    std::string const out_path = (dir_ / "out.txt").string();
    int const out_fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    ASSERT_GE(out_fd, 0);
    pid_t const pid = spawn_on({"validate", "--format", "json", "-"}, p[0], out_fd, err);
    ::close(p[0]);
    ::close(out_fd);
    ASSERT_GT(pid, 0);
    std::string const body = read_file(example_path);
    std::size_t const half = body.size() / 2;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_EQ(::write(p[1], body.data(), half), static_cast<ssize_t>(half));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_EQ(::write(p[1], body.data() + half, body.size() - half), static_cast<ssize_t>(body.size() - half));
    ::close(p[1]);
    EXPECT_EQ(exit_code_of(pid), 0) << read_file(err);
    EXPECT_EQ(read_file(err), "");
    run_result r;
    r.out = read_file(out_path);
    jv const rep = only_report(r, "-");
    EXPECT_TRUE(is_valid(rep)) << r.out;
  }
}

TEST_F(Cli, FailingToWriteAnyOutputIsAnIoError) {
  // The rule table, the usage and the version are output too: lost, they are an I/O error.
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"rules"}, {"rules", "--format", "json"}, {"--help"}, {"validate", "--help"}, {"rules", "--help"}, {"--version"}}) {
    std::string const shown = args[0] + (args.size() > 1 ? " " + args[1] : "");
    run_result r = run_bpv(args, "/dev/null", std::chrono::seconds(20), "/dev/full");
    ASSERT_TRUE(r.exited) << shown << ": " << r.describe();
    EXPECT_EQ(r.exit_code, 2) << shown << ": " << r.describe();
    EXPECT_NE(r.err.find("cannot write"), std::string::npos) << shown << ": " << r.err;
    run_result ok = run_bpv(args);
    ASSERT_TRUE(ok.exited) << shown << ": " << ok.describe();
    EXPECT_EQ(ok.exit_code, 0) << shown << ": " << ok.describe();
    EXPECT_FALSE(ok.out.empty()) << shown;
  }
}

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

TEST_F(Cli, UnknownOptionIsAUsageError) {
  for (std::string opt : {"--frobnicate", "-q", "--formats"}) {
    run_result r = run_bpv({"validate", opt, example_path});
    expect_usage_error(r, opt);
    EXPECT_NE(r.err.find(opt), std::string::npos) << "the message names the option: " << r.err;
    EXPECT_EQ(r.out.find("\"source\""), std::string::npos) << opt;
  }
}

TEST_F(Cli, EmptyProjectIdIsAUsageError) {
  expect_usage_error(run_bpv({"validate", "--project-id", "", example_path}), "--project-id ''");
  expect_usage_error(run_bpv({"validate", "--project-id=", example_path}), "--project-id=");
  // A non-empty one is accepted.
  run_result ok = run_bpv({"validate", "--format", "json", "--project-id", "0605767ef300d5762fb3c0043ad7bb69", example_path});
  ASSERT_TRUE(ok.exited) << ok.describe();
  EXPECT_EQ(ok.exit_code, 0) << ok.describe();
  EXPECT_TRUE(is_valid(only_report(ok, example_path)));
}

TEST_F(Cli, OptionWithoutItsValueIsAUsageError) {
  for (std::string opt : {"--format", "--project-id", "--policy-id", "--max-body-bytes", "--max-depth"})
    expect_usage_error(run_bpv({"validate", opt}), opt + " without a value");
  // Nor is '-' taken as one (standard input: the ID was left out, as the conformance runner's
  // '-' after a case's arguments shows), or an option. With '=', such a value is the option's;
  // any other value may start with '-'.
  for (std::string opt : {"--project-id", "--policy-id", "--profile", "--rule"}) {
    for (std::string next : {"-", "--format", "--policy-id=x", "-h"}) {
      run_result r = run_bpv({"validate", opt, next, example_path});
      if (next == "-h") {
        EXPECT_EQ(r.exit_code, 0) << "help wins: " << r.describe();
        continue;
      }
      expect_usage_error(r, opt + " " + next);
      EXPECT_NE(r.err.find(opt + "=" + next + " if it is"), std::string::npos) << r.err;
    }
  }
  for (std::string id : {"-", "-1", "--x"}) {
    jv rep = validate_json(valid_body, id == "-" ? std::vector<std::string>{"--policy-id=-"}
                                                 : std::vector<std::string>{"--policy-id", id});
    ASSERT_TRUE(is_valid(rep)) << summary(rep);
    ASSERT_NE(rep.get("response")->get("backup_policy_id"), nullptr);
    EXPECT_EQ(rep.get("response")->get("backup_policy_id")->text, id);
  }
}

TEST_F(Cli, AFlagGivenAValueIsAUsageErrorThatSaysSo) {
  // --default-policy takes no value: '=1' is refused as that, not as an unknown option.
  run_result r = run_bpv({"validate", "--default-policy=1", example_path});
  expect_usage_error(r, "--default-policy=1");
  EXPECT_NE(r.err.find("--default-policy takes no value"), std::string::npos) << r.err;
}

TEST_F(Cli, EmptyPolicyIdIs0006) {
  jv rep = validate_json(valid_body, {"--policy-id", ""});
  EXPECT_FALSE(is_valid(rep));
  auto e = errors_of(rep);
  ASSERT_EQ(e.size(), 1u) << summary(rep);
  EXPECT_EQ(e[0].code, "AutoBackup.0006");
  EXPECT_EQ(e[0].path, "") << "a URI finding is at path \"\"";
  EXPECT_FALSE(e[0].offset.has_value()) << "URI findings have offset null";
  // The same with the inline form.
  jv rep2 = validate_json(valid_body, {"--policy-id="});
  EXPECT_EQ(first_error_code(rep2), "AutoBackup.0006") << summary(rep2);
  // Null offsets come first: 0006 is the response's code even when the body has an error too.
  jv rep3 = validate_json(invalid_body, {"--policy-id", ""});
  EXPECT_EQ(error_codes(rep3), (std::vector<std::string>{"AutoBackup.0006", "AutoBackup.0104"})) << summary(rep3);
}

TEST_F(Cli, PolicyIdIsEchoedInTheSuccessResponse) {
  for (std::string id : {"X", "af8a20b0-117d-4fc3-ae53-aa3968a4f870", "quote\"back\\slash/\xc3\xa9"}) {
    jv rep = validate_json(valid_body, {"--policy-id", id});
    ASSERT_TRUE(is_valid(rep)) << summary(rep);
    const jv* resp = rep.get("response");
    ASSERT_NE(resp, nullptr);
    const jv* echoed = resp->get("backup_policy_id");
    ASSERT_NE(echoed, nullptr);
    EXPECT_TRUE(echoed->is_string());
    EXPECT_EQ(echoed->text, id);
  }
  // Not UTF-8: each stray byte becomes U+FFFD, so that the response stays JSON (README).
  jv stray = validate_json(valid_body, {"--policy-id", "p\xff\xe2\x82"});
  ASSERT_TRUE(is_valid(stray)) << summary(stray);
  EXPECT_EQ(stray.get("response")->get("backup_policy_id")->text, "p\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  jv inline_form = validate_json(valid_body, {"--policy-id=Y"});
  ASSERT_TRUE(is_valid(inline_form)) << summary(inline_form);
  EXPECT_EQ(inline_form.get("response")->get("backup_policy_id")->text, "Y");
  // Absent: null.
  jv none = validate_json(valid_body);
  ASSERT_TRUE(is_valid(none)) << summary(none);
  ASSERT_NE(none.get("response")->get("backup_policy_id"), nullptr);
  EXPECT_TRUE(none.get("response")->get("backup_policy_id")->is_null());
  // An invalid body answers with the error, whatever the policy id.
  jv bad = validate_json(invalid_body, {"--policy-id", "X"});
  EXPECT_EQ(bad.get("response")->get("backup_policy_id"), nullptr);
}

TEST_F(Cli, DefaultPolicyCannotBeRenamed) {
  std::string const body = R"({"backup_policy_name":"newname"})";
  jv rep = validate_json(body, {"--default-policy"});
  auto e = errors_of(rep);
  ASSERT_EQ(e.size(), 1u) << summary(rep);
  EXPECT_EQ(e[0].code, "AutoBackup.0100");
  EXPECT_EQ(e[0].path, "/backup_policy_name");
  EXPECT_EQ(e[0].offset, body.find("\"newname\"")) << "a field's value error is at the value's first byte";
  // Without the flag the same body is fine.
  EXPECT_TRUE(is_valid(validate_json(body)));
  // Other changes to the default policy are allowed.
  jv other = validate_json(R"({"scheduled_policy":{"frequency":2,"status":"OFF"}})", {"--default-policy"});
  EXPECT_TRUE(is_valid(other)) << summary(other);
  // Besides its own findings, in the order 0101, 0102, 0100 at one offset.
  jv prefixed = validate_json(R"({"backup_policy_name":"default_x"})", {"--default-policy"});
  EXPECT_EQ(error_codes(prefixed), (std::vector<std::string>{"AutoBackup.0102", "AutoBackup.0100"})) << summary(prefixed);
  jv longname = validate_json("{\"backup_policy_name\":\"" + std::string(65, 'a') + "\"}", {"--default-policy"});
  EXPECT_EQ(error_codes(longname), (std::vector<std::string>{"AutoBackup.0101", "AutoBackup.0100"})) << summary(longname);
}

TEST_F(Cli, FormatOption) {
  // Inline form.
  run_result r = run_bpv({"validate", "--format=json", example_path});
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 0) << r.describe();
  EXPECT_TRUE(is_valid(only_report(r, example_path)));
  // text is the default, and --format text / --format=text give the same.
  run_result plain = run_bpv({"validate", example_path});
  run_result text = run_bpv({"validate", "--format", "text", example_path});
  run_result text_inline = run_bpv({"validate", "--format=text", example_path});
  EXPECT_EQ(text.exit_code, 0) << text.describe();
  EXPECT_EQ(plain.out, text.out);
  EXPECT_EQ(plain.out, text_inline.out);
  std::string const first_line = text.out.substr(0, text.out.find('\n'));
  EXPECT_FALSE(json_reader(first_line).parse().has_value()) << "text is not JSON Lines: " << first_line;
  // Any other value is a usage error.
  for (std::vector<std::string> args : {std::vector<std::string>{"--format", "xml"}, {"--format=xml"}, {"--format", ""}}) {
    args.insert(args.begin(), "validate");
    args.push_back(example_path);
    run_result bad = run_bpv(args);
    expect_usage_error(bad, args[1] + " " + (args.size() > 3 ? args[2] : ""));
  }
}

TEST_F(Cli, HelpGoesToStandardOutput) {
  for (std::vector<std::string> args : {std::vector<std::string>{"--help"}, {"validate", "--help"}}) {
    run_result r = run_bpv(args);
    ASSERT_TRUE(r.exited) << r.describe();
    EXPECT_EQ(r.exit_code, 0) << r.describe();
    EXPECT_NE(lower(r.out).find("usage"), std::string::npos) << r.out;
    for (std::string opt : {"validate", "--format", "--project-id", "--policy-id", "--default-policy"})
      EXPECT_NE(r.out.find(opt), std::string::npos) << "usage mentions " << opt;
    EXPECT_EQ(r.out.find("\"source\""), std::string::npos) << "--help validates nothing";
  }
}

TEST_F(Cli, HelpAmongACommandsOptionsWinsOverTheirMistakes) {
  // The usage says so: --help among a command's options prints it whatever else is given, before
  // or after it, right or wrong; after '--' it is a file's name.
  for (std::vector<std::string> args :
       {std::vector<std::string>{"validate", "--help", "--bogus"}, {"validate", "--format", "xml", "--help"},
        {"validate", "--default-policy=1", "-h"}, {"rules", "--bogus", "--help"}, {"rules", "x", "--help"}}) {
    run_result r = run_bpv(args);
    ASSERT_TRUE(r.exited) << r.describe();
    EXPECT_EQ(r.exit_code, 0) << args.back() << ": " << r.describe();
    EXPECT_NE(lower(r.out).find("usage"), std::string::npos) << r.out;
  }
  run_result after = run_bpv({"validate", "--bogus", "--", "--help"});
  expect_usage_error(after, "--help after --");
}

TEST_F(Cli, VersionPrintsTheVersionOfVersionHpp) {
  run_result r = run_bpv({"--version"});
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 0) << r.describe();
  EXPECT_NE(r.out.find(BPV_VERSION_STRING), std::string::npos) << r.out;
  EXPECT_TRUE(stands_alone(r.out, BPV_VERSION_STRING, "0123456789.")) << "the version stands alone: " << r.out;
  // The same string as the library's.
  EXPECT_STREQ(bpv::version_string, BPV_VERSION_STRING);
}

TEST_F(Cli, NoCommandIsAUsageError) {
  run_result r = run_bpv({});
  expect_usage_error(r, "no command");
  expect_usage_error(run_bpv({"frobnicate"}), "unknown command");
}

TEST_F(Cli, RulesListsEveryRule) {
  auto const lib = bpv::rules();
  ASSERT_FALSE(lib.empty());
  run_result r = run_bpv({"rules"});
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 0) << r.describe();
  std::vector<std::string> lines;
  for (auto& l : split_lines(r.out))
    if (!l.empty()) lines.push_back(l);
  ASSERT_EQ(lines.size(), lib.size()) << "one line per rule:\n" << r.out;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < lib.size(); ++i) {
    std::string const id(lib[i].id);
    EXPECT_FALSE(id.empty());
    EXPECT_TRUE(ids.insert(id).second) << "duplicate rule ID " << id;
    std::string const first_token = lines[i].substr(0, lines[i].find_first_of(" \t"));
    EXPECT_EQ(first_token, id) << "line " << i << ": " << lines[i];
    // ID, severity, code ('-' for none, so that each line has its four columns), sentence.
    std::string const columns = id + "\t" + std::string(bpv::to_string(lib[i].severity)) + "\t" +
                                (lib[i].code.empty() ? std::string("-") : std::string(lib[i].code)) + "\t";
    EXPECT_EQ(lines[i].rfind(columns, 0), 0u) << lines[i];
  }
  // The JSON form (documented in the usage): one object per rule, in the same order.
  run_result js = run_bpv({"rules", "--format", "json"});
  ASSERT_TRUE(js.exited) << js.describe();
  EXPECT_EQ(js.exit_code, 0) << js.describe();
  auto jl = split_lines(js.out);
  ASSERT_EQ(jl.size(), lib.size()) << js.out;
  for (std::size_t i = 0; i < lib.size(); ++i) {
    json_reader reader(jl[i]);
    auto v = reader.parse();
    ASSERT_TRUE(v.has_value()) << reader.error() << ": " << jl[i];
    ASSERT_NE(v->get("rule"), nullptr) << jl[i];
    EXPECT_EQ(v->get("rule")->text, lib[i].id);
    ASSERT_NE(v->get("code"), nullptr) << jl[i];
    if (lib[i].code.empty()) {
      EXPECT_TRUE(v->get("code")->is_null()) << jl[i];
    } else {
      EXPECT_EQ(v->get("code")->text, lib[i].code);
    }
    // The sentence it enforces, as the text form has it (README: "ID, severity, code, and the
    // sentence of the API page it enforces").
    ASSERT_NE(v->get("severity"), nullptr) << jl[i];
    EXPECT_EQ(v->get("severity")->text, bpv::to_string(lib[i].severity));
    ASSERT_NE(v->get("enforces"), nullptr) << jl[i];
    EXPECT_EQ(v->get("enforces")->text, lib[i].enforces);
    EXPECT_FALSE(lib[i].enforces.empty()) << lib[i].id;
  }
}

// --profile and --rule (README "Profiles and rules").
TEST_F(Cli, ProfileLenientAcceptsStatusAlone) {
  std::string const body = R"({"scheduled_policy":{"status":"OFF"}})";
  jv m = validate_json(body);
  EXPECT_EQ(first_error_code(m), "AutoBackup.0106") << summary(m);
  jv l = validate_json(body, {"--profile", "lenient"});
  EXPECT_TRUE(is_valid(l)) << summary(l);
  jv l2 = validate_json(body, {"--profile=lenient"});
  EXPECT_TRUE(is_valid(l2)) << summary(l2);
  jv back = validate_json(body, {"--profile", "lenient", "--profile", "modify"});
  EXPECT_FALSE(is_valid(back)) << "the last --profile wins";
}

TEST_F(Cli, RuleOverridesChangeSeverities) {
  std::string const body = R"({"time_zone":"UTC+08:00","note":1})";
  jv plain = validate_json(body);
  EXPECT_TRUE(is_valid(plain));
  jv raised = validate_json(body, {"--rule", "member.unknown=error"});
  EXPECT_EQ(first_error_code(raised), "AutoBackup.0008") << summary(raised);
  jv off = validate_json(body, {"--rule=member.unknown=off"});
  EXPECT_TRUE(diags_of(off).empty()) << summary(off);
  jv lowered = validate_json(invalid_body, {"--rule", "status.value=warning"});
  EXPECT_TRUE(is_valid(lowered)) << summary(lowered);
  ASSERT_EQ(diags_of(lowered).size(), 1u);
}

TEST_F(Cli, RulesAndVersionRefuseWhatTheyDoNotRead) {
  // 'bpv rules' reads --format, --profile and --rule; an option only 'validate' reads is a
  // mistake to say so about, not to pass over in silence. '--version' and '--help' take nothing.
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"rules", "--policy-id", "x"}, {"rules", "--project-id=p"}, {"rules", "--default-policy"},
           {"rules", "--format", "json", "--max-depth", "3"}, {"rules", "--max-body-bytes", "10"},
           {"rules", "--max-diagnostics", "1"}, {"--version", "extra"}, {"--help", "--bogus"}}) {
    std::string shown;
    for (const auto& a : args) shown += a + " ";
    expect_usage_error(run_bpv(args), shown);
  }
  run_result r = run_bpv({"rules", "--format", "json", "--profile", "lenient", "--rule", "member.unknown=off"});
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 0) << r.describe();
}

TEST_F(Cli, BadProfilesAndRulesAreUsageErrors) {
  std::string const path = file("body.json", valid_body);
  for (std::vector<std::string> args :
       {std::vector<std::string>{"validate", "--profile", "strict", path}, {"validate", "--profile"},
        {"validate", "--rule", "member.unknown", path}, {"validate", "--rule", "member.unknown=loud", path},
        {"validate", "--rule", "no.such_rule=off", path}, {"validate", "--rule", "frequency.type=off", path},
        {"rules", "--rule", "no.such_rule=off"}, {"rules", "--profile", "x"}}) {
    run_result r = run_bpv(args);
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    expect_usage_error(r, joined);
    EXPECT_TRUE(r.out.empty()) << joined << ": nothing is validated: " << r.out;
  }
  run_result r = run_bpv({"validate", "--rule", "no.such_rule=off", path});
  EXPECT_NE(r.err.find("no.such_rule"), std::string::npos) << "the message names the ID: " << r.err;
}

TEST_F(Cli, RulesShowsTheConfiguredTable) {
  run_result r = run_bpv({"rules", "--format", "json", "--profile", "lenient", "--rule", "frequency.range=off", "--rule",
                          "member.unknown=error"});
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 0) << r.describe();
  auto lines = split_lines(r.out);
  EXPECT_EQ(lines.size(), bpv::rules().size() - 1) << r.out;
  EXPECT_EQ(r.out.find("\"frequency.range\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(R"({"rule":"member.unknown","severity":"error","code":"AutoBackup.0008","enforces":")"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(R"({"rule":"member.near_miss","severity":"warning","code":null,"enforces":")"), std::string::npos) << r.out;
  // The text form: a sentence that speaks of another severity than the one configured says what
  // the default was; one the options left alone, nothing more.
  run_result t = run_bpv({"rules", "--profile", "lenient", "--rule", "member.unknown=error"});
  ASSERT_TRUE(t.exited) << t.describe();
  EXPECT_EQ(t.exit_code, 0) << t.describe();
  std::size_t changed_seen = 0;
  for (const std::string& line : split_lines(t.out)) {
    std::string const id = line.substr(0, line.find('\t'));
    bool const changed = id == "member.unknown" || id == "member.near_miss";
    changed_seen += changed;
    EXPECT_EQ(line.ends_with(id == "member.unknown" ? " [warning by default]" : " [error by default]"), changed) << line;
  }
  EXPECT_EQ(changed_seen, 2u) << t.out;
}

TEST_F(Cli, MaxBodyBytesChangesTheLimit) {
  std::string const body = read_file(example_path);
  ASSERT_GT(body.size(), 100u);
  std::string const n = std::to_string(body.size());
  std::string const n_minus = std::to_string(body.size() - 1);
  // At most N bytes: exactly N is read; N - 1 refuses it.
  EXPECT_TRUE(is_valid(validate_json(body, {"--max-body-bytes", n})));
  EXPECT_TRUE(is_valid(validate_json(body, {"--max-body-bytes=" + n})));
  jv small = validate_json(body, {"--max-body-bytes", n_minus});
  expect_body_0008(small, "body one byte over --max-body-bytes");
  auto e = errors_of(small);
  ASSERT_EQ(e.size(), 1u) << summary(small);
  EXPECT_FALSE(e[0].offset.has_value()) << "limits: offset null";
  EXPECT_NE(e[0].message.find(n_minus), std::string::npos) << "the message names the limit: " << e[0].message;
  // A limit far above the body reads it whole.
  jv big = validate_json(body, {"--max-body-bytes", "18446744073709551615"});
  EXPECT_TRUE(is_valid(big)) << "the largest limit must not make bodies unreadable: " << summary(big);
  jv big2 = validate_json(body, {"--max-body-bytes", "9223372036854775807"});
  EXPECT_TRUE(is_valid(big2)) << summary(big2);
  for (std::string bad : {"0", "abc", "-1", "", "1.5", "10k", " 100", "0x100", "18446744073709551616"}) {
    expect_usage_error(run_bpv({"validate", "--max-body-bytes", bad, example_path}), "--max-body-bytes '" + bad + "'");
    expect_usage_error(run_bpv({"validate", "--max-body-bytes=" + bad, example_path}), "--max-body-bytes=" + bad);
  }
}

// A number too large for the machine to hold is no limit at all: a usage error, as for the
// other numbers the command line refuses, not the largest limit.
TEST_F(Cli, NumbersTooLargeToHoldAreUsageErrors) {
  for (std::string option : {"--max-body-bytes", "--max-depth", "--max-diagnostics"}) {
    run_result r = run_bpv({"validate", option, "99999999999999999999999", example_path});
    expect_usage_error(r, option + " 99999999999999999999999");
    EXPECT_NE(r.err.find(option), std::string::npos) << r.err;
  }
  // 0 is refused by the command line's own words, which name the option.
  run_result zero = run_bpv({"validate", "--max-depth", "0", example_path});
  expect_usage_error(zero, "--max-depth 0");
  EXPECT_NE(zero.err.find("--max-depth must be a positive whole number, not '0'"), std::string::npos) << zero.err;
}

std::string nested_member(std::size_t levels) {
  // {"time_zone":"UTC+01:00","x":[[...]]}: the root object is level 1, each array one more.
  return "{\"time_zone\":\"UTC+01:00\",\"x\":" + std::string(levels, '[') + std::string(levels, ']') + "}";
}

TEST_F(Cli, MaxDiagnosticsBoundsTheListButKeepsTheFirstError) {
  // 150 unknown members (warnings), then an error: more than the library's default bound.
  std::string body = "{";
  for (int i = 0; i < 150; ++i) body += "\"u" + std::to_string(i) + "\":1,";
  body += R"("scheduled_policy":{"frequency":99}})";
  jv all = validate_json(body);
  EXPECT_EQ(diags_of(all).size(), 151u) << "the command line lists 10,000 by default: " << summary(all);
  EXPECT_EQ(all.get("omitted"), nullptr);
  EXPECT_EQ(diags_of(all)[149].path, "/u149");
  {
    // 10,100 then: the first 10,000 and the error, the others counted.
    std::string many = "{";
    for (int i = 0; i < 10100; ++i) many += "\"u" + std::to_string(i) + "\":1,";
    many += R"("scheduled_policy":{"frequency":99}})";
    jv capped = validate_json(many);
    auto d = diags_of(capped);
    ASSERT_EQ(d.size(), 10001u) << summary(capped);
    EXPECT_EQ(d[9999].path, "/u9999");
    EXPECT_EQ(d.back().code, "AutoBackup.0106");
    ASSERT_NE(capped.get("omitted"), nullptr);
    EXPECT_EQ(capped.get("omitted")->text, "100");
  }
  jv few = validate_json(body, {"--max-diagnostics", "10"});
  auto d = diags_of(few);
  ASSERT_EQ(d.size(), 11u) << summary(few);
  EXPECT_EQ(d[0].path, "/u0");
  EXPECT_EQ(d.back().code, "AutoBackup.0106") << "the first error is always listed";
  ASSERT_NE(few.get("omitted"), nullptr);
  EXPECT_FALSE(is_valid(few));
  for (std::string bad : {"x", "-1", ""})
    expect_usage_error(run_bpv({"validate", "--max-diagnostics", bad, example_path}), "--max-diagnostics '" + bad + "'");
  // 0: the first error alone (README: "lists the first N (the first error always)").
  jv none = validate_json(R"({"backup_policy_name":5,"x":1})", {"--max-diagnostics", "0"});
  auto only = diags_of(none);
  ASSERT_EQ(only.size(), 1u) << summary(none);
  EXPECT_EQ(only[0].code, "AutoBackup.0102");
  EXPECT_EQ(only[0].path, "/backup_policy_name");
  EXPECT_EQ(only[0].offset, std::optional<std::uint64_t>(22));
  ASSERT_NE(none.get("omitted"), nullptr);
  EXPECT_EQ(none.get("omitted")->text, "1");
}

TEST_F(Cli, MaxDepthChangesTheLimit) {
  // The example nests 3 levels: root object, scheduled_policy, week_frequency.
  std::string const body = read_file(example_path);
  EXPECT_TRUE(is_valid(validate_json(body, {"--max-depth", "3"})));
  jv shallow = validate_json(body, {"--max-depth", "2"});
  expect_body_0008(shallow, "depth 3 with --max-depth 2");
  auto e = errors_of(shallow);
  ASSERT_FALSE(e.empty());
  EXPECT_FALSE(e[0].offset.has_value()) << "limits: offset null; " << summary(shallow);
  EXPECT_NE(e[0].message.find('2'), std::string::npos) << "the message names the limit: " << e[0].message;
  EXPECT_TRUE(is_valid(validate_json(body, {"--max-depth=3"})));
  // --max-depth 1: only the root object.
  EXPECT_TRUE(is_valid(validate_json(R"({"time_zone":"UTC+01:00"})", {"--max-depth", "1"})));
  expect_body_0008(validate_json(R"({"scheduled_policy":{"frequency":1}})", {"--max-depth", "1"}), "--max-depth 1");
  // The default is 64 levels, the root object being level 1.
  jv at64 = validate_json(nested_member(63));
  EXPECT_TRUE(is_valid(at64)) << "64 levels are allowed by default: " << summary(at64);
  jv at65 = validate_json(nested_member(64));
  expect_body_0008(at65, "65 levels by default");
  ASSERT_FALSE(errors_of(at65).empty());
  EXPECT_FALSE(errors_of(at65)[0].offset.has_value()) << summary(at65);
  EXPECT_NE(errors_of(at65)[0].message.find("64"), std::string::npos) << errors_of(at65)[0].message;
  // A raised limit is honoured, deep nesting included.
  jv deep = validate_json(nested_member(1499), {"--max-depth", "2000"});
  EXPECT_TRUE(is_valid(deep)) << "1500 levels within --max-depth 2000: " << summary(deep);
  jv deep2 = validate_json(nested_member(2000), {"--max-depth", "2000"});
  expect_body_0008(deep2, "2001 levels beyond --max-depth 2000");
  for (std::string bad : {"0", "x", "-3", "", "2.5"})
    expect_usage_error(run_bpv({"validate", "--max-depth", bad, example_path}), "--max-depth '" + bad + "'");
}

TEST_F(Cli, TextReportShowsEachFindingWithACaret) {
  std::string const body =
      "{\n"
      "  \"scheduled_policy\": {\n"
      "    \"frequency\": 1,\n"
      "    \"start_time\": \"13:05\",\n"
      "    \"status\": \"on\"\n"
      "  }\n"
      "}\n";
  // From decisions.md: 13:05 is a full-hour error at the minute's first digit; "on" a 0104 at
  // the value's opening quote.
  std::size_t const minute = body.find("05\"");
  std::size_t const status = body.find("\"on\"");
  jv rep = validate_json(body);
  auto e = errors_of(rep);
  ASSERT_EQ(e.size(), 2u) << summary(rep);
  EXPECT_EQ(e[0].code, "AutoBackup.0103");
  EXPECT_EQ(e[0].path, "/scheduled_policy/start_time");
  EXPECT_EQ(e[0].offset, minute);
  EXPECT_EQ(e[1].code, "AutoBackup.0104");
  EXPECT_EQ(e[1].path, "/scheduled_policy/status");
  EXPECT_EQ(e[1].offset, status);

  std::string const path = file("text.json", body);
  run_result r = run_bpv({"validate", path});
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 1) << r.describe();
  auto lines = split_lines(r.out);
  for (auto& d : e) {
    EXPECT_NE(r.out.find(d.path), std::string::npos) << "path " << d.path << " in\n" << r.out;
    EXPECT_NE(r.out.find(d.code), std::string::npos) << d.code << " in\n" << r.out;
    EXPECT_NE(r.out.find(d.rule), std::string::npos) << d.rule << " in\n" << r.out;
    EXPECT_NE(r.out.find(d.message), std::string::npos) << d.message << " in\n" << r.out;
    // The offending input line, and a caret under the offset on the next line.
    std::size_t const line_start = body.rfind('\n', *d.offset) + 1;
    std::size_t const line_end = body.find('\n', *d.offset);
    std::string const rest = body.substr(*d.offset, line_end - *d.offset);
    std::string const whole = body.substr(line_start, line_end - line_start);
    std::string const trimmed = whole.substr(whole.find_first_not_of(' '));
    bool found = false;
    for (std::size_t i = 0; i + 1 < lines.size() && !found; ++i) {
      if (lines[i].find(trimmed) == std::string::npos) continue;
      std::size_t const caret = lines[i + 1].find('^');
      if (caret == std::string::npos || lines[i + 1].find('^', caret + 1) != std::string::npos) continue;
      if (lines[i + 1].find_first_not_of(" |0123456789^") != std::string::npos) continue;
      found = lines[i].compare(caret, rest.size(), rest) == 0;
    }
    EXPECT_TRUE(found) << "no line showing '" << whole << "' with a caret under '" << rest << "' in\n" << r.out;
  }
}

// ---------------------------------------------------------------------------------------------
// Hostile inputs: each gets a report, never a crash
// ---------------------------------------------------------------------------------------------

TEST_F(Cli, HundredThousandOpenArraysInsideAMember) {
  jv rep = validate_json("{\"a\":" + std::string(100000, '['));
  expect_body_0008(rep, "100,000 '[' in a member");
  jv closed = validate_json("{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}");
  expect_body_0008(closed, "100,000 closed arrays in a member");
  ASSERT_FALSE(errors_of(closed).empty());
  EXPECT_FALSE(errors_of(closed)[0].offset.has_value()) << "too deep is a limit: offset null; " << summary(closed);
}

TEST_F(Cli, HundredThousandOpenArraysAsTheBody) {
  expect_body_0008(validate_json(std::string(100000, '[')), "100,000 '['");
  expect_body_0008(validate_json(std::string(100000, '[') + std::string(100000, ']')), "100,000 closed arrays");
  expect_body_0008(validate_json(std::string(100000, '{')), "100,000 '{'");
}

TEST_F(Cli, HundredThousandNestedObjects) {
  std::string body;
  for (int i = 0; i < 100000; ++i) body += "{\"a\":";
  body += '1';
  body.append(100000, '}');
  jv rep = validate_json(body);
  expect_body_0008(rep, "100,000 nested objects");
  ASSERT_FALSE(errors_of(rep).empty());
  EXPECT_FALSE(errors_of(rep)[0].offset.has_value()) << summary(rep);
}

TEST_F(Cli, SixteenMiBBodyIsTooLarge) {
  std::string body = "{\"backup_policy_name\":\"";
  body += std::string((std::size_t{16} << 20) - body.size() - 2, 'a');
  body += "\"}";
  ASSERT_EQ(body.size(), std::size_t{16} << 20);
  jv rep = validate_json(body);
  expect_body_0008(rep, "16 MiB body");
  auto e = errors_of(rep);
  ASSERT_EQ(e.size(), 1u) << summary(rep);
  EXPECT_FALSE(e[0].offset.has_value()) << "limits: offset null";
  EXPECT_TRUE(e[0].message.find("1048576") != std::string::npos || e[0].message.find("1 MiB") != std::string::npos ||
              e[0].message.find("1MiB") != std::string::npos)
      << "the message names the limit: " << e[0].message;
  // The same through standard input.
  std::string const path = file("big.json", body);
  run_result r = run_bpv({"validate", "--format", "json"}, path);
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 1) << r.describe();
  expect_body_0008(only_report(r, "-"), "16 MiB on stdin");
}

TEST_F(Cli, EndlessInputIsTooLarge) {
  // An endless stream must be refused at the limit, not read to its end.
  run_result r = run_bpv({"validate", "--format", "json"}, "/dev/zero");
  ASSERT_FALSE(r.timed_out) << r.describe();
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 1) << r.describe();
  jv rep = only_report(r, "-");
  expect_body_0008(rep, "/dev/zero");
  ASSERT_FALSE(errors_of(rep).empty());
  EXPECT_FALSE(errors_of(rep)[0].offset.has_value()) << summary(rep);

  run_result f = run_bpv({"validate", "--format", "json", "/dev/zero"});
  ASSERT_FALSE(f.timed_out) << f.describe();
  ASSERT_TRUE(f.exited) << f.describe();
  EXPECT_EQ(f.exit_code, 1) << f.describe();
  expect_body_0008(only_report(f, "/dev/zero"), "/dev/zero as a file");
}

TEST_F(Cli, TwoMegabyteString) {
  std::string const body = "{\"backup_policy_name\":\"" + std::string(2000000, 'a') + "\"}";
  // Beyond the default 1 MiB: refused unread.
  jv rep = validate_json(body);
  expect_body_0008(rep, "2 MB string at the default limit");
  ASSERT_FALSE(errors_of(rep).empty());
  EXPECT_FALSE(errors_of(rep)[0].offset.has_value()) << summary(rep);
  // Within a raised limit: read and judged, a length error (1..64 characters).
  jv judged = validate_json(body, {"--max-body-bytes", "4000000"});
  auto e = errors_of(judged);
  ASSERT_EQ(e.size(), 1u) << summary(judged);
  EXPECT_EQ(e[0].code, "AutoBackup.0101");
  EXPECT_EQ(e[0].path, "/backup_policy_name");
  EXPECT_EQ(e[0].offset, std::optional<std::uint64_t>(22)) << "the value's opening quote";
  // In an unknown member it is only a warning, and the body is otherwise fine.
  jv unknown = validate_json("{\"note\":\"" + std::string(2000000, 'a') + "\",\"time_zone\":\"UTC+01:00\"}",
                             {"--max-body-bytes", "4000000"});
  EXPECT_TRUE(is_valid(unknown)) << summary(unknown);
  EXPECT_FALSE(has_code(unknown, "AutoBackup.0008")) << summary(unknown);
}

TEST_F(Cli, OneMegabyteNumber) {
  std::string const prefix = "{\"scheduled_policy\":{\"frequency\":1,\"rentention_day\":";
  std::string const body = prefix + std::string(1000000, '9') + "}}";
  jv rep = validate_json(body, {"--max-body-bytes", "2000000"});
  EXPECT_FALSE(has_code(rep, "AutoBackup.0008")) << "a number JSON allows is a field error: " << summary(rep);
  auto e = errors_of(rep);
  ASSERT_EQ(e.size(), 1u) << summary(rep);
  EXPECT_EQ(e[0].code, "AutoBackup.0107");
  EXPECT_EQ(e[0].path, "/scheduled_policy/rentention_day");
  EXPECT_EQ(e[0].offset, std::optional<std::uint64_t>(prefix.size()));
  // A 1 MB fraction is rounded down from its text: 5.999... is 5.
  jv frac = validate_json(prefix + "5." + std::string(1000000, '9') + "}}", {"--max-body-bytes", "2000000"});
  ASSERT_TRUE(is_valid(frac)) << summary(frac);
  const jv* sp = frac.get("effective")->get("scheduled_policy");
  ASSERT_TRUE(sp && sp->get("rentention_day")) << "effective keeps rentention_day";
  EXPECT_EQ(sp->get("rentention_day")->text, "5");
  // A 1 MB number as an integer field: an error of that field, not of the body.
  jv num = validate_json("{\"scheduled_policy\":{\"frequency\":" + std::string(1000000, '1') + "}}",
                         {"--max-body-bytes", "2000000"});
  EXPECT_EQ(error_codes(num), std::vector<std::string>{"AutoBackup.0106"}) << summary(num);
}

TEST_F(Cli, EscapedControlCharactersAreValidJson) {
  // \u0000 and friends in a name: valid JSON, a 0102 field error (no control characters).
  for (std::string esc : {"\\u0000", "\\u0001", "\\u001f", "\\n", "\\t", "\\u007f"}) {
    std::string const body = "{\"backup_policy_name\":\"a" + esc + "b\"}";
    jv rep = validate_json(body);
    EXPECT_FALSE(has_code(rep, "AutoBackup.0008")) << esc << ": " << summary(rep);
    auto e = errors_of(rep);
    ASSERT_EQ(e.size(), 1u) << esc << ": " << summary(rep);
    EXPECT_EQ(e[0].code, "AutoBackup.0102") << esc;
    EXPECT_EQ(e[0].path, "/backup_policy_name") << esc;
    EXPECT_EQ(e[0].offset, std::optional<std::uint64_t>(22)) << esc;
  }
  // In an unknown member's name: a warning, and its path carries the character.
  jv unknown = validate_json(R"({"x\u0000y":1,"time_zone":"UTC+01:00"})");
  EXPECT_TRUE(is_valid(unknown)) << summary(unknown);
  auto d = diags_of(unknown);
  ASSERT_EQ(d.size(), 1u) << summary(unknown);
  EXPECT_EQ(d[0].severity, "warning");
  EXPECT_EQ(d[0].path, "/x"s + '\0' + "y");
  EXPECT_EQ(d[0].offset, std::optional<std::uint64_t>(1)) << "member findings are at the name's first byte";
  // In start_time: a 0103 at the escape's backslash.
  std::string const st = R"({"scheduled_policy":{"frequency":1,"start_time":"01:00\u0000"}})";
  jv time = validate_json(st);
  auto te = errors_of(time);
  ASSERT_EQ(te.size(), 1u) << summary(time);
  EXPECT_EQ(te[0].code, "AutoBackup.0103");
  EXPECT_EQ(te[0].path, "/scheduled_policy/start_time");
  EXPECT_EQ(te[0].offset, std::optional<std::uint64_t>(st.find("\\u0000"))) << summary(time);
}

TEST_F(Cli, RawControlCharactersAreNotJson) {
  for (char c : {'\x01', '\0', '\x1f', '\n', '\t', '\r'}) {
    std::string body = "{\"backup_policy_name\":\"ab\"}";
    body.insert(24, 1, c);
    jv rep = validate_json(body);
    expect_body_0008(rep, "raw byte " + std::to_string(static_cast<int>(c)) + " in a string");
    auto e = errors_of(rep);
    ASSERT_EQ(e.size(), 1u) << summary(rep);
    EXPECT_EQ(e[0].offset, std::optional<std::uint64_t>(24)) << "the byte where reading failed";
  }
  // In a member name.
  std::string body = "{\"a\x01\":1}";
  jv rep = validate_json(body);
  expect_body_0008(rep, "raw 0x01 in a name");
  ASSERT_FALSE(errors_of(rep).empty());
  EXPECT_EQ(errors_of(rep)[0].offset, std::optional<std::uint64_t>(3)) << summary(rep);
}

TEST_F(Cli, InvalidUtf8IsNotJson) {
  struct utf8_case {
    std::string bytes, what;
  };
  std::vector<utf8_case> const cases = {
      {"\xff", "0xFF"},
      {"\xc3", "truncated 2-byte sequence"},
      {"\xc0\xaf", "overlong '/'"},
      {"\xe0\x80\xaf", "overlong 3-byte"},
      {"\xed\xa0\x80", "UTF-8 encoded surrogate"},
      {"\xf4\x90\x80\x80", "beyond U+10FFFF"},
      {"\x80", "lone continuation byte"},
      {"\xe2\x82", "truncated 3-byte sequence"},
      {"\xf8\x88\x80\x80\x80", "5-byte form"},
  };
  for (const auto& c : cases) {
    std::string const prefix = "{\"backup_policy_name\":\"a";
    std::string const body = prefix + c.bytes + "\"}";
    jv rep = validate_json(body);
    expect_body_0008(rep, c.what + " in a value");
    auto e = errors_of(rep);
    ASSERT_EQ(e.size(), 1u) << c.what << ": " << summary(rep);
    ASSERT_TRUE(e[0].offset.has_value()) << c.what;
    EXPECT_GE(*e[0].offset, prefix.size()) << c.what << ": the byte where reading failed";
    EXPECT_LE(*e[0].offset, prefix.size() + c.bytes.size()) << c.what << ": the byte where reading failed";
    // In a member name, and in an unknown member.
    expect_body_0008(validate_json("{\"" + c.bytes + "\":1,\"time_zone\":\"UTC+01:00\"}"), c.what + " in a name");
    // Outside any string.
    expect_body_0008(validate_json("{" + c.bytes + "}"), c.what + " between tokens");
  }
  // A byte-order mark is not JSON either.
  expect_body_0008(validate_json("\xef\xbb\xbf" + valid_body), "UTF-8 BOM");
  // Lone surrogate escapes.
  expect_body_0008(validate_json(R"({"backup_policy_name":"\ud800"})"), "lone surrogate escape");
  expect_body_0008(validate_json(R"({"time_zone":"UTC+01:00","x":"\udc00"})"), "lone low surrogate escape");
}

TEST_F(Cli, EveryOneByteBody) {
  std::vector<std::string> args = {"validate", "--format", "json"};
  std::vector<std::string> paths;
  for (int b = 0; b < 256; ++b) {
    paths.push_back(file("byte-" + std::to_string(b), std::string(1, static_cast<char>(b))));
    args.push_back(paths.back());
  }
  run_result r = run_bpv(args);
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 1) << r.describe();
  auto reps = reports_of(r, paths);
  ASSERT_EQ(reps.size(), 256u);
  for (int b = 0; b < 256; ++b) {
    bool const space = b == ' ' || b == '\t' || b == '\n' || b == '\r';
    auto e = errors_of(reps[static_cast<std::size_t>(b)]);
    ASSERT_EQ(e.size(), 1u) << "byte " << b << ": " << summary(reps[static_cast<std::size_t>(b)]);
    EXPECT_EQ(e[0].code, space ? "AutoBackup.0000" : "AutoBackup.0008") << "byte " << b;
    EXPECT_EQ(e[0].path, "") << "byte " << b;
    if (space) {
      EXPECT_FALSE(e[0].offset.has_value()) << "the empty body: offset null; byte " << b;
    }
  }
  // Each one alone, through standard input, in text form.
  for (int b = 0; b < 256; ++b) {
    run_result one = run_bpv({"validate"}, paths[static_cast<std::size_t>(b)]);
    ASSERT_TRUE(one.exited) << "byte " << b << ": " << one.describe();
    EXPECT_EQ(one.exit_code, 1) << "byte " << b << ": " << one.describe();
    bool const space = b == ' ' || b == '\t' || b == '\n' || b == '\r';
    EXPECT_NE(one.out.find(space ? "AutoBackup.0000" : "AutoBackup.0008"), std::string::npos) << "byte " << b << ": " << one.out;
  }
}

TEST_F(Cli, DevNullIsAnEmptyBody) {
  run_result r = run_bpv({"validate", "--format", "json", "/dev/null"});
  ASSERT_TRUE(r.exited) << r.describe();
  EXPECT_EQ(r.exit_code, 1) << r.describe();
  jv rep = only_report(r, "/dev/null");
  auto e = errors_of(rep);
  ASSERT_EQ(e.size(), 1u) << summary(rep);
  EXPECT_EQ(e[0].code, "AutoBackup.0000");
  EXPECT_EQ(e[0].path, "");
  EXPECT_FALSE(e[0].offset.has_value()) << "the empty body: offset null";
  // And as standard input.
  run_result s = run_bpv({"validate", "--format", "json"}, "/dev/null");
  ASSERT_TRUE(s.exited) << s.describe();
  EXPECT_EQ(s.exit_code, 1) << s.describe();
  EXPECT_EQ(first_error_code(only_report(s, "-")), "AutoBackup.0000");
  // Only white space is empty too.
  EXPECT_EQ(first_error_code(validate_json(" \t\r\n \n")), "AutoBackup.0000");
}

TEST_F(Cli, TextOutputStaysSmallForAHugeLine) {
  struct huge {
    std::string body, what;
    bool valid = false;  // only warnings
  };
  std::string times;
  for (int i = 0; i < 167000; ++i) times += "01:00,";
  times += "01:00";
  std::string const st_prefix = "{\"scheduled_policy\":{\"frequency\":1,\"start_time\":\"";
  std::vector<huge> const cases = {
      {"{\"backup_policy_name\":\"" + std::string(1000000, 'a') + "\"}", "1 MB name"},
      {"{\"x\":\"" + std::string(1000000, 'a') + "\"]", "syntax error at the end of a 1 MB line"},
      {"{" + std::string(1000000, ' ') + "]", "1 MB of spaces, then a syntax error"},
      {"{\"x\":\"" + [] {
         std::string s;
         for (int i = 0; i < 200000; ++i) s += "\xc3\xa9\xe2\x82\xac";
         return s;
       }() + "\"]",
       "1 MB of multi-byte characters, then a syntax error"},
      {"{\"x\":\"" + std::string(1000000, '\xff') + "\"}", "1 MB of bytes that are not UTF-8"},
      {"{\"x\":\"" + std::string(500000, 'a') + std::string(1, '\x01') + std::string(500000, 'a') + "\"}",
       "a raw control byte in the middle of a 1 MB line"},
      {st_prefix + times + "\"}}", "1 MB start_time list"},
      {"{\"time_zone\":\"" + std::string(1000000, 'x') + "\"}", "1 MB time_zone"},
      {"{\"" + std::string(1000000, 'r') + "\":1,\"time_zone\":\"UTC+01:00\"}", "1 MB unknown member name", true},
      {"{\"scheduled_policy\":{\"frequency\":1,\"" + std::string(1000000, 'r') + "\":1}}",
       "1 MB unknown member name in scheduled_policy", true},
      {"{\"time_zone\":\"UTC+01:00\",\"" + std::string(500000, 'd') + "\":1,\"" + std::string(500000, 'd') + "\":2}",
       "two 500 kB member names, duplicates"},
  };
  for (const auto& c : cases) {
    ASSERT_LT(c.body.size(), std::size_t{1} << 20) << c.what << " must be within the default limit";
    ASSERT_GE(c.body.size(), 1000000u) << c.what;
    ASSERT_EQ(c.body.find('\n'), std::string::npos) << c.what;
    std::string const path = file("huge.json", c.body);
    run_result r = run_bpv({"validate", path});
    ASSERT_TRUE(r.exited) << c.what << ": " << r.describe();
    EXPECT_EQ(r.exit_code, c.valid ? 0 : 1) << c.what << ": " << r.describe();
    EXPECT_LT(r.out.size(), 10u * 1024u) << c.what << ": the text report must stay small";
    if (!c.valid) {
      EXPECT_NE(r.out.find("AutoBackup."), std::string::npos) << c.what << ": " << r.out.substr(0, 500);
    }
  }
  // The start_time list: more than 24 entries is one error at the 25th entry, nothing else.
  jv rep = validate_json(st_prefix + times + "\"}}");
  auto e = errors_of(rep);
  ASSERT_EQ(e.size(), 1u) << summary(rep);
  EXPECT_EQ(e[0].code, "AutoBackup.0103");
  EXPECT_EQ(e[0].path, "/scheduled_policy/start_time");
  EXPECT_EQ(e[0].offset, std::optional<std::uint64_t>(st_prefix.size() + 24 * 6)) << "the 25th entry's first byte";
}

}  // namespace
