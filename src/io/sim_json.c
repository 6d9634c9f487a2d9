/* The JSON of simulated talks: one talk (ac_simulation_write_json), one round of it as a
 * JSON line (ac_talks_round_write_json) and a Monte Carlo sweep (ac_sweep_write_json),
 * as docs/simulate.md describes them. Both documents open with the same settings, so a
 * sweep and a talk run with the same options say so in the same words. Parties are keyed
 * by the ids of the active parties, in model order. */
#include "accord/json.h"
#include "accord/sim.h"
#include "accord/simulate.h"
#include "io/json_out.h"
#include "sim/sweep_internal.h"

#include <stdio.h>

#define TOP_AGREEMENTS 10

/* title, protocol, variant, rounds, runs (only when runs > 0), seed and strategies. */
static void settings(ac_json *j, const ac_model *m, const ac_talks_opts *talks, uint64_t seed,
                     uint64_t runs)
{
    ac_json_key(j, "title");
    ac_json_string(j, ac_model_title(m));
    ac_json_key(j, "protocol");
    ac_json_string(j, ac_protocol_name(talks->protocol));
    if (talks->protocol == AC_PROTO_MEDIATED) {
        ac_json_key(j, "variant");
        ac_json_string(j, ac_variant_name(talks->variant));
    }
    ac_json_key(j, "rounds");
    ac_json_int(j, talks->rounds ? talks->rounds : AC_TALKS_ROUNDS_DEFAULT);
    if (runs) {
        ac_json_key(j, "runs");
        ac_json_int(j, (long long)runs);
    }
    char buf[32];
    ac_json_key(j, "seed");
    snprintf(buf, sizeof buf, "%llu", (unsigned long long)seed);
    ac_json_uint_str(j, buf);
    ac_json_key(j, "strategies");
    ac_json_begin_object(j);
    for (size_t p = 0, i = 0; p < ac_model_n_parties(m); p++) {
        if (ac_party_role(m, p) != AC_ROLE_PARTY)
            continue;
        ac_strategy s;
        if (talks->strategy)
            s = talks->strategy[i];
        else
            ac_strategy_default(&s);
        i++;
        ac_json_key(j, ac_party_id(m, p));
        ac_json_string(j, ac_strategy_format(&s, buf, sizeof buf));
    }
    ac_json_end_object(j);
}

static void event_json(ac_json *j, const ac_model *m, size_t e)
{
    const ac_event *ev = ac_model_event(m, e);
    ac_json_begin_object(j);
    ac_json_key(j, "at");
    ac_json_number(j, ev->at);
    ac_json_key(j, "party");
    ac_json_string(j, ac_party_id(m, ev->party));
    if (ev->has_reservation) {
        ac_json_key(j, "reservation");
        ac_json_number(j, ev->reservation);
    }
    if (ev->n_weights) {
        ac_json_key(j, "weights");
        ac_json_begin_object(j);
        for (size_t w = 0; w < ev->n_weights; w++) {
            ac_json_key(j, ac_issue_id(m, ev->weight_issue[w]));
            ac_json_number(j, ev->weight_delta[w]);
        }
        ac_json_end_object(j);
    }
    ac_json_key(j, "note");
    ac_json_string(j, ev->note);
    ac_json_end_object(j);
}

ac_status ac_talks_round_write_json(FILE *fp, const ac_model *m, const ac_talks_round *r,
                                    ac_error *err)
{
    if (!m || !r)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "no model or no round");
    ac_json *j;
    ac_status st = ac__json_open(fp, 0, &j, err);
    if (st != AC_OK)
        return st;
    size_t n = 0, K = ac_model_n_issues(m);
    for (size_t p = 0; p < ac_model_n_parties(m); p++)
        n += ac_party_role(m, p) == AC_ROLE_PARTY;
    ac_json_begin_object(j);
    ac_json_key(j, "round");
    ac_json_int(j, r->round);
    ac_json_key(j, "t");
    ac_json_number(j, r->t);
    ac_json_key(j, "proposer");
    ac_json_string(j, r->proposer == AC_NONE
                          ? "mediator"
                          : ac_party_id(m, ac__json_active_party(m, r->proposer)));
    if (r->visited != AC_NONE) {
        ac_json_key(j, "visited");
        ac_json_string(j, ac_party_id(m, ac__json_active_party(m, r->visited)));
    }
    ac_json_key(j, "offer");
    ac__json_outcome(j, m, r->offer);
    ac_json_key(j, "answers");
    ac_json_begin_object(j);
    for (size_t i = 0; i < n; i++) {
        ac_json_key(j, ac_party_id(m, ac__json_active_party(m, i)));
        ac_json_begin_object(j);
        ac_json_key(j, "accept");
        ac_json_bool(j, r->accept[i]);
        ac_json_key(j, "aspiration");
        ac_json_number(j, r->aspiration[i]);
        ac_json_key(j, "stances");
        ac_json_begin_object(j);
        for (size_t k = 0; k < K; k++) {
            ac_json_key(j, ac_issue_id(m, k));
            ac_json_string(j, ac_stance_name(r->stances[i * K + k]));
        }
        ac_json_end_object(j);
        ac_json_end_object(j);
    }
    ac_json_end_object(j);
    ac_json_key(j, "utilities");
    ac__json_active(j, m, r->utility);
    ac_json_key(j, "events");
    ac_json_begin_array(j);
    for (size_t e = 0; e < r->n_fired; e++)
        event_json(j, m, r->fired[e]);
    ac_json_end_array(j);
    ac_json_end_object(j);
    return ac__json_close(j, err);
}

ac_status ac_simulation_write_json(FILE *fp, const ac_model *m, const ac_simulation *s,
                                   ac_error *err)
{
    if (!m || !s)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "no model or no simulation");
    ac_json *j;
    ac_status st = ac__json_open(fp, 2, &j, err);
    if (st != AC_OK)
        return st;
    size_t n = s->n_parties;
    ac_json_begin_object(j);
    settings(j, m, &s->talks, s->seed, 0);
    ac_json_key(j, "deal");
    ac_json_bool(j, s->deal);
    ac_json_key(j, "round");
    ac_json_int(j, s->round);
    ac_json_key(j, "t");
    ac_json_number(j, s->t);
    ac_json_key(j, "outcome");
    ac__json_outcome(j, m, s->outcome);
    ac_json_key(j, "utility");
    ac__json_parties(j, m, s->party, n, s->utility);
    ac_json_key(j, "discounted");
    ac__json_parties(j, m, s->party, n, s->discounted);
    ac_json_key(j, "reservation");
    ac__json_parties(j, m, s->party, n, s->reservation);
    ac_json_key(j, "model_utility");
    ac__json_parties(j, m, s->party, n, s->model_utility);
    ac_json_key(j, "nash");
    if (s->has_nash) {
        ac_json_begin_object(j);
        ac_json_key(j, "distance");
        ac_json_number(j, s->nash_distance);
        ac_json_key(j, "utility");
        ac__json_parties(j, m, s->party, n, s->nash_utility);
        ac_json_end_object(j);
    } else {
        ac_json_null(j);
    }
    ac_json_key(j, "pareto_optimal");
    ac_json_bool(j, s->pareto_optimal);
    ac_json_key(j, "events");
    ac_json_begin_array(j);
    for (size_t e = 0; e < s->n_events; e++) {
        ac_json_begin_object(j);
        ac_json_key(j, "round");
        if (s->event_round[e])
            ac_json_int(j, s->event_round[e]);
        else
            ac_json_null(j);
        ac_json_key(j, "event");
        event_json(j, m, e);
        ac_json_end_object(j);
    }
    ac_json_end_array(j);
    ac_json_end_object(j);
    return ac__json_close(j, err);
}

static void interval_json(ac_json *j, double lo, double hi)
{
    ac_json_key(j, "ci95");
    ac_json_begin_array(j);
    ac_json_number(j, lo);
    ac_json_number(j, hi);
    ac_json_end_array(j);
}

static void share_json(ac_json *j, uint64_t k, uint64_t n)
{
    double lo, hi;
    ac_wilson95(k, n, &lo, &hi);
    ac_json_begin_object(j);
    ac_json_key(j, "count");
    ac_json_int(j, (long long)k);
    ac_json_key(j, "share");
    ac_json_number(j, n ? (double)k / (double)n : 0);
    interval_json(j, lo, hi);
    ac_json_end_object(j);
}

ac_status ac_sweep_write_json(FILE *fp, const ac_model *m, const ac_sweep_opts *o,
                              const ac_sweep *s, ac_error *err)
{
    if (!m || !o || !s)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "no model, options or sweep");
    ac_json *j;
    ac_status st = ac__json_open(fp, 2, &j, err);
    if (st != AC_OK)
        return st;
    size_t n = s->n_parties, K = s->n_issues;
    ac_json_begin_object(j);
    settings(j, m, &o->talks, o->seed, s->runs);
    ac_json_key(j, "deal");
    share_json(j, s->deals, s->runs);
    ac_json_key(j, "mean_round");
    if (s->deals)
        ac_json_number(j, (double)s->rounds_sum / (double)s->deals);
    else
        ac_json_null(j);
    ac_json_key(j, "utility");
    ac_json_begin_object(j);
    for (size_t i = 0; i < n; i++) {
        double mean, lo, hi;
        ac_mean95(s->utility_sum[i], s->utility_sq[i], s->runs, &mean, &lo, &hi);
        ac_json_key(j, ac_party_id(m, ac__json_active_party(m, i)));
        ac_json_begin_object(j);
        ac_json_key(j, "mean");
        ac_json_number(j, mean);
        interval_json(j, lo, hi);
        ac_json_key(j, "mean_in_deals");
        if (s->deals)
            ac_json_number(j, s->deal_utility_sum[i] / (double)s->deals);
        else
            ac_json_null(j);
        ac_json_end_object(j);
    }
    ac_json_end_object(j);
    ac_json_key(j, "points");
    ac_json_begin_object(j);
    for (size_t k = 0; k < K; k++) {
        ac_json_key(j, ac_issue_id(m, k));
        ac_json_begin_object(j);
        for (size_t q = 0; q < ac_model_n_options(m, k); q++) {
            ac_json_key(j, ac_option_id(m, k, q));
            share_json(j, s->option_count[s->option_offset[k] + q], s->deals);
        }
        ac_json_end_object(j);
    }
    ac_json_end_object(j);
    ac_json_key(j, "distinct_agreements");
    ac_json_int(j, (long long)s->n_agreements);
    ac_json_key(j, "agreements");
    ac_json_begin_array(j);
    for (size_t q = 0; q < s->n_agreements && q < TOP_AGREEMENTS; q++) {
        double lo, hi;
        ac_wilson95(s->agreements[q].count, s->runs, &lo, &hi);
        ac_json_begin_object(j);
        ac_json_key(j, "count");
        ac_json_int(j, (long long)s->agreements[q].count);
        ac_json_key(j, "share");
        ac_json_number(j, (double)s->agreements[q].count / (double)s->runs);
        interval_json(j, lo, hi);
        ac_json_key(j, "outcome");
        ac__json_outcome(j, m, s->agreements[q].outcome);
        ac_json_end_object(j);
    }
    ac_json_end_array(j);
    ac_json_end_object(j);
    return ac__json_close(j, err);
}
