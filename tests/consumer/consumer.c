/* Embeds bpv through its C API: the page's example is valid, a bad body is not.
 * usage: consumer_c EXAMPLE_JSON */
#include <bpv/bpv.h>

#include <stdio.h>
#include <string.h>

static int failures = 0;

static void expect(int ok, const char *what) {
  if (!ok) {
    fprintf(stderr, "consumer_c: failed: %s\n", what);
    ++failures;
  }
}

int main(int argc, char **argv) {
  static char example[1 << 16];
  const char *bad = "{\"scheduled_policy\":{\"frequency\":1,\"start_time\":\"12:30\"}}";
  size_t len, count = 9;
  FILE *f;
  bpv_validator *v = NULL;
  bpv_result *r = NULL;
  bpv_diagnostic d;
  int valid = -1;

  if (argc != 2 || !(f = fopen(argv[1], "rb"))) return 2;
  len = fread(example, 1, sizeof example, f);
  fclose(f);
  expect(strcmp(bpv_version(), BPV_EXPECTED_VERSION) == 0, "the version");
  expect(bpv_validator_create(NULL, &v) == BPV_OK && bpv_result_create(&r) == BPV_OK, "create");

  expect(bpv_validate(v, example, len, NULL, r) == BPV_OK, "validate the example");
  expect(bpv_result_valid(r, &valid) == BPV_OK && valid == 1, "the example is valid");
  expect(bpv_validate(v, bad, strlen(bad), NULL, r) == BPV_OK, "validate the bad body");
  expect(bpv_result_valid(r, &valid) == BPV_OK && valid == 0, "the bad body is invalid");
  expect(bpv_result_diagnostic_count(r, &count) == BPV_OK && count == 1, "one finding");
  expect(bpv_result_diagnostic(r, 0, &d) == BPV_OK && strcmp(d.code, "AutoBackup.0103") == 0 &&
             d.offset == (size_t)(strstr(bad, "12:30") - bad) + 3,
         "its code and place");

  bpv_result_destroy(r);
  bpv_validator_destroy(v);
  printf("consumer (C): %s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
