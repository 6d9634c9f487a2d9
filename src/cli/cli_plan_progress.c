/* Progress of a recorded version, side by side: for every party (and mediator) the points
 * it agrees to by count and by its own salience, and what it rejects, then plain
 * sentences where the two measures tell different stories. Shared by `accord plan
 * status` and the summary of `accord demo`.
 *
 * The sentence that matters most in real talks is the one about the leading group
 * (ac_ledger_status_coalition): the sides that drafted a text together can agree on
 * nearly all of it ("90% done") while the points another side rejects carry much of what
 * that side cares about. */
#include "cli/cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Two shares "differ a lot" beyond this many percentage points. */
#define GAP_POINTS 15.0

size_t cli_status_rows(const ac_ledger_status *s) { return ac_ledger_status_rows(s); }

ac_stance cli_status_stance(const ac_ledger_status *s, size_t row, size_t k)
{
    return ac_ledger_status_row_stance(s, row, k);
}

const char *cli_status_row_name(const ac_ledger_status *s, size_t row)
{
    return row < s->n_parties ? s->party_name[row] : s->mediator_name[row - s->n_parties];
}

const char *cli_status_row_id(const ac_ledger_status *s, size_t row)
{
    return ac_ledger_status_row_id(s, row);
}

int cli_status_row_shown(const ac_ledger_status *s, size_t row)
{
    for (size_t k = 0; row >= s->n_parties && k < s->n_points; k++)
        if (cli_status_stance(s, row, k) != AC_STANCE_NOT_DISCUSSED)
            return 1;
    return row < s->n_parties;
}

int cli_status_coalition(const ac_ledger_status *s, cli_coalition *c)
{
    return ac_ledger_status_coalition(s, c, NULL) == AC_OK ? 0 : -1;
}

void cli_coalition_free(cli_coalition *c) { ac_ledger_coalition_free(c); }

/* "Ukraine and the United States" / "A, B and C" into buf. */
void cli_coalition_names(const ac_ledger_status *s, const cli_coalition *c, char *buf,
                         size_t size)
{
    size_t R = cli_status_rows(s), seen = 0, len = 0;
    buf[0] = 0;
    for (size_t r = 0; r < R && len < size; r++) {
        if (!c->in[r])
            continue;
        seen++;
        const char *sep = seen == 1 ? "" : seen == c->n ? " and " : ", ";
        const char *name = cli_status_row_name(s, r);
        len += (size_t)snprintf(buf + len, size - len, "%s%s%s", sep, cli_name_the(name), name);
    }
}

/* A party's name in running text: "the" before a name that reads as a common noun phrase
 * ("European partners") or starts with "United"; plural when its last word is a
 * lower-case plural ("partners"). English only, and only for the sentences below. */
static const char *last_word(const char *name)
{
    const char *w = strrchr(name, ' ');
    return w ? w + 1 : name;
}

int cli_name_plural(const char *name)
{
    const char *w = last_word(name);
    size_t n = strlen(w);
    return n > 1 && w[0] >= 'a' && w[0] <= 'z' && w[n - 1] == 's';
}

const char *cli_name_the(const char *name)
{
    const char *w = last_word(name);
    return !strncmp(name, "United ", 7) || (w != name && w[0] >= 'a' && w[0] <= 'z') ? "the "
                                                                                      : "";
}

static double pct(size_t n, size_t of)
{
    return of ? 100.0 * (double)n / (double)of : 0;
}

/* The party outside the group whose rejections weigh most on it (AC_NONE: none). */
size_t cli_status_main_rejecter(const ac_ledger_status *s, const cli_coalition *c)
{
    size_t who = AC_NONE;
    for (size_t i = 0; i < s->n_parties; i++)
        if ((!c->in || !c->in[i]) && s->party_rejected[i] &&
            (who == AC_NONE || s->party_rejected_weight[i] > s->party_rejected_weight[who]))
            who = i;
    return who;
}

int cli_status_progress_text(FILE *fp, const ac_ledger_status *s)
{
    size_t P = s->n_parties, R = cli_status_rows(s), K = s->n_points;
    const ac_progress *p = &s->progress;
    double by_count = pct(p->points, p->of), by_weight = 100.0 * p->weighted;
    fprintf(fp, "  Progress: %zu of %zu point%s agreed by every party (%.0f%%); weighted by "
                "salience %.0f%%.\n\n",
            p->points, p->of, p->of == 1 ? "" : "s", by_count, by_weight);
    cli_table *t = cli_table_new(5);
    if (!t)
        return -1;
    for (size_t col = 1; col < 5; col++)
        cli_table_align(t, col, CLI_RIGHT);
    cli_table_max_width(t, 0, CLI_ISSUE_COLS);
    cli_table_cell(t, "party");
    cli_table_cell(t, "agrees to");
    cli_table_cell(t, "by salience");
    cli_table_cell(t, "rejects");
    cli_table_cell(t, "by salience");
    cli_table_header_done(t);
    for (size_t r = 0; r < R; r++) {
        if (!cli_status_row_shown(s, r))
            continue;
        size_t agreed = 0, rejected = 0;
        for (size_t k = 0; k < K; k++) {
            agreed += cli_status_stance(s, r, k) == AC_STANCE_AGREE;
            rejected += cli_status_stance(s, r, k) == AC_STANCE_REJECT;
        }
        cli_table_cell(t, "%s", cli_status_row_name(s, r));
        cli_table_cell(t, "%zu of %zu (%.0f%%)", agreed, K, pct(agreed, K));
        if (r < P)
            cli_table_cell(t, "%.0f%%", 100.0 * s->party_weighted[r]);
        else
            cli_table_cell(t, "(mediator)");
        cli_table_cell(t, "%zu", rejected);
        if (r < P)
            cli_table_cell(t, "%.0f%%", 100.0 * s->party_rejected_weight[r]);
        else
            cli_table_cell(t, "-");
    }
    int rc = cli_table_print(t, fp, 2);
    cli_table_free(t);
    if (rc)
        return rc;

    /* the sentences, each only when its two numbers differ by more than GAP_POINTS */
    char buf[2048], names[512];
    cli_coalition c;
    if (cli_status_coalition(s, &c))
        return -1;
    int said = 0;
    if (c.n && pct(c.points, K) - by_weight > GAP_POINTS && (c.n < R || p->points < c.points)) {
        cli_coalition_names(s, &c, names, sizeof names);
        int one = c.n == 1 && !cli_name_plural(names);
        size_t len = (size_t)snprintf(buf, sizeof buf, "%s agree%s on %zu of %zu points (%.0f%%)",
                                      names, one ? "s" : "", c.points, K, pct(c.points, K));
        size_t who = cli_status_main_rejecter(s, &c);
        if (len < sizeof buf && who != AC_NONE) {
            const char *n = s->party_name[who];
            int pl = cli_name_plural(n);
            len += (size_t)snprintf(buf + len, sizeof buf - len,
                                    ", but the points %s%s reject%s carry %.0f%% of %s salience",
                                    cli_name_the(n), n, pl ? "" : "s",
                                    100.0 * s->party_rejected_weight[who], pl ? "their" : "its");
        }
        if (buf[0] >= 'a' && buf[0] <= 'z')
            buf[0] = (char)(buf[0] - 'a' + 'A');
        if (len < sizeof buf && !p->points)
            snprintf(buf + len, sizeof buf - len, "; no point has every party's agreement yet.");
        else if (len < sizeof buf)
            snprintf(buf + len, sizeof buf - len,
                     "; the %zu point%s every party agrees to %s %.0f%% of the parties' "
                     "salience.", p->points, p->points == 1 ? "" : "s",
                     p->points == 1 ? "carries" : "carry", by_weight);
        fputc('\n', fp);
        cli_wrap(fp, buf, 2, 78);
        said = 1;
    }
    cli_coalition_free(&c);
    if (by_count - by_weight > GAP_POINTS || by_weight - by_count > GAP_POINTS) {
        if (!said)
            fputc('\n', fp);
        cli_wrap(fp, by_count > by_weight
                         ? "The count flatters the draft: the points still open are the ones "
                           "the parties care about most."
                         : "The count undersells the draft: the points already agreed are the "
                           "ones the parties care about most.",
                 2, 78);
        said = 1;
    }
    for (size_t i = 0; i < P; i++) {
        double c_i = pct(s->party_agreed[i], K), w_i = 100.0 * s->party_weighted[i];
        if (fabs(c_i - w_i) <= GAP_POINTS)
            continue;
        if (!said)
            fputc('\n', fp);
        said = 1;
        const char *n = s->party_name[i];
        int pl = cli_name_plural(n);
        snprintf(buf, sizeof buf,
                 c_i > w_i ? "%s%s agree%s to %.0f%% of the points, but these carry only %.0f%% "
                             "of %s salience: what is still open weighs most."
                           : "%s%s agree%s to %.0f%% of the points, but these carry %.0f%% of %s "
                             "salience: what is agreed weighs most.",
                 cli_name_the(n), n, pl ? "" : "s", c_i, w_i, pl ? "their" : "its");
        if (buf[0] >= 'a' && buf[0] <= 'z')
            buf[0] = (char)(buf[0] - 'a' + 'A');
        cli_wrap(fp, buf, 2, 78);
    }
    return 0;
}
