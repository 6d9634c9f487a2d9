/* The analysis as JSON (ac_analysis_write_json), exactly the keys and nesting of DESIGN
 * §5 (plus "method" and "feasible", which say how the numbers were obtained). Parties and
 * issues are keyed by id; counts that fit are exact integers (digits, not doubles, so
 * 1.8e16 outcomes stay exact); utilities carry at least 9 significant digits
 * (ac_json_number). `accord analyze --json` prints this. */
#include "accord/analyze.h"
#include "accord/json.h"
#include "analysis/analysis_internal.h"
#include "io/json_out.h"

#include <math.h>
#include <stdint.h>

void ac_analysis_json_opts_init(ac_analysis_json_opts *o)
{
    o->limit = SIZE_MAX;
    o->feasible = 0;
}

static void utility_object(ac_json *w, const ac_model *m, const ac_analysis *a, const double *u)
{
    ac__json_parties(w, m, a->space->party, a->space->n_parties, u);
}

static void u128(ac_json *w, ac_u128 x)
{
    char digits[48];
    ac_json_uint_str(w, ac_u128_str(x, digits, sizeof digits));
}

static void write_zopa(ac_json *w, const ac_zopa_count *z)
{
    ac_json_begin_object(w);
    ac_json_key(w, "count");
    if (z->exact)
        u128(w, z->count);
    else
        ac_json_number(w, round(z->estimate));
    ac_json_key(w, "exact");
    ac_json_bool(w, z->exact);
    if (!z->exact) {
        ac_json_key(w, "ci95");
        ac_json_begin_array(w);
        ac_json_number(w, z->lo);
        ac_json_number(w, z->hi);
        ac_json_end_array(w);
    }
    ac_json_end_object(w);
}

static void write_pareto(ac_json *w, const ac_model *m, const ac_analysis *a, size_t limit)
{
    const ac_frontier *f = a->pareto;
    size_t count = f ? f->count : 0, np = a->space->n_parties, ni = a->space->n_issues;
    ac_json_begin_object(w);
    ac_json_key(w, "count");
    if (a->pareto_exact)
        ac_json_int(w, (long long)count);
    else
        ac_json_null(w);
    ac_json_key(w, "exact");
    ac_json_bool(w, a->pareto_exact);
    ac_json_key(w, "points");
    ac_json_begin_array(w);
    for (size_t p = 0; p < count && p < limit; p++) {
        ac_json_begin_object(w);
        ac_json_key(w, "utility");
        utility_object(w, m, a, f->utility + p * np);
        ac_json_key(w, "outcome");
        ac__json_outcome(w, m, f->outcome + p * ni);
        ac_json_end_object(w);
    }
    ac_json_end_array(w);
    ac_json_end_object(w);
}

/* A solution, or null when the ZOPA is empty; value_key names its objective value. */
static void write_solution(ac_json *w, const ac_model *m, const ac_analysis *a,
                           const ac_solution *s, const char *value_key)
{
    if (!a->solutions_exact) { /* not computed: not the same as an empty ZOPA (null) */
        ac_json_begin_object(w);
        ac_json_key(w, "exact");
        ac_json_bool(w, 0);
        ac_json_end_object(w);
        return;
    }
    if (!s->found) {
        ac_json_null(w);
        return;
    }
    ac_json_begin_object(w);
    ac_json_key(w, value_key);
    ac_json_number(w, s->value);
    ac_json_key(w, "utility");
    utility_object(w, m, a, s->utility);
    ac_json_key(w, "outcome");
    ac__json_outcome(w, m, s->outcome);
    ac_json_end_object(w);
}

static void write_plan(ac_json *w, const ac_model *m, const ac_analysis *a)
{
    ac_json_begin_object(w);
    ac_json_key(w, "outcome");
    ac__json_outcome(w, m, a->plan);
    ac_json_key(w, "utility");
    utility_object(w, m, a, a->plan_utility);
    ac_json_key(w, "stances");
    ac__json_stances(w, m, a->space->party, a->space->n_parties, a->stances);
    ac_json_key(w, "progress");
    ac_json_begin_object(w);
    ac__json_progress_members(w, &a->progress);
    ac_json_end_object(w);
    ac_json_end_object(w);
}

ac_status ac_analysis_write_json(FILE *fp, const ac_model *m, const ac_analysis *a,
                                 const ac_analysis_json_opts *o, ac_error *err)
{
    if (!m || !a)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "no model or no analysis");
    ac_analysis_json_opts defaults;
    if (!o) {
        ac_analysis_json_opts_init(&defaults);
        o = &defaults;
    }
    ac_json *w;
    ac_status st = ac__json_open(fp, 2, &w, err);
    if (st != AC_OK)
        return st;
    const ac_space *s = a->space;
    ac_json_begin_object(w);
    ac_json_key(w, "title");
    ac_json_string(w, ac_model_title(m));
    ac_json_key(w, "parties");
    ac_json_begin_array(w);
    for (size_t i = 0; i < s->n_parties; i++)
        ac_json_string(w, ac_party_id(m, s->party[i]));
    ac_json_end_array(w);
    ac_json_key(w, "outcomes");
    if (s->outcomes_overflow) /* beyond 2^128: only the magnitude is known */
        ac_json_number_log10(w, s->outcomes_log10);
    else
        u128(w, ac__u128_out(s->outcomes));
    ac_json_key(w, "outcomes_log10");
    ac_json_number(w, s->outcomes_log10);
    ac_json_key(w, "reservation");
    utility_object(w, m, a, s->reservation);
    ac_json_key(w, "zopa");
    write_zopa(w, &a->zopa);
    ac_json_key(w, "pareto");
    write_pareto(w, m, a, o->limit);
    ac_json_key(w, "nash");
    write_solution(w, m, a, &a->sol.nash, "product");
    ac_json_key(w, "kalai");
    write_solution(w, m, a, &a->sol.kalai, "value");
    ac_json_key(w, "welfare");
    write_solution(w, m, a, &a->sol.welfare, "sum");
    if (a->has_plan) {
        ac_json_key(w, "plan");
        write_plan(w, m, a);
    }
    ac_json_key(w, "method");
    ac_json_string(w, ac_method_name(a->method));
    ac_json_key(w, "solutions_method");
    ac_json_string(w, ac_solved_by_name(a->solved_by));
    ac_json_key(w, "feasible");
    ac_json_bool(w, o->feasible);
    ac_json_key(w, "exact");
    ac_json_bool(w, a->complete);
    if (!a->complete) {
        ac_json_key(w, "stopped");
        ac_json_string(w, a->stopped);
    }
    ac_json_end_object(w);
    return ac__json_close(w, err);
}
