/* accord — status codes and error reports.
 *
 * Every fallible library call returns an ac_status and, when it fails, fills the
 * caller's ac_error (may be NULL) with a location and a message. Loaders that find
 * several problems also append each one to an ac_diags list (may be NULL). */
#ifndef ACCORD_ERROR_H
#define ACCORD_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* printf-style checking of format arguments, where the compiler offers it. */
#if defined(__GNUC__) || defined(__clang__)
#define AC_PRINTF_LIKE(fmt, first) __attribute__((format(printf, fmt, first)))
#else
#define AC_PRINTF_LIKE(fmt, first)
#endif

/* One table for every status: name, code, description. */
#define AC_STATUS_MAP(X)                                           \
    X(OK, 0, "success")                                            \
    X(EINPUT, 1, "invalid input")                                  \
    X(EIO, 2, "input/output error")                                \
    X(ENOMEM, 3, "out of memory")                                  \
    X(ELIMIT, 4, "limit exceeded")                                 \
    X(EARG, 5, "invalid argument")                                 \
    X(EINTERNAL, 6, "internal error")

typedef enum {
#define AC__STATUS_ENUM(name, code, text) AC_##name = code,
    AC_STATUS_MAP(AC__STATUS_ENUM)
#undef AC__STATUS_ENUM
} ac_status;

const char *ac_strerror(ac_status s);
const char *ac_err_name(ac_status s);

typedef struct ac_error {
    ac_status code;
    char file[256]; /* "" when the problem has no file */
    int line;       /* 1-based; 0 when unknown */
    int col;        /* 1-based; 0 when unknown */
    char message[512];
} ac_error;

void ac_error_clear(ac_error *err);
/* Fills err (when not NULL) and returns code, so callers can `return ac_error_set(...)`. */
ac_status ac_error_set(ac_error *err, ac_status code, const char *file, int line, int col,
                       const char *fmt, ...) AC_PRINTF_LIKE(6, 7);
/* "file:line:col: message" (parts that are unknown are left out). */
void ac_error_format(const ac_error *err, char *buf, size_t size);

/* A list of located problems, kept in the order they were found. */
typedef struct ac_diag {
    const char *file;
    int line, col;
    const char *message;
} ac_diag;

typedef struct ac_diags ac_diags;
ac_diags *ac_diags_new(void);
void ac_diags_free(ac_diags *d);
size_t ac_diags_count(const ac_diags *d);
const ac_diag *ac_diags_get(const ac_diags *d, size_t i);
/* Returns AC_ENOMEM when the entry could not be stored, else AC_OK. */
ac_status ac_diags_add(ac_diags *d, const char *file, int line, int col, const char *fmt, ...)
    AC_PRINTF_LIKE(5, 6);
/* Sorts by (line, col), keeping the order of equal positions. */
void ac_diags_sort(ac_diags *d);

#ifdef __cplusplus
}
#endif
#endif
