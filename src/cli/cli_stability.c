/* `accord stability MODEL [--json] [--from STATE] [--explicit]`: the stability analysis of
 * a model's conflict section in the graph model for conflict resolution
 * (docs/stability.md): Nash, GMR, SMR and SEQ for every decision maker and state, the
 * equilibria under each, the status-quo analysis from the file's status quo or --from,
 * and the coalition analysis of the equilibria when it is within reach. --explicit
 * prints the conflict expanded into the explicit form instead (an option form becomes
 * states, moves and rankings), as a model file. Also home of cli_stability_report(),
 * the conflict section of `accord report`. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

/* Past this many states the text lists only the states that are an equilibrium under
 * some concept; JSON always has everything. */
#define TABLE_STATES 60
/* Ids listed per line of equilibria before "... (N in all)". */
#define LIST_IDS 40

static const char *const concept_label[AC_STAB_N] = {"Nash", "GMR", "SMR", "SEQ"};
static const char concept_letter[AC_STAB_N] = {'N', 'G', 'S', 'Q'};
/* The concepts a coalition analysis covered, by ac_coalitions_levels. */
static const char *const level_names[AC_STAB_N + 1] = {"", "Nash", "Nash and SEQ",
                                                       "Nash, SEQ and SMR", "any concept"};

typedef struct {
    const ac_conflict *c;
    ac_stability *st;
    ac_status_quo *sq; /* NULL: no status quo */
    size_t from;
    ac_coalitions *co; /* NULL: not run */
    ac_error co_err;   /* why not */
} result;

static int any_equilibrium(const result *r, size_t s)
{
    for (int k = 0; k < AC_STAB_N; k++)
        if (ac_stability_equilibrium(r->st, s, (ac_stab_concept)k))
            return 1;
    return 0;
}

static void result_free(result *r)
{
    ac_stability_free(r->st);
    ac_status_quo_free(r->sq);
    ac_coalitions_free(r->co);
}

static int analyse(const ac_conflict *c, size_t from, result *r)
{
    memset(r, 0, sizeof *r);
    r->c = c;
    r->from = from;
    ac_error err;
    ac_error_clear(&err);
    ac_status st = ac_stability_run(c, &r->st, &err);
    if (!st && from != AC_NONE)
        st = ac_status_quo_run(c, from, &r->sq, &err);
    if (st) {
        result_free(r);
        return cli_report_error(st, &err);
    }
    ac_error_clear(&r->co_err);
    st = ac_coalitions_run(c, r->st, 0, &r->co, &r->co_err);
    if (st == AC_ENOMEM) {
        result_free(r);
        return cli_report_error(st, &r->co_err);
    }
    return CLI_OK;
}

static void print_members(FILE *fp, const ac_conflict *c, uint64_t members)
{
    fputc('{', fp);
    for (size_t d = 0, n = 0; d < ac_conflict_n_dms(c); d++)
        if (members >> d & 1)
            fprintf(fp, "%s%s", n++ ? ", " : "", ac_conflict_dm_id(c, d));
    fputc('}', fp);
}

static void print_path(FILE *fp, const result *r, size_t s, ac_stab_step *steps)
{
    size_t n = ac_status_quo_path(r->sq, s, steps, ac_conflict_n_states(r->c) *
                                                       ac_conflict_n_dms(r->c));
    fprintf(fp, "%s", ac_conflict_state_id(r->c, r->from));
    for (size_t i = 0; i < n; i++)
        fprintf(fp, " -%s-> %s", ac_conflict_dm_id(r->c, steps[i].dm),
                ac_conflict_state_id(r->c, steps[i].to));
}

static int print_text(FILE *fp, const ac_model *m, const result *r)
{
    const ac_conflict *c = r->c;
    size_t S = ac_conflict_n_states(c), D = ac_conflict_n_dms(c);
    if (*ac_model_title(m))
        fprintf(fp, "%s\n", ac_model_title(m));
    fprintf(fp, "Conflict: %zu decision makers (", D);
    for (size_t d = 0; d < D; d++)
        fprintf(fp, "%s%s", d ? ", " : "", ac_conflict_dm_id(c, d));
    fprintf(fp, "), %zu states, %zu moves\n\n", S, ac_conflict_n_moves(c));

    fprintf(fp, "Equilibria (states stable for every decision maker)\n");
    for (int k = 0; k < AC_STAB_N; k++) {
        size_t n = 0;
        fprintf(fp, "  %-5s", concept_label[k]);
        for (size_t s = 0; s < S; s++)
            if (ac_stability_equilibrium(r->st, s, (ac_stab_concept)k)) {
                if (n < LIST_IDS)
                    fprintf(fp, " %s", ac_conflict_state_id(c, s));
                n++;
            }
        if (!n)
            fprintf(fp, " none");
        else if (n > LIST_IDS)
            fprintf(fp, " ... (%zu in all)", n);
        fputc('\n', fp);
    }

    int only_eq = S > TABLE_STATES;
    fprintf(fp, "\nStability by decision maker (N Nash, G GMR, S SMR, Q SEQ, - unstable)%s\n",
            only_eq ? "; equilibria only" : "");
    cli_table *t = cli_table_new(D + 3);
    if (!t)
        return -1;
    cli_table_max_width(t, 1, CLI_ISSUE_COLS);
    cli_table_cell(t, "state");
    cli_table_cell(t, "title");
    for (size_t d = 0; d < D; d++)
        cli_table_cell(t, "%s", ac_conflict_dm_id(c, d));
    cli_table_cell(t, "equilibrium");
    cli_table_header_done(t);
    for (size_t s = 0; s < S; s++) {
        if (only_eq && !any_equilibrium(r, s))
            continue;
        cli_table_cell(t, "%s", ac_conflict_state_id(c, s));
        const char *title = ac_conflict_state_title(c, s);
        cli_table_cell(t, "%s", title ? title : "");
        for (size_t d = 0; d < D; d++) {
            char f[AC_STAB_N + 1];
            for (int k = 0; k < AC_STAB_N; k++)
                f[k] = ac_stability_stable(r->st, d, s, (ac_stab_concept)k) ? concept_letter[k]
                                                                            : '-';
            f[AC_STAB_N] = 0;
            cli_table_cell(t, "%s", f);
        }
        char eq[32] = "";
        for (int k = 0; k < AC_STAB_N; k++)
            if (ac_stability_equilibrium(r->st, s, (ac_stab_concept)k)) {
                size_t l = strlen(eq);
                snprintf(eq + l, sizeof eq - l, "%s%s", l ? " " : "", concept_label[k]);
            }
        cli_table_cell(t, "%s", eq[0] ? eq : "-");
    }
    int rc = cli_table_print(t, fp, 2);
    cli_table_free(t);
    if (rc)
        return -1;

    if (r->sq) {
        size_t reach = 0;
        for (size_t s = 0; s < S; s++)
            reach += s != r->from && ac_status_quo_distance(r->sq, s) != SIZE_MAX;
        fprintf(fp, "\nStatus quo %s: %zu state%s reachable by unilateral improvements\n",
                ac_conflict_state_id(c, r->from), reach, reach == 1 ? "" : "s");
        ac_stab_step *steps = malloc(S * D * sizeof *steps);
        if (!steps)
            return -1;
        for (size_t s = 0; s < S; s++) {
            if (!any_equilibrium(r, s))
                continue;
            fprintf(fp, "  to %-6s ", ac_conflict_state_id(c, s));
            if (s == r->from)
                fprintf(fp, "is the status quo\n");
            else if (ac_status_quo_distance(r->sq, s) == SIZE_MAX)
                fprintf(fp, "not reachable\n");
            else {
                print_path(fp, r, s, steps);
                fputc('\n', fp);
            }
        }
        free(steps);
    }

    fprintf(fp, "\nCoalitions (the smallest groups that can move together from an equilibrium "
                "to a state all their members prefer)\n");
    if (!r->co) {
        fprintf(fp, "  %s\n", r->co_err.message);
        return 0;
    }
    if (ac_coalitions_levels(r->co) < AC_STAB_N)
        fprintf(fp, "  (beyond the budget for every equilibrium: only those under %s)\n",
                level_names[ac_coalitions_levels(r->co)]);
    for (size_t i = 0; i < ac_coalitions_n_states(r->co); i++) {
        const ac_coalition_move *mv;
        size_t n = ac_coalitions_moves(r->co, i, &mv);
        size_t s = ac_coalitions_state(r->co, i);
        fprintf(fp, "  %-6s ", ac_conflict_state_id(c, s));
        if (!n)
            fprintf(fp, "coalitionally stable: no group can improve on it\n");
        for (size_t j = 0; j < n; j++) {
            if (j)
                fprintf(fp, "  %-6s ", "");
            print_members(fp, c, mv[j].members);
            fprintf(fp, " can move to %s\n", ac_conflict_state_id(c, mv[j].to));
        }
    }
    return 0;
}

static int run_stability(int argc, char **argv)
{
    const cli_command *c = &cli_cmd_stability;
    const char *path = NULL, *from_id = NULL, *v;
    int json = 0, explicit_form = 0, r;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            if (i + 1 < argc && !path)
                path = argv[++i];
            if (i + 1 < argc)
                return cli_usage_error(c, "unexpected argument '%s'", argv[i + 1]);
            break;
        }
        if (!cli_is_option(a)) {
            if (path)
                return cli_usage_error(c, "unexpected argument '%s'", a);
            path = a;
        } else if (!strcmp(a, "--json")) {
            json = 1;
        } else if (!strcmp(a, "--explicit")) {
            explicit_form = 1;
        } else if ((r = cli_option_value(c, argc, argv, &i, "--from", &v))) {
            if (r < 0)
                return CLI_EUSAGE;
            from_id = v;
        } else {
            return cli_usage_error(c, "unknown option '%s'", a);
        }
    }
    if (!path)
        return cli_usage_error(c, "missing MODEL");
    if (json && explicit_form)
        return cli_usage_error(c, "--json and --explicit do not go together");
    ac_model *m;
    int rc = cli_load_model_any(path, &m);
    if (rc)
        return rc;
    const ac_conflict *cf = ac_model_conflict(m);
    if (!cf) {
        fprintf(stderr, "accord: %s has no conflict section (docs/stability.md)\n", path);
        ac_model_free(m);
        return CLI_EINPUT;
    }
    if (explicit_form) {
        ac_error err;
        ac_error_clear(&err);
        ac_status st = ac_model_write_yaml(m, stdout, &err);
        ac_model_free(m);
        return st ? cli_report_error(st, &err) : CLI_OK;
    }
    size_t from = ac_conflict_status_quo(cf);
    if (from_id && (from = ac_conflict_find_state(cf, from_id)) == AC_NONE) {
        ac_model_free(m);
        return cli_usage_error(c, "--from: no state '%s' in the conflict", from_id);
    }
    result res;
    rc = analyse(cf, from, &res);
    if (!rc) {
        if (json) {
            ac_error err;
            ac_error_clear(&err);
            ac_status st = ac_stability_write_json(stdout, m, res.st, res.sq, res.co,
                                                   res.co_err.message, &err);
            if (st)
                rc = cli_report_error(st, &err);
            else
                fputc('\n', stdout); /* a blank line after it, as the command always had */
        } else if (print_text(stdout, m, &res)) {
            rc = cli_report_error(AC_ENOMEM, NULL);
        }
        result_free(&res);
    }
    ac_model_free(m);
    return rc;
}

int cli_stability_report(ac_report *rep, const ac_model *m)
{
    const ac_conflict *cf = ac_model_conflict(m);
    if (!cf)
        return CLI_OK;
    result res;
    int rc = analyse(cf, ac_conflict_status_quo(cf), &res);
    if (rc)
        return rc;
    size_t S = ac_conflict_n_states(cf);
    unsigned char *eq = calloc(S ? S : 1, 1);
    ac_error err;
    ac_error_clear(&err);
    ac_status st = eq ? AC_OK : ac_error_set(&err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t s = 0; eq && s < S; s++)
        for (int k = 0; k < AC_STAB_N; k++)
            if (ac_stability_equilibrium(res.st, s, (ac_stab_concept)k))
                eq[s] |= (unsigned char)(1u << k);
    if (!st)
        st = ac_report_section(rep, "Conflict stability",
                               "The graph model for conflict resolution: every state, the "
                               "moves each decision maker controls, and the equilibria under "
                               "the four stability concepts (docs/stability.md).",
                               &err);
    ac_chart *ch = NULL;
    if (!st) {
        ac_conflict_view v = {cf, eq, ac_conflict_status_quo(cf)};
        st = ac_chart_conflict(&v, &ch, &err);
    }
    if (!st)
        st = ac_report_add(rep, ch, &err);
    free(eq);
    result_free(&res);
    return st ? cli_report_error(st, &err) : CLI_OK;
}

const cli_command cli_cmd_stability = {
    .name = "stability",
    .summary = "stable states and equilibria of a conflict (graph model: Nash, GMR, SMR, SEQ)",
    .usage = "accord stability MODEL [--json] [--from STATE] [--explicit]",
    .help = "For a model with a conflict section (docs/stability.md): whether every state is\n"
            "stable for every decision maker under Nash stability, general metarationality\n"
            "(GMR), symmetric metarationality (SMR) and sequential stability (SEQ), with\n"
            "sanctions by the other decision makers moving in any legal sequence; the\n"
            "equilibria under each; from the status quo, the states unilateral improvements\n"
            "reach and a shortest path to each equilibrium; and which coalitions could move\n"
            "together from an equilibrium to a state all their members prefer.\n\n"
            "Options:\n"
            "  --json          print JSON (docs/stability.md) instead of the report\n"
            "  --from STATE    the status quo for the status-quo analysis (default: the\n"
            "                  file's status_quo; none: no status-quo analysis)\n"
            "  --explicit      print the conflict in the explicit form (states, moves,\n"
            "                  rankings) as a model file, expanding an option form\n",
    .run = run_stability,
};
