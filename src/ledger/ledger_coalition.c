/* The rows of a recorded version's status (parties in model order, then mediators) and
 * its leading group (ac_ledger_status_coalition): found greedily, rows added one at a time
 * while the group still agrees on at least half of the points together. */
#include "accord/ledger.h"

#include <stdlib.h>
#include <string.h>

size_t ac_ledger_status_rows(const ac_ledger_status *s)
{
    return s ? s->n_parties + s->n_mediators : 0;
}

const char *ac_ledger_status_row_id(const ac_ledger_status *s, size_t row)
{
    if (!s || row >= s->n_parties + s->n_mediators)
        return NULL;
    return row < s->n_parties ? s->party_id[row] : s->mediator_id[row - s->n_parties];
}

ac_stance ac_ledger_status_row_stance(const ac_ledger_status *s, size_t row, size_t k)
{
    if (!s || row >= s->n_parties + s->n_mediators || k >= s->n_points)
        return AC_STANCE_NOT_DISCUSSED;
    size_t K = s->n_points;
    return row < s->n_parties ? s->stances[row * K + k]
                              : s->mediator_stances[(row - s->n_parties) * K + k];
}

static size_t joint_agreed(const ac_ledger_status *s, const unsigned char *in)
{
    size_t n = 0, R = ac_ledger_status_rows(s);
    for (size_t k = 0; k < s->n_points; k++) {
        int all = 1;
        for (size_t r = 0; r < R && all; r++)
            if (in[r] && ac_ledger_status_row_stance(s, r, k) != AC_STANCE_AGREE)
                all = 0;
        n += all;
    }
    return n;
}

ac_status ac_ledger_status_coalition(const ac_ledger_status *s, ac_ledger_coalition *c,
                                     ac_error *err)
{
    if (!c)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_ledger_status_coalition: no result");
    memset(c, 0, sizeof *c);
    if (!s)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_ledger_status_coalition: no status");
    size_t R = s->n_parties + s->n_mediators, K = s->n_points;
    c->in = calloc(R + 1, 1);
    if (!c->in)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    if (!R || !K)
        return AC_OK;
    size_t best = AC_NONE, best_n = 0;
    for (size_t r = 0; r < R; r++) {
        c->in[r] = 1;
        size_t n = joint_agreed(s, c->in);
        c->in[r] = 0;
        if (best == AC_NONE || n > best_n) {
            best = r;
            best_n = n;
        }
    }
    if (!best_n)
        return AC_OK; /* nobody agrees to anything: no group to speak of */
    c->in[best] = 1;
    c->n = 1;
    c->points = best_n;
    for (;;) {
        size_t add = AC_NONE, add_n = 0;
        for (size_t r = 0; r < R; r++) {
            if (c->in[r])
                continue;
            c->in[r] = 1;
            size_t n = joint_agreed(s, c->in);
            c->in[r] = 0;
            if (2 * n >= K && (add == AC_NONE || n > add_n)) {
                add = r;
                add_n = n;
            }
        }
        if (add == AC_NONE)
            break;
        c->in[add] = 1;
        c->n++;
        c->points = add_n;
    }
    return AC_OK;
}

void ac_ledger_coalition_free(ac_ledger_coalition *c)
{
    if (!c)
        return;
    free(c->in);
    c->in = NULL;
}
