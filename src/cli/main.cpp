// bpv: the command line. `bpv validate` as in ../shared/contract/cli.md.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bpv/bpv.hpp"
#include "descriptor_io.hpp"

namespace {

constexpr int exit_valid = 0, exit_invalid = 1, exit_usage = 2;

const char* const usage_text =
    "usage: bpv validate [options] [FILE ...]\n"
    "       bpv rules [--format text|json] [--profile NAME] [--rule ID=LEVEL ...]\n"
    "       bpv --help | help | --version\n"
    "\n"
    "Validates each FILE (standard input when FILE is '-' or absent) as the body of\n"
    "PUT /v2/{project_id}/backuppolicy/{policy_id} (Modifying a Backup Policy).\n"
    "\n"
    "options:\n"
    "  --format text|json     text for people (default), or one JSON report per input per line\n"
    "  --project-id ID        the URI's project_id (must not be empty)\n"
    "  --policy-id ID         the URI's policy_id; echoed in the success response; empty is AutoBackup.0006\n"
    "  --default-policy       the target is the tenant's default backup policy (it cannot be renamed)\n"
    "  --max-body-bytes N     refuse bodies larger than N bytes (default 1048576)\n"
    "  --max-depth N          refuse nesting deeper than N levels, the root object being 1 (default 64)\n"
    "  --max-diagnostics N    list at most N findings per input, the first error always (default 10000)\n"
    "  --profile NAME         modify (default: the Modify page as decisions.md reads it) or lenient\n"
    "                         (status alone in scheduled_policy is enough; near misses are warnings)\n"
    "  --rule ID=LEVEL        turn a rule off, or change its severity: off, error, warning or info\n"
    "                         (repeatable; 'bpv rules' lists the IDs; 'bpv rules' takes both options too)\n"
    "  -h, --help             this text (among a command's options too, whatever else is given)\n"
    "\n"
    "An option's value is the next argument or follows '=' (--format=json); a value that is '-' or\n"
    "an option's name must follow '=' (--policy-id=-). '--' ends the options, so that a FILE may\n"
    "start with '-'.\n"
    "\n"
    "exit status: 0 every input valid; 1 at least one invalid; 2 usage or I/O error (2 wins over 1)\n";

int usage_error(const std::string& message) {
  std::cerr << "bpv: " << message << "\nTry 'bpv --help'.\n";
  return exit_usage;
}

// Every command ends here: what it printed is flushed, and a failed write (a full disk, a
// closed pipe) is an I/O error, whatever `status` says.
int written(int status, std::string_view what) {
  std::cout.flush();
  if (std::cout) return status;
  std::cerr << "bpv: cannot write the " << what << "\n";
  return exit_usage;
}

struct cli_options {
  bool json = false;
  bool help = false;
  std::optional<std::string> project_id, policy_id;
  bool default_policy = false;
  std::string_view validate_only;  // the first option given that only `validate` reads
  bpv::options options = command_line_defaults();
  std::vector<std::string> files;

  // The command line lists up to 10,000 findings, where the library lists 100 (for services,
  // which answer with the first error): its report is what outside tools read, and no body a
  // person or a test writes has more. A hostile megabyte can make hundreds of thousands (a
  // week_frequency of 524,235 bad items), and listing as many as the paths' room lets through
  // took 0.8 s and 300 MB.
  static constexpr std::size_t listed_by_default = 10000;
  static bpv::options command_line_defaults() {
    bpv::options o;
    o.limits.max_diagnostics = listed_by_default;
    return o;
  }
};

bool parse_size(std::string_view text, std::size_t& out) {
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && p == text.data() + text.size();
}

// The options only `validate` reads, and those `rules` reads too.
constexpr std::string_view validate_options[] = {"--default-policy", "--project-id",  "--policy-id",
                                                 "--max-body-bytes", "--max-depth", "--max-diagnostics"};
constexpr std::string_view shared_options[] = {"--format", "--profile", "--rule", "-h", "--help", "--"};

bool among(std::span<const std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Whether `arg` is one of the options (as --name or --name=value).
bool is_option(std::string_view arg) {
  std::string_view const name = arg.substr(0, arg.find('='));
  return among(validate_options, name) || among(shared_options, name);
}

// Parses the arguments after "validate" (or "rules"). Returns an error message, or "".
std::string read_args(int argc, char** argv, int first, cli_options& o) {
  bool options_done = false;
  for (int i = first; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (options_done || arg == "-" || !arg.starts_with("-")) {
      o.files.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    std::string_view name = arg, inline_value;
    bool has_inline = false;
    if (auto eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      inline_value = arg.substr(eq + 1);
      has_inline = true;
    }
    // A value is the next argument, unless that is '-' (standard input) or one of the options:
    // `--policy-id - < body` has lost its ID, and `--policy-id --format json` too. Such a value
    // follows '=' (--policy-id=-); any other (-1, --x) may come as the next argument.
    auto value = [&](std::string_view& v) -> bool {
      if (has_inline) {
        v = inline_value;
        return true;
      }
      if (i + 1 >= argc || argv[i + 1] == std::string_view("-") || is_option(argv[i + 1])) return false;
      v = argv[++i];
      return true;
    };
    // What a missing value's message adds when '-' or an option came next.
    auto no_value = [&](std::string message) {
      if (i + 1 < argc)
        message += " (the next argument, '" + std::string(argv[i + 1]) + "', is not taken as one: write " +
                   std::string(name) + "=" + std::string(argv[i + 1]) + " if it is)";
      return message;
    };
    std::string_view v;
    if (o.validate_only.empty() && among(validate_options, name)) o.validate_only = name;
    if (name == "-h" || name == "--help") {
      o.help = true;
    } else if (name == "--default-policy") {
      if (has_inline) return "--default-policy takes no value (given: '" + std::string(arg) + "')";
      o.default_policy = true;
    } else if (name == "--format") {
      if (!value(v)) return no_value("--format needs a value: text or json");
      if (v == "json") {
        o.json = true;
      } else if (v == "text") {
        o.json = false;
      } else {
        return "--format must be text or json, not '" + std::string(v) + "'";
      }
    } else if (name == "--project-id") {
      if (!value(v)) return no_value("--project-id needs a value");
      if (v.empty()) return "--project-id must not be empty";
      o.project_id = std::string(v);
    } else if (name == "--policy-id") {
      if (!value(v)) return no_value("--policy-id needs a value");
      o.policy_id = std::string(v);
    } else if (name == "--max-body-bytes" || name == "--max-depth") {
      if (!value(v)) return no_value(std::string(name) + " needs a value");
      std::size_t n = 0;
      if (!parse_size(v, n) || n == 0) return std::string(name) + " must be a positive whole number, not '" + std::string(v) + "'";
      (name == "--max-depth" ? o.options.limits.max_depth : o.options.limits.max_body_bytes) = n;
    } else if (name == "--max-diagnostics") {
      if (!value(v)) return no_value(std::string(name) + " needs a value");
      if (!parse_size(v, o.options.limits.max_diagnostics))
        return std::string(name) + " must be a whole number, not '" + std::string(v) + "'";
    } else if (name == "--profile") {
      if (!value(v)) return no_value("--profile needs a value: modify or lenient");
      auto p = bpv::find_profile(v);
      if (!p) return "--profile must be modify or lenient, not '" + std::string(v) + "'";
      o.options.profile = *p;
    } else if (name == "--rule") {
      if (!value(v)) return no_value("--rule needs a value: ID=off|error|warning|info");
      auto const eq = v.rfind('=');
      auto const level = eq == std::string_view::npos ? std::nullopt : bpv::find_rule_level(v.substr(eq + 1));
      if (!level) return "--rule must be ID=off|error|warning|info, not '" + std::string(v) + "'";
      o.options.overrides.push_back({std::string(v.substr(0, eq)), *level});
    } else {
      return "unknown option '" + std::string(arg) + "'";
    }
  }
  // Standard input is one input: a second '-' would read on where the first stopped (past the
  // size limit, the rest of a cut body) and report it as a body of its own.
  if (std::count(o.files.begin(), o.files.end(), "-") > 1) return "'-' (standard input) is given more than once";
  return bpv::options_problem(o.options);
}

// As read_args, except that -h or --help anywhere among the options asks for the usage whatever
// else is wrong with them (a person asking for help mid-command gets it).
std::string parse_args(int argc, char** argv, int first, cli_options& o) {
  std::string err = read_args(argc, argv, first, o);
  if (err.empty() || o.help) return {};
  for (int i = first; i < argc; ++i) {
    std::string_view const arg = argv[i];
    if (arg == "--") break;
    if (arg == "-h" || arg == "--help") {
      o.help = true;
      return {};
    }
  }
  return err;
}

// Set when the process started without a standard input: '-' is then unreadable, not the file
// that would otherwise have been opened as descriptor 0.
bool stdin_closed = false;

// A descriptor of 0, 1 or 2 that the caller left closed is taken by /dev/null, opened for
// reading only: files opened later never become "standard input", and writes to a closed
// standard output still fail (EBADF) as they would have.
void hold_closed_standard_descriptors() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    if (fd == 0) stdin_closed = true;
    int const held = ::open("/dev/null", O_RDONLY);
    if (held >= 0 && held != fd) ::close(held);  // (a lower one was free after all)
  }
}

// A file name as standard error shows it, in single quotes: a control character, a quote or a
// backslash in it escaped, so that one message stays one line whatever the name holds (the
// report's `source` has it exactly, as JSON).
std::string quoted_name(std::string_view file) {
  std::string out = "'";
  for (char c : file) {
    auto const u = static_cast<unsigned char>(c);
    if (c == '\\' || c == '\'') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7f) {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", u);
      out += hex;
    } else {
      out += c;
    }
  }
  out += '\'';
  return out;
}

// Reads at most `limit` + 1 bytes: enough to know a body is too large, without reading an
// endless stream to its end.
bool read_input(const std::string& file, std::size_t limit, std::string& out, std::string& error) {
  if (file == "-" && stdin_closed) {
    error = std::strerror(EBADF);
    return false;
  }
  int fd = file == "-" ? 0 : ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  // Closed however this ends, out of memory included (the caller goes on to the next input).
  struct closer {
    int fd;
    ~closer() {
      if (fd != 0) ::close(fd);
    }
  } const close_at_end{fd};
  out.clear();
  char buf[1 << 16];
  bool ok = true;
  std::size_t const wanted = limit < SIZE_MAX ? limit + 1 : limit;
  while (out.size() < wanted) {
    long const n = bpv::cli::read_some(fd, buf, std::min(sizeof buf, wanted - out.size()));
    if (n < 0) {
      error = std::strerror(errno);
      ok = false;
      break;
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return ok;
}

int run_validate(int argc, char** argv) {
  cli_options o;
  if (std::string err = parse_args(argc, argv, 2, o); !err.empty()) return usage_error(err);
  if (o.help) {
    std::cout << usage_text;
    return written(exit_valid, "usage");
  }
  if (o.files.empty()) o.files.emplace_back("-");

  bpv::validator v(o.options);
  bpv::context ctx;
  if (o.project_id) ctx.project_id = *o.project_id;
  if (o.policy_id) ctx.policy_id = *o.policy_id;
  ctx.target_is_default = o.default_policy;

  int status = exit_valid;
  bpv::report r;
  std::string body, error;
  bool first = true;
  for (const auto& file : o.files) {
    std::string const name = file == "-" ? "standard input" : quoted_name(file);
    try {
      if (!read_input(file, o.options.limits.max_body_bytes, body, error)) {
        std::cerr << "bpv: cannot read " << name << ": " << error << "\n";
        status = exit_usage;
        continue;
      }
      v.validate(body, ctx, r);
      // Made whole before any of it is written: out of memory never leaves half a report.
      std::string const shown = o.json ? bpv::to_json(r, file) + '\n' : bpv::to_text(r, body, file);
      if (!first && !o.json) std::cout << '\n';
      std::cout << shown;
      first = false;
      if (!r.valid && status == exit_valid) status = exit_invalid;
    } catch (const std::bad_alloc&) {
      // A resource failure, like an unreadable file (exit 2), not a verdict on the body: the
      // other inputs are still read, with what this one grew given back.
      std::cerr << "bpv: out of memory reading or validating " << name << "\n";
      status = exit_usage;
      body = std::string();
      r = bpv::report();
      v = bpv::validator(o.options);
    }
  }
  return written(status, "report");
}

int run_rules(int argc, char** argv) {
  cli_options o;
  if (std::string err = parse_args(argc, argv, 2, o); !err.empty()) return usage_error(err);
  if (o.help) {
    std::cout << usage_text;
    return written(exit_valid, "usage");
  }
  if (!o.files.empty()) return usage_error("'bpv rules' takes no files");
  if (!o.validate_only.empty())
    return usage_error("'bpv rules' takes --format, --profile and --rule, not " + std::string(o.validate_only));
  bpv::validator v(o.options);
  for (const auto& r : v.rules()) {
    if (o.json) {
      std::cout << bpv::to_json(r) << '\n';
    } else {
      std::cout << r.id << '\t' << bpv::to_string(r.severity) << '\t' << (r.code.empty() ? "-" : r.code) << '\t'
                << r.enforces;
      // The sentence is the default reading's: say so where a profile or override changed it.
      if (const bpv::rule_info* d = bpv::find_rule(r.id); d && d->severity != r.severity)
        std::cout << " [" << bpv::to_string(d->severity) << " by default]";
      std::cout << '\n';
    }
  }
  return written(exit_valid, "rule table");
}

int run(int argc, char** argv) {
  // A reader that has gone (a closed pipe) is an I/O error like a full disk, exit 2 (cli.md),
  // not a death by SIGPIPE: the write fails with EPIPE and written() says so.
  std::signal(SIGPIPE, SIG_IGN);
  if (argc < 2) return usage_error("missing command: validate or rules");
  std::string_view cmd = argv[1];
  if ((cmd == "--help" || cmd == "-h" || cmd == "help" || cmd == "--version") && argc > 2)
    return usage_error("'" + std::string(cmd) + "' takes nothing after it");
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::cout << usage_text;
    return written(exit_valid, "usage");
  }
  if (cmd == "--version") {
    std::cout << "bpv " << bpv::version_string << "\n";
    return written(exit_valid, "version");
  }
  if (cmd == "validate") return run_validate(argc, argv);
  if (cmd == "rules") return run_rules(argc, argv);
  return usage_error("unknown command '" + std::string(cmd) + "'");
}

// std::cout and std::cerr write through descriptor_buffer while bpv runs (descriptor_io.hpp:
// a caller's non-blocking pipe gets the whole report), and through the library's own buffers
// again before static destruction flushes them.
struct standard_streams {
  bpv::cli::descriptor_buffer out{1}, err{2};
  std::streambuf* const old_out = std::cout.rdbuf(&out);
  std::streambuf* const old_err = std::cerr.rdbuf(&err);

  standard_streams() = default;
  standard_streams(const standard_streams&) = delete;
  standard_streams& operator=(const standard_streams&) = delete;
  ~standard_streams() {
    std::cout.flush();
    std::cerr.flush();
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
  }
};

}  // namespace

// Never a crash (cli.md): what no input caused, such as running out of memory outside a body's
// validation, is exit 2 with a word on standard error.
int main(int argc, char** argv) {
  hold_closed_standard_descriptors();
  standard_streams const streams;
  try {
    return run(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "bpv: out of memory\n";
  } catch (const std::exception& e) {
    std::cerr << "bpv: " << e.what() << "\n";
  }
  return exit_usage;
}
