/* The forecasts as JSON (ac_smp_result_write_json, ac_eu_result_write_json): the shapes
 * of docs/forecast.md, actors keyed by name. `accord forecast --json` prints this. */
#include "accord/forecast.h"
#include "accord/json.h"
#include "io/json_out.h"

/* "key": {actor: v[0], actor: v[1], ...}, one number per actor. */
static void actor_numbers(ac_json *j, const char *key, const ac_fc_input *in, size_t n,
                          const double *v)
{
    ac_json_key(j, key);
    ac_json_begin_object(j);
    for (size_t a = 0; a < n; a++) {
        ac_json_key(j, ac_fc_actor(in, a));
        ac_json_number(j, v[a]);
    }
    ac_json_end_object(j);
}

static void key_actors(ac_json *j, const ac_fc_input *in)
{
    ac_json_key(j, "actors");
    ac_json_begin_array(j);
    for (size_t a = 0; a < ac_fc_n_actors(in); a++)
        ac_json_string(j, ac_fc_actor(in, a));
    ac_json_end_array(j);
}

ac_status ac_smp_result_write_json(FILE *fp, const ac_fc_input *in, const ac_smp_opts *o,
                                   const ac_smp_result *r, ac_error *err)
{
    size_t na = r->n_actors, nd = r->n_dims;
    ac_json *j;
    ac_status st = ac__json_open(fp, 2, &j, err);
    if (st)
        return st;
    ac_json_begin_object(j);
    ac_json_key(j, "model");
    ac_json_string(j, "smp");
    ac_json_key(j, "title");
    ac_json_string(j, ac_fc_title(in));
    key_actors(j, in);
    ac_json_key(j, "dimensions");
    ac_json_begin_array(j);
    for (size_t k = 0; k < nd; k++)
        ac_json_string(j, ac_fc_dim(in, k));
    ac_json_end_array(j);
    ac_json_key(j, "options");
    ac_json_begin_object(j);
    const struct {
        const char *key;
        const char *(*name)(int);
        int v;
    } named[] = {
        {"vote_rule", ac_vote_rule_name, (int)o->vote},
        {"victory", ac_victory_name, (int)o->victory},
        {"risk_range", ac_risk_range_name, (int)o->range},
        {"risk_adjust", ac_risk_adjust_name, (int)o->adjust},
        {"commit", ac_commit_name, (int)o->commit},
        {"interp", ac_interp_name, (int)o->interp},
        {"bargain", ac_bargain_name, (int)o->bargain},
        {"pce", ac_pce_name, (int)o->pce},
        {"state_trans", ac_state_trans_name, (int)o->trans},
    };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        ac_json_key(j, named[i].key);
        ac_json_string(j, named[i].name(named[i].v));
    }
    if (o->trans == AC_ST_STOCHASTIC) {
        char digits[24];
        snprintf(digits, sizeof digits, "%llu", (unsigned long long)o->seed);
        ac_json_key(j, "seed");
        ac_json_uint_str(j, digits);
    }
    ac_json_key(j, "stop_on_cycle");
    ac_json_bool(j, o->stop_on_cycle);
    ac_json_key(j, "max_turns");
    ac_json_int(j, o->max_turns);
    ac_json_end_object(j);
    ac_json_key(j, "stable");
    ac_json_bool(j, r->stable);
    /* where the positions came back to an earlier state instead of settling, and the
     * mean forecast over the run's last cycle */
    ac_json_key(j, "cycle");
    if (!r->cycle_period) {
        ac_json_null(j);
    } else {
        size_t p = r->cycle_period, from = r->n_turns >= p ? r->n_turns - p : 0;
        ac_json_begin_object(j);
        ac_json_key(j, "from");
        ac_json_int(j, (long long)r->cycle_from);
        ac_json_key(j, "period");
        ac_json_int(j, (long long)p);
        ac_json_key(j, "forecast");
        ac_json_begin_array(j);
        for (size_t k = 0; k < nd; k++) {
            double f = 0;
            for (size_t t = from; t < r->n_turns; t++)
                f += r->forecast[t * nd + k];
            ac_json_number(j, f / (double)(r->n_turns - from));
        }
        ac_json_end_array(j);
        ac_json_end_object(j);
    }
    ac_json_key(j, "turns");
    ac_json_begin_array(j);
    for (size_t t = 0; t < r->n_turns; t++) {
        ac_json_begin_object(j);
        ac_json_key(j, "turn");
        ac_json_int(j, (long long)t);
        ac_json_key(j, "position");
        ac_json_begin_object(j);
        for (size_t a = 0; a < na; a++) {
            ac_json_key(j, ac_fc_actor(in, a));
            ac_json_begin_array(j);
            for (size_t k = 0; k < nd; k++)
                ac_json_number(j, r->position[(t * na + a) * nd + k]);
            ac_json_end_array(j);
        }
        ac_json_end_object(j);
        actor_numbers(j, "probability", in, na, r->prob + t * na);
        actor_numbers(j, "risk", in, na, r->risk + t * na);
        ac_json_key(j, "forecast");
        ac_json_begin_array(j);
        for (size_t k = 0; k < nd; k++)
            ac_json_number(j, r->forecast[t * nd + k]);
        ac_json_end_array(j);
        ac_json_key(j, "distinct");
        ac_json_int(j, r->distinct[t]);
        ac_json_key(j, "moved");
        ac_json_number(j, r->change[t]);
        ac_json_end_object(j);
    }
    ac_json_end_array(j);
    ac_json_key(j, "forecast");
    ac_json_begin_array(j);
    for (size_t k = 0; k < nd; k++)
        ac_json_number(j, r->forecast[(r->n_turns - 1) * nd + k]);
    ac_json_end_array(j);
    ac_json_end_object(j);
    return ac__json_close(j, err);
}

ac_status ac_eu_result_write_json(FILE *fp, const ac_fc_input *in, size_t d,
                                  const ac_eu_result *r, ac_error *err)
{
    size_t n = r->n_actors;
    ac_json *j;
    ac_status st = ac__json_open(fp, 2, &j, err);
    if (st)
        return st;
    ac_json_begin_object(j);
    ac_json_key(j, "model");
    ac_json_string(j, "eu");
    ac_json_key(j, "title");
    ac_json_string(j, ac_fc_title(in));
    key_actors(j, in);
    ac_json_key(j, "variant");
    ac_json_string(j, ac_eu_variant_name(r->variant));
    ac_json_key(j, "dimension");
    ac_json_string(j, ac_fc_dim(in, d));
    ac_json_key(j, "range");
    ac_json_number(j, r->range);
    ac_json_key(j, "stable");
    ac_json_bool(j, r->stable);
    ac_json_key(j, "cycle");
    if (!r->cycle_period) {
        ac_json_null(j);
    } else {
        ac_json_begin_object(j);
        ac_json_key(j, "from");
        ac_json_int(j, (long long)r->cycle_from);
        ac_json_key(j, "period");
        ac_json_int(j, (long long)r->cycle_period);
        ac_json_end_object(j);
    }
    ac_json_key(j, "rounds");
    ac_json_begin_array(j);
    for (size_t t = 0; t < r->n_rounds; t++) {
        ac_json_begin_object(j);
        ac_json_key(j, "round");
        ac_json_int(j, (long long)t);
        ac_json_key(j, "mean");
        ac_json_number(j, r->mean[t]);
        ac_json_key(j, "median");
        ac_json_number(j, r->median[t]);
        actor_numbers(j, "position", in, n, r->position + t * n);
        actor_numbers(j, "risk", in, n, r->risk + t * n);
        ac_json_key(j, "moves");
        ac_json_begin_object(j);
        for (size_t a = 0; t && a < n; a++) {
            if (r->move[t * n + a] == AC_EU_NONE)
                continue;
            ac_json_key(j, ac_fc_actor(in, a));
            ac_json_begin_object(j);
            ac_json_key(j, "kind");
            ac_json_string(j, ac_eu_move_name(r->move[t * n + a]));
            ac_json_key(j, "toward");
            ac_json_string(j, ac_fc_actor(in, r->mover[t * n + a]));
            ac_json_end_object(j);
        }
        ac_json_end_object(j);
        ac_json_end_object(j);
    }
    ac_json_end_array(j);
    ac_json_end_object(j);
    return ac__json_close(j, err);
}
