/* The mediation as JSON (ac_mediation_write_json): the keys of docs/mediate.md, parties
 * and issues keyed by id, party indices mapped to ids. `accord mediate --json` prints
 * this. */
#include "accord/json.h"
#include "accord/mediate.h"
#include "analysis/mediation_internal.h"
#include "io/json_out.h"

#include <stdint.h>

static void j_utility(ac_json *w, const ac_model *m, const ac_mediation *x, const double *u)
{
    ac__json_parties(w, m, x->party, x->n_parties, u);
}

static const char *pid(const ac_model *m, const ac_mediation *x, size_t i)
{
    return ac_party_id(m, x->party[i]);
}

static void j_revision(ac_json *w, const ac_model *m, const ac_mediation *x,
                       const ac_revision *r)
{
    ac_json_begin_object(w);
    ac_json_key(w, "changed");
    ac_json_begin_array(w);
    for (size_t k = 0; k < x->n_issues; k++)
        if (r->outcome[k] != x->draft[k])
            ac_json_string(w, ac_issue_id(m, k));
    ac_json_end_array(w);
    ac_json_key(w, "count");
    ac_json_int(w, (long long)r->changes);
    ac_json_key(w, "changes");
    ac_json_begin_array(w);
    for (size_t k = 0; k < x->n_issues; k++)
        if (r->outcome[k] != x->draft[k]) {
            ac_json_begin_object(w);
            ac_json_key(w, "issue");
            ac_json_string(w, ac_issue_id(m, k));
            ac_json_key(w, "from");
            ac_json_string(w, ac_option_id(m, k, x->draft[k]));
            ac_json_key(w, "to");
            ac_json_string(w, ac_option_id(m, k, r->outcome[k]));
            ac_json_end_object(w);
        }
    ac_json_end_array(w);
    ac_json_key(w, "nash");
    ac_json_number(w, r->nash);
    ac_json_key(w, "outcome");
    ac__json_outcome(w, m, r->outcome);
    ac_json_key(w, "utility");
    j_utility(w, m, x, r->utility);
    ac_json_end_object(w);
}

static void j_issue_list(ac_json *w, const ac_model *m, const size_t *k, size_t n)
{
    ac_json_begin_array(w);
    for (size_t a = 0; a < n; a++)
        ac_json_string(w, ac_issue_id(m, k[a]));
    ac_json_end_array(w);
}

static void j_no_deal(ac_json *w, const ac_model *m, const ac_mediation *x)
{
    static const char *const status[] = {"found", "none", "cut"};
    ac_json_begin_object(w);
    ac_json_key(w, "reservation_drop");
    ac_json_begin_object(w);
    for (size_t i = 0; i < x->n_parties; i++) {
        ac_json_key(w, pid(m, x, i));
        if (x->drop_found[i])
            ac_json_number(w, x->drop[i]);
        else
            ac_json_null(w);
    }
    ac_json_end_object(w);
    ac_json_key(w, "opens_with");
    ac_json_begin_object(w);
    for (size_t i = 0; i < x->n_parties; i++) {
        ac_json_key(w, pid(m, x, i));
        if (x->drop_found[i])
            ac__json_outcome(w, m, x->drop_outcome + i * x->n_issues);
        else
            ac_json_null(w);
    }
    ac_json_end_object(w);
    ac_json_key(w, "red_lines");
    ac_json_begin_array(w);
    for (size_t a = 0; a < x->n_redlines; a++) {
        ac_json_begin_object(w);
        ac_json_key(w, "party");
        ac_json_string(w, pid(m, x, x->rl_party[a]));
        ac_json_key(w, "issue");
        ac_json_string(w, ac_issue_id(m, x->rl_issue[a]));
        ac_json_key(w, "option");
        ac_json_string(w, ac_option_id(m, x->rl_issue[a], x->rl_option[a]));
        ac_json_end_object(w);
    }
    ac_json_end_array(w);
    ac_json_key(w, "red_lines_search");
    ac_json_string(w, status[x->redlines]);
    ac_json_key(w, "red_line_sets_tried");
    ac_json_int(w, (long long)x->redline_checks);
    ac_json_end_object(w);
}

static void j_trade_side(ac_json *w, const ac_model *m, const ac_mediation *x, size_t k,
                         size_t q)
{
    ac_json_begin_object(w);
    ac_json_key(w, "issue");
    ac_json_string(w, ac_issue_id(m, k));
    ac_json_key(w, "from");
    ac_json_string(w, ac_option_id(m, k, x->draft[k]));
    ac_json_key(w, "to");
    ac_json_string(w, ac_option_id(m, k, q));
    ac_json_end_object(w);
}

ac_status ac_mediation_write_json(FILE *fp, const ac_model *m, const ac_mediation *x,
                                  ac_error *err)
{
    if (!m || !x)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "no model or no mediation");
    size_t np = x->n_parties, ni = x->n_issues;
    ac_json *w;
    ac_status st = ac__json_open(fp, 2, &w, err);
    if (st != AC_OK)
        return st;
    ac_json_begin_object(w);
    ac_json_key(w, "title");
    ac_json_string(w, ac_model_title(m));
    ac_json_key(w, "parties");
    ac_json_begin_array(w);
    for (size_t i = 0; i < np; i++)
        ac_json_string(w, pid(m, x, i));
    ac_json_end_array(w);
    ac_json_key(w, "draft");
    ac_json_begin_object(w);
    ac_json_key(w, "outcome");
    ac__json_outcome(w, m, x->draft);
    ac_json_key(w, "utility");
    j_utility(w, m, x, x->draft_utility);
    ac_json_key(w, "locked");
    ac_json_begin_array(w);
    for (size_t k = 0; k < ni; k++)
        if (ac_model_locked(m, k))
            ac_json_string(w, ac_issue_id(m, k));
    ac_json_end_array(w);
    ac_json_end_object(w);
    ac_json_key(w, "stances");
    ac__json_stances(w, m, x->party, np, x->stances);
    ac_json_key(w, "progress");
    ac_json_begin_object(w);
    ac__json_progress_members(w, &x->progress);
    ac_json_key(w, "by_party");
    j_utility(w, m, x, x->progress_by_party);
    ac_json_end_object(w);
    ac_json_key(w, "impasses");
    ac_json_begin_object(w);
    ac_json_key(w, "hard");
    j_issue_list(w, m, x->hard, x->n_hard);
    ac_json_key(w, "soft");
    j_issue_list(w, m, x->soft, x->n_soft);
    ac_json_end_object(w);
    ac_json_key(w, "zopa_empty");
    ac_json_bool(w, x->zopa_empty);
    ac_json_key(w, "revision");
    if (x->n_revisions)
        j_revision(w, m, x, &x->revisions[0]);
    else
        ac_json_null(w);
    ac_json_key(w, "revisions");
    ac_json_begin_array(w);
    for (size_t a = 0; a < x->n_revisions; a++)
        j_revision(w, m, x, &x->revisions[a]);
    ac_json_end_array(w);
    ac_json_key(w, "no_deal");
    if (x->zopa_empty)
        j_no_deal(w, m, x);
    else
        ac_json_null(w);
    ac_json_key(w, "trades");
    ac_json_begin_array(w);
    for (size_t a = 0; a < x->n_trades; a++) {
        const ac_trade *t = &x->trades[a];
        ac_json_begin_object(w);
        ac_json_key(w, "parties");
        ac_json_begin_array(w);
        ac_json_string(w, pid(m, x, t->party_a));
        ac_json_string(w, pid(m, x, t->party_b));
        ac_json_end_array(w);
        ac_json_key(w, "concessions");
        ac_json_begin_object(w);
        ac_json_key(w, pid(m, x, t->party_a));
        j_trade_side(w, m, x, t->issue_a, t->option_a);
        ac_json_key(w, pid(m, x, t->party_b));
        j_trade_side(w, m, x, t->issue_b, t->option_b);
        ac_json_end_object(w);
        ac_json_key(w, "gain");
        ac_json_begin_object(w);
        ac_json_key(w, pid(m, x, t->party_a));
        ac_json_number(w, t->gain_a);
        ac_json_key(w, pid(m, x, t->party_b));
        ac_json_number(w, t->gain_b);
        ac_json_end_object(w);
        ac_json_key(w, "joint");
        ac_json_number(w, t->gain_a + t->gain_b);
        ac_json_end_object(w);
    }
    ac_json_end_array(w);
    ac_json_end_object(w);
    return ac__json_close(w, err);
}

