/* ac_run: a model (path or text) and options (a JSON object) in, the command's JSON out
 * (see run.h). Options are checked strictly, as the command checks its flags: a typo in a
 * key is an error rather than a silently ignored setting. */
#include "accord/accord.h"

#include <json-c/json.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void ac_free(void *p) { free(p); }

/* ---- options ---- */

typedef struct opts {
    json_object *root;
    const char *what;
    ac_error *err;
} opts;

static ac_status bad(opts *o, const char *key, const char *want)
{
    return ac_error_set(o->err, AC_EARG, NULL, 0, 0, "%s option '%s' must be %s", o->what, key,
                        want);
}

/* Every key must be one of allowed (NULL-terminated). */
static ac_status only_keys(opts *o, const char *const *allowed)
{
    if (!o->root)
        return AC_OK;
    json_object_object_foreach(o->root, key, val)
    {
        (void)val;
        size_t i = 0;
        while (allowed[i] && strcmp(allowed[i], key))
            i++;
        if (!allowed[i])
            return ac_error_set(o->err, AC_EARG, NULL, 0, 0, "unknown %s option '%s'", o->what,
                                key);
    }
    return AC_OK;
}

static json_object *get(opts *o, const char *key)
{
    json_object *v = NULL;
    if (!o->root || !json_object_object_get_ex(o->root, key, &v) || !v)
        return NULL; /* absent or null: the default */
    return v;
}

static ac_status get_count(opts *o, const char *key, uint64_t lo, uint64_t hi, uint64_t *out,
                           const char *want)
{
    json_object *v = get(o, key);
    if (!v)
        return AC_OK;
    if (!json_object_is_type(v, json_type_int))
        return bad(o, key, want);
    int64_t x = json_object_get_int64(v);
    if (x < 0 || (uint64_t)x < lo || (uint64_t)x > hi)
        return bad(o, key, want);
    if (x == INT64_MAX) { /* json-c saturates: read the digits */
        const char *s = json_object_to_json_string(v);
        char *end;
        unsigned long long u = strtoull(s, &end, 10);
        if (*end || u > hi)
            return bad(o, key, want);
        *out = u;
        return AC_OK;
    }
    *out = (uint64_t)x;
    return AC_OK;
}

static ac_status get_real(opts *o, const char *key, double lo, double hi, double *out,
                          const char *want)
{
    json_object *v = get(o, key);
    if (!v)
        return AC_OK;
    if (!json_object_is_type(v, json_type_int) && !json_object_is_type(v, json_type_double))
        return bad(o, key, want);
    double x = json_object_get_double(v);
    if (!isfinite(x) || x < lo || x > hi)
        return bad(o, key, want);
    *out = x;
    return AC_OK;
}

static ac_status get_bool(opts *o, const char *key, int *out)
{
    json_object *v = get(o, key);
    if (!v)
        return AC_OK;
    if (!json_object_is_type(v, json_type_boolean))
        return bad(o, key, "true or false");
    *out = json_object_get_boolean(v);
    return AC_OK;
}

static ac_status get_string(opts *o, const char *key, const char **out)
{
    json_object *v = get(o, key);
    if (!v)
        return AC_OK;
    if (!json_object_is_type(v, json_type_string))
        return bad(o, key, "a string");
    *out = json_object_get_string(v);
    return AC_OK;
}

#define TRY(x)                                                                                 \
    do {                                                                                       \
        ac_status st_ = (x);                                                                   \
        if (st_ != AC_OK)                                                                      \
            return st_;                                                                        \
    } while (0)

/* protocol, variant, rounds and strategies; strategies[] has one slot per active party. */
static ac_status talks_options(opts *o, const ac_model *m, ac_talks_opts *t, ac_strategy *strat)
{
    const char *s = NULL;
    TRY(get_string(o, "protocol", &s));
    if (s && ac_protocol_parse(s, &t->protocol))
        return bad(o, "protocol", "mediated, shuttle or alternating");
    s = NULL;
    TRY(get_string(o, "variant", &s));
    if (s && ac_variant_parse(s, &t->variant))
        return bad(o, "variant", "hill, veto or anneal");
    uint64_t r = 0;
    TRY(get_count(o, "rounds", 1, 100000000, &r, "a whole number from 1 to 1e8"));
    if (r)
        t->rounds = (unsigned)r;
    size_t n = 0;
    for (size_t p = 0; p < ac_model_n_parties(m); p++)
        if (ac_party_role(m, p) == AC_ROLE_PARTY)
            ac_strategy_default(&strat[n++]);
    t->strategy = strat;
    json_object *v = get(o, "strategies");
    if (!v)
        return AC_OK;
    if (!json_object_is_type(v, json_type_object))
        return bad(o, "strategies", "an object of party id -> \"name[:param]\"");
    json_object_object_foreach(v, party, val)
    {
        size_t p = ac_party_find(m, party);
        if (p == AC_NONE || ac_party_role(m, p) != AC_ROLE_PARTY)
            return ac_error_set(o->err, AC_EARG, NULL, 0, 0,
                                "%s option 'strategies': no party '%s' (a mediator has no "
                                "strategy)", o->what, party);
        size_t i = 0;
        for (size_t q = 0; q < p; q++)
            i += ac_party_role(m, q) == AC_ROLE_PARTY;
        if (!json_object_is_type(val, json_type_string) ||
            ac_strategy_parse(json_object_get_string(val), &strat[i]))
            return ac_error_set(o->err, AC_EARG, NULL, 0, 0,
                                "%s option 'strategies': '%s' needs NAME[:PARAM] with NAME "
                                "boulware, linear, conceder, tit-for-tat, hardliner or random",
                                o->what, party);
    }
    return AC_OK;
}

static const char *const THREADS = "a whole number from 0 (one per core) to 4096";

static ac_status run_analyze(opts *o, const ac_model *m, FILE *fp)
{
    static const char *const keys[] = {"method", "threads", "feasible", "limit",
                                       "agree_within", NULL};
    TRY(only_keys(o, keys));
    ac_analyze_opts ao;
    ac_analyze_opts_init(&ao);
    ac_analysis_json_opts jo;
    ac_analysis_json_opts_init(&jo);
    const char *method = NULL;
    TRY(get_string(o, "method", &method));
    if (method) {
        if (!strcmp(method, "auto"))
            ao.method = AC_METHOD_AUTO;
        else if (!strcmp(method, "enumerate"))
            ao.method = AC_METHOD_ENUMERATE;
        else if (!strcmp(method, "dp"))
            ao.method = AC_METHOD_DP;
        else
            return bad(o, "method", "auto, enumerate or dp");
    }
    uint64_t x = 0;
    TRY(get_count(o, "threads", 0, 4096, &x, THREADS));
    ao.threads = (int)x;
    TRY(get_bool(o, "feasible", &ao.feasible));
    jo.feasible = ao.feasible;
    x = SIZE_MAX;
    TRY(get_count(o, "limit", 0, SIZE_MAX - 1, &x, "a whole number >= 0"));
    jo.limit = (size_t)x;
    TRY(get_real(o, "agree_within", 0, 1, &ao.agree_within, "a number in [0, 1]"));
    ac_analysis *a = NULL;
    ac_status st = ac_analyze(m, &ao, &a, o->err);
    if (st == AC_OK)
        st = ac_analysis_write_json(fp, m, a, &jo, o->err);
    ac_analysis_free(a);
    return st;
}

static ac_status run_mediate(opts *o, const ac_model *m, FILE *fp)
{
    static const char *const keys[] = {"top", "trades", "agree_within", NULL};
    TRY(only_keys(o, keys));
    ac_mediate_opts mo;
    ac_mediate_opts_init(&mo);
    uint64_t x = mo.top;
    TRY(get_count(o, "top", 1, 1000, &x, "a whole number from 1 to 1000"));
    mo.top = (size_t)x;
    x = mo.trades;
    TRY(get_count(o, "trades", 0, 1000, &x, "a whole number from 0 to 1000"));
    mo.trades = (size_t)x;
    TRY(get_real(o, "agree_within", 0, 1, &mo.agree_within, "a number in [0, 1]"));
    ac_mediation *r = NULL;
    ac_status st = ac_mediate(m, &mo, &r, o->err);
    if (st == AC_OK)
        st = ac_mediation_write_json(fp, m, r, o->err);
    ac_mediation_free(r);
    return st;
}

static ac_status run_simulate(opts *o, const ac_model *m, FILE *fp, ac_strategy *strat)
{
    static const char *const keys[] = {"protocol", "variant", "rounds", "seed", "strategies",
                                       NULL};
    TRY(only_keys(o, keys));
    ac_simulate_opts so;
    ac_simulate_opts_init(&so);
    TRY(talks_options(o, m, &so.talks, strat));
    TRY(get_count(o, "seed", 0, UINT64_MAX, &so.seed, "a whole number >= 0"));
    ac_simulation *s = NULL;
    ac_status st = ac_simulate(m, &so, NULL, &s, o->err);
    if (st == AC_OK)
        st = ac_simulation_write_json(fp, m, s, o->err);
    ac_simulation_free(s);
    return st;
}

static ac_status run_sweep(opts *o, const ac_model *m, FILE *fp, ac_strategy *strat)
{
    static const char *const keys[] = {"runs", "threads", "seed", "protocol", "variant",
                                       "rounds", "strategies", NULL};
    TRY(only_keys(o, keys));
    ac_sweep_opts so;
    ac_sweep_opts_init(&so);
    so.seed = 1;
    TRY(talks_options(o, m, &so.talks, strat));
    if (!get(o, "runs"))
        return ac_error_set(o->err, AC_EARG, NULL, 0, 0, "sweep needs the option 'runs'");
    TRY(get_count(o, "runs", 1, 1000000000000ULL, &so.runs, "a whole number from 1 to 1e12"));
    uint64_t x = 0;
    TRY(get_count(o, "threads", 0, 4096, &x, THREADS));
    so.threads = (int)x;
    TRY(get_count(o, "seed", 0, UINT64_MAX, &so.seed, "a whole number >= 0"));
    ac_sweep *s = NULL;
    ac_status st = ac_sweep_run(m, &so, &s, o->err);
    if (st == AC_OK)
        st = ac_sweep_write_json(fp, m, &so, s, o->err);
    ac_sweep_free(s);
    return st;
}

typedef const char *(*name_fn)(int);

static ac_status get_named(opts *o, const char *key, name_fn names, int *out)
{
    const char *s = NULL;
    TRY(get_string(o, key, &s));
    if (!s)
        return AC_OK;
    for (int i = 0; names(i); i++)
        if (!strcmp(s, names(i))) {
            *out = i;
            return AC_OK;
        }
    char want[160];
    size_t len = 0;
    want[0] = 0;
    for (int i = 0; names(i) && len < sizeof want; i++)
        len += (size_t)snprintf(want + len, sizeof want - len, "%s%s", i ? ", " : "one of ",
                                names(i));
    return bad(o, key, want);
}

/* The forecast of `accord forecast --json`: the SMP (default) or, with "model": "eu", the
 * expected-utility model on one dimension. */
static ac_status run_forecast(opts *o, const ac_fc_input *in, FILE *fp)
{
    static const char *const keys[] = {"model",      "turns",      "dim",         "variant",
                                       "vote_rule",  "victory",    "risk_range",  "risk_adjust",
                                       "commit",     "interp",     "pce",         "state_trans",
                                       "seed",       "stop_on_cycle", "bargain", NULL};
    TRY(only_keys(o, keys));
    const char *model = NULL;
    TRY(get_string(o, "model", &model));
    int eu = model && !strcmp(model, "eu");
    if (model && !eu && strcmp(model, "smp"))
        return bad(o, "model", "smp or eu");
    uint64_t turns = 0;
    int turns_set = get(o, "turns") != NULL;
    TRY(get_count(o, "turns", 0, 10000, &turns, "a whole number from 0 to 10000"));
    if (!eu) {
        static const char *const eu_only[] = {"dim", "variant"};
        for (size_t i = 0; i < 2; i++)
            if (get(o, eu_only[i]))
                return bad(o, eu_only[i], "left out: it is for the model eu");
        ac_smp_opts so;
        ac_smp_opts_init(&so);
        int v[9] = {(int)so.vote,   (int)so.victory, (int)so.range, (int)so.adjust,
                    (int)so.commit, (int)so.interp,  (int)so.pce,   (int)so.trans,
                    (int)so.bargain};
        TRY(get_named(o, "vote_rule", ac_vote_rule_name, &v[0]));
        TRY(get_named(o, "victory", ac_victory_name, &v[1]));
        TRY(get_named(o, "risk_range", ac_risk_range_name, &v[2]));
        TRY(get_named(o, "risk_adjust", ac_risk_adjust_name, &v[3]));
        TRY(get_named(o, "commit", ac_commit_name, &v[4]));
        TRY(get_named(o, "interp", ac_interp_name, &v[5]));
        TRY(get_named(o, "pce", ac_pce_name, &v[6]));
        TRY(get_named(o, "state_trans", ac_state_trans_name, &v[7]));
        TRY(get_named(o, "bargain", ac_bargain_name, &v[8]));
        TRY(get_count(o, "seed", 0, UINT64_MAX, &so.seed, "a whole number >= 0"));
        TRY(get_bool(o, "stop_on_cycle", &so.stop_on_cycle));
        so.vote = (ac_vote_rule)v[0];
        so.victory = (ac_victory)v[1];
        so.range = (ac_risk_range)v[2];
        so.adjust = (ac_risk_adjust)v[3];
        so.commit = (ac_commit)v[4];
        so.interp = (ac_interp)v[5];
        so.pce = (ac_pce)v[6];
        so.trans = (ac_state_trans)v[7];
        so.bargain = (ac_bargain_model)v[8];
        if (turns_set)
            so.max_turns = (unsigned)turns;
        ac_smp_result *r = NULL;
        ac_status st = ac_forecast_smp(in, &so, &r, o->err);
        if (st == AC_OK)
            st = ac_smp_result_write_json(fp, in, &so, r, o->err);
        ac_smp_result_free(r);
        return st;
    }
    static const char *const smp_only[] = {"vote_rule", "victory", "risk_range", "risk_adjust",
                                           "commit",    "interp",  "pce",        "state_trans",
                                           "seed",      "stop_on_cycle", "bargain"};
    for (size_t i = 0; i < sizeof smp_only / sizeof smp_only[0]; i++)
        if (get(o, smp_only[i]))
            return bad(o, smp_only[i], "left out: it is for the model smp");
    ac_eu_opts eo;
    ac_eu_opts_init(&eo);
    if (turns_set)
        eo.max_rounds = (unsigned)turns;
    int variant = (int)eo.variant;
    TRY(get_named(o, "variant", ac_eu_variant_name, &variant));
    eo.variant = (ac_eu_variant)variant;
    json_object *d = get(o, "dim");
    if (d) {
        size_t nd = ac_fc_n_dims(in), k = nd;
        if (json_object_is_type(d, json_type_string)) {
            for (k = 0; k < nd && strcmp(ac_fc_dim(in, k), json_object_get_string(d)); k++)
                ;
        } else if (json_object_is_type(d, json_type_int)) {
            int64_t x = json_object_get_int64(d);
            if (x >= 1 && (uint64_t)x <= nd)
                k = (size_t)x - 1;
        }
        if (k == nd)
            return bad(o, "dim", "a dimension's name or its number from 1");
        eo.dim = k;
    }
    ac_eu_result *r = NULL;
    ac_status st = ac_forecast_eu(in, &eo, &r, o->err);
    if (st == AC_OK)
        st = ac_eu_result_write_json(fp, in, eo.dim, r, o->err);
    ac_eu_result_free(r);
    return st;
}

static int ends_with_csv(const char *s)
{
    size_t n = strlen(s);
    return n >= 4 && !strcasecmp(s + n - 4, ".csv");
}

ac_status ac_run(const char *what, const char *model, ac_run_source source, const char *name,
                 const char *options, char **json, ac_diags *diags, ac_error *err)
{
    if (!json)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "no result pointer");
    *json = NULL;
    if (!what || !model)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "no command or no model");
    int kind = !strcmp(what, "analyze")    ? 0
               : !strcmp(what, "mediate")  ? 1
               : !strcmp(what, "simulate") ? 2
               : !strcmp(what, "sweep")    ? 3
               : !strcmp(what, "forecast") ? 4
                                           : -1;
    if (kind < 0)
        return ac_error_set(err, AC_EARG, NULL, 0, 0,
                            "no command '%s' (analyze, mediate, simulate, sweep or forecast)", what);
    opts o = {NULL, what, err};
    if (options && *options) {
        enum json_tokener_error jerr;
        o.root = json_tokener_parse_verbose(options, &jerr);
        if (!o.root || !json_object_is_type(o.root, json_type_object)) {
            json_object_put(o.root);
            return ac_error_set(err, AC_EARG, NULL, 0, 0, "%s options are not a JSON object%s%s",
                                what, o.root || jerr == json_tokener_success ? "" : ": ",
                                o.root || jerr == json_tokener_success
                                    ? ""
                                    : json_tokener_error_desc(jerr));
        }
    }
    ac_model *m = NULL;
    ac_fc_input *in = NULL;
    ac_status st;
    if (kind == 4 && source == AC_RUN_PATH && ends_with_csv(model))
        st = ac_ktab_load_file(model, &in, diags, err); /* a KTAB table */
    else
        st = source == AC_RUN_TEXT
                       ? ac_model_load_string(model, strlen(model), name ? name : "<model>", &m,
                                              diags, err)
                       : ac_scenario_load(model, 0, &m, diags, err);
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = NULL;
    ac_strategy *strat = NULL;
    if (st == AC_OK && kind == 4 && !in)
        st = ac_fc_input_from_model(m, &in, err);
    if (st == AC_OK) {
        strat = calloc((m ? ac_model_n_parties(m) : 0) + 1, sizeof *strat);
        fp = open_memstream(&buf, &len);
        if (!strat || !fp)
            st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    if (st == AC_OK) {
        switch (kind) {
        case 0:
            st = run_analyze(&o, m, fp);
            break;
        case 1:
            st = run_mediate(&o, m, fp);
            break;
        case 2:
            st = run_simulate(&o, m, fp, strat);
            break;
        case 4:
            st = run_forecast(&o, in, fp);
            break;
        default:
            st = run_sweep(&o, m, fp, strat);
            break;
        }
    }
    if (fp && fclose(fp) != 0 && st == AC_OK)
        st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    if (st == AC_OK)
        *json = buf;
    else
        free(buf);
    free(strat);
    ac_fc_input_free(in);
    ac_model_free(m);
    json_object_put(o.root);
    return st;
}
