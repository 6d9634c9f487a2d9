/* Internal: the user's budget for a long computation (see ac_analyze_opts) as the
 * analysis modules check it.
 *
 * A computation asks ac__budget_check() at points where stopping leaves nothing
 * half-written (between DP layers, every few thousand filter queries, between jobs of
 * the enumeration); a non-zero answer says which limit was hit, and the computation
 * returns AC_ELIMIT with a message saying so. The checks are cheap (a clock read at
 * most), so they may be frequent enough for an interrupt to take effect well within a
 * second. */
#ifndef ACCORD_ANALYSIS_BUDGET_H
#define ACCORD_ANALYSIS_BUDGET_H

#include <stddef.h>

typedef enum {
    AC__GO = 0,
    AC__STOP_TIME = 1,      /* the time limit passed */
    AC__STOP_CANCEL = 2,    /* the caller's cancel flag was raised (Ctrl-C) */
    AC__STOP_MEMORY = 3,    /* the memory cap would be exceeded */
    AC__STOP_POINTS = 4,    /* a frontier would exceed the point limit */
} ac__stop;

typedef struct ac__budget {
    double deadline;            /* ac__now() seconds; 0: none */
    size_t max_points;          /* frontier points (also partial ones); 0: none */
    size_t max_bytes;           /* working memory of one computation; 0: none */
    volatile const int *cancel; /* stop when *cancel != 0; NULL: never */
} ac__budget;

double ac__now(void); /* monotonic seconds */

/* Time and cancel only (b may be NULL: always AC__GO). */
ac__stop ac__budget_check(const ac__budget *b);
/* Would a working set of `bytes` break the memory cap? */
int ac__budget_over_memory(const ac__budget *b, double bytes);
/* "the time limit", "an interrupt", "the memory cap", "the frontier limit". */
const char *ac__stop_what(ac__stop s);

#endif
