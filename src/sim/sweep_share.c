/* Reading a sweep (the accessors of accord/sim.h) and merging the shares of a sweep
 * split across processes: ac_sweep_pack writes a share as a flat buffer, ac_sweep_merge
 * adds one into another.
 *
 * Why the merge is exact: counts are integers; every block of runs belongs to exactly one
 * share, so each floating block sum is added to the +0.0 the other shares hold, which
 * leaves it unchanged, and the totals are then recomputed block by block in block order,
 * as ac_sweep_run does. The agreements are a multiset of (outcome, count), which
 * ac__sweep_set_agreements turns into the same sorted list whatever the order. */
#include "sim/sweep_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

size_t ac_sweep_n_parties(const ac_sweep *s) { return s ? s->n_parties : 0; }
size_t ac_sweep_n_issues(const ac_sweep *s) { return s ? s->n_issues : 0; }
uint64_t ac_sweep_runs(const ac_sweep *s) { return s ? s->runs : 0; }
uint64_t ac_sweep_deals(const ac_sweep *s) { return s ? s->deals : 0; }
uint64_t ac_sweep_rounds_sum(const ac_sweep *s) { return s ? s->rounds_sum : 0; }

static size_t options_of(const ac_sweep *s, size_t issue)
{
    size_t end = issue + 1 < s->n_issues ? s->option_offset[issue + 1] : s->n_slots;
    return end - s->option_offset[issue];
}

uint64_t ac_sweep_option_count(const ac_sweep *s, size_t issue, size_t option)
{
    if (!s || issue >= s->n_issues || option >= options_of(s, issue))
        return 0;
    return s->option_count[s->option_offset[issue] + option];
}

double ac_sweep_utility_sum(const ac_sweep *s, size_t party)
{
    return s && party < s->n_parties ? s->utility_sum[party] : NAN;
}

double ac_sweep_utility_sq(const ac_sweep *s, size_t party)
{
    return s && party < s->n_parties ? s->utility_sq[party] : NAN;
}

double ac_sweep_deal_utility_sum(const ac_sweep *s, size_t party)
{
    return s && party < s->n_parties ? s->deal_utility_sum[party] : NAN;
}

size_t ac_sweep_n_agreements(const ac_sweep *s) { return s ? s->n_agreements : 0; }

ac_status ac_sweep_agreement(const ac_sweep *s, size_t i, const uint32_t **outcome,
                             uint64_t *count)
{
    if (!s || i >= s->n_agreements)
        return AC_EARG;
    if (outcome)
        *outcome = s->agreements[i].outcome;
    if (count)
        *count = s->agreements[i].count;
    return AC_OK;
}

/* ---- the packed share ----
 * "ACSWEEP1", then as uint64_t: n_parties, n_issues, n_slots, runs, n_blocks, deals,
 * rounds_sum, n_agreements, option_offset[n_issues], option_count[n_slots]; then
 * block_sums[n_blocks * 3 * n_parties] (double), the agreements' counts (uint64_t) and
 * their outcomes [n_agreements * n_issues] (uint32_t). Host byte order. */

static const char MAGIC[8] = {'A', 'C', 'S', 'W', 'E', 'E', 'P', '1'};
#define N_HEAD 8

/* A size that cannot overflow size_t, or SIZE_MAX. */
static size_t packed_size(size_t np, size_t ni, size_t slots, size_t blocks, size_t na)
{
    size_t words[5][2] = {{N_HEAD + ni, 8}, {slots, 8}, {blocks, 3 * np * 8}, {na, 8},
                          {na, ni * 4}};
    size_t total = sizeof MAGIC;
    for (int j = 0; j < 5; j++) {
        size_t n = words[j][0], w = words[j][1];
        if (w && n > (SIZE_MAX - total) / w)
            return SIZE_MAX;
        total += n * w;
    }
    return total;
}

static unsigned char *put(unsigned char *p, const void *x, size_t n)
{
    if (n)
        memcpy(p, x, n);
    return p + n;
}

static unsigned char *put_u64(unsigned char *p, uint64_t x) { return put(p, &x, sizeof x); }

ac_status ac_sweep_pack(const ac_sweep *s, void **buf, size_t *size, ac_error *err)
{
    if (!s || !buf || !size)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_sweep_pack: a NULL argument");
    *buf = NULL;
    *size = 0;
    size_t np = s->n_parties, ni = s->n_issues, na = s->n_agreements;
    size_t total = packed_size(np, ni, s->n_slots, s->n_blocks, na);
    unsigned char *b = total == SIZE_MAX ? NULL : malloc(total);
    if (!b)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    unsigned char *p = put(b, MAGIC, sizeof MAGIC);
    uint64_t head[N_HEAD] = {np, ni, s->n_slots, s->runs, s->n_blocks, s->deals, s->rounds_sum, na};
    p = put(p, head, sizeof head);
    for (size_t k = 0; k < ni; k++)
        p = put_u64(p, s->option_offset[k]);
    p = put(p, s->option_count, s->n_slots * sizeof *s->option_count);
    p = put(p, s->block_sums, s->n_blocks * 3 * np * sizeof *s->block_sums);
    for (size_t q = 0; q < na; q++)
        p = put_u64(p, s->agreements[q].count);
    for (size_t q = 0; q < na; q++)
        p = put(p, s->agreements[q].outcome, ni * sizeof(uint32_t));
    *buf = b;
    *size = total;
    return AC_OK;
}

static uint64_t get_u64(const unsigned char *p)
{
    uint64_t x;
    memcpy(&x, p, sizeof x);
    return x;
}

static ac_status not_a_share(ac_error *err, const char *why)
{
    return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "ac_sweep_merge: not a share of this sweep (%s)",
                        why);
}

ac_status ac_sweep_merge(ac_sweep *into, const void *buf, size_t size, ac_error *err)
{
    if (!into || !buf)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_sweep_merge: a NULL argument");
    const unsigned char *b = buf;
    size_t np = into->n_parties, ni = into->n_issues;
    if (size < sizeof MAGIC + N_HEAD * 8 || memcmp(b, MAGIC, sizeof MAGIC))
        return not_a_share(err, "no packed sweep");
    const unsigned char *p = b + sizeof MAGIC;
    uint64_t head[N_HEAD];
    memcpy(head, p, sizeof head);
    p += sizeof head;
    if (head[0] != np || head[1] != ni || head[2] != into->n_slots || head[4] != into->n_blocks)
        return not_a_share(err, "another shape");
    if (head[3] != into->runs)
        return not_a_share(err, "another number of runs");
    size_t na = (size_t)head[7];
    if (head[7] > SIZE_MAX || packed_size(np, ni, into->n_slots, into->n_blocks, na) != size)
        return not_a_share(err, "wrong length");
    for (size_t k = 0; k < ni; k++)
        if (get_u64(p + 8 * k) != into->option_offset[k])
            return not_a_share(err, "other options");
    p += 8 * ni;
    /* The merged agreements first: the only step that can fail, so into stays whole. */
    size_t nt = into->n_agreements + na;
    uint32_t *keys = malloc(nt * ni * sizeof *keys + 1);
    uint64_t *counts = malloc(nt * sizeof *counts + 1);
    if (!keys || !counts) {
        free(keys);
        free(counts);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    const unsigned char *pc = p + 8 * into->n_slots + 8 * 3 * np * into->n_blocks;
    const unsigned char *pk = pc + 8 * na;
    for (size_t q = 0; q < into->n_agreements; q++) {
        memcpy(keys + q * ni, into->agreements[q].outcome, ni * sizeof *keys);
        counts[q] = into->agreements[q].count;
    }
    for (size_t q = 0; q < na; q++) {
        size_t at = into->n_agreements + q;
        counts[at] = get_u64(pc + 8 * q);
        memcpy(keys + at * ni, pk + q * ni * 4, ni * sizeof *keys);
    }
    for (size_t q = 0; q < nt * ni; q++)
        if (keys[q] >= options_of(into, q % ni)) {
            free(keys);
            free(counts);
            return not_a_share(err, "an agreement out of range");
        }
    ac_status st = ac__sweep_set_agreements(into, keys, counts, nt, err);
    free(keys);
    free(counts);
    if (st != AC_OK)
        return st;
    into->deals += head[5];
    into->rounds_sum += head[6];
    for (size_t q = 0; q < into->n_slots; q++)
        into->option_count[q] += get_u64(p + 8 * q);
    p += 8 * into->n_slots;
    for (size_t q = 0; q < into->n_blocks * 3 * np; q++) {
        double x;
        memcpy(&x, p + 8 * q, sizeof x);
        into->block_sums[q] += x;
    }
    ac__sweep_finish_sums(into);
    return AC_OK;
}
