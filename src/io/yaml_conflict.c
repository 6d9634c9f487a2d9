/* The `conflict` section of a model file -> ac_conflict (see io/yaml_conflict.h).
 *
 * Explicit form: `states` lists the state ids; each decision maker gives its `moves`
 * (from a state, the states it can move to) and its `preference` (a ranking, most
 * preferred first, a nested list a tie). Option form (no `states`): each decision maker
 * controls `options`; a state is a choice of taking or not taking every option; states
 * matching an `infeasible` rule are left out; an option's `direction` makes it
 * irreversible; a decision maker moves by changing any of its own options at once; its
 * preference is a list of option-prioritisation statements, most important first (a
 * state scores 2^(q-1-k) for each statement k it satisfies, as GMCR II does), or an
 * explicit `ranking` of the generated states.
 *
 * Generated states are numbered in the order of their option patterns read as binary
 * numbers, the first option of the file the lowest bit (the order of GMCR II and
 * gmcr-py, so published state numbers carry over): s1, s2, ...
 *
 * Statements and rules are small boolean formulas: option ids, `-` / `~` / `!` for not,
 * `&` for and, `|` for or, parentheses, and `A if B` (A must hold when B does). A problem
 * inside one is reported at its own column. */
#include "io/yaml_conflict.h"

#include <stdlib.h>
#include <string.h>

#include "accord/model.h"

#define MAX_OPTIONS 20        /* 2^20 combinations of options at most */
#define MAX_STATEMENTS 62     /* scores are sums of distinct powers of two in a uint64 */
#define MAX_EXPR_TOKENS 512   /* one formula */

enum { DIR_BOTH, DIR_TAKE, DIR_WITHDRAW };
enum { OP_NOT = -1, OP_AND = -2, OP_OR = -3, OP_IF = -4 };

typedef struct {
    int *code; /* postfix: >= 0 an option, < 0 an operator */
    size_t n;
} prog;

typedef struct {
    ac__ydoc *y;
    ac_conflict *c;
    yaml_node_t **snode; /* explicit form: the node of each state, for "first at line" */
    /* option form */
    size_t n_opt;
    const char *opt_id[MAX_OPTIONS];
    yaml_node_t *opt_node[MAX_OPTIONS];
    int opt_dir[MAX_OPTIONS];
    uint32_t dm_mask[AC_CONFLICT_MAX_DMS];
    int32_t *state_of; /* [pattern]: state index, -1 infeasible */
    uint32_t *pattern; /* [state] */
} cload;

#define WHERE_MAX (2 * AC__YSHOW + 64)

static size_t n_items(const yaml_node_t *seq)
{
    return (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
}

static yaml_node_t *item(cload *L, const yaml_node_t *seq, size_t i)
{
    return ac__ynode(L->y, seq->data.sequence.items.start[i]);
}

static int line_of(const yaml_node_t *n) { return (int)n->start_mark.line + 1; }

static int check_id(cload *L, const yaml_node_t *n, const char *id, const char *kind)
{
    if (ac_id_valid(id))
        return 1;
    char show[AC__YSHOW];
    if (strlen(id) > AC_ID_MAX)
        ac__yreport(L->y, n, "%s id '%s' is longer than %d characters", kind,
                    ac__yshow(show, id), AC_ID_MAX);
    else
        ac__yreport(L->y, n,
                    "invalid %s id '%s' (ids use only letters, digits, '_', '.' and '-')", kind,
                    ac__yshow(show, id));
    return 0;
}

static int built(cload *L, ac_status st, const ac_error *e, const yaml_node_t *at)
{
    if (st == AC_OK)
        return 1;
    if (st == AC_ENOMEM)
        L->y->nomem = 1;
    else
        ac__yreport(L->y, at, "%s", e->message);
    return 0;
}

static size_t ref_state(cload *L, const yaml_node_t *n, const char *where)
{
    const char *id = ac__ystr(L->y, n, "a state id", 0);
    if (!id)
        return AC_NONE;
    size_t s = ac_conflict_find_state(L->c, id);
    if (s == AC_NONE) {
        char show[AC__YSHOW];
        ac__yreport(L->y, n, "unknown state '%s' %s", ac__yshow(show, id), where);
    }
    return s;
}

/* ---- rankings: [s3, [s1, s2], ...] ---- */

static void load_ranking(cload *L, size_t dm, yaml_node_t *seq, const char *what)
{
    ac__ydoc *y = L->y;
    if (!ac__yexpect(y, seq, YAML_SEQUENCE_NODE, what))
        return;
    size_t S = ac_conflict_n_states(L->c);
    yaml_node_t **first = calloc(S ? S : 1, sizeof *first);
    if (!first) {
        y->nomem = 1;
        return;
    }
    char where[WHERE_MAX + 8];
    snprintf(where, sizeof where, "in %.*s", WHERE_MAX, what);
    int bad = 0;
    for (size_t g = 0; g < n_items(seq); g++) {
        yaml_node_t *it = item(L, seq, g);
        if (!it)
            continue;
        size_t n = it->type == YAML_SEQUENCE_NODE ? n_items(it) : 1;
        if (it->type == YAML_SEQUENCE_NODE && n == 0) {
            ac__yreport(y, it, "an empty tie in %s", what);
            bad = 1;
        }
        for (size_t j = 0; j < n; j++) {
            yaml_node_t *e = it->type == YAML_SEQUENCE_NODE ? item(L, it, j) : it;
            if (!e)
                continue;
            if (e->type == YAML_SEQUENCE_NODE) {
                ac__yreport(y, e, "a tie may not hold another list, in %s", what);
                bad = 1;
                continue;
            }
            size_t s = ref_state(L, e, where);
            if (s == AC_NONE) {
                bad = 1;
                continue;
            }
            if (first[s]) {
                char show[AC__YSHOW];
                ac__yreport(y, e, "state '%s' appears twice in %s (first at line %d)",
                            ac__yshow(show, ac_conflict_state_id(L->c, s)), what,
                            line_of(first[s]));
                bad = 1;
                continue;
            }
            first[s] = e;
            ac_error er;
            built(L, ac_conflict_set_rank(L->c, dm, s, (uint32_t)g, &er), &er, e);
        }
    }
    if (!bad) {
        size_t missing = 0, shown = 0;
        char list[3 * (AC_ID_MAX + 4)] = "";
        for (size_t s = 0; s < S; s++)
            if (!first[s]) {
                if (shown < 3) {
                    size_t l = strlen(list);
                    snprintf(list + l, sizeof list - l, "%s'%s'", shown ? ", " : "",
                             ac_conflict_state_id(L->c, s));
                    shown++;
                }
                missing++;
            }
        if (missing > shown)
            ac__yreport(y, seq, "%s misses %zu states: %s and %zu more", what, missing, list,
                        missing - shown);
        else if (missing)
            ac__yreport(y, seq, "%s misses state%s %s", what, missing == 1 ? "" : "s", list);
    }
    free(first);
}

/* ---- formulas ---- */

typedef struct {
    cload *L;
    const yaml_node_t *node;
    const char *text;
    size_t pos;
    int line, col0; /* where text[0] is */
    prog *p;
    int failed;
} parser;

static void perror_at(parser *P, size_t at, const char *fmt, const char *arg)
{
    if (P->failed)
        return;
    P->failed = 1;
    char show[AC__YSHOW];
    char msg[256];
    snprintf(msg, sizeof msg, fmt, arg ? ac__yshow(show, arg) : "");
    ac__yreport_at(P->L->y, P->line, P->col0 + (int)at, "%s in '%s'", msg,
                   ac__yshow(show, P->text));
}

static void emit(parser *P, int code)
{
    if (P->failed)
        return;
    if (P->p->n >= MAX_EXPR_TOKENS) {
        perror_at(P, P->pos, "the formula is too long%s", NULL);
        return;
    }
    P->p->code[P->p->n++] = code;
}

static void skip_space(parser *P)
{
    while (P->text[P->pos] == ' ' || P->text[P->pos] == '\t')
        P->pos++;
}

static int id_char(char ch, int first)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_' || ch == '.' || (!first && ch == '-');
}

/* The word at pos, when it is exactly `if`. */
static int at_if(const parser *P)
{
    const char *t = P->text + P->pos;
    return (t[0] == 'i' || t[0] == 'I') && (t[1] == 'f' || t[1] == 'F') && !id_char(t[2], 0);
}

static void p_or(parser *P, int depth);

static void p_unary(parser *P, int depth)
{
    skip_space(P);
    char ch = P->text[P->pos];
    if (depth > 64) {
        perror_at(P, P->pos, "the formula is nested too deeply%s", NULL);
        return;
    }
    if (ch == '-' || ch == '~' || ch == '!') {
        P->pos++;
        p_unary(P, depth + 1);
        emit(P, OP_NOT);
        return;
    }
    if (ch == '(') {
        size_t open = P->pos++;
        p_or(P, depth + 1);
        skip_space(P);
        if (P->text[P->pos] != ')')
            perror_at(P, open, "unclosed '('%s", NULL);
        else
            P->pos++;
        return;
    }
    if (!id_char(ch, 1) || at_if(P)) {
        if (ch)
            perror_at(P, P->pos, "expected an option id, found '%s'",
                      (char[2]){ch, 0});
        else
            perror_at(P, P->pos, "expected an option id at the end%s", NULL);
        return;
    }
    size_t start = P->pos;
    while (id_char(P->text[P->pos], 0))
        P->pos++;
    char id[AC_ID_MAX + 2];
    size_t len = P->pos - start;
    if (len > AC_ID_MAX) {
        perror_at(P, start, "unknown option '%s'", "(too long)");
        return;
    }
    memcpy(id, P->text + start, len);
    id[len] = 0;
    for (size_t k = 0; k < P->L->n_opt; k++)
        if (!strcmp(P->L->opt_id[k], id)) {
            emit(P, (int)k);
            return;
        }
    perror_at(P, start, "unknown option '%s'", id);
}

static void p_and(parser *P, int depth)
{
    p_unary(P, depth);
    for (;;) {
        skip_space(P);
        if (P->failed || P->text[P->pos] != '&')
            return;
        P->pos++;
        p_unary(P, depth);
        emit(P, OP_AND);
    }
}

static void p_or(parser *P, int depth)
{
    p_and(P, depth);
    for (;;) {
        skip_space(P);
        if (P->failed || P->text[P->pos] != '|')
            return;
        P->pos++;
        p_and(P, depth);
        emit(P, OP_OR);
    }
}

static int compile(cload *L, const yaml_node_t *n, const char *what, prog *p)
{
    const char *text = ac__ystr(L->y, n, what, 0);
    if (!text)
        return 0;
    p->code = malloc(MAX_EXPR_TOKENS * sizeof *p->code);
    p->n = 0;
    if (!p->code) {
        L->y->nomem = 1;
        return 0;
    }
    int quoted = n->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
                 n->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    parser P = {L, n, text, 0, line_of(n), (int)n->start_mark.column + 1 + quoted, p, 0};
    p_or(&P, 0);
    skip_space(&P);
    if (!P.failed && at_if(&P)) {
        P.pos += 2;
        p_or(&P, 0);
        emit(&P, OP_IF);
        skip_space(&P);
    }
    if (!P.failed && P.text[P.pos])
        perror_at(&P, P.pos, "unexpected '%s'", (char[2]){P.text[P.pos], 0});
    if (P.failed) {
        free(p->code);
        p->code = NULL;
        return 0;
    }
    return 1;
}

static int eval(const prog *p, uint32_t pat)
{
    unsigned char st[MAX_EXPR_TOKENS];
    size_t sp = 0;
    for (size_t i = 0; i < p->n; i++) {
        int c = p->code[i];
        if (c >= 0)
            st[sp++] = (pat >> c) & 1;
        else if (c == OP_NOT)
            st[sp - 1] = !st[sp - 1];
        else {
            int b = st[--sp], a = st[--sp];
            st[sp++] = c == OP_AND ? (a && b) : c == OP_OR ? (a || b) : (a || !b);
        }
    }
    return sp ? st[0] : 0;
}

/* ---- explicit form ---- */

static void load_states(cload *L, yaml_node_t *seq)
{
    ac__ydoc *y = L->y;
    if (!ac__yexpect(y, seq, YAML_SEQUENCE_NODE, "'states'"))
        return;
    if (!n_items(seq))
        ac__yreport(y, seq, "'states' is empty: a conflict needs at least one state");
    if (n_items(seq) > AC_CONFLICT_MAX_STATES) {
        ac__yreport(y, seq, "too many states: %zu (the limit is %d)", n_items(seq),
                    AC_CONFLICT_MAX_STATES);
        return;
    }
    L->snode = calloc(n_items(seq) + 1, sizeof *L->snode);
    if (!L->snode) {
        y->nomem = 1;
        return;
    }
    for (size_t i = 0; i < n_items(seq); i++) {
        yaml_node_t *it = item(L, seq, i), *idn = it;
        const char *title = NULL;
        if (!it)
            continue;
        if (it->type == YAML_MAPPING_NODE) {
            ac__yfield f[] = {{.name = "id"}, {.name = "title"}};
            ac__yfields(y, it, f, 2, "in a state entry");
            if (!(idn = ac__yrequire(y, it, &f[0], "in a state entry")))
                continue;
            if (f[1].v)
                title = ac__ystr(y, f[1].v, "the title of a state", 0);
        }
        const char *id = ac__ystr(y, idn, "a state id", 0);
        if (!id || !check_id(L, idn, id, "state"))
            continue;
        size_t first = ac_conflict_find_state(L->c, id);
        if (first != AC_NONE) {
            char show[AC__YSHOW];
            ac__yreport(y, idn, "duplicate state id '%s' (first at line %d)",
                        ac__yshow(show, id), line_of(L->snode[first]));
            continue;
        }
        ac_error e;
        size_t s;
        if (built(L, ac_conflict_add_state(L->c, id, title, &s, &e), &e, idn))
            L->snode[s] = idn;
    }
}

static void load_moves(cload *L, size_t dm, const char *who, yaml_node_t *map)
{
    ac__ydoc *y = L->y;
    char what[WHERE_MAX], where[WHERE_MAX + 8], show[AC__YSHOW], show2[AC__YSHOW];
    snprintf(what, sizeof what, "the moves of '%s'", who);
    if (!ac__yexpect(y, map, YAML_MAPPING_NODE, what))
        return;
    size_t S = ac_conflict_n_states(L->c);
    yaml_node_t **from_seen = calloc(S ? S : 1, sizeof *from_seen);
    yaml_node_t **to_seen = calloc(S ? S : 1, sizeof *to_seen);
    if (!from_seen || !to_seen) {
        free(from_seen);
        free(to_seen);
        y->nomem = 1;
        return;
    }
    snprintf(where, sizeof where, "in %.*s", WHERE_MAX, what);
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = ac__ynode(y, p->key), *v = ac__ynode(y, p->value);
        if (!k || !v)
            continue;
        size_t from = ref_state(L, k, where);
        if (from != AC_NONE && from_seen[from]) {
            ac__yreport(y, k, "the moves of '%s' from state '%s' are given twice (first at line %d)",
                        who, ac__yshow(show, ac_conflict_state_id(L->c, from)),
                        line_of(from_seen[from]));
            continue;
        }
        if (from != AC_NONE)
            from_seen[from] = k;
        snprintf(what, sizeof what, "the moves of '%s' from a state", who);
        if (!ac__yexpect(y, v, YAML_SEQUENCE_NODE, what))
            continue;
        memset(to_seen, 0, S * sizeof *to_seen);
        for (size_t i = 0; i < n_items(v); i++) {
            yaml_node_t *t = item(L, v, i);
            if (!t)
                continue;
            size_t to = ref_state(L, t, where);
            if (to == AC_NONE || from == AC_NONE)
                continue;
            const char *fid = ac_conflict_state_id(L->c, from);
            if (to == from) {
                ac__yreport(y, t, "a move of '%s' from state '%s' to itself", who,
                            ac__yshow(show, fid));
                continue;
            }
            if (to_seen[to]) {
                ac__yreport(y, t, "the move of '%s' from '%s' to '%s' is listed twice", who,
                            ac__yshow(show, fid),
                            ac__yshow(show2, ac_conflict_state_id(L->c, to)));
                continue;
            }
            to_seen[to] = t;
            ac_error e;
            built(L, ac_conflict_add_move(L->c, dm, from, to, &e), &e, t);
        }
    }
    free(from_seen);
    free(to_seen);
}

/* The id and name of a decision maker; returns its index or AC_NONE. */
static size_t load_dm_head(cload *L, yaml_node_t *it, ac__yfield *f, char *who, size_t who_size)
{
    ac__ydoc *y = L->y;
    char show[AC__YSHOW];
    const char *id = NULL;
    snprintf(who, who_size, "?");
    if (!ac__yrequire(y, it, &f[0], "in a decision maker entry") ||
        !(id = ac__ystr(y, f[0].v, "a decision maker id", 0)))
        return AC_NONE;
    snprintf(who, who_size, "%s", ac__yshow(show, id));
    if (!check_id(L, f[0].v, id, "decision maker"))
        return AC_NONE;
    if (ac_conflict_find_dm(L->c, id) != AC_NONE) {
        ac__yreport(y, f[0].v, "duplicate decision maker id '%s'", who);
        return AC_NONE;
    }
    const char *name = f[1].v ? ac__ystr(y, f[1].v, "the name of a decision maker", 0) : NULL;
    ac_error e;
    size_t d;
    if (!built(L, ac_conflict_add_dm(L->c, id, name, &d, &e), &e, f[0].v))
        return AC_NONE;
    return d;
}

static void load_explicit_dms(cload *L, yaml_node_t *seq)
{
    ac__ydoc *y = L->y;
    for (size_t i = 0; i < n_items(seq); i++) {
        yaml_node_t *it = item(L, seq, i);
        if (!it || !ac__yexpect(y, it, YAML_MAPPING_NODE, "a decision maker entry"))
            continue;
        ac__yfield f[] = {{.name = "id"}, {.name = "name"}, {.name = "moves"},
                          {.name = "preference"}};
        ac__yfields(y, it, f, 4, "in a decision maker of the explicit form");
        char who[AC__YSHOW], what[WHERE_MAX];
        size_t d = load_dm_head(L, it, f, who, sizeof who);
        if (d == AC_NONE)
            continue;
        if (f[2].v)
            load_moves(L, d, who, f[2].v);
        snprintf(what, sizeof what, "the preference of '%s'", who);
        if (ac__yrequire(y, it, &f[3], "in a decision maker entry"))
            load_ranking(L, d, f[3].v, what);
    }
}

/* ---- option form ---- */

static void load_options(cload *L, size_t d, const char *who, yaml_node_t *seq)
{
    ac__ydoc *y = L->y;
    char what[WHERE_MAX], show[AC__YSHOW];
    snprintf(what, sizeof what, "the options of '%s'", who);
    if (!ac__yexpect(y, seq, YAML_SEQUENCE_NODE, what))
        return;
    if (!n_items(seq))
        ac__yreport(y, seq, "decision maker '%s' has no option", who);
    for (size_t i = 0; i < n_items(seq); i++) {
        yaml_node_t *it = item(L, seq, i), *idn = it;
        if (!it)
            continue;
        int dir = DIR_BOTH;
        if (it->type == YAML_MAPPING_NODE) {
            ac__yfield f[] = {{.name = "id"}, {.name = "title"}, {.name = "direction"}};
            ac__yfields(y, it, f, 3, "in an option entry");
            if (!(idn = ac__yrequire(y, it, &f[0], "in an option entry")))
                continue;
            if (f[1].v)
                ac__ystr(y, f[1].v, "the title of an option", 0);
            const char *ds;
            if (f[2].v && (ds = ac__ystr(y, f[2].v, "the direction of an option", 0))) {
                if (!strcmp(ds, "take"))
                    dir = DIR_TAKE;
                else if (!strcmp(ds, "withdraw"))
                    dir = DIR_WITHDRAW;
                else if (strcmp(ds, "both"))
                    ac__yreport(y, f[2].v,
                                "the direction of an option must be 'both', 'take' or "
                                "'withdraw', found '%s'",
                                ac__yshow(show, ds));
            }
        }
        const char *id = ac__ystr(y, idn, "an option id", 0);
        if (!id || !check_id(L, idn, id, "option"))
            continue;
        if (!id_char(id[0], 1) || !strcmp(id, "if") || !strcmp(id, "IF")) {
            ac__yreport(y, idn, "option id '%s' cannot be used in statements (it must not start "
                        "with '-' nor be 'if')", ac__yshow(show, id));
            continue;
        }
        size_t k;
        for (k = 0; k < L->n_opt && strcmp(L->opt_id[k], id); k++)
            ;
        if (k < L->n_opt) {
            ac__yreport(y, idn, "duplicate option id '%s' (first at line %d)", ac__yshow(show, id),
                        line_of(L->opt_node[k]));
            continue;
        }
        if (L->n_opt == MAX_OPTIONS) {
            ac__yreport(y, idn, "too many options: the limit is %d in all", MAX_OPTIONS);
            continue;
        }
        L->opt_id[L->n_opt] = id;
        L->opt_node[L->n_opt] = idn;
        L->opt_dir[L->n_opt] = dir;
        L->dm_mask[d] |= 1u << L->n_opt;
        L->n_opt++;
    }
}

static void state_title(const cload *L, uint32_t pat, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = 0;
    for (size_t k = 0; k < L->n_opt; k++)
        if (pat >> k & 1) {
            int w = snprintf(buf + len, size - len, "%s%s", len ? ", " : "", L->opt_id[k]);
            if (w < 0 || (size_t)w >= size - len)
                break;
            len += (size_t)w;
        }
    if (!len)
        snprintf(buf, size, "no option taken");
}

/* May dm move from pattern p to q (q differs from p in dm's options only)? */
static int move_ok(const cload *L, uint32_t p, uint32_t q)
{
    for (uint32_t ch = p ^ q; ch; ch &= ch - 1) {
        int k = __builtin_ctz(ch);
        int taking = (q >> k) & 1;
        if ((taking && L->opt_dir[k] == DIR_WITHDRAW) || (!taking && L->opt_dir[k] == DIR_TAKE))
            return 0;
    }
    return 1;
}

static int u64_desc(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

static void load_statements(cload *L, size_t d, const char *who, yaml_node_t *seq,
                            uint64_t *score)
{
    ac__ydoc *y = L->y;
    char what[WHERE_MAX];
    snprintf(what, sizeof what, "the preference of '%s'", who);
    if (!ac__yexpect(y, seq, YAML_SEQUENCE_NODE, what))
        return;
    size_t q = n_items(seq), S = ac_conflict_n_states(L->c);
    if (q > MAX_STATEMENTS) {
        ac__yreport(y, seq, "%s has %zu statements (the limit is %d)", what, q, MAX_STATEMENTS);
        return;
    }
    int ok = 1;
    memset(score, 0, S * sizeof *score);
    for (size_t k = 0; k < q; k++) {
        prog p;
        yaml_node_t *it = item(L, seq, k);
        if (!it || !compile(L, it, "a preference statement", &p)) {
            ok = 0;
            continue;
        }
        for (size_t s = 0; s < S; s++)
            if (eval(&p, L->pattern[s]))
                score[s] += 1ull << (q - 1 - k);
        free(p.code);
    }
    if (!ok)
        return;
    /* Dense ranks, highest score first: the rank of a state is the number of distinct
     * scores above its own. */
    uint64_t *u = malloc(S * sizeof *u);
    if (!u) {
        y->nomem = 1;
        return;
    }
    memcpy(u, score, S * sizeof *u);
    qsort(u, S, sizeof *u, u64_desc);
    size_t nu = 0;
    for (size_t s = 0; s < S; s++)
        if (!nu || u[nu - 1] != u[s])
            u[nu++] = u[s];
    for (size_t s = 0; s < S; s++) {
        size_t lo = 0, hi = nu; /* u descending: find score[s] */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (u[mid] > score[s])
                lo = mid + 1;
            else
                hi = mid;
        }
        ac_error e;
        built(L, ac_conflict_set_rank(L->c, d, s, (uint32_t)lo, &e), &e, seq);
    }
    free(u);
}

static void load_option_form(cload *L, yaml_node_t *conf, yaml_node_t *dms, yaml_node_t *infeas,
                             yaml_node_t *sq)
{
    ac__ydoc *y = L->y;
    size_t nd = n_items(dms);
    yaml_node_t **pref = calloc(nd + 1, sizeof *pref), **rank = calloc(nd + 1, sizeof *rank);
    size_t *dmi = calloc(nd + 1, sizeof *dmi);
    char (*who)[AC__YSHOW] = calloc(nd + 1, sizeof *who);
    prog *rules = NULL;
    size_t n_rules = 0;
    uint64_t *score = NULL;
    if (!pref || !rank || !dmi || !who) {
        y->nomem = 1;
        goto done;
    }
    for (size_t i = 0; i < nd; i++) {
        dmi[i] = AC_NONE;
        yaml_node_t *it = item(L, dms, i);
        if (!it || !ac__yexpect(y, it, YAML_MAPPING_NODE, "a decision maker entry"))
            continue;
        ac__yfield f[] = {{.name = "id"}, {.name = "name"}, {.name = "options"},
                          {.name = "preference"}, {.name = "ranking"}};
        ac__yfields(y, it, f, 5, "in a decision maker of the option form");
        size_t d = load_dm_head(L, it, f, who[i], sizeof who[i]);
        if (d == AC_NONE)
            continue;
        dmi[i] = d;
        if (ac__yrequire(y, it, &f[2], "in a decision maker of the option form"))
            load_options(L, d, who[i], f[2].v);
        if (f[3].v && f[4].v)
            ac__yreport(y, f[4].k, "decision maker '%s' has both 'preference' and 'ranking': "
                        "give one", who[i]);
        else if (!f[3].v && !f[4].v)
            ac__yreport(y, it, "missing key 'preference' in decision maker '%s' (statements, "
                        "or a 'ranking' of the states)", who[i]);
        pref[i] = f[3].v;
        rank[i] = f[4].v;
    }
    if (infeas && ac__yexpect(y, infeas, YAML_SEQUENCE_NODE, "'infeasible'")) {
        rules = calloc(n_items(infeas) + 1, sizeof *rules);
        if (!rules) {
            y->nomem = 1;
            goto done;
        }
        for (size_t i = 0; i < n_items(infeas); i++) {
            yaml_node_t *it = item(L, infeas, i);
            if (it && compile(L, it, "an infeasibility rule", &rules[n_rules]))
                n_rules++;
        }
    }
    if (y->problems || y->nomem || L->n_opt == 0)
        goto done;
    /* Feasible patterns become states, in pattern order. */
    size_t P = (size_t)1 << L->n_opt, S = 0;
    L->state_of = malloc(P * sizeof *L->state_of);
    if (!L->state_of) {
        y->nomem = 1;
        goto done;
    }
    for (size_t p = 0; p < P; p++) {
        int ok = 1;
        for (size_t r = 0; r < n_rules && ok; r++)
            ok = !eval(&rules[r], (uint32_t)p);
        L->state_of[p] = ok ? (int32_t)S++ : -1;
    }
    if (!S) {
        ac__yreport(y, infeas ? infeas : conf, "every combination of options is infeasible");
        goto done;
    }
    if (S > AC_CONFLICT_MAX_STATES) {
        ac__yreport(y, conf, "too many feasible states: %zu (the limit is %d)", S,
                    AC_CONFLICT_MAX_STATES);
        goto done;
    }
    double moves = 0;
    for (size_t d = 0; d < ac_conflict_n_dms(L->c); d++)
        moves += (double)S * (double)((1ull << __builtin_popcount(L->dm_mask[d])) - 1);
    if (moves > AC_CONFLICT_MAX_MOVES) {
        ac__yreport(y, dms, "the options give up to %.0f moves (the limit is %d)", moves,
                    AC_CONFLICT_MAX_MOVES);
        goto done;
    }
    L->pattern = malloc(S * sizeof *L->pattern);
    if (!L->pattern) {
        y->nomem = 1;
        goto done;
    }
    ac_error e;
    for (size_t p = 0; p < P; p++) {
        if (L->state_of[p] < 0)
            continue;
        char id[32], title[512];
        snprintf(id, sizeof id, "s%d", L->state_of[p] + 1);
        state_title(L, (uint32_t)p, title, sizeof title);
        L->pattern[L->state_of[p]] = (uint32_t)p;
        if (!built(L, ac_conflict_add_state(L->c, id, title, NULL, &e), &e, conf))
            goto done;
    }
    /* Moves: any change of one's own options, into a feasible state, respecting
     * irreversible options. */
    for (size_t d = 0; d < ac_conflict_n_dms(L->c); d++) {
        uint32_t mask = L->dm_mask[d];
        for (size_t s = 0; s < S; s++) {
            uint32_t p = L->pattern[s];
            for (uint32_t m = mask; m; m = (m - 1) & mask) {
                uint32_t q = p ^ m;
                if (L->state_of[q] >= 0 && move_ok(L, p, q) &&
                    !built(L, ac_conflict_add_move(L->c, d, s, (size_t)L->state_of[q], &e), &e,
                           conf))
                    goto done;
            }
        }
    }
    score = malloc(S * sizeof *score);
    if (!score) {
        y->nomem = 1;
        goto done;
    }
    for (size_t i = 0; i < nd; i++) {
        if (dmi[i] == AC_NONE)
            continue;
        char what[WHERE_MAX];
        snprintf(what, sizeof what, "the ranking of '%s'", who[i]);
        if (pref[i] && !rank[i])
            load_statements(L, dmi[i], who[i], pref[i], score);
        else if (rank[i] && !pref[i])
            load_ranking(L, dmi[i], rank[i], what);
    }
    if (sq && ac__yexpect(y, sq, YAML_SEQUENCE_NODE, "'status_quo' (the options taken)")) {
        uint32_t pat = 0;
        int ok = 1;
        for (size_t i = 0; i < n_items(sq); i++) {
            yaml_node_t *it = item(L, sq, i);
            const char *id = it ? ac__ystr(y, it, "an option id", 0) : NULL;
            size_t k;
            if (!id) {
                ok = 0;
                continue;
            }
            for (k = 0; k < L->n_opt && strcmp(L->opt_id[k], id); k++)
                ;
            if (k == L->n_opt) {
                char show[AC__YSHOW];
                ac__yreport(y, it, "unknown option '%s' in 'status_quo'", ac__yshow(show, id));
                ok = 0;
            } else {
                pat |= 1u << k;
            }
        }
        if (ok && L->state_of[pat] < 0)
            ac__yreport(y, sq, "the status quo is an infeasible state");
        else if (ok)
            built(L, ac_conflict_set_status_quo(L->c, (size_t)L->state_of[pat], &e), &e, sq);
    }
done:
    for (size_t r = 0; r < n_rules; r++)
        free(rules[r].code);
    free(rules);
    free(pref);
    free(rank);
    free(dmi);
    free(who);
    free(score);
}

/* ---- the section ---- */

void ac__conflict_load(ac__ydoc *y, yaml_node_t *node, ac_conflict **out)
{
    *out = NULL;
    if (!ac__yexpect(y, node, YAML_MAPPING_NODE, "'conflict'"))
        return;
    size_t before = y->problems;
    cload L;
    memset(&L, 0, sizeof L);
    L.y = y;
    if (!(L.c = ac_conflict_new())) {
        y->nomem = 1;
        return;
    }
    ac__yfield f[] = {{.name = "states"}, {.name = "decision_makers"}, {.name = "infeasible"},
                      {.name = "status_quo"}};
    ac__yfields(y, node, f, 4, "in 'conflict'");
    yaml_node_t *dms = ac__yrequire(y, node, &f[1], "in 'conflict'");
    if (dms && ac__yexpect(y, dms, YAML_SEQUENCE_NODE, "'decision_makers'")) {
        if (n_items(dms) < 2)
            ac__yreport(y, dms, "a conflict needs at least two decision makers, found %zu",
                        n_items(dms));
        else if (n_items(dms) > AC_CONFLICT_MAX_DMS)
            ac__yreport(y, dms, "too many decision makers: %zu (the limit is %d)", n_items(dms),
                        AC_CONFLICT_MAX_DMS);
        else if (f[0].v) {
            if (f[2].v)
                ac__yreport(y, f[2].k, "'infeasible' belongs to the option form; this conflict "
                            "lists its states");
            load_states(&L, f[0].v);
            if (ac_conflict_n_states(L.c))
                load_explicit_dms(&L, dms);
            if (f[3].v) {
                size_t s = ref_state(&L, f[3].v, "in 'status_quo'");
                ac_error e;
                if (s != AC_NONE)
                    built(&L, ac_conflict_set_status_quo(L.c, s, &e), &e, f[3].v);
            }
        } else {
            load_option_form(&L, node, dms, f[2].v, f[3].v);
        }
    }
    if (y->problems == before && !y->nomem) {
        ac_error e;
        if (built(&L, ac_conflict_finish(L.c, &e), &e, node)) {
            *out = L.c;
            L.c = NULL;
        }
    }
    ac_conflict_free(L.c);
    free(L.snode);
    free(L.state_of);
    free(L.pattern);
}
