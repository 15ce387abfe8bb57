/* bpv: the C API (C99) of the validator for "Modifying a Backup Policy"
 * (PUT /v2/{project_id}/backuppolicy/{policy_id}), for C and for other languages' FFI.
 *
 * Every function that can fail returns a bpv_status; none lets an exception or a crash
 * through. Objects are opaque and made and freed here:
 *
 *   bpv_options    limits, profile, per-rule overrides (optional: NULL means the defaults)
 *   bpv_validator  reusable; one thread at a time (make one per thread)
 *   bpv_result     what one validation found; reused by the next bpv_validate() into it
 *
 * Strings read from a result stay valid until the next bpv_validate() into that result or
 * bpv_result_destroy(). Each comes as a NUL-terminated pointer and a length: paths may hold
 * NUL characters (a member name may be "\u0000"), so use the length where that matters.
 *
 * Threads: a bpv_options may be shared read-only by validators made on several threads at
 * once; a bpv_validator and a bpv_result belong to one thread at a time. */
#ifndef BPV_BPV_H
#define BPV_BPV_H

#include <stddef.h>

#include "bpv/export.h"
#include "bpv/version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The enums' type in C++ as in C: unsigned int, the type C compilers give an enum without
 * negative values. Fixed, so that a value outside an enum's list (an int from C or an FFI) is
 * a value C++ may hold, which the functions taking it answer (BPV_ERROR_INVALID_ARGUMENT,
 * "unknown status"), rather than undefined behaviour. */
#if defined(__cplusplus) && (__cplusplus >= 201103L || (defined(_MSVC_LANG) && _MSVC_LANG >= 201103L))
#define BPV_ENUM_TYPE : unsigned int
#else
#define BPV_ENUM_TYPE
#endif

typedef enum bpv_status BPV_ENUM_TYPE {
  BPV_OK = 0,
  BPV_ERROR_INVALID_ARGUMENT = 1, /* a NULL pointer where one is needed; NULL text with a length;
                                     a limit of 0 where one is refused; a level outside the enum */
  BPV_ERROR_OUT_OF_MEMORY = 2,
  BPV_ERROR_UNKNOWN_PROFILE = 3,  /* not "modify" or "lenient" */
  BPV_ERROR_UNKNOWN_RULE = 4,     /* no rule with that ID ("bpv rules" lists them) */
  BPV_ERROR_FIXED_RULE = 5,       /* that rule cannot be turned off or lowered */
  BPV_ERROR_OUT_OF_RANGE = 6,     /* a diagnostic index not below the count */
  BPV_ERROR_NO_RESULT = 7,        /* the result holds no validation (none yet, or the last failed) */
  BPV_ERROR_INTERNAL = 8          /* an unexpected failure inside the library */
} bpv_status;

typedef enum bpv_severity BPV_ENUM_TYPE { BPV_SEVERITY_ERROR = 0, BPV_SEVERITY_WARNING = 1, BPV_SEVERITY_INFO = 2 } bpv_severity;

/* What an override does to a rule: turn it off, or give its findings another severity. */
typedef enum bpv_rule_level BPV_ENUM_TYPE { BPV_RULE_OFF = 0, BPV_RULE_ERROR = 1, BPV_RULE_WARNING = 2, BPV_RULE_INFO = 3 } bpv_rule_level;
#undef BPV_ENUM_TYPE

/* A diagnostic's offset when the finding has no place (empty body, limits, URI). */
#define BPV_NO_OFFSET ((size_t)-1)

typedef struct bpv_options bpv_options;
typedef struct bpv_validator bpv_validator;
typedef struct bpv_result bpv_result;

/* What the URI and the caller know. Zero-initialise it ({0}), then fill in what you know.
 * A NULL id is "not given" (its length must then be 0); a non-NULL id of length 0 is empty:
 * an empty policy_id is AutoBackup.0006. The ids are copied where needed. */
typedef struct bpv_context {
  const char *project_id;
  size_t project_id_len;
  const char *policy_id;
  size_t policy_id_len;
  int target_is_default; /* non-zero: the tenant's default backup policy (it cannot be renamed) */
} bpv_context;

/* One finding. The strings belong to the result. */
typedef struct bpv_diagnostic {
  const char *rule; /* stable rule ID, e.g. "start_time.full_hour" */
  size_t rule_len;
  bpv_severity severity;
  const char *code; /* "AutoBackup.0103"; "" (length 0) for warnings and info */
  size_t code_len;
  const char *path; /* RFC 6901 JSON Pointer into the body; "" = whole body or URI */
  size_t path_len;
  size_t offset; /* byte offset into the body, or BPV_NO_OFFSET */
  const char *message;
  size_t message_len;
} bpv_diagnostic;

/* "MAJOR.MINOR.PATCH", as BPV_VERSION_STRING (`bpv --version` prints "bpv " and it). */
BPV_API const char *bpv_version(void);
/* A short English description of a status, e.g. "unknown rule ID". Never NULL. */
BPV_API const char *bpv_status_string(bpv_status status);

/* Options: the defaults (1 MiB body, 64 levels, 100 diagnostics, profile "modify", no
 * overrides) until changed. */
BPV_API bpv_status bpv_options_create(bpv_options **out);
BPV_API void bpv_options_destroy(bpv_options *options); /* NULL is fine */
BPV_API bpv_status bpv_options_set_max_body_bytes(bpv_options *options, size_t bytes); /* > 0 */
BPV_API bpv_status bpv_options_set_max_depth(bpv_options *options, size_t levels);     /* > 0; the root object is 1 */
/* At most `count` diagnostics are listed, the first in document order, and besides them the
 * first error when they do not include it (the response is made from it): so count + 1 at
 * most. 0 lists only the first error. bpv_result_omitted() counts the rest. */
BPV_API bpv_status bpv_options_set_max_diagnostics(bpv_options *options, size_t count);
/* "modify" (the default) or "lenient" (README "Profiles and rules"). */
BPV_API bpv_status bpv_options_set_profile(bpv_options *options, const char *name);
/* Turns a rule off or changes its severity; a later call for the same ID wins. */
BPV_API bpv_status bpv_options_set_rule(bpv_options *options, const char *rule_id, bpv_rule_level level);

/* Whether a valid result carries the effective policy (1, the default) or only the verdict and
 * the findings (0: bpv_result_effective_json gives "null", and validating skips making it). */
BPV_API bpv_status bpv_options_set_effective_policy(bpv_options *options, int on);

/* A validator from options (NULL: the defaults); the options may be destroyed afterwards. */
BPV_API bpv_status bpv_validator_create(const bpv_options *options, bpv_validator **out);
BPV_API void bpv_validator_destroy(bpv_validator *validator); /* NULL is fine */

BPV_API bpv_status bpv_result_create(bpv_result **out);
BPV_API void bpv_result_destroy(bpv_result *result); /* NULL is fine */

/* Validates body[0, body_len) (body may be NULL when body_len is 0) with the context (NULL:
 * nothing known) into `result`. Any bytes are fine: a bad body is a finding, not a failure.
 * Fails only for bad arguments or memory; then the result holds no validation. */
BPV_API bpv_status bpv_validate(bpv_validator *validator, const char *body, size_t body_len, const bpv_context *context,
                                bpv_result *result);

/* Reading a result. */
BPV_API bpv_status bpv_result_valid(const bpv_result *result, int *valid);             /* 1 valid, 0 not */
BPV_API bpv_status bpv_result_http_status(const bpv_result *result, int *http_status); /* 200 or 400 */
BPV_API bpv_status bpv_result_diagnostic_count(const bpv_result *result, size_t *count);
/* Diagnostics left out: beyond max_diagnostics, or once the listed ones' paths together have
 * passed 8 times the body's size (64 KiB at least; the one that passes it is listed). The first
 * error is always listed. */
BPV_API bpv_status bpv_result_omitted(const bpv_result *result, size_t *omitted);
/* The diagnostic at `index` (document order; index < count). */
BPV_API bpv_status bpv_result_diagnostic(const bpv_result *result, size_t index, bpv_diagnostic *out);
/* The service-shaped response body: {"backup_policy_id":...} or {"error":{"code":...,"message":...}}. */
BPV_API bpv_status bpv_result_response_json(const bpv_result *result, const char **json, size_t *len);
/* The effective policy (what the service would store) as JSON, or "null" when invalid or when
 * bpv_options_set_effective_policy turned it off. */
BPV_API bpv_status bpv_result_effective_json(const bpv_result *result, const char **json, size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* BPV_BPV_H */
