/* The C API (include/bpv/bpv.h), every function, compiled as C99. Runs under ctest, and under
 * ASan and UBSan in the sanitizer build.
 * usage: c_api_test EXAMPLE_JSON   (examples/modify-request.json) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpv/bpv.h"

static int checks, failures;

#define CHECK(cond)                                                   \
  do {                                                                \
    ++checks;                                                         \
    if (!(cond)) {                                                    \
      ++failures;                                                     \
      fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                 \
  } while (0)

#define CHECK_STATUS(call, want)                                                            \
  do {                                                                                      \
    bpv_status got_ = (call);                                                               \
    ++checks;                                                                               \
    if (got_ != (want)) {                                                                   \
      ++failures;                                                                           \
      fprintf(stderr, "%s:%d: %s: got %d (%s), want %s\n", __FILE__, __LINE__, #call, (int)got_, \
              bpv_status_string(got_), #want);                                              \
    }                                                                                       \
  } while (0)

/* The text [p, p + len) equals the C string `s`. */
static int same(const char *p, size_t len, const char *s) { return len == strlen(s) && memcmp(p, s, len) == 0; }

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf;
  long n;
  if (!f) return NULL;
  if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
    fclose(f);
    return NULL;
  }
  buf = malloc((size_t)n + 1);
  if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
    free(buf);
    buf = NULL;
  }
  fclose(f);
  if (buf) {
    buf[n] = '\0';
    *len = (size_t)n;
  }
  return buf;
}

static bpv_status validate_text(bpv_validator *v, const char *body, const bpv_context *ctx, bpv_result *r) {
  return bpv_validate(v, body, strlen(body), ctx, r);
}

static void version_and_statuses(void) {
  bpv_status s;
  CHECK(strcmp(bpv_version(), BPV_VERSION_STRING) == 0);
  for (s = BPV_OK; s <= BPV_ERROR_INTERNAL; s = (bpv_status)(s + 1)) CHECK(bpv_status_string(s)[0] != '\0');
  CHECK(strcmp(bpv_status_string((bpv_status)99), "unknown status") == 0);
  /* Each status its own words (bpv.h names them). */
  CHECK(strcmp(bpv_status_string(BPV_OK), "ok") == 0);
  CHECK(strcmp(bpv_status_string(BPV_ERROR_INVALID_ARGUMENT), "invalid argument") == 0);
  CHECK(strcmp(bpv_status_string(BPV_ERROR_OUT_OF_RANGE), "index out of range") == 0);
  CHECK(strcmp(bpv_status_string(BPV_ERROR_NO_RESULT), "the result holds no validation") == 0);
  for (s = BPV_OK; s < BPV_ERROR_INTERNAL; s = (bpv_status)(s + 1))
    CHECK(strcmp(bpv_status_string(s), bpv_status_string((bpv_status)(s + 1))) != 0);
}

static void options(void) {
  bpv_options *o = NULL;
  CHECK_STATUS(bpv_options_create(NULL), BPV_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(bpv_options_create(&o), BPV_OK);
  CHECK(o != NULL);
  CHECK_STATUS(bpv_options_set_max_body_bytes(o, 0), BPV_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(bpv_options_set_max_depth(o, 0), BPV_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(bpv_options_set_max_body_bytes(NULL, 10), BPV_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(bpv_options_set_max_diagnostics(NULL, 1), BPV_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(bpv_options_set_max_diagnostics(o, 0), BPV_OK);
  CHECK_STATUS(bpv_options_set_profile(o, "strict"), BPV_ERROR_UNKNOWN_PROFILE);
  CHECK_STATUS(bpv_options_set_profile(o, NULL), BPV_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(bpv_options_set_profile(NULL, "modify"), BPV_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(bpv_options_set_profile(o, "lenient"), BPV_OK);
  CHECK_STATUS(bpv_options_set_rule(o, "no.such_rule", BPV_RULE_OFF), BPV_ERROR_UNKNOWN_RULE);
  CHECK_STATUS(bpv_options_set_rule(o, "frequency.type", BPV_RULE_OFF), BPV_ERROR_FIXED_RULE);
  CHECK_STATUS(bpv_options_set_rule(o, "frequency.type", BPV_RULE_ERROR), BPV_OK);
  CHECK_STATUS(bpv_options_set_rule(o, "member.unknown", (bpv_rule_level)42), BPV_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(bpv_options_set_rule(o, NULL, BPV_RULE_OFF), BPV_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(bpv_options_set_rule(NULL, "member.unknown", BPV_RULE_OFF), BPV_ERROR_INVALID_ARGUMENT);
  bpv_options_destroy(o);
  bpv_options_destroy(NULL);
}

static void the_example(const char *example_path) {
  size_t len = 0, n = 99;
  char *body = read_file(example_path, &len);
  bpv_validator *v = NULL;
  bpv_result *r = NULL;
  bpv_context ctx = {0};
  int valid = 0, http = 0;
  const char *json = NULL;
  size_t json_len = 0;
  CHECK(body != NULL);
  if (!body) return;
  CHECK_STATUS(bpv_validator_create(NULL, NULL), BPV_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(bpv_validator_create(NULL, &v), BPV_OK);
  CHECK_STATUS(bpv_result_create(NULL), BPV_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(bpv_result_create(&r), BPV_OK);
  /* Nothing to read before the first validation. */
  CHECK_STATUS(bpv_result_valid(r, &valid), BPV_ERROR_NO_RESULT);
  CHECK_STATUS(bpv_result_response_json(r, &json, &json_len), BPV_ERROR_NO_RESULT);

  ctx.project_id = "0605767fe980d5b52f7cc00d7a8a4b46";
  ctx.project_id_len = strlen(ctx.project_id);
  ctx.policy_id = "af8a20b0-117d-4fc3-ae53-aa3968a4f870";
  ctx.policy_id_len = strlen(ctx.policy_id);
  CHECK_STATUS(bpv_validate(v, body, len, &ctx, r), BPV_OK);
  CHECK_STATUS(bpv_result_valid(r, &valid), BPV_OK);
  CHECK(valid == 1);
  CHECK_STATUS(bpv_result_http_status(r, &http), BPV_OK);
  CHECK(http == 200);
  CHECK_STATUS(bpv_result_diagnostic_count(r, &n), BPV_OK);
  CHECK(n == 0);
  CHECK_STATUS(bpv_result_omitted(r, &n), BPV_OK);
  CHECK(n == 0);
  CHECK_STATUS(bpv_result_response_json(r, &json, &json_len), BPV_OK);
  CHECK(same(json, json_len, "{\"backup_policy_id\":\"af8a20b0-117d-4fc3-ae53-aa3968a4f870\"}"));
  CHECK(json[json_len] == '\0');
  CHECK_STATUS(bpv_result_effective_json(r, &json, &json_len), BPV_OK);
  CHECK(same(json, json_len,
             "{\"backup_policy_name\":\"policy_01\",\"scheduled_policy\":{\"start_time\":\"12:00\",\"week_frequency\":[\"MON\"],"
             "\"rentention_num\":10,\"remain_first_backup_of_curMonth\":\"Y\",\"status\":\"ON\"},\"time_zone\":\"UTC+08:00\"}"));

  /* Reading with bad arguments. */
  CHECK_STATUS(bpv_result_valid(NULL, &valid), BPV_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(bpv_result_valid(r, NULL), BPV_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(bpv_result_http_status(NULL, &http), BPV_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(bpv_result_diagnostic_count(r, NULL), BPV_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(bpv_result_omitted(NULL, &n), BPV_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(bpv_result_response_json(r, NULL, &json_len), BPV_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(bpv_result_effective_json(r, &json, NULL), BPV_ERROR_INVALID_ARGUMENT);

  bpv_result_destroy(r);
  bpv_validator_destroy(v);
  bpv_result_destroy(NULL);
  bpv_validator_destroy(NULL);
  free(body);
}

static void bad_bodies(void) {
  bpv_validator *v = NULL;
  bpv_result *r = NULL;
  bpv_diagnostic d;
  size_t n = 0;
  int valid = 1, http = 0;
  const char *json = NULL;
  size_t json_len = 0;
  const char *body = "{\"scheduled_policy\":{\"frequency\":1,\"start_time\":\"12:30\"}}";
  static const char binary[] = {'{', '"', 'a', '"', ':', '\0', '\xff', '}'};
  bpv_context ctx = {0};
  CHECK_STATUS(bpv_validator_create(NULL, &v), BPV_OK);
  CHECK_STATUS(bpv_result_create(&r), BPV_OK);

  CHECK_STATUS(validate_text(v, body, NULL, r), BPV_OK);
  CHECK_STATUS(bpv_result_valid(r, &valid), BPV_OK);
  CHECK(valid == 0);
  CHECK_STATUS(bpv_result_http_status(r, &http), BPV_OK);
  CHECK(http == 400);
  CHECK_STATUS(bpv_result_diagnostic_count(r, &n), BPV_OK);
  CHECK(n == 1);
  CHECK_STATUS(bpv_result_diagnostic(r, 0, &d), BPV_OK);
  CHECK(same(d.rule, d.rule_len, "start_time.full_hour") && d.rule[d.rule_len] == '\0');
  CHECK(d.severity == BPV_SEVERITY_ERROR);
  CHECK(same(d.code, d.code_len, "AutoBackup.0103") && d.code[d.code_len] == '\0');
  CHECK(same(d.path, d.path_len, "/scheduled_policy/start_time"));
  CHECK(d.offset == (size_t)(strstr(body, "12:30") - body) + 3);
  CHECK(d.message_len > 0 && d.message[d.message_len] == '\0');
  CHECK_STATUS(bpv_result_diagnostic(r, 1, &d), BPV_ERROR_OUT_OF_RANGE);
  CHECK_STATUS(bpv_result_diagnostic(r, 0, NULL), BPV_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(bpv_result_diagnostic(NULL, 0, &d), BPV_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(bpv_result_response_json(r, &json, &json_len), BPV_OK);
  CHECK(strncmp(json, "{\"error\":{\"code\":\"AutoBackup.0103\",\"message\":", 45) == 0);
  CHECK_STATUS(bpv_result_effective_json(r, &json, &json_len), BPV_OK);
  CHECK(same(json, json_len, "null"));

  /* An empty policy id (a pointer, length 0) is 0006, without a place; no body is 0000. */
  ctx.policy_id = "";
  CHECK_STATUS(bpv_validate(v, NULL, 0, &ctx, r), BPV_OK);
  CHECK_STATUS(bpv_result_diagnostic_count(r, &n), BPV_OK);
  CHECK(n == 2);
  CHECK_STATUS(bpv_result_diagnostic(r, 0, &d), BPV_OK);
  CHECK(same(d.code, d.code_len, "AutoBackup.0006"));
  CHECK(d.offset == BPV_NO_OFFSET);
  CHECK(same(d.path, d.path_len, ""));
  CHECK_STATUS(bpv_result_diagnostic(r, 1, &d), BPV_OK);
  CHECK(same(d.rule, d.rule_len, "body.empty"));

  /* The default policy cannot be renamed; the flag is any non-zero value (bpv.h), as in C. */
  ctx.policy_id = NULL;
  for (ctx.target_is_default = 1; ctx.target_is_default <= 2; ++ctx.target_is_default) {
    CHECK_STATUS(validate_text(v, "{\"backup_policy_name\":\"x\"}", &ctx, r), BPV_OK);
    CHECK_STATUS(bpv_result_diagnostic(r, 0, &d), BPV_OK);
    CHECK(same(d.code, d.code_len, "AutoBackup.0100"));
    CHECK_STATUS(bpv_result_response_json(r, &json, &json_len), BPV_OK);
    CHECK(strstr(json, "AutoBackup.0100") != NULL);
  }
  ctx.target_is_default = 0;

  /* A note (the page's precedence: frequency prevails) is an info, valid. */
  CHECK_STATUS(validate_text(v, "{\"scheduled_policy\":{\"frequency\":1,\"week_frequency\":[\"MON\"]}}", NULL, r),
               BPV_OK);
  CHECK_STATUS(bpv_result_valid(r, &valid), BPV_OK);
  CHECK(valid == 1);
  CHECK_STATUS(bpv_result_diagnostic_count(r, &n), BPV_OK);
  CHECK(n == 1);
  CHECK_STATUS(bpv_result_diagnostic(r, 0, &d), BPV_OK);
  CHECK(same(d.rule, d.rule_len, "week_frequency.ignored"));
  CHECK(d.severity == BPV_SEVERITY_INFO);

  /* A member name with a NUL character: the path's length tells. A warning has no code. */
  CHECK_STATUS(validate_text(v, "{\"a\\u0000b\":1,\"time_zone\":\"UTC+01:00\"}", NULL, r), BPV_OK);
  CHECK_STATUS(bpv_result_valid(r, &valid), BPV_OK);
  CHECK(valid == 1);
  CHECK_STATUS(bpv_result_diagnostic(r, 0, &d), BPV_OK);
  CHECK(d.severity == BPV_SEVERITY_WARNING);
  CHECK(d.code_len == 0 && d.code[0] == '\0');
  CHECK(d.path_len == 4 && memcmp(d.path, "/a\0b", 4) == 0);
  CHECK(d.offset == 1);

  /* Any bytes: a finding, not a failure. */
  CHECK_STATUS(bpv_validate(v, binary, sizeof binary, NULL, r), BPV_OK);
  CHECK_STATUS(bpv_result_diagnostic(r, 0, &d), BPV_OK);
  CHECK(same(d.code, d.code_len, "AutoBackup.0008"));

  /* Bad arguments: nothing is validated, and the result holds nothing. */
  CHECK_STATUS(bpv_validate(v, NULL, 3, NULL, r), BPV_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(bpv_validate(v, NULL, 1, NULL, r), BPV_ERROR_INVALID_ARGUMENT); /* any length, 1 too */
  CHECK_STATUS(bpv_validate(NULL, "{}", 2, NULL, r), BPV_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(bpv_validate(v, "{}", 2, NULL, NULL), BPV_ERROR_INVALID_ARGUMENT);
  ctx.project_id = NULL;
  ctx.project_id_len = 5;
  CHECK_STATUS(bpv_validate(v, "{}", 2, &ctx, r), BPV_ERROR_INVALID_ARGUMENT);
  ctx.project_id_len = 1;
  CHECK_STATUS(bpv_validate(v, "{}", 2, &ctx, r), BPV_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(bpv_result_valid(r, &valid), BPV_ERROR_NO_RESULT);

  bpv_result_destroy(r);
  bpv_validator_destroy(v);
}

static void profiles_and_rules(void) {
  bpv_options *o = NULL;
  bpv_validator *lenient = NULL, *strict = NULL;
  bpv_result *r = NULL;
  bpv_diagnostic d;
  int valid = 0;
  size_t n = 0;
  const char *json = NULL;
  size_t json_len = 0;
  const char *status_only = "{\"scheduled_policy\":{\"status\":\"OFF\"}}";

  CHECK_STATUS(bpv_result_create(&r), BPV_OK);
  CHECK_STATUS(bpv_options_create(&o), BPV_OK);
  CHECK_STATUS(bpv_options_set_profile(o, "lenient"), BPV_OK);
  CHECK_STATUS(bpv_validator_create(o, &lenient), BPV_OK);
  CHECK_STATUS(validate_text(lenient, status_only, NULL, r), BPV_OK);
  CHECK_STATUS(bpv_result_valid(r, &valid), BPV_OK);
  CHECK(valid == 1);
  CHECK_STATUS(bpv_result_effective_json(r, &json, &json_len), BPV_OK);
  CHECK(same(json, json_len, "{\"scheduled_policy\":{\"status\":\"OFF\"}}"));

  /* The same options with more settings: unknown members are errors, one diagnostic listed. */
  CHECK_STATUS(bpv_options_set_profile(o, "modify"), BPV_OK);
  CHECK_STATUS(bpv_options_set_rule(o, "member.unknown", BPV_RULE_ERROR), BPV_OK);
  CHECK_STATUS(bpv_options_set_max_diagnostics(o, 1), BPV_OK);
  CHECK_STATUS(bpv_options_set_max_body_bytes(o, 1000), BPV_OK);
  CHECK_STATUS(bpv_options_set_max_depth(o, 3), BPV_OK);
  CHECK_STATUS(bpv_validator_create(o, &strict), BPV_OK);
  bpv_options_destroy(o); /* a validator keeps what it needs */
  CHECK_STATUS(validate_text(strict, status_only, NULL, r), BPV_OK);
  CHECK_STATUS(bpv_result_valid(r, &valid), BPV_OK);
  CHECK(valid == 0);
  CHECK_STATUS(validate_text(strict, "{\"time_zone\":\"UTC+01:00\",\"a\":1,\"b\":2}", NULL, r), BPV_OK);
  CHECK_STATUS(bpv_result_diagnostic_count(r, &n), BPV_OK);
  CHECK(n == 1);
  CHECK_STATUS(bpv_result_omitted(r, &n), BPV_OK);
  CHECK(n == 1);
  CHECK_STATUS(bpv_result_diagnostic(r, 0, &d), BPV_OK);
  CHECK(same(d.rule, d.rule_len, "member.unknown") && d.severity == BPV_SEVERITY_ERROR);
  CHECK(same(d.code, d.code_len, "AutoBackup.0008"));
  CHECK_STATUS(validate_text(strict, "{\"a\":{\"b\":{\"c\":{}}}}", NULL, r), BPV_OK);
  CHECK_STATUS(bpv_result_diagnostic(r, 0, &d), BPV_OK);
  CHECK(same(d.rule, d.rule_len, "body.too_deep"));
  /* The lenient validator is unchanged by later changes to the options it was made from. */
  CHECK_STATUS(validate_text(lenient, status_only, NULL, r), BPV_OK);
  CHECK_STATUS(bpv_result_valid(r, &valid), BPV_OK);
  CHECK(valid == 1);

  bpv_validator_destroy(lenient);
  bpv_validator_destroy(strict);
  bpv_result_destroy(r);
}

/* Only the verdict and the findings: a valid result without its effective policy. */
static void verdict_only(void) {
  bpv_options *o = NULL;
  bpv_validator *v = NULL;
  bpv_result *r = NULL;
  int valid = 0;
  size_t n = 99;
  const char *json = NULL;
  size_t json_len = 0;
  const char *body = "{\"time_zone\":\"UTC+01:00\",\"note\":1}";

  CHECK_STATUS(bpv_options_set_effective_policy(NULL, 0), BPV_ERROR_INVALID_ARGUMENT);
  CHECK_STATUS(bpv_options_create(&o), BPV_OK);
  CHECK_STATUS(bpv_options_set_effective_policy(o, 0), BPV_OK);
  CHECK_STATUS(bpv_validator_create(o, &v), BPV_OK);
  CHECK_STATUS(bpv_result_create(&r), BPV_OK);
  CHECK_STATUS(validate_text(v, body, NULL, r), BPV_OK);
  CHECK_STATUS(bpv_result_valid(r, &valid), BPV_OK);
  CHECK(valid == 1);
  CHECK_STATUS(bpv_result_diagnostic_count(r, &n), BPV_OK);
  CHECK(n == 1); /* the unknown member's warning, as with the policy */
  CHECK_STATUS(bpv_result_effective_json(r, &json, &json_len), BPV_OK);
  CHECK(same(json, json_len, "null"));
  bpv_validator_destroy(v);

  /* Set back on: the policy again; any value but 0 is on, as C's truth is. */
  {
    int on[] = {1, -1, 2};
    size_t i;
    for (i = 0; i < sizeof on / sizeof on[0]; ++i) {
      CHECK_STATUS(bpv_options_set_effective_policy(o, on[i]), BPV_OK);
      CHECK_STATUS(bpv_validator_create(o, &v), BPV_OK);
      CHECK_STATUS(validate_text(v, body, NULL, r), BPV_OK);
      CHECK_STATUS(bpv_result_effective_json(r, &json, &json_len), BPV_OK);
      CHECK(same(json, json_len, "{\"time_zone\":\"UTC+01:00\"}"));
      bpv_validator_destroy(v);
    }
  }

  bpv_options_destroy(o);
  bpv_result_destroy(r);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: c_api_test EXAMPLE_JSON\n");
    return 2;
  }
  version_and_statuses();
  options();
  the_example(argv[1]);
  bad_bodies();
  profiles_and_rules();
  verdict_only();
  printf("c_api_test: %d checks, %d failed\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
