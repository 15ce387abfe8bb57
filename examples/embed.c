/* Embedding bpv from C (or any language with a C FFI): validate a request body, answer with
 * the service's response, and log every finding with its place.
 * usage: embed_c FILE     (e.g. examples/modify-request.json) */
#include <bpv/bpv.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads a whole file; NULL on failure. */
static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  size_t cap = 0, n = 0, got;
  if (!f) return NULL;
  do {
    if (n == cap) {
      char *bigger = realloc(buf, cap = cap ? 2 * cap : 4096);
      if (!bigger) break;
      buf = bigger;
    }
    got = fread(buf + n, 1, cap - n, f);
    n += got;
  } while (got > 0);
  if (ferror(f)) { /* a directory, an I/O error: not an empty body */
    free(buf);
    buf = NULL;
  }
  fclose(f);
  *len = n;
  return buf;
}

static const char *const severity_names[] = {"error", "warning", "info"}; /* by bpv_severity */

int main(int argc, char **argv) {
  bpv_validator *v = NULL;
  bpv_result *r = NULL;
  bpv_context ctx = {0};
  const char *response, *effective;
  size_t body_len = 0, response_len, effective_len, count = 0, i;
  int valid = 0, http_status = 0;
  char *body;

  if (argc != 2 || !(body = read_all(argv[1], &body_len))) {
    fprintf(stderr, "usage: embed_c FILE\n");
    return 2;
  }
  if (bpv_validator_create(NULL, &v) != BPV_OK || bpv_result_create(&r) != BPV_OK) {
    fprintf(stderr, "embed_c: out of memory\n");
    return 2;
  }

  ctx.policy_id = "af8a20b0-117d-4fc3-ae53-aa3968a4f870";
  ctx.policy_id_len = strlen(ctx.policy_id);
  if (bpv_validate(v, body, body_len, &ctx, r) == BPV_OK) {
    bpv_result_valid(r, &valid);
    bpv_result_http_status(r, &http_status);
    bpv_result_response_json(r, &response, &response_len);
    printf("%d %.*s\n", http_status, (int)response_len, response);
    bpv_result_diagnostic_count(r, &count);
    for (i = 0; i < count; ++i) {
      bpv_diagnostic d;
      bpv_result_diagnostic(r, i, &d);
      char offset[24] = "null";
      if (d.offset != BPV_NO_OFFSET) snprintf(offset, sizeof offset, "%zu", d.offset);
      printf("%s %s %s at '%.*s' byte %s: %s\n", severity_names[d.severity], d.rule, d.code_len ? d.code : "-",
             (int)d.path_len, d.path, offset, d.message);
    }
    /* What the service would store (members of the API, precedence applied); null when invalid. */
    bpv_result_effective_json(r, &effective, &effective_len);
    printf("stored: %.*s\n", (int)effective_len, effective);
  }

  bpv_result_destroy(r);
  bpv_validator_destroy(v);
  free(body);
  return valid ? 0 : 1;
}
