/* accord — stances on a draft and the draft's progress.
 *
 * Derived stance of a party on one point of a draft: reject when the option crosses the
 * party's red line; agree when its value is within agree_within of the party's best value
 * on that issue; else criticise. (not-discussed is for recorded stances.)
 * Progress: the points every active party agrees to, by count and weighted by the active
 * parties' mean normalised salience. */
#ifndef ACCORD_STANCE_H
#define ACCORD_STANCE_H

#include <stddef.h>
#include <stdint.h>

#include "accord/model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AC_AGREE_WITHIN_DEFAULT 0.1

typedef enum {
    AC_STANCE_AGREE = 0,
    AC_STANCE_CRITICISE = 1,
    AC_STANCE_REJECT = 2,
    AC_STANCE_NOT_DISCUSSED = 3
} ac_stance;

/* The names (src/core): "agree", "criticise", "reject", "not-discussed". */
const char *ac_stance_name(ac_stance s);
/* AC_OK with *out set, AC_EINPUT for any other name. */
ac_status ac_stance_parse(const char *name, ac_stance *out);

/* party and issue are model indices; the party must not be a mediator. */
ac_stance ac_stance_derive(const ac_model *m, size_t party, size_t issue, size_t option,
                           double agree_within);

typedef struct ac_progress {
    size_t points;   /* points every active party agrees to */
    size_t of;       /* number of points */
    double weighted; /* sum over agreed points of the mean normalised weight */
} ac_progress;

/* stances: [n_active * n_issues], row per active party (model order, mediators skipped). */
ac_progress ac_progress_of(const ac_model *m, const ac_stance *stances);

#ifdef __cplusplus
}
#endif
#endif
