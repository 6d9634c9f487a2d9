/* CSV export for spreadsheets: the Pareto frontier of an analysis, the stance matrix of a
 * mediation and the results of a sweep (docs/library.md, "CSV"). RFC 4180 fields (quoted
 * when they hold a comma, quote or line break), one header row, LF line ends; numbers in
 * the shortest form that reads back exactly, always with '.' as the decimal point. */
#include "accord/accord.h"
#include "analysis/analysis_internal.h"
#include "analysis/mediation_internal.h"
#include "sim/sweep_internal.h"

#include <stdlib.h>
#include <string.h>

static void field(FILE *fp, const char *s, int first)
{
    if (!first)
        fputc(',', fp);
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

static void number(FILE *fp, double x)
{
    char buf[40];
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*g", p, x);
        for (char *c = buf; *c; c++)
            if (*c == ',')
                *c = '.';
        if (strtod(buf, NULL) == x || p == 17)
            break;
    }
    /* strtod may read ',' under a locale; the text is right whatever it read */
    fputc(',', fp);
    fputs(buf, fp);
}

static void count(FILE *fp, unsigned long long x) { fprintf(fp, ",%llu", x); }

static ac_status done(FILE *fp, ac_error *err)
{
    if (fflush(fp) != 0 || ferror(fp))
        return ac_error_set(err, AC_EIO, NULL, 0, 0, "error writing the CSV output");
    return AC_OK;
}

ac_status ac_analysis_write_csv(FILE *fp, const ac_model *m, const ac_analysis *a, size_t limit,
                                ac_error *err)
{
    if (!fp || !m || !a)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "no stream, model or analysis");
    const ac_space *s = a->space;
    size_t np = s->n_parties, ni = s->n_issues;
    field(fp, "point", 1);
    for (size_t i = 0; i < np; i++)
        field(fp, ac_party_id(m, s->party[i]), 0);
    for (size_t k = 0; k < ni; k++)
        field(fp, ac_issue_id(m, k), 0);
    fputc('\n', fp);
    const ac_frontier *f = a->pareto;
    for (size_t p = 0; f && p < f->count && p < limit; p++) {
        fprintf(fp, "%zu", p + 1);
        for (size_t i = 0; i < np; i++)
            number(fp, f->utility[p * np + i]);
        for (size_t k = 0; k < ni; k++)
            field(fp, ac_option_id(m, k, f->outcome[p * ni + k]), 0);
        fputc('\n', fp);
    }
    return done(fp, err);
}

ac_status ac_mediation_write_csv(FILE *fp, const ac_model *m, const ac_mediation *x,
                                 ac_error *err)
{
    if (!fp || !m || !x)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "no stream, model or mediation");
    size_t np = x->n_parties, ni = x->n_issues;
    field(fp, "issue", 1);
    field(fp, "title", 0);
    field(fp, "draft", 0);
    for (size_t i = 0; i < np; i++)
        field(fp, ac_party_id(m, x->party[i]), 0);
    fputc('\n', fp);
    for (size_t k = 0; k < ni; k++) {
        field(fp, ac_issue_id(m, k), 1);
        field(fp, ac_issue_title(m, k), 0);
        field(fp, ac_option_id(m, k, x->draft[k]), 0);
        for (size_t i = 0; i < np; i++)
            field(fp, ac_stance_name(x->stances[i * ni + k]), 0);
        fputc('\n', fp);
    }
    return done(fp, err);
}

static size_t active_party(const ac_model *m, size_t i)
{
    for (size_t p = 0; p < ac_model_n_parties(m); p++)
        if (ac_party_role(m, p) == AC_ROLE_PARTY && i-- == 0)
            return p;
    return AC_NONE;
}

ac_status ac_sweep_write_csv(FILE *fp, const ac_model *m, const ac_sweep *s, ac_error *err)
{
    if (!fp || !m || !s)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "no stream, model or sweep");
    double lo, hi;
    fputs("what,party,issue,option,count,value,ci95_lo,ci95_hi\n", fp);
    ac_wilson95(s->deals, s->runs, &lo, &hi);
    fputs("deal,,,", fp);
    count(fp, s->deals);
    number(fp, s->runs ? (double)s->deals / (double)s->runs : 0);
    number(fp, lo);
    number(fp, hi);
    fputc('\n', fp);
    if (s->deals) {
        fputs("mean_round,,,,", fp);
        number(fp, (double)s->rounds_sum / (double)s->deals);
        fputs(",,\n", fp);
    }
    for (size_t i = 0; i < s->n_parties; i++) {
        double mean;
        ac_mean95(s->utility_sum[i], s->utility_sq[i], s->runs, &mean, &lo, &hi);
        field(fp, "utility", 1);
        field(fp, ac_party_id(m, active_party(m, i)), 0);
        fputs(",,", fp);
        count(fp, s->runs);
        number(fp, mean);
        number(fp, lo);
        number(fp, hi);
        fputc('\n', fp);
    }
    for (size_t k = 0; k < s->n_issues; k++)
        for (size_t o = 0; o < ac_model_n_options(m, k); o++) {
            uint64_t c = s->option_count[s->option_offset[k] + o];
            ac_wilson95(c, s->deals, &lo, &hi);
            field(fp, "option", 1);
            field(fp, "", 0);
            field(fp, ac_issue_id(m, k), 0);
            field(fp, ac_option_id(m, k, o), 0);
            count(fp, c);
            number(fp, s->deals ? (double)c / (double)s->deals : 0);
            number(fp, lo);
            number(fp, hi);
            fputc('\n', fp);
        }
    return done(fp, err);
}
