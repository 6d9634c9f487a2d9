/* `accord forecast INPUT`: where the talks are likely to land, by KTAB's spatial model of
 * politics (--model smp, the default) or Bueno de Mesquita's expected-utility model
 * (--model eu), on a KTAB-style CSV file or a model (its `dimensions` section, or its
 * ordered options; docs/forecast.md). Text for people: a table per turn or round, then
 * the forecast and how it moved; --json for programs. Also the glue that puts the
 * forecast's course into `accord report`. */
#include "cli/cli.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int eu;
    int json;
    int turns_set;
    unsigned long long turns;
    const char *dim;
    int variant_set, seed_set;
    ac_eu_variant variant;
    const char *smp_only; /* an SMP option given, for the message under --model eu */
    ac_smp_opts smp;
} fc_args;

static int ends_with_csv(const char *p)
{
    size_t n = strlen(p);
    return n >= 4 && p[n - 4] == '.' && tolower((unsigned char)p[n - 3]) == 'c' &&
           tolower((unsigned char)p[n - 2]) == 's' && tolower((unsigned char)p[n - 1]) == 'v';
}

/* Loads INPUT: a .csv file is KTAB's format, anything else a model. */
static int load_input(const char *path, ac_fc_input **out)
{
    *out = NULL;
    ac_error err;
    ac_error_clear(&err);
    if (ends_with_csv(path)) {
        ac_diags *d = ac_diags_new();
        if (!d) {
            fprintf(stderr, "accord: out of memory\n");
            return CLI_EINTERNAL;
        }
        ac_status st = ac_ktab_load_file(path, out, d, &err);
        if (st) {
            ac_diags_sort(d);
            for (size_t i = 0; i < ac_diags_count(d); i++)
                cli_print_diag(ac_diags_get(d, i));
            int rc = ac_diags_count(d) ? cli_exit_code(st) : cli_report_error(st, &err);
            ac_diags_free(d);
            return rc;
        }
        ac_diags_free(d);
        return CLI_OK;
    }
    ac_model *m;
    int rc = cli_load_model(path, &m);
    if (rc)
        return rc;
    ac_status st = ac_fc_input_from_model(m, out, &err);
    ac_model_free(m);
    return st ? cli_report_error(st, &err) : CLI_OK;
}

typedef const char *(*name_fn)(int);
#define N_OF(a) (sizeof a / sizeof a[0])

static int pick(const char *v, name_fn names)
{
    for (int i = 0; names(i); i++)
        if (!strcmp(v, names(i)))
            return i;
    return -1;
}

static void join(char *buf, size_t size, name_fn names)
{
    size_t len = 0;
    buf[0] = 0;
    for (int i = 0; names(i) && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? "|" : "", names(i));
}

/* ---------------------------------------------------------------- SMP ---- */

static void smp_turn_table(FILE *fp, const ac_fc_input *in, const ac_smp_result *r, size_t t)
{
    size_t na = r->n_actors, nd = r->n_dims;
    const double *x = &r->position[t * na * nd];
    cli_table *tb;
    if (nd <= 6) {
        tb = cli_table_new(nd + 4);
        if (!tb)
            return;
        for (size_t c = 1; c < nd + 4; c++)
            cli_table_align(tb, c, CLI_RIGHT);
        cli_table_max_width(tb, 0, 24);
        cli_table_cell(tb, "actor");
        cli_table_cell(tb, "capability");
        for (size_t k = 0; k < nd; k++)
            cli_table_cell(tb, "%s", ac_fc_dim(in, k));
        cli_table_cell(tb, "P(wins)");
        cli_table_cell(tb, "risk R");
        cli_table_header_done(tb);
        for (size_t a = 0; a < na; a++) {
            cli_table_cell(tb, "%s", ac_fc_actor(in, a));
            cli_table_cell(tb, "%.1f", ac_fc_actor_capability(in, a));
            for (size_t k = 0; k < nd; k++)
                cli_table_cell(tb, "%.1f", x[a * nd + k]);
            cli_table_cell(tb, "%.4f", r->prob[t * na + a]);
            cli_table_cell(tb, "%+.3f", r->risk[t * na + a]);
        }
        cli_table_cell(tb, "forecast");
        cli_table_cell(tb, "%s", "");
        for (size_t k = 0; k < nd; k++)
            cli_table_cell(tb, "%.1f", r->forecast[t * nd + k]);
        cli_table_cell(tb, "%s", "");
        cli_table_cell(tb, "%s", "");
    } else {
        /* Many dimensions: one row per dimension, one column per actor. */
        tb = cli_table_new(na + 2);
        if (!tb)
            return;
        for (size_t c = 1; c < na + 2; c++)
            cli_table_align(tb, c, CLI_RIGHT);
        cli_table_max_width(tb, 0, 30);
        cli_table_cell(tb, "dimension");
        for (size_t a = 0; a < na; a++)
            cli_table_cell(tb, "%s", ac_fc_actor(in, a));
        cli_table_cell(tb, "forecast");
        cli_table_header_done(tb);
        for (size_t k = 0; k < nd; k++) {
            cli_table_cell(tb, "%s", ac_fc_dim(in, k));
            for (size_t a = 0; a < na; a++)
                cli_table_cell(tb, "%.1f", x[a * nd + k]);
            cli_table_cell(tb, "%.1f", r->forecast[t * nd + k]);
        }
        cli_table_cell(tb, "P(wins)");
        for (size_t a = 0; a < na; a++)
            cli_table_cell(tb, "%.4f", r->prob[t * na + a]);
        cli_table_cell(tb, "%s", "");
        cli_table_cell(tb, "risk R");
        for (size_t a = 0; a < na; a++)
            cli_table_cell(tb, "%+.3f", r->risk[t * na + a]);
        cli_table_cell(tb, "%s", "");
    }
    cli_table_print(tb, fp, 2);
    cli_table_free(tb);
}

/* Says that and how the run cycles: the turns, the actors that keep moving, and the
 * mean forecast over the last cycle. */
static void smp_cycle_text(FILE *fp, const ac_fc_input *in, const ac_smp_result *r)
{
    size_t na = r->n_actors, nd = r->n_dims, nt = r->n_turns, p = r->cycle_period;
    fprintf(fp, "  The positions cycle instead of settling: turn %zu came back to turn %zu's "
                "state\n  (to within 2%% of the first turn's move) while still moving "
                "%.0f%% as far as the first turn.\n",
            r->cycle_from + p, r->cycle_from,
            100.0 * r->change[r->cycle_from + p] / (r->change[1] > 0 ? r->change[1] : 1));
    fprintf(fp, "  Moving to and fro in the last turns:");
    int any = 0;
    for (size_t a = 0; a < na; a++) {
        double d = 0;
        for (size_t k = 0; k < nd; k++) {
            double e = r->position[((nt - 1) * na + a) * nd + k] -
                       r->position[((nt - 2) * na + a) * nd + k];
            d += e * e;
        }
        if (sqrt(d) > 0.005) {
            fprintf(fp, "%s %s (%.2f)", any ? "," : "", ac_fc_actor(in, a), sqrt(d));
            any = 1;
        }
    }
    fprintf(fp, "%s.\n", any ? "" : " nobody");
    fprintf(fp, "  The final forecast below gives the mean over the last %zu turns too.\n", p);
}

static int smp_text(FILE *fp, const ac_fc_input *in, const ac_smp_opts *o, const ac_smp_result *r)
{
    size_t nd = r->n_dims, nt = r->n_turns;
    fprintf(fp, "Forecast by KTAB's spatial model of politics (SMP)%s%s\n",
            *ac_fc_title(in) ? ": " : "", ac_fc_title(in));
    fprintf(fp, "  %zu actors, %zu dimension%s; vote rule %s, victory %s, risk range %s, "
                "adjustment %s,\n  third parties %s-commit, bargains %s%s%s, election %s, %s "
                "choice",
            r->n_actors, nd, nd == 1 ? "" : "s", ac_vote_rule_name(o->vote),
            ac_victory_name(o->victory), ac_risk_range_name(o->range),
            ac_risk_adjust_name(o->adjust), ac_commit_name(o->commit), ac_interp_name(o->interp),
            o->bargain == AC_BM_INIT ? "" : " ", o->bargain == AC_BM_INIT ? "" :
            ac_bargain_name(o->bargain), ac_pce_name(o->pce), ac_state_trans_name(o->trans));
    if (o->trans == AC_ST_STOCHASTIC)
        fprintf(fp, " (seed %llu)", (unsigned long long)o->seed);
    fprintf(fp, ".\n");
    if (nt == 1)
        fprintf(fp, "  No bargaining turn was run (--turns 0).\n");
    else if (r->stable)
        fprintf(fp, "  Stable after %zu turn%s: the last turn moved the actors %.1f%% as far as "
                    "the first.\n",
                nt - 1, nt == 2 ? "" : "s", 100.0 * r->change[nt - 1] / r->change[1]);
    else if (r->cycle_period && nt - 1 == r->cycle_from + r->cycle_period)
        fprintf(fp, "  Stopped after %zu turns (--stop-on-cycle): the positions cycle.\n", nt - 1);
    else
        fprintf(fp, "  Stopped after %zu turn%s (--turns) before the positions settled.\n", nt - 1,
                nt == 2 ? "" : "s");
    if (r->cycle_period)
        smp_cycle_text(fp, in, r);
    for (size_t t = 0; t < nt; t++) {
        fprintf(fp, "\nTurn %zu%s\n", t, t == 0 ? " (the input)" : "");
        smp_turn_table(fp, in, r, t);
    }
    fprintf(fp, "\nHow the forecast moved (probability-weighted position of each dimension)\n");
    size_t show = nd <= 8 ? nd : 8;
    cli_table *tb = cli_table_new(show + 3);
    if (!tb)
        return -1;
    for (size_t c = 0; c < show + 3; c++)
        cli_table_align(tb, c, CLI_RIGHT);
    cli_table_cell(tb, "turn");
    for (size_t k = 0; k < show; k++)
        cli_table_cell(tb, "%s", ac_fc_dim(in, k));
    cli_table_cell(tb, "distinct");
    cli_table_cell(tb, "moved");
    cli_table_header_done(tb);
    for (size_t t = 0; t < nt; t++) {
        cli_table_cell(tb, "%zu", t);
        for (size_t k = 0; k < show; k++)
            cli_table_cell(tb, "%.1f", r->forecast[t * nd + k]);
        cli_table_cell(tb, "%u", r->distinct[t]);
        cli_table_cell(tb, "%.2f", r->change[t]);
    }
    cli_table_print(tb, fp, 2);
    cli_table_free(tb);
    if (show < nd)
        fprintf(fp, "  (the first %zu of %zu dimensions; --json has them all)\n", show, nd);
    fprintf(fp, "\nForecast after turn %zu\n", nt - 1);
    const double *f0 = &r->forecast[0], *f = &r->forecast[(nt - 1) * nd];
    size_t p = r->cycle_period, from = p && nt >= p ? nt - p : nt;
    for (size_t k = 0; k < nd; k++) {
        fprintf(fp, "  %-30s %6.1f  (turn 0: %.1f", ac_fc_dim(in, k), f[k], f0[k]);
        if (p) {
            double m = 0;
            for (size_t t = from; t < nt; t++)
                m += r->forecast[t * nd + k];
            fprintf(fp, "; mean over the last %zu turns: %.1f", p, m / (double)(nt - from));
        }
        fprintf(fp, ")\n");
    }
    return 0;
}

/* ----------------------------------------------------------------- EU ---- */

static int eu_text(FILE *fp, const ac_fc_input *in, size_t d, const ac_eu_result *r)
{
    size_t n = r->n_actors, nr = r->n_rounds;
    fprintf(fp, "Forecast by the expected-utility model (Bueno de Mesquita; Scholz, Calbert and "
                "Smith 2011)%s%s\n",
            *ac_fc_title(in) ? ": " : "", ac_fc_title(in));
    fprintf(fp, "  %zu actors on dimension '%s'", n, ac_fc_dim(in, d));
    if (ac_fc_n_dims(in) > 1)
        fprintf(fp, " (%zu of %zu; --dim picks another)", d + 1, ac_fc_n_dims(in));
    fprintf(fp, "; range R = %g; variant %s.\n", r->range, ac_eu_variant_name(r->variant));
    if (r->stable)
        fprintf(fp, "  Stable after %zu round%s: the next round moves nobody.\n", nr - 1,
                nr == 2 ? "" : "s");
    else
        fprintf(fp, "  Stopped after %zu round%s (--turns).\n", nr - 1, nr == 2 ? "" : "s");
    if (r->cycle_period)
        fprintf(fp, "  The positions cycle instead of settling: round %zu repeats round %zu, "
                    "and so every %zu rounds.\n",
                r->cycle_from + r->cycle_period, r->cycle_from, r->cycle_period);
    for (size_t t = 0; t < nr; t++) {
        fprintf(fp, "\nRound %zu%s\n", t, t == 0 ? " (the input)" : "");
        cli_table *tb = cli_table_new(6);
        if (!tb)
            return -1;
        for (size_t c = 1; c < 5; c++)
            cli_table_align(tb, c, CLI_RIGHT);
        cli_table_max_width(tb, 0, 24);
        cli_table_cell(tb, "actor");
        cli_table_cell(tb, "capability");
        cli_table_cell(tb, "salience");
        cli_table_cell(tb, "position");
        cli_table_cell(tb, "risk r");
        cli_table_cell(tb, "%s", t ? "move" : "");
        cli_table_header_done(tb);
        for (size_t a = 0; a < n; a++) {
            cli_table_cell(tb, "%s", ac_fc_actor(in, a));
            cli_table_cell(tb, "%g", ac_fc_capability(in, a, d));
            cli_table_cell(tb, "%g", ac_fc_salience(in, a, d));
            cli_table_cell(tb, "%.3f", r->position[t * n + a]);
            cli_table_cell(tb, "%.3f", r->risk[t * n + a]);
            ac_eu_move mv = t ? r->move[t * n + a] : AC_EU_NONE;
            if (mv == AC_EU_NONE)
                cli_table_cell(tb, "%s", "");
            else
                cli_table_cell(tb, "%s to %s", ac_eu_move_name(mv),
                               ac_fc_actor(in, r->mover[t * n + a]));
        }
        cli_table_print(tb, fp, 2);
        cli_table_free(tb);
        fprintf(fp, "  mean %.3f, median %.3f\n", r->mean[t], r->median[t]);
    }
    fprintf(fp, "\nHow the forecast moved\n");
    cli_table *tb = cli_table_new(3);
    if (!tb)
        return -1;
    for (size_t c = 0; c < 3; c++)
        cli_table_align(tb, c, CLI_RIGHT);
    cli_table_cell(tb, "round");
    cli_table_cell(tb, "mean");
    cli_table_cell(tb, "median");
    cli_table_header_done(tb);
    for (size_t t = 0; t < nr; t++) {
        cli_table_cell(tb, "%zu", t);
        cli_table_cell(tb, "%.3f", r->mean[t]);
        cli_table_cell(tb, "%.3f", r->median[t]);
    }
    cli_table_print(tb, fp, 2);
    cli_table_free(tb);
    fprintf(fp, "\nForecast after round %zu: mean %.3f, median %.3f (round 0: mean %.3f, "
                "median %.3f)\n",
            nr - 1, r->mean[nr - 1], r->median[nr - 1], r->mean[0], r->median[0]);
    return 0;
}

/* ---------------------------------------------------------------- run ---- */

static int run_forecast(int argc, char **argv)
{
    const cli_command *c = &cli_cmd_forecast;
    fc_args fa;
    memset(&fa, 0, sizeof fa);
    ac_smp_opts_init(&fa.smp);
    const char *path = NULL, *v;
    int options_done = 0, r;
    char names[128];
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!options_done && !strcmp(a, "--")) {
            options_done = 1;
        } else if (!options_done && cli_is_option(a)) {
            if (!strcmp(a, "--json")) {
                fa.json = 1;
            } else if (!strcmp(a, "--stop-on-cycle")) {
                fa.smp.stop_on_cycle = 1;
                fa.smp_only = "--stop-on-cycle";
            } else if ((r = cli_option_value(c, argc, argv, &i, "--seed", &v))) {
                unsigned long long n;
                if (r < 0)
                    return CLI_EUSAGE;
                if (cli_parse_count(v, UINT64_MAX, &n))
                    return cli_usage_error(c, "--seed needs a whole number >= 0, not '%s'", v);
                fa.smp.seed = n;
                fa.seed_set = 1;
            } else if ((r = cli_option_value(c, argc, argv, &i, "--model", &v))) {
                if (r < 0)
                    return CLI_EUSAGE;
                if (!strcmp(v, "smp"))
                    fa.eu = 0;
                else if (!strcmp(v, "eu"))
                    fa.eu = 1;
                else
                    return cli_usage_error(c, "--model must be smp or eu, not '%s'", v);
            } else if ((r = cli_option_value(c, argc, argv, &i, "--turns", &v)) ||
                       (r = cli_option_value(c, argc, argv, &i, "--rounds", &v))) {
                if (r < 0)
                    return CLI_EUSAGE;
                if (cli_parse_count(v, 10000, &fa.turns))
                    return cli_usage_error(c, "--turns needs a whole number from 0 to 10000, "
                                              "not '%s'", v);
                fa.turns_set = 1;
            } else if ((r = cli_option_value(c, argc, argv, &i, "--variant", &v))) {
                if (r < 0)
                    return CLI_EUSAGE;
                int k = pick(v, ac_eu_variant_name);
                if (k < 0) {
                    join(names, sizeof names, ac_eu_variant_name);
                    return cli_usage_error(c, "--variant must be one of %s, not '%s'", names, v);
                }
                fa.variant = (ac_eu_variant)k;
                fa.variant_set = 1;
            } else if ((r = cli_option_value(c, argc, argv, &i, "--dim", &v))) {
                if (r < 0)
                    return CLI_EUSAGE;
                fa.dim = v;
            } else {
                struct {
                    const char *opt;
                    name_fn names;
                    int *dst;
                } sel[] = {
                    {"--vote-rule", ac_vote_rule_name, (int *)&fa.smp.vote},
                    {"--victory", ac_victory_name, (int *)&fa.smp.victory},
                    {"--risk-range", ac_risk_range_name, (int *)&fa.smp.range},
                    {"--risk-adjust", ac_risk_adjust_name, (int *)&fa.smp.adjust},
                    {"--commit", ac_commit_name, (int *)&fa.smp.commit},
                    {"--interp", ac_interp_name, (int *)&fa.smp.interp},
                    {"--pce", ac_pce_name, (int *)&fa.smp.pce},
                    {"--bargain", ac_bargain_name, (int *)&fa.smp.bargain},
                    {"--state-trans", ac_state_trans_name, (int *)&fa.smp.trans},
                };
                size_t s = 0;
                for (; s < N_OF(sel); s++)
                    if ((r = cli_option_value(c, argc, argv, &i, sel[s].opt, &v)))
                        break;
                if (s == N_OF(sel))
                    return cli_usage_error(c, "unknown option '%s'", a);
                if (r < 0)
                    return CLI_EUSAGE;
                int k = pick(v, sel[s].names);
                if (k < 0) {
                    join(names, sizeof names, sel[s].names);
                    return cli_usage_error(c, "%s must be one of %s, not '%s'", sel[s].opt,
                                           names, v);
                }
                *sel[s].dst = k;
                fa.smp_only = sel[s].opt;
            }
        } else if (path) {
            return cli_usage_error(c, "unexpected argument '%s'", a);
        } else {
            path = a;
        }
    }
    if (!path)
        return cli_usage_error(c, "missing INPUT (a KTAB .csv file or a MODEL)");
    ac_fc_input *in;
    int rc = load_input(path, &in);
    if (rc)
        return rc;
    ac_error err;
    ac_error_clear(&err);
    int bad = 0;
    if (!fa.eu) {
        if (fa.dim) {
            ac_fc_input_free(in);
            return cli_usage_error(c, "--dim is for --model eu (the SMP uses every dimension)");
        }
        if (fa.variant_set) {
            ac_fc_input_free(in);
            return cli_usage_error(c, "--variant is for --model eu");
        }
        if (fa.turns_set)
            fa.smp.max_turns = (unsigned)fa.turns;
        if (fa.seed_set && fa.smp.trans != AC_ST_STOCHASTIC) {
            ac_fc_input_free(in);
            return cli_usage_error(c, "--seed is for --state-trans stochastic (the default "
                                      "deterministic run draws nothing)");
        }
        ac_smp_result *res;
        ac_status st = ac_forecast_smp(in, &fa.smp, &res, &err);
        if (st) {
            ac_fc_input_free(in);
            return cli_report_error(st, &err);
        }
        if (fa.json) {
            st = ac_smp_result_write_json(stdout, in, &fa.smp, res, &err);
            bad = st ? -2 : 0;
        } else {
            bad = smp_text(stdout, in, &fa.smp, res);
        }
        ac_smp_result_free(res);
    } else {
        if (fa.smp_only || fa.seed_set) {
            ac_fc_input_free(in);
            return cli_usage_error(c, "%s is for --model smp",
                                   fa.smp_only ? fa.smp_only : "--seed");
        }
        ac_eu_opts eo;
        ac_eu_opts_init(&eo);
        if (fa.turns_set)
            eo.max_rounds = (unsigned)fa.turns;
        eo.variant = fa.variant;
        if (fa.dim) {
            size_t k = 0, nd = ac_fc_n_dims(in);
            while (k < nd && strcmp(ac_fc_dim(in, k), fa.dim))
                k++;
            unsigned long long idx;
            if (k == nd && !cli_parse_count(fa.dim, nd, &idx) && idx >= 1)
                k = (size_t)idx - 1;
            if (k == nd) {
                fprintf(stderr, "accord forecast: no dimension '%s' (give a name or a number "
                                "from 1 to %zu)\n", fa.dim, nd);
                ac_fc_input_free(in);
                return CLI_EINPUT;
            }
            eo.dim = k;
        }
        ac_eu_result *res;
        ac_status st = ac_forecast_eu(in, &eo, &res, &err);
        if (st) {
            ac_fc_input_free(in);
            return cli_report_error(st, &err);
        }
        if (fa.json) {
            st = ac_eu_result_write_json(stdout, in, eo.dim, res, &err);
            bad = st ? -2 : 0;
        } else {
            bad = eu_text(stdout, in, eo.dim, res);
        }
        ac_eu_result_free(res);
    }
    ac_fc_input_free(in);
    if (bad == -2)
        return cli_report_error(err.code, &err);
    if (bad) {
        fprintf(stderr, "accord: out of memory\n");
        return CLI_EINTERNAL;
    }
    return CLI_OK;
}

/* ------------------------------------------------------------- report ---- */

int cli_forecast_report(ac_report *rep, const ac_model *m)
{
    ac_error err;
    ac_error_clear(&err);
    ac_fc_input *in;
    /* A model that cannot be forecast (fewer than two parties with preferences) simply
     * has no forecast section. */
    if (ac_fc_input_from_model(m, &in, &err) != AC_OK)
        return CLI_OK;
    ac_smp_result *r = NULL;
    ac_status st = ac_forecast_smp(in, NULL, &r, &err);
    if (st == AC_EINPUT) {
        ac_fc_input_free(in);
        return CLI_OK;
    }
    size_t nd = ac_fc_n_dims(in);
    const char **dims = st ? NULL : malloc(nd * sizeof *dims);
    if (!st && !dims)
        st = ac_error_set(&err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    if (!st) {
        for (size_t k = 0; k < nd; k++)
            dims[k] = ac_fc_dim(in, k);
        ac_forecast_view v = {.n_dims = nd, .n_turns = r->n_turns, .dim = dims,
                              .forecast = r->forecast, .stable = r->stable};
        ac_chart *ch = NULL;
        char text[512], cyc[160] = "";
        if (r->cycle_period)
            snprintf(cyc, sizeof cyc,
                     " The positions cycle instead of settling: turn %zu comes back to turn "
                     "%zu's state, every %zu turns.",
                     r->cycle_from + r->cycle_period, r->cycle_from, r->cycle_period);
        snprintf(text, sizeof text,
                 "KTAB's spatial model of politics run on the model's positions (accord "
                 "forecast; docs/forecast.md): each turn the parties bargain, and the forecast "
                 "is the probability-weighted position on each dimension.%s",
                 cyc);
        st = ac_report_section(rep, "Where the talks may land", text, &err);
        if (!st)
            st = ac_chart_forecast(&v, &ch, &err);
        if (!st)
            st = ac_report_add(rep, ch, &err);
    }
    free(dims);
    ac_smp_result_free(r);
    ac_fc_input_free(in);
    return st ? cli_report_error(st, &err) : CLI_OK;
}

const cli_command cli_cmd_forecast = {
    .name = "forecast",
    .summary = "where the talks are likely to land (spatial model of politics, expected utility)",
    .usage = "accord forecast INPUT [--model smp|eu] [--turns N] [--json] [--dim NAME]\n"
             "                       [--variant issue|scholz]\n"
             "                       [--vote-rule R] [--victory V] [--risk-range min|mid|max]\n"
             "                       [--risk-adjust A] [--commit full|semi|none]\n"
             "                       [--interp s1p1|s2p2|s2pmax]\n"
             "                       [--bargain init|init-rcvr|pw-comp]\n"
             "                       [--pce conditional|markov-incentive|markov-uniform]\n"
             "                       [--state-trans deterministic|stochastic] [--seed N]\n"
             "                       [--stop-on-cycle]",
    .help = "Forecasts where talks will land from who holds which position, how much each\n"
            "actor cares and how much power it has (docs/forecast.md).\n\n"
            "INPUT is a KTAB-style CSV file (name ending in .csv: 'name,description,nActors,\n"
            "nDims,' then 'Actor,Description,Power,Pstn1,Sal1,...' then one line per actor)\n"
            "or a MODEL: its `dimensions` section, or else its issues, each party placed at\n"
            "its best option with the options in file order spread over 0..100.\n\n"
            "  --model smp   KTAB's spatial model of politics (default): turn by turn every\n"
            "                actor proposes a bargain to its most promising target and takes\n"
            "                the proposal the probabilistic Condorcet election favours, until\n"
            "                the positions settle (a turn moves them under 2% of the first\n"
            "                turn) or N turns (--turns, default 100).\n"
            "  --model eu    Bueno de Mesquita's expected-utility model as replicated by\n"
            "                Scholz, Calbert and Smith (2011), on one dimension (--dim NAME\n"
            "                or number, default the first), for N rounds (--turns, default\n"
            "                10) or until nobody moves; prints the weighted mean and median.\n"
            "  --variant issue|scholz   EU only: the equations as documented (issue,\n"
            "                default) or Scholz et al.'s own program, which reproduces\n"
            "                their published rounds (scholz)\n"
            "  --json        machine-readable output\n"
            "SMP variants (KTAB's names; the defaults are KTAB's):\n"
            "  --vote-rule binary|propbin|prop|propcbc|cubic|asymprosp   (prop)\n"
            "  --victory linear|square|quartic|octic|binary               (linear)\n"
            "  --risk-range min|mid|max                                   (mid)\n"
            "  --risk-adjust full|two-thirds|half|one-third|none          (one-third)\n"
            "  --commit full|semi|none      third parties' commitment      (semi)\n"
            "  --interp s1p1|s2p2|s2pmax    bargain interpolation          (s2p2)\n"
            "  --bargain init|init-rcvr|pw-comp   whose bargain is offered: the\n"
            "                               initiator's, both sides', or their\n"
            "                               power-weighted compromise     (init)\n"
            "  --pce conditional|markov-incentive|markov-uniform          (conditional)\n"
            "                               how pairwise odds become each option's chance\n"
            "  --state-trans deterministic|stochastic   take the likeliest option, or draw\n"
            "                               one (--seed N, default 1)   (deterministic)\n"
            "  --stop-on-cycle              stop when the positions cycle instead of\n"
            "                               settling (KTAB runs on; the cycle is reported)\n",
    .run = run_forecast,
};
