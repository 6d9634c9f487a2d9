/* accord — a small streaming JSON writer (compact or indented), for machine output. */
#ifndef ACCORD_JSON_H
#define ACCORD_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "accord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ac_json ac_json;

ac_json *ac_json_new(FILE *fp, int indent); /* indent 0: compact */
/* Frees w. AC_OK when everything was written and well nested; AC_EIO when the stream
 * failed; AC_EARG for w NULL or a misused writer (a value without its key, containers
 * left open or closed out of turn). */
ac_status ac_json_free(ac_json *w);

void ac_json_begin_object(ac_json *w);
void ac_json_end_object(ac_json *w);
void ac_json_begin_array(ac_json *w);
void ac_json_end_array(ac_json *w);
void ac_json_key(ac_json *w, const char *key);
void ac_json_string(ac_json *w, const char *s); /* NULL writes null */
void ac_json_number(ac_json *w, double x);      /* 17 significant digits at most, shortest exact; NaN/inf -> null */
void ac_json_int(ac_json *w, long long x);
/* 10^log10x as a JSON number, also past the range of a double (e.g. 3.16227766016838e314). */
void ac_json_number_log10(ac_json *w, double log10x);
void ac_json_uint_str(ac_json *w, const char *digits); /* an integer given as digits */
void ac_json_bool(ac_json *w, int b);
void ac_json_null(ac_json *w);

#ifdef __cplusplus
}
#endif
#endif
