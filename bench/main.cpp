// bpv beside what a service would otherwise use, in one binary and one run: the cost of reading
// the JSON at all (the floor), a DOM parse, bpv, two JSON Schema validators with the schema of
// modify-policy.schema.json (see its "description" for what JSON Schema cannot say), and the two
// field grammars against plain loops and std::regex. One iteration is one request, so the time
// per iteration is the time per request; items/s is requests/s, bytes/s the input rate.
// Names are read by outside scripts (see bench/run): keep them.
#include <benchmark/benchmark.h>
#include <rapidjson/document.h>
#include <rapidjson/reader.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>
#include <simdjson.h>
#include <valijson/adapters/rapidjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>

#include "alloc_counter.hpp"
#include "bpv/bpv.hpp"
#include "corpus.hpp"
#include "fields.hpp"
#include "internal_access.hpp"
#include "json/walker.hpp"
#include "rules/bind.hpp"
#include "rules/findings.hpp"
#include "rules/rule_set.hpp"

namespace {

namespace od = simdjson::ondemand;
using set = std::vector<std::string>;

const bench::corpus& requests() {
  static const bench::corpus c = [] {
    const char* n = std::getenv("BPV_BENCH_REQUESTS");
    return bench::make_corpus(n ? std::strtoul(n, nullptr, 10) : 1000, 20261127);
  }();
  return c;
}

// The first few valid requests, over and over: the processor soon learns every branch they take,
// which it cannot on the thousand varied ones. Beside the valid rows, what guessing wrong costs
// each reader (on a service, requests vary as the corpus does: these rows are not its speed).
const set& few_valid() {
  static const set s(requests().valid.begin(), requests().valid.begin() + std::min<std::size_t>(6, requests().valid.size()));
  return s;
}

// By view: GCC 14 takes a reference returned from a temporary std::string argument for a
// dangling one (-Wdangling-reference), though each set lives as long as the program.
const set& pick(std::string_view name) {
  const auto& c = requests();
  if (name == "valid_few") return few_valid();
  if (name == "valid") return c.valid;
  if (name == "invalid") return c.invalid;
  if (name == "noted") return c.noted;
  return c.mixed;
}

std::vector<simdjson::padded_string> padded(const set& s) {
  std::vector<simdjson::padded_string> out;
  for (const auto& body : s) out.emplace_back(body);
  return out;
}

// Per-request rates: items are requests, bytes the bodies' bytes.
void rates(benchmark::State& state, const set& s) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bench::bytes_of(s) / s.size()));
}

// ---- the floor: On-Demand reading every value, and nothing else -------------------------------

simdjson::error_code read_all(od::value v, std::size_t& sum) {
  od::json_type t;
  if (auto ec = v.type().get(t)) return ec;
  switch (t) {
    case od::json_type::object: {
      od::object o;
      if (auto ec = v.get_object().get(o)) return ec;
      for (auto field : o) {
        std::string_view key;
        if (auto ec = field.unescaped_key().get(key)) return ec;
        sum += key.size();
        od::value child;
        if (auto ec = field.value().get(child)) return ec;
        if (auto ec = read_all(child, sum)) return ec;
      }
      return simdjson::SUCCESS;
    }
    case od::json_type::array: {
      od::array a;
      if (auto ec = v.get_array().get(a)) return ec;
      for (auto item : a) {
        od::value child;
        if (auto ec = item.get(child)) return ec;
        if (auto ec = read_all(child, sum)) return ec;
      }
      return simdjson::SUCCESS;
    }
    case od::json_type::string: {
      std::string_view s;
      if (auto ec = v.get_string().get(s)) return ec;
      sum += s.size();
      return simdjson::SUCCESS;
    }
    case od::json_type::number: {
      od::number n;
      if (auto ec = v.get_number().get(n)) return ec;
      sum += static_cast<std::size_t>(n.get_number_type());
      return simdjson::SUCCESS;
    }
    case od::json_type::boolean: {
      bool b;
      if (auto ec = v.get_bool().get(b)) return ec;
      sum += b;
      return simdjson::SUCCESS;
    }
    case od::json_type::null: return v.is_null() ? simdjson::SUCCESS : simdjson::INCORRECT_TYPE;
  }
  return simdjson::INCORRECT_TYPE;
}

void floor_bench(benchmark::State& state, const std::string& which) {
  const set& s = pick(which);
  auto bodies = padded(s);
  od::parser parser;
  std::size_t i = 0, sum = 0;
  for (auto _ : state) {
    const auto& body = bodies[i];
    if (++i == bodies.size()) i = 0;
    od::document doc;
    if (parser.iterate(body).get(doc)) continue;
    od::value root;
    if (doc.get_value().get(root)) continue;
    bool ok = !read_all(root, sum);
    const char* at = nullptr;
    ok = ok && doc.current_location().get(at) == simdjson::OUT_OF_BOUNDS;  // nothing after it
    benchmark::DoNotOptimize(ok);
  }
  benchmark::DoNotOptimize(sum);
  rates(state, s);
}

void dom_bench(benchmark::State& state, const std::string& which) {
  const set& s = pick(which);
  auto bodies = padded(s);
  simdjson::dom::parser parser;
  std::size_t i = 0;
  for (auto _ : state) {
    simdjson::dom::element root;
    auto ec = parser.parse(bodies[i]).get(root);
    if (++i == bodies.size()) i = 0;
    benchmark::DoNotOptimize(ec);
    benchmark::DoNotOptimize(root);
  }
  rates(state, s);
}

// simdjson's first stage alone (its structural index), as bpv runs it before reading the request
// from it: the part of bpv's time that is simdjson's.
void stage1_bench(benchmark::State& state, const std::string& which) {
  const set& s = pick(which);
  auto bodies = padded(s);
  simdjson::dom::parser parser;
  if (parser.allocate(1 << 16)) throw std::runtime_error("cannot allocate the parser");
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& body = bodies[i];
    if (++i == bodies.size()) i = 0;
    auto ec = parser.implementation->stage1(reinterpret_cast<const std::uint8_t*>(body.data()), body.size(),
                                            simdjson::stage1_mode::regular);
    benchmark::DoNotOptimize(ec);
  }
  rates(state, s);
}

// ---- bpv ----------------------------------------------------------------------------------------

// `document`: the index reading off, so that every request is read from the walked document
// (bpv_document/...): what reading the request straight from the structural index saves.
// `effective`: options::effective_policy (bpv_verdict/...: what a service that needs only the
// verdict and the findings pays).
void bpv_bench(benchmark::State& state, const std::string& which, bool document = false, bool effective = true) {
  const set& s = pick(which);
  bpv::options o;
  o.effective_policy = effective;
  bpv::validator v(o);
  if (document) bpv::internal_access::use_index_route(v, false);
  bpv::context ctx;
  ctx.policy_id = "af8a20b0-117d-4fc3-ae53-aa3968a4f870";
  bpv::report r;
  for (const auto& body : s) v.validate(body, ctx, r);  // warm-up: buffers reach their size
  std::size_t i = 0, valid = 0;
  std::uint64_t const before = bench::allocations();
  for (auto _ : state) {
    v.validate(s[i], ctx, r);
    valid += r.valid;
    if (++i == s.size()) i = 0;
  }
  std::uint64_t const allocs = bench::allocations() - before;
  benchmark::DoNotOptimize(valid);
  rates(state, s);
  // Per request of this thread; with several threads, their average.
  state.counters["allocs_per_req"] = benchmark::Counter(
      static_cast<double>(allocs) / static_cast<double>(state.iterations()), benchmark::Counter::kAvgThreads);
}

// The valid set through the validator's layers, one more each row (stage/index: simdjson's first
// stage; stage/bind: and the request read from its index; stage/check: and the rules;
// stage/finish: and the report's findings; stage/effective: and the effective policy), where
// validate() spends its time on a clean request. The private layers as validator.cpp calls them.
void stage_bench(benchmark::State& state, int stages) {
  const set& s = pick("valid");
  bpv::json::walker walker;
  bpv::engine::request req;
  bpv::engine::index_scratch index_room;
  bpv::engine::scratch scratch;
  bpv::engine::rule_set rules;
  bpv::engine::findings::storage room;
  bpv::json::document doc;
  bpv::policy effective;
  std::vector<bpv::diagnostic> diagnostics;
  bpv::context ctx;
  ctx.policy_id = "af8a20b0-117d-4fc3-ae53-aa3968a4f870";
  bpv::json::walk_limits const limits{std::size_t{1} << 20, 64};
  std::size_t i = 0, sum = 0;
  for (auto _ : state) {
    std::size_t const body_size = s[i].size();
    std::optional<bpv::json::structure> const index = walker.index(s[i], limits);
    if (++i == s.size()) i = 0;
    if (!index) continue;
    sum += index->count();
    if (stages < 2 || !bpv::engine::bind_index(*index, limits.max_depth, req, index_room)) continue;
    if (stages < 3) continue;
    bpv::engine::findings f(&doc, 100, &rules, room);
    bpv::engine::check(req, nullptr, ctx, rules, scratch, f);
    sum += f.raised();
    if (stages < 4) continue;
    sum += f.finish(diagnostics, body_size);
    if (stages < 5) continue;
    bpv::engine::effective_into(req, scratch, effective);
  }
  benchmark::DoNotOptimize(sum);
  rates(state, s);
}

// ---- JSON Schema validators ---------------------------------------------------------------------

std::string schema_text() { return bench::read_file(BPV_BENCH_DIR "/modify-policy.schema.json"); }

const rapidjson::Document& schema_json() {
  static const rapidjson::Document d = [] {
    rapidjson::Document doc;
    doc.Parse(schema_text().c_str());
    if (doc.HasParseError()) throw std::runtime_error("modify-policy.schema.json is not JSON");
    return doc;
  }();
  return d;
}

// The member `name` of object v, or null. (Not FindMember against MemberEnd(): RapidJSON 1.1's
// iterator comparisons are ambiguous under C++20's reversed operators, which clang warns of.)
rapidjson::Value* member(rapidjson::Value& v, const char* name) { return v.HasMember(name) ? &v[name] : nullptr; }

// The schema with its '<' and '>' rule emptied (the definitions "clean", for the two objects'
// other members, and "no_angle_names"), for the rows "_no_angles": what the peers cost without
// the one rule that looks at every name and string of the body.
const rapidjson::Document& schema_json_without_angles() {
  static const rapidjson::Document d = [] {
    rapidjson::Document doc;
    doc.CopyFrom(schema_json(), doc.GetAllocator());
    for (const char* name : {"clean", "no_angle_names"}) {
      rapidjson::Value* definition = member(doc["definitions"], name);
      if (!definition) throw std::runtime_error("modify-policy.schema.json: no definition " + std::string(name));
      definition->SetObject();  // {}: anything
    }
    return doc;
  }();
  return d;
}

// The schema as valijson is given it: draft 7, with "no_angle_names" written out as propertyNames
// wherever it is referred to. valijson 1.0 compiles a std::regex for every patternProperties check
// (the draft-4 form, which RapidJSON 1.1 needs: it has no propertyNames), but only once for
// propertyNames; and it ignores propertyNames reached through a $ref inside allOf, so the rule is
// written in place. The same rules: check_valijson_forms() holds them to the same verdicts.
rapidjson::Document for_valijson(const rapidjson::Document& draft4) {
  rapidjson::Document doc;
  auto& a = doc.GetAllocator();
  doc.CopyFrom(draft4, a);
  doc["$schema"].SetString("http://json-schema.org/draft-07/schema#", a);
  rapidjson::Value names;  // what "no_angle_names" says, in draft 7
  if (doc["definitions"]["no_angle_names"].ObjectEmpty()) {
    names.SetObject();  // emptied (the "_no_angles" rows)
  } else {
    rapidjson::Value no(rapidjson::kObjectType), angle(rapidjson::kObjectType);
    angle.AddMember("pattern", "[<>]", a);
    no.AddMember("not", angle, a);
    names.SetObject().AddMember("propertyNames", no, a);
  }
  doc["definitions"].RemoveMember("no_angle_names");
  auto rewrite = [&](auto& self, rapidjson::Value& v) -> void {
    if (v.IsArray()) {
      for (auto& item : v.GetArray()) self(self, item);
      return;
    }
    if (!v.IsObject()) return;
    if (const rapidjson::Value* ref = member(v, "$ref"); ref && *ref == "#/definitions/no_angle_names") {
      v.CopyFrom(names, a);
      return;
    }
    // Draft 4's boolean exclusiveMaximum beside maximum is draft 7's number.
    if (rapidjson::Value* ex = member(v, "exclusiveMaximum"); ex && ex->IsBool()) {
      if (ex->GetBool()) {
        ex->CopyFrom(v["maximum"], a);
        v.RemoveMember("maximum");
      } else {
        v.RemoveMember("exclusiveMaximum");
      }
    }
    for (rapidjson::SizeType i = 0; i < v.MemberCount(); ++i) self(self, (v.MemberBegin() + i)->value);  // (see member())
  };
  rewrite(rewrite, doc);
  return doc;
}

struct valijson_schema {
  explicit valijson_schema(const rapidjson::Document& draft4) : text(for_valijson(draft4)) {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::RapidJsonAdapter adapter(text);
    parser.populateSchema(adapter, schema);
  }
  rapidjson::Document text;
  valijson::Schema schema;
};

// Whether valijson accepts `body` under `schema`; reports every error, as bpv reports every
// finding. A body that is not JSON is refused.
bool valijson_accepts(const valijson::Schema& schema, valijson::Validator& validator, const std::string& body) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(body.c_str());
  if (doc.HasParseError()) return false;
  valijson::ValidationResults results;
  return validator.validate(schema, valijson::adapters::RapidJsonAdapter(doc), &results);
}

bool rapidjson_accepts(rapidjson::SchemaValidator& validator, const std::string& body) {
  validator.Reset();
  rapidjson::Reader reader;
  rapidjson::StringStream in(body.c_str());
  // UTF-8 checked as bpv checks it (RapidJSON's default takes any bytes). Its SchemaValidator
  // stops at the first error: it has no way to go on (valijson_accepts asks for every one).
  return reader.Parse<rapidjson::kParseValidateEncodingFlag>(in, validator) && validator.IsValid();
}

// Before any timing: valijson's draft-7 form of the schema gives the verdicts of the draft-4 form
// on every request of the mixed set and on bodies with '<' or '>' in names at each depth (else
// the rows would compare different rules); neither peer refuses a request bpv accepts (the schema
// states less than the page, never more); and how many requests each accepts.
void check_valijson_forms() {
  valijson::Schema draft4;
  {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft4);
    valijson::adapters::RapidJsonAdapter adapter(schema_json());
    parser.populateSchema(adapter, draft4);
  }
  valijson_schema const draft7(schema_json());
  valijson::Validator validator;
  rapidjson::SchemaDocument rj_schema(schema_json());
  rapidjson::SchemaValidator rj(rj_schema);
  std::vector<std::string> bodies = requests().mixed;
  for (const char* extra : {R"({"time_zone":"UTC+08:00","<a":1})", R"({"time_zone":"UTC+08:00","a":{"b>":1}})",
                            R"({"time_zone":"UTC+08:00","a":[{"c":{"<":2}}]})",
                            R"({"scheduled_policy":{"frequency":1,"x<":1}})", R"({"scheduled_policy":{"frequency":1,"x":{"y":{">":0}}}})",
                            R"({"scheduled_policy":{"frequency":1,"rentention_day":100000}})",
                            R"({"scheduled_policy":{"frequency":1,"rentention_day":99999.5}})",
                            R"({"time_zone":"UTC+08:00","scheduled_policy":{"frequency":1,"start_time":"03:00,03:00"}})"})
    bodies.emplace_back(extra);
  std::size_t const mixed = requests().mixed.size();
  std::size_t by_bpv = 0, by_rapidjson = 0, by_valijson = 0;  // of the mixed set
  bpv::validator v;
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    bool const four = valijson_accepts(draft4, validator, bodies[i]), seven = valijson_accepts(draft7.schema, validator, bodies[i]);
    if (four != seven) throw std::logic_error("bench: valijson's draft-7 schema and the draft-4 one disagree on " + bodies[i]);
    if (i >= mixed) continue;
    bool const rapidjson = rapidjson_accepts(rj, bodies[i]), ours = v.validate(bodies[i]).valid;
    if (ours && !(four && rapidjson)) throw std::logic_error("bench: the schema refuses a request bpv accepts: " + bodies[i]);
    by_valijson += four;
    by_rapidjson += rapidjson;
    by_bpv += ours;
  }
  std::fprintf(stderr, "bench: of the %zu mixed requests, bpv accepts %zu, RapidJSON %zu, valijson %zu (either form of the schema)\n",
               mixed, by_bpv, by_rapidjson, by_valijson);
}

void rapidjson_schema_bench(benchmark::State& state, const std::string& which, bool angles) {
  const set& s = pick(which);
  rapidjson::SchemaDocument schema(angles ? schema_json() : schema_json_without_angles());
  rapidjson::SchemaValidator validator(schema);
  std::size_t i = 0, valid = 0;
  for (auto _ : state) {
    valid += rapidjson_accepts(validator, s[i]);
    if (++i == s.size()) i = 0;
  }
  benchmark::DoNotOptimize(valid);
  rates(state, s);
}

void valijson_bench(benchmark::State& state, const std::string& which, bool angles) {
  const set& s = pick(which);
  valijson_schema const schema(angles ? schema_json() : schema_json_without_angles());
  valijson::Validator validator;
  std::size_t i = 0, valid = 0;
  for (auto _ : state) {
    valid += valijson_accepts(schema.schema, validator, s[i]);
    if (++i == s.size()) i = 0;
  }
  benchmark::DoNotOptimize(valid);
  rates(state, s);
}

// ---- the field grammars -------------------------------------------------------------------------

// start_time and time_zone of every request of the mixed set that has them as strings.
struct field_pair {
  std::string start_time, time_zone;
};
const std::vector<field_pair>& field_pairs() {
  static const std::vector<field_pair> pairs = [] {
    std::vector<field_pair> out;
    simdjson::dom::parser parser;
    for (const auto& body : requests().mixed) {
      simdjson::dom::element root;
      if (parser.parse(body).get(root)) continue;
      std::string_view st, tz;
      if (root["scheduled_policy"]["start_time"].get(st) || root["time_zone"].get(tz)) continue;
      out.push_back({std::string(st), std::string(tz)});
    }
    return out;
  }();
  return pairs;
}

template <class Parse>
void fields_bench(benchmark::State& state, Parse parse) {
  const auto& pairs = field_pairs();
  std::vector<bpv::grammar::clock_time> times;
  bpv::grammar::utc_offset tz;
  std::size_t i = 0, ok = 0, bytes = 0;
  for (const auto& p : pairs) bytes += p.start_time.size() + p.time_zone.size();
  for (auto _ : state) {
    ok += parse(pairs[i], times, tz);
    if (++i == pairs.size()) i = 0;
  }
  benchmark::DoNotOptimize(ok);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes / pairs.size()));
}

// ---- scaling ------------------------------------------------------------------------------------

void scale_bench(benchmark::State& state, const std::string& shape, std::size_t size) {
  std::string const body = bench::make_scaled(shape, size);
  bpv::options opts;
  opts.limits.max_body_bytes = std::size_t{2} << 20;
  // Every finding listed, as many as the body makes (the members shape: a warning each), not the
  // first 100 of the default.
  opts.limits.max_diagnostics = std::numeric_limits<std::size_t>::max();
  bpv::validator v(opts);
  bpv::report r;
  v.validate(body, {}, r);
  std::uint64_t const before = bench::allocations();
  for (auto _ : state) {
    v.validate(body, {}, r);
    benchmark::DoNotOptimize(r.valid);
  }
  // Counted before the counters below, whose entries Google Benchmark allocates.
  std::uint64_t const allocs = bench::allocations() - before;
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
  state.counters["body_bytes"] = static_cast<double>(body.size());
  state.counters["allocs_per_req"] = static_cast<double>(allocs) / static_cast<double>(state.iterations());
}

// Two threads, one validator each, over the mixed set: compare items/s with the one-thread run.
void threads_bench(benchmark::State& state) {
  bpv_bench(state, "mixed");
}

// Every benchmark also reports the least of its repetitions ("min" aggregates beside the
// medians): on a shared machine other tenants only ever add time, so the least is the steadiest
// figure of a run; the medians are the ones the issue's names and outside scripts read.
benchmark::internal::Benchmark* least(benchmark::internal::Benchmark* b) {
  return b->ComputeStatistics("min", [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); });
}

void register_all() {
  for (const char* which : {"valid", "mixed", "valid_few"})
    least(benchmark::RegisterBenchmark((std::string("floor/") + which).c_str(), floor_bench, std::string(which)));
  least(benchmark::RegisterBenchmark("dom/mixed", dom_bench, std::string("mixed")));
  least(benchmark::RegisterBenchmark("dom/valid", dom_bench, std::string("valid")));
  least(benchmark::RegisterBenchmark("stage1/valid", stage1_bench, std::string("valid")));
  for (const char* which : {"valid", "noted", "invalid", "mixed", "valid_few"})
    least(benchmark::RegisterBenchmark((std::string("bpv/") + which).c_str(), bpv_bench, std::string(which), false, true));
  for (const char* which : {"valid", "noted", "invalid", "mixed"})
    least(benchmark::RegisterBenchmark((std::string("bpv_document/") + which).c_str(), bpv_bench, std::string(which), true, true));
  for (const char* which : {"valid", "mixed", "valid_few"})
    least(benchmark::RegisterBenchmark((std::string("bpv_verdict/") + which).c_str(), bpv_bench, std::string(which), false,
                                       false));
  int stage = 0;
  for (const char* name : {"stage/index", "stage/bind", "stage/check", "stage/finish", "stage/effective"})
    least(benchmark::RegisterBenchmark(name, stage_bench, ++stage));
  least(benchmark::RegisterBenchmark("rapidjson_schema/mixed", rapidjson_schema_bench, std::string("mixed"), true));
  least(benchmark::RegisterBenchmark("valijson/mixed", valijson_bench, std::string("mixed"), true));
  least(benchmark::RegisterBenchmark("rapidjson_schema_no_angles/mixed", rapidjson_schema_bench, std::string("mixed"), false));
  least(benchmark::RegisterBenchmark("valijson_no_angles/mixed", valijson_bench, std::string("mixed"), false));

  least(benchmark::RegisterBenchmark("fields/x3", fields_bench<bool (*)(const field_pair&, std::vector<bpv::grammar::clock_time>&,
                                                                   bpv::grammar::utc_offset&)>,
                               [](const field_pair& p, std::vector<bpv::grammar::clock_time>& t, bpv::grammar::utc_offset& z) {
                                 return !bpv::grammar::parse_start_times(p.start_time, t) &&
                                        !bpv::grammar::parse_utc_offset(p.time_zone, z);
                               }));
  least(benchmark::RegisterBenchmark("fields/hand", fields_bench<bool (*)(const field_pair&, std::vector<bpv::grammar::clock_time>&,
                                                                     bpv::grammar::utc_offset&)>,
                               [](const field_pair& p, std::vector<bpv::grammar::clock_time>& t, bpv::grammar::utc_offset& z) {
                                 return !bench::hand::start_times(p.start_time, t) && !bench::hand::utc_offset(p.time_zone, z);
                               }));
  static const bench::regex::fields compiled;
  least(benchmark::RegisterBenchmark("fields/regex", fields_bench<bool (*)(const field_pair&, std::vector<bpv::grammar::clock_time>&,
                                                                      bpv::grammar::utc_offset&)>,
                               [](const field_pair& p, std::vector<bpv::grammar::clock_time>& t, bpv::grammar::utc_offset& z) {
                                 return compiled.start_times(p.start_time, t) && compiled.utc_offset(p.time_zone, z);
                               }));

  for (const char* shape : {"string", "start_time", "members"})
    for (std::size_t size : {std::size_t{200}, std::size_t{1} << 10, std::size_t{16} << 10, std::size_t{256} << 10, std::size_t{1} << 20})
      least(benchmark::RegisterBenchmark(("bpv/scale/" + std::string(shape) + "/" + std::to_string(size)).c_str(), scale_bench,
                                   std::string(shape), size));

  least(benchmark::RegisterBenchmark("bpv/mixed_threads", threads_bench))->Threads(1)->Threads(2)->UseRealTime();
}

}  // namespace

int main(int argc, char** argv) {
  const auto& c = requests();
  std::fprintf(stderr, "bench: %zu requests (%zu valid without findings, %zu valid with notes or warnings, %zu invalid), %zu bytes\n",
               c.mixed.size(), c.valid.size(), c.noted.size(), c.invalid.size(), bench::bytes_of(c.mixed));
  check_valijson_forms();
  register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
