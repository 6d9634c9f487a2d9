/* Reading a sweep and merging shares: every accessor of accord/sim.h against the sweep's
 * own fields (the internal layout) on random models; ac_sweep_pack / ac_sweep_merge of
 * 1 to 4 shares, merged in several orders, against the sweep run whole (bit for bit);
 * bad buffers and bad arguments are refused and leave the sweep unchanged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accord/accord.h"
#include "randmodel.h"
#include "sim/sweep_internal.h"

/* A random model whose sweeps vary from run to run: uncertainty on every reservation. */
static ac_model *model(uint64_t seed)
{
    rand_opts ro;
    rand_opts_default(&ro);
    ro.parties_max = 3;
    ro.issues_max = 4;
    ro.options_max = 3;
    ro.mediator = (int)(seed % 2);
    ac_model *m = rand_model(seed, &ro);
    assert_non_null(m);
    for (size_t i = 0; i < ac_model_n_parties(m); i++)
        if (ac_party_role(m, i) == AC_ROLE_PARTY) {
            ac_uncertainty u = {i, AC_UNC_RESERVATION, AC_NONE, 0.2};
            assert_int_equal(ac_model_add_uncertainty(m, &u, NULL), AC_OK);
        }
    return m;
}

static ac_sweep *run(const ac_model *m, uint64_t runs, uint64_t seed, int rank, int ranks)
{
    ac_sweep_opts o;
    ac_sweep_opts_init(&o);
    o.runs = runs;
    o.seed = seed;
    o.threads = 1 + (int)(seed % 2);
    o.rank = rank;
    o.ranks = ranks;
    ac_sweep *s = NULL;
    assert_int_equal(ac_sweep_run(m, &o, &s, NULL), AC_OK);
    return s;
}

/* Every accessor against the fields. */
static void check_accessors(const ac_model *m, const ac_sweep *s)
{
    assert_int_equal(ac_sweep_n_parties(s), s->n_parties);
    assert_int_equal(ac_sweep_n_issues(s), s->n_issues);
    assert_int_equal(ac_sweep_n_issues(s), ac_model_n_issues(m));
    assert_int_equal(ac_sweep_runs(s), s->runs);
    assert_int_equal(ac_sweep_deals(s), s->deals);
    assert_int_equal(ac_sweep_rounds_sum(s), s->rounds_sum);
    for (size_t k = 0; k < s->n_issues; k++) {
        size_t no = ac_model_n_options(m, k);
        for (size_t o = 0; o < no; o++)
            assert_int_equal(ac_sweep_option_count(s, k, o), s->option_count[s->option_offset[k] + o]);
        assert_int_equal(ac_sweep_option_count(s, k, no), 0);
    }
    assert_int_equal(ac_sweep_option_count(s, s->n_issues, 0), 0);
    for (size_t i = 0; i < s->n_parties; i++) {
        assert_memory_equal(&(double){ac_sweep_utility_sum(s, i)}, &s->utility_sum[i], sizeof(double));
        assert_memory_equal(&(double){ac_sweep_utility_sq(s, i)}, &s->utility_sq[i], sizeof(double));
        assert_memory_equal(&(double){ac_sweep_deal_utility_sum(s, i)}, &s->deal_utility_sum[i],
                            sizeof(double));
    }
    assert_true(isnan(ac_sweep_utility_sum(s, s->n_parties)));
    assert_true(isnan(ac_sweep_utility_sq(s, s->n_parties)));
    assert_true(isnan(ac_sweep_deal_utility_sum(s, s->n_parties)));
    assert_int_equal(ac_sweep_n_agreements(s), s->n_agreements);
    uint64_t total = 0;
    for (size_t q = 0; q < s->n_agreements; q++) {
        const uint32_t *x = NULL;
        uint64_t c = 0;
        assert_int_equal(ac_sweep_agreement(s, q, &x, &c), AC_OK);
        assert_ptr_equal(x, s->agreements[q].outcome);
        assert_int_equal(c, s->agreements[q].count);
        assert_int_equal(ac_sweep_agreement(s, q, NULL, NULL), AC_OK);
        total += c;
    }
    assert_int_equal(total, s->deals);
    const uint32_t *x = (const uint32_t *)&total;
    uint64_t c = 7;
    assert_int_equal(ac_sweep_agreement(s, s->n_agreements, &x, &c), AC_EARG);
    assert_ptr_equal(x, (const uint32_t *)&total); /* untouched */
    assert_int_equal(c, 7);
}

/* a and b hold the same results, bit for bit. */
static void same_sweep(const ac_sweep *a, const ac_sweep *b)
{
    void *pa, *pb;
    size_t na, nb;
    assert_int_equal(ac_sweep_pack(a, &pa, &na, NULL), AC_OK);
    assert_int_equal(ac_sweep_pack(b, &pb, &nb, NULL), AC_OK);
    assert_int_equal(na, nb);
    assert_memory_equal(pa, pb, na); /* every count, block sum and agreement */
    ac_free(pa);
    ac_free(pb);
    size_t n = a->n_parties;
    assert_memory_equal(a->utility_sum, b->utility_sum, n * sizeof(double));
    assert_memory_equal(a->utility_sq, b->utility_sq, n * sizeof(double));
    assert_memory_equal(a->deal_utility_sum, b->deal_utility_sum, n * sizeof(double));
}

static void accessors_on_random_models(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 20; seed++) {
        ac_model *m = model(seed);
        ac_sweep *s = run(m, 50 + seed * 37, seed, 0, 0);
        check_accessors(m, s);
        ac_sweep_free(s);
        ac_model_free(m);
    }
}

static void shares_merge_to_the_whole(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 12; seed++) {
        ac_model *m = model(seed);
        uint64_t runs = 1 + seed * 211; /* up to 11 blocks of AC_SWEEP_BLOCK, a partial last one */
        ac_sweep *whole = run(m, runs, seed, 0, 0);
        int ranks = 1 + (int)(seed % 4);
        ac_sweep *part[4];
        void *buf[4];
        size_t size[4];
        for (int r = 0; r < ranks; r++) {
            part[r] = run(m, runs, seed, r, ranks);
            assert_int_equal(ac_sweep_pack(part[r], &buf[r], &size[r], NULL), AC_OK);
        }
        /* into the first share in rank order, and into the last in reverse order */
        for (int r = 1; r < ranks; r++)
            assert_int_equal(ac_sweep_merge(part[0], buf[r], size[r], NULL), AC_OK);
        same_sweep(part[0], whole);
        check_accessors(m, part[0]);
        if (ranks > 1) {
            ac_sweep *last = part[ranks - 1];
            for (int r = ranks - 2; r >= 0; r--)
                assert_int_equal(ac_sweep_merge(last, buf[r], size[r], NULL), AC_OK);
            same_sweep(last, whole);
        }
        for (int r = 0; r < ranks; r++) {
            ac_free(buf[r]);
            ac_sweep_free(part[r]);
        }
        ac_sweep_free(whole);
        ac_model_free(m);
    }
}

static void bad_buffers_are_refused(void **state)
{
    (void)state;
    ac_model *m = model(3);
    ac_sweep *a = run(m, 700, 4, 0, 2), *b = run(m, 700, 4, 1, 2);
    void *buf, *before;
    size_t size, nbefore;
    assert_int_equal(ac_sweep_pack(b, &buf, &size, NULL), AC_OK);
    assert_int_equal(ac_sweep_pack(a, &before, &nbefore, NULL), AC_OK);
    ac_error err;
    unsigned char *copy = malloc(size);
    assert_non_null(copy);
    /* cut short, one byte too long, a wrong magic */
    for (size_t cut = 0; cut < size; cut += 1 + size / 13)
        assert_int_equal(ac_sweep_merge(a, buf, cut, &err), AC_EINPUT);
    unsigned char *longer = calloc(1, size + 1);
    assert_non_null(longer);
    memcpy(longer, buf, size);
    assert_int_equal(ac_sweep_merge(a, longer, size + 1, &err), AC_EINPUT);
    free(longer);
    memcpy(copy, buf, size);
    copy[0] ^= 1;
    assert_int_equal(ac_sweep_merge(a, copy, size, &err), AC_EINPUT);
    assert_non_null(strstr(err.message, "not a share"));
    /* every header word changed, one at a time (the counts of deals and rounds excepted:
     * any value is a valid share) */
    for (size_t w = 0; w < 8; w++) {
        if (w == 5 || w == 6)
            continue;
        memcpy(copy, buf, size);
        copy[8 + 8 * w] ^= 1;
        assert_int_equal(ac_sweep_merge(a, copy, size, &err), AC_EINPUT);
    }
    /* an agreement whose option is out of range */
    if (b->n_agreements) {
        memcpy(copy, buf, size);
        uint32_t big = 1000;
        memcpy(copy + size - sizeof big, &big, sizeof big);
        assert_int_equal(ac_sweep_merge(a, copy, size, &err), AC_EINPUT);
    }
    /* a share of another sweep: other runs, another model */
    ac_sweep *c = run(m, 701, 4, 1, 2);
    void *cbuf;
    size_t csize;
    assert_int_equal(ac_sweep_pack(c, &cbuf, &csize, NULL), AC_OK);
    assert_int_equal(ac_sweep_merge(a, cbuf, csize, &err), AC_EINPUT);
    ac_free(cbuf);
    ac_model *m2 = model(8);
    ac_sweep *d = run(m2, 700, 4, 1, 2);
    assert_int_equal(ac_sweep_pack(d, &cbuf, &csize, NULL), AC_OK);
    if (ac_model_n_issues(m2) != ac_model_n_issues(m) || d->n_slots != a->n_slots ||
        d->n_parties != a->n_parties)
        assert_int_equal(ac_sweep_merge(a, cbuf, csize, &err), AC_EINPUT);
    ac_free(cbuf);
    /* NULL arguments */
    assert_int_equal(ac_sweep_merge(NULL, buf, size, &err), AC_EARG);
    assert_int_equal(ac_sweep_merge(a, NULL, size, &err), AC_EARG);
    assert_int_equal(ac_sweep_pack(NULL, &cbuf, &csize, &err), AC_EARG);
    assert_int_equal(ac_sweep_pack(a, NULL, &csize, &err), AC_EARG);
    assert_int_equal(ac_sweep_pack(a, &cbuf, NULL, &err), AC_EARG);
    /* a is unchanged by all of it, and the good share still merges */
    void *after;
    size_t nafter;
    assert_int_equal(ac_sweep_pack(a, &after, &nafter, NULL), AC_OK);
    assert_int_equal(nafter, nbefore);
    assert_memory_equal(after, before, nbefore);
    ac_free(after);
    assert_int_equal(ac_sweep_merge(a, buf, size, &err), AC_OK);
    ac_sweep *whole = run(m, 700, 4, 0, 0);
    same_sweep(a, whole);
    ac_sweep_free(whole);
    free(copy);
    ac_free(buf);
    ac_free(before);
    ac_sweep_free(a);
    ac_sweep_free(b);
    ac_sweep_free(c);
    ac_sweep_free(d);
    ac_model_free(m);
    ac_model_free(m2);
}

static void null_sweep(void **state)
{
    (void)state;
    assert_int_equal(ac_sweep_n_parties(NULL), 0);
    assert_int_equal(ac_sweep_n_issues(NULL), 0);
    assert_int_equal(ac_sweep_runs(NULL), 0);
    assert_int_equal(ac_sweep_deals(NULL), 0);
    assert_int_equal(ac_sweep_rounds_sum(NULL), 0);
    assert_int_equal(ac_sweep_option_count(NULL, 0, 0), 0);
    assert_true(isnan(ac_sweep_utility_sum(NULL, 0)));
    assert_true(isnan(ac_sweep_utility_sq(NULL, 0)));
    assert_true(isnan(ac_sweep_deal_utility_sum(NULL, 0)));
    assert_int_equal(ac_sweep_n_agreements(NULL), 0);
    assert_int_equal(ac_sweep_agreement(NULL, 0, NULL, NULL), AC_EARG);
    ac_sweep_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accessors_on_random_models),
        cmocka_unit_test(shares_merge_to_the_whole),
        cmocka_unit_test(bad_buffers_are_refused),
        cmocka_unit_test(null_sweep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
