/* `accord plan`: the record of real talks, kept in one SQLite file (include/accord/
 * ledger.h). This file holds the dispatcher, the shared option parsing and the writing
 * sub-commands (init, draft, stance, meeting); cli_plan_show.c holds the reading ones
 * (status, diff, log, export).
 *
 * A writing sub-command is one library call, hence one transaction: it prints "saved ..."
 * only after the commit returned, so whatever it reported is on disk. Bad input is
 * reported and exits 1 with nothing written. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

typedef int (*plan_fn)(int argc, char **argv);

static const struct {
    const char *name;
    plan_fn run;
} subs[] = {
    {"init", cli_plan_init},     {"draft", cli_plan_draft},   {"stance", cli_plan_stance},
    {"meeting", cli_plan_meeting}, {"status", cli_plan_status}, {"diff", cli_plan_diff},
    {"log", cli_plan_log},       {"export", cli_plan_export},
    {"token", cli_plan_token},
};

static int run_plan(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error(&cli_cmd_plan, "missing sub-command");
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        if (!strcmp(argv[1], subs[i].name))
            return subs[i].run(argc - 1, argv + 1);
    return cli_usage_error(&cli_cmd_plan, "unknown sub-command '%s'", argv[1]);
}

int cli_plan_open(const char *path, int create, ac_ledger **lg)
{
    ac_error err;
    ac_error_clear(&err);
    ac_status s = ac_ledger_open(path, create ? AC_LEDGER_CREATE : 0, lg, &err);
    return s ? cli_report_error(s, &err) : CLI_OK;
}

int cli_plan_version_arg(const char *v, int *out)
{
    unsigned long long n;
    if (cli_parse_count(v, 1000000000ULL, &n) || n == 0)
        return cli_usage_error(&cli_cmd_plan, "'%s' is not a version number (1, 2, ...)", v);
    *out = (int)n;
    return CLI_OK;
}

/* Splits "a,b,c" into a NULL-terminated array of pointers into a copy of s; *n gets the
 * count. Empty items are a usage error. Returns NULL (after reporting) on failure. */
static char **split_list(const char *s, size_t *n, char **copy)
{
    *copy = strdup(s);
    size_t cap = 1;
    for (const char *p = s; *p; p++)
        cap += *p == ',';
    char **v = calloc(cap + 1, sizeof *v);
    if (!*copy || !v) {
        free(*copy);
        free(v);
        *copy = NULL;
        fprintf(stderr, "accord: out of memory\n");
        return NULL;
    }
    *n = 0;
    for (char *p = *copy;;) {
        char *e = strchr(p, ',');
        if (e)
            *e = 0;
        if (!*p) {
            cli_usage_error(&cli_cmd_plan, "empty item in the list '%s'", s);
            free(*copy);
            free(v);
            *copy = NULL;
            return NULL;
        }
        v[(*n)++] = p;
        if (!e)
            break;
        p = e + 1;
    }
    return v;
}

/* ---- init ---- */

int cli_plan_init(int argc, char **argv)
{
    const char *db = NULL, *model = NULL, *v;
    int r;
    for (int i = 1; i < argc; i++) {
        if ((r = cli_option_value(&cli_cmd_plan, argc, argv, &i, "--model", &v))) {
            if (r < 0)
                return CLI_EUSAGE;
            model = v;
        } else if (cli_is_option(argv[i])) {
            return cli_usage_error(&cli_cmd_plan, "unknown option '%s' for init", argv[i]);
        } else if (!db) {
            db = argv[i];
        } else {
            return cli_usage_error(&cli_cmd_plan, "unexpected argument '%s'", argv[i]);
        }
    }
    if (!db || !model)
        return cli_usage_error(&cli_cmd_plan, "init needs DB and --model MODEL");
    ac_model *m;
    int rc = cli_load_model(model, &m);
    if (rc)
        return rc;
    ac_ledger *lg;
    rc = cli_plan_open(db, 1, &lg);
    if (!rc) {
        ac_error err;
        ac_error_clear(&err);
        ac_status s = ac_ledger_init_from_model(lg, m, &err);
        if (s)
            rc = cli_report_error(s, &err);
        else
            printf("saved: record %s from '%s': %zu parties, %zu points\n", db, ac_model_title(m),
                   ac_model_n_parties(m), ac_model_n_issues(m));
        ac_ledger_close(lg);
    }
    ac_model_free(m);
    return rc;
}

/* ---- draft ---- */

typedef struct {
    ac_ledger_change *c;
    size_t n;
    char **owned; /* strings and arrays to free */
    size_t n_owned;
} changes;

static int own(changes *cs, void *p)
{
    char **o = realloc(cs->owned, (cs->n_owned + 1) * sizeof *o);
    if (!o) {
        free(p);
        return -1;
    }
    cs->owned = o;
    cs->owned[cs->n_owned++] = p;
    return 0;
}

static ac_ledger_change *push(changes *cs, ac_change_kind kind)
{
    ac_ledger_change *c = realloc(cs->c, (cs->n + 1) * sizeof *c);
    if (!c)
        return NULL;
    cs->c = c;
    memset(&c[cs->n], 0, sizeof *c);
    c[cs->n].kind = kind;
    return &c[cs->n++];
}

/* "KEY=VALUE" into two owned strings. */
static int split_pair(changes *cs, const char *opt, const char *s, char **key, char **val)
{
    const char *eq = strchr(s, '=');
    if (!eq || eq == s || !eq[1])
        return cli_usage_error(&cli_cmd_plan, "%s wants KEY=VALUE, got '%s'", opt, s);
    *key = strndup(s, (size_t)(eq - s));
    *val = strdup(eq + 1);
    if (own(cs, *key) || own(cs, *val)) {
        fprintf(stderr, "accord: out of memory\n");
        return CLI_EINTERNAL;
    }
    return CLI_OK;
}

static int draft_option(int argc, char **argv, int *i, changes *cs, const char **from,
                        const char **date, const char **note)
{
    const cli_command *c = &cli_cmd_plan;
    const char *v;
    int r;
    char *key, *val, *copy;
    size_t n;
    ac_ledger_change *ch;
    ac_ledger_change *last = cs->n ? &cs->c[cs->n - 1] : NULL;
#define TAKE(name) ((r = cli_option_value(c, argc, argv, i, name, &v)) != 0)
    if (TAKE("--from")) {
        if (r < 0)
            return CLI_EUSAGE;
        *from = v;
    } else if (TAKE("--date")) {
        if (r < 0)
            return CLI_EUSAGE;
        *date = v;
    } else if (TAKE("--note")) {
        if (r < 0)
            return CLI_EUSAGE;
        *note = v;
    } else if (TAKE("--set")) {
        if (r < 0)
            return CLI_EUSAGE;
        if ((r = split_pair(cs, "--set", v, &key, &val)))
            return r;
        if (!(ch = push(cs, AC_CHANGE_SET)))
            return CLI_EINTERNAL;
        ch->point = key;
        ch->option = val;
    } else if (TAKE("--reword")) {
        if (r < 0)
            return CLI_EUSAGE;
        if ((r = split_pair(cs, "--reword", v, &key, &val)))
            return r;
        if (!(ch = push(cs, AC_CHANGE_REWORD)))
            return CLI_EINTERNAL;
        ch->point = key;
        ch->text = val;
    } else if (TAKE("--drop")) {
        if (r < 0)
            return CLI_EUSAGE;
        if (!(ch = push(cs, AC_CHANGE_DROP)))
            return CLI_EINTERNAL;
        ch->point = v;
    } else if (TAKE("--add-point")) {
        if (r < 0)
            return CLI_EUSAGE;
        if (!(ch = push(cs, AC_CHANGE_ADD)))
            return CLI_EINTERNAL;
        ch->point = v;
    } else if (TAKE("--merge")) {
        if (r < 0)
            return CLI_EUSAGE;
        if ((r = split_pair(cs, "--merge", v, &key, &val)))
            return r;
        char **list = split_list(key, &n, &copy);
        if (!list)
            return CLI_EUSAGE;
        if (own(cs, copy) || own(cs, list) || !(ch = push(cs, AC_CHANGE_MERGE)))
            return CLI_EINTERNAL;
        ch->point = val;
        ch->sources = (const char *const *)list;
        ch->n_sources = n;
    } else if (TAKE("--title")) {
        if (r < 0)
            return CLI_EUSAGE;
        if (!last || (last->kind != AC_CHANGE_ADD && last->kind != AC_CHANGE_MERGE))
            return cli_usage_error(c, "--title follows --add-point or --merge");
        last->text = v;
    } else if (TAKE("--options")) {
        if (r < 0)
            return CLI_EUSAGE;
        if (!last || last->kind != AC_CHANGE_ADD)
            return cli_usage_error(c, "--options follows --add-point");
        char **list = split_list(v, &n, &copy);
        if (!list)
            return CLI_EUSAGE;
        if (own(cs, copy) || own(cs, list))
            return CLI_EINTERNAL;
        last->options = (const char *const *)list;
        last->n_options = n;
    } else if (TAKE("--option")) {
        if (r < 0)
            return CLI_EUSAGE;
        if (!last || (last->kind != AC_CHANGE_ADD && last->kind != AC_CHANGE_MERGE))
            return cli_usage_error(c, "--option follows --add-point or --merge");
        last->option = v;
    } else {
        return cli_usage_error(c, "unknown option '%s' for draft", argv[*i]);
    }
#undef TAKE
    return CLI_OK;
}

int cli_plan_draft(int argc, char **argv)
{
    const char *db = NULL, *from = NULL, *date = NULL, *note = NULL;
    changes cs = {0};
    int rc = CLI_OK;
    for (int i = 1; i < argc && !rc; i++) {
        if (cli_is_option(argv[i]))
            rc = draft_option(argc, argv, &i, &cs, &from, &date, &note);
        else if (!db)
            db = argv[i];
        else
            rc = cli_usage_error(&cli_cmd_plan, "unexpected argument '%s'", argv[i]);
    }
    if (!rc && !db)
        rc = cli_usage_error(&cli_cmd_plan, "draft needs DB");
    ac_model *m = NULL;
    if (!rc && from)
        rc = cli_load_model(from, &m);
    ac_ledger *lg = NULL;
    if (!rc)
        rc = cli_plan_open(db, 0, &lg);
    if (!rc) {
        ac_ledger_draft d = {m, cs.c, cs.n, date, note};
        ac_error err;
        ac_error_clear(&err);
        int version;
        ac_status s = ac_ledger_add_version(lg, &d, &version, &err);
        if (s)
            rc = cli_report_error(s, &err);
        else
            printf("saved version %d\n", version);
    }
    ac_ledger_close(lg);
    ac_model_free(m);
    for (size_t i = 0; i < cs.n_owned; i++)
        free(cs.owned[i]);
    free(cs.owned);
    free(cs.c);
    return rc;
}

/* ---- stance ---- */

int cli_plan_stance(int argc, char **argv)
{
    const cli_command *c = &cli_cmd_plan;
    const char *db = NULL, *vs = NULL, *v;
    ac_ledger_stance_rec rec = {0, NULL, NULL, AC_STANCE_NOT_DISCUSSED, NULL, NULL};
    int have_stance = 0, r;
    for (int i = 1; i < argc; i++) {
        if ((r = cli_option_value(c, argc, argv, &i, "--version", &v))) {
            vs = v;
        } else if ((r = cli_option_value(c, argc, argv, &i, "--party", &v))) {
            rec.party = v;
        } else if ((r = cli_option_value(c, argc, argv, &i, "--point", &v))) {
            rec.point = v;
        } else if ((r = cli_option_value(c, argc, argv, &i, "--date", &v))) {
            rec.date = v;
        } else if ((r = cli_option_value(c, argc, argv, &i, "--note", &v))) {
            rec.note = v;
        } else if ((r = cli_option_value(c, argc, argv, &i, "--stance", &v))) {
            have_stance = -1;
            for (int k = AC_STANCE_AGREE; r > 0 && k <= AC_STANCE_NOT_DISCUSSED; k++)
                if (!strcmp(v, ac_stance_name((ac_stance)k))) {
                    rec.stance = (ac_stance)k;
                    have_stance = 1;
                }
            if (r > 0 && have_stance < 0)
                return cli_usage_error(c, "unknown stance '%s' (agree, criticise, reject, "
                                          "not-discussed)", v);
        } else if (cli_is_option(argv[i])) {
            return cli_usage_error(c, "unknown option '%s' for stance", argv[i]);
        } else if (!db) {
            db = argv[i];
            continue;
        } else {
            return cli_usage_error(c, "unexpected argument '%s'", argv[i]);
        }
        if (r < 0)
            return CLI_EUSAGE;
    }
    if (!db || !vs || !rec.party || !rec.point || !have_stance)
        return cli_usage_error(c, "stance needs DB, --version, --party, --point and --stance");
    int rc = cli_plan_version_arg(vs, &rec.version);
    if (rc)
        return rc;
    ac_ledger *lg;
    if ((rc = cli_plan_open(db, 0, &lg)))
        return rc;
    ac_error err;
    ac_error_clear(&err);
    long long id;
    ac_status s = ac_ledger_set_stance(lg, &rec, &id, &err);
    if (s)
        rc = cli_report_error(s, &err);
    else
        printf("saved stance %lld: %s %s on %s (version %d)\n", id, rec.party,
               ac_stance_name(rec.stance), rec.point, rec.version);
    ac_ledger_close(lg);
    return rc;
}

/* ---- meeting ---- */

int cli_plan_meeting(int argc, char **argv)
{
    const cli_command *c = &cli_cmd_plan;
    const char *db = NULL, *parties = NULL, *v;
    ac_ledger_meeting mt = {NULL, NULL, NULL, 0, NULL};
    int r;
    for (int i = 1; i < argc; i++) {
        if ((r = cli_option_value(c, argc, argv, &i, "--date", &v))) {
            mt.date = v;
        } else if ((r = cli_option_value(c, argc, argv, &i, "--place", &v))) {
            mt.place = v;
        } else if ((r = cli_option_value(c, argc, argv, &i, "--parties", &v))) {
            parties = v;
        } else if ((r = cli_option_value(c, argc, argv, &i, "--note", &v))) {
            mt.note = v;
        } else if (cli_is_option(argv[i])) {
            return cli_usage_error(c, "unknown option '%s' for meeting", argv[i]);
        } else if (!db) {
            db = argv[i];
            continue;
        } else {
            return cli_usage_error(c, "unexpected argument '%s'", argv[i]);
        }
        if (r < 0)
            return CLI_EUSAGE;
    }
    if (!db || !mt.date || !mt.place || !parties)
        return cli_usage_error(c, "meeting needs DB, --date, --place and --parties");
    char *copy;
    char **list = split_list(parties, &mt.n_parties, &copy);
    if (!list)
        return CLI_EUSAGE;
    mt.parties = (const char *const *)list;
    ac_ledger *lg;
    int rc = cli_plan_open(db, 0, &lg);
    if (!rc) {
        ac_error err;
        ac_error_clear(&err);
        long long id;
        ac_status s = ac_ledger_add_meeting(lg, &mt, &id, &err);
        if (s)
            rc = cli_report_error(s, &err);
        else
            printf("saved meeting %lld: %s, %s\n", id, mt.date, mt.place);
        ac_ledger_close(lg);
    }
    free(list);
    free(copy);
    return rc;
}

const cli_command cli_cmd_plan = {
    .name = "plan",
    .summary = "the record of real talks: versions, stances, meetings, progress",
    .usage = "accord plan init DB --model MODEL\n"
             "       accord plan draft DB [--from MODEL] [CHANGE...] [--date D] [--note TEXT]\n"
             "       accord plan stance DB --version V --party P --point K --stance S\n"
             "                          [--date D] [--note TEXT]\n"
             "       accord plan meeting DB --date D --place X --parties A,B [--note TEXT]\n"
             "       accord plan status DB [--version V] [--json]\n"
             "       accord plan diff DB V1 V2\n"
             "       accord plan log DB\n"
             "       accord plan export DB [--version V] [-o MODEL.yaml]\n"
             "       accord plan token DB PARTY|mediator [--revoke]",
    .help =
        "Keeps the record of real talks in DB, one SQLite file: the versions of the plan,\n"
        "the stance each party took on each point, and the meetings. Every command is one\n"
        "transaction; 'saved ...' is printed only once it is on disk. Two processes may\n"
        "write at once.\n\n"
        "  init     parties, points (issues) and options from MODEL (a file, '-' or\n"
        "           @default); the model is stored for weights and export\n"
        "  draft    a new version, numbered; starts from MODEL's plan (--from) or from the\n"
        "           latest version, then applies the changes in order:\n"
        "             --set POINT=OPTION        draft an option\n"
        "             --add-point ID --options a,b,c [--title T] [--option O]\n"
        "                                       a new point (a dropped point ID comes\n"
        "                                       back without --options)\n"
        "             --drop POINT              the point leaves the draft\n"
        "             --merge A,B=NEW [--title T] [--option O]\n"
        "                                       NEW replaces A and B (A's options)\n"
        "             --reword POINT=TEXT       a new title; the point keeps its identity\n"
        "           --date YYYY-MM-DD dates the draft (default today); with no change the\n"
        "           latest version is tabled again as a new version\n"
        "  stance   S is agree, criticise, reject or not-discussed; a later stance on the\n"
        "           same point and version supersedes the earlier one in status\n"
        "  meeting  --parties lists party ids (mediators too)\n"
        "  status   the stance matrix of a version (default the latest), progress by count\n"
        "           and weighted by the model's salience, and impasses (points some party\n"
        "           rejects); --json for machines\n"
        "  diff     what changed from version V1 to V2\n"
        "  log      versions, meetings and stances in time order\n"
        "  export   the stored model with the version's draft as its plan (YAML), for\n"
        "           'accord analyze'; -o - or no -o writes to standard output\n"
        "  token    a new access token for the review server (accord serve), shown once;\n"
        "           only its hash is kept; --revoke ends every token of that party\n",
    .run = run_plan,
};
