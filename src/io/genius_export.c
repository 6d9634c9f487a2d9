/* GENIUS XML export: a model becomes DIR/domain.xml and one DIR/<party id>.xml profile
 * per non-mediator party, in the layout GENIUS itself writes (DomainImpl.toXML and
 * AdditiveUtilitySpace.toXML): the objective tree with <issue> and <item> elements,
 * <weight index value> siblings of the issues, <discount_factor> and <reservation>.
 *
 * Chosen so that importing the files gives the same model back (tests/test_genius.c):
 * issue and option ids are the GENIUS names and values, titles go into the description
 * attributes the importer reads them from, the party name into the profile objective's
 * description, the title into the objective's name. Numbers are written with 17
 * significant digits, which read back to the same doubles. Weights are written
 * normalised (GENIUS does not normalise them). The one thing that does not survive is an
 * issue whose best value for a party is below 1: GENIUS divides evaluations by their
 * maximum, so such values come back scaled up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "accord/genius.h"
#include "io/genius_internal.h"

static void put_attr(FILE *fp, const char *name, const char *text)
{
    fprintf(fp, " %s=\"", name);
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        case '\t': fputs("&#9;", fp); break;
        case '\n': fputs("&#10;", fp); break;
        case '\r': fputs("&#13;", fp); break;
        default:
            fputc(*p < 0x20 ? ' ' : *p, fp); /* other control characters are not XML */
        }
    }
    fputc('"', fp);
}

static void put_issue_open(FILE *fp, const ac_model *m, size_t k, int with_title)
{
    fprintf(fp, "    <issue index=\"%zu\" etype=\"discrete\" type=\"discrete\" vtype=\"discrete\"", k + 1);
    put_attr(fp, "name", ac_issue_id(m, k));
    if (with_title)
        put_attr(fp, "description", ac_issue_title(m, k));
    fputs(">\n", fp);
}

static ac_status close_file(FILE *fp, const char *path, ac_error *err)
{
    int bad = ferror(fp);
    if (fclose(fp) != 0 || bad)
        return ac_error_set(err, AC_EIO, path, 0, 0, "write error");
    return AC_OK;
}

static ac_status write_domain(const ac_model *m, const char *path, ac_error *err)
{
    FILE *fp = fopen(path, "w");
    if (!fp)
        return ac_error_set(err, AC_EIO, path, 0, 0, "cannot write the file");
    size_t n = ac_model_n_issues(m);
    fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<negotiation_template>\n"
                "<utility_space number_of_issues=\"%zu\">\n"
                "<objective index=\"0\" etype=\"objective\" type=\"objective\" description=\"\"",
            n);
    put_attr(fp, "name", *ac_model_title(m) ? ac_model_title(m) : "root");
    fputs(">\n", fp);
    for (size_t k = 0; k < n; k++) {
        put_issue_open(fp, m, k, 1);
        for (size_t o = 0; o < ac_model_n_options(m, k); o++) {
            fprintf(fp, "        <item index=\"%zu\"", o + 1);
            put_attr(fp, "value", ac_option_id(m, k, o));
            put_attr(fp, "description", ac_option_title(m, k, o));
            fputs("/>\n", fp);
        }
        fputs("    </issue>\n", fp);
    }
    fputs("</objective>\n</utility_space>\n</negotiation_template>\n", fp);
    return close_file(fp, path, err);
}

static ac_status write_profile(const ac_model *m, size_t i, const char *path, ac_error *err)
{
    FILE *fp = fopen(path, "w");
    if (!fp)
        return ac_error_set(err, AC_EIO, path, 0, 0, "cannot write the file");
    size_t n = ac_model_n_issues(m);
    fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<utility_space number_of_issues=\"%zu\">\n"
                "<objective index=\"0\" etype=\"objective\" type=\"objective\"",
            n);
    put_attr(fp, "description", ac_party_name(m, i));
    put_attr(fp, "name", *ac_model_title(m) ? ac_model_title(m) : "root");
    fputs(">\n", fp);
    for (size_t k = 0; k < n; k++) {
        put_issue_open(fp, m, k, 0);
        for (size_t o = 0; o < ac_model_n_options(m, k); o++) {
            fprintf(fp, "        <item index=\"%zu\"", o + 1);
            put_attr(fp, "value", ac_option_id(m, k, o));
            fprintf(fp, " evaluation=\"%.17g\"/>\n", ac_pref_value(m, i, k, o));
        }
        fputs("    </issue>\n", fp);
    }
    for (size_t k = 0; k < n; k++)
        fprintf(fp, "    <weight index=\"%zu\" value=\"%.17g\"/>\n", k + 1, ac_pref_weight(m, i, k));
    fprintf(fp, "</objective>\n<discount_factor value=\"%.17g\"/>\n<reservation value=\"%.17g\"/>\n"
                "</utility_space>\n",
            ac_party_discount(m, i), ac_party_reservation(m, i));
    return close_file(fp, path, err);
}

static unsigned dropped_kinds(const ac_model *m)
{
    unsigned d = 0;
    size_t np = ac_model_n_parties(m), ni = ac_model_n_issues(m);
    if (ac_model_has_plan(m))
        d |= AC_GENIUS_DROPPED_PLAN;
    if (ac_model_n_events(m))
        d |= AC_GENIUS_DROPPED_EVENTS;
    if (ac_model_n_uncertainty(m))
        d |= AC_GENIUS_DROPPED_UNCERTAINTY;
    if (ac_model_description(m))
        d |= AC_GENIUS_DROPPED_DESCRIPTION;
    for (size_t k = 0; k < ni; k++)
        if (ac_issue_description(m, k))
            d |= AC_GENIUS_DROPPED_DESCRIPTION;
    for (size_t i = 0; i < np; i++) {
        if (ac_party_role(m, i) == AC_ROLE_MEDIATOR) {
            d |= AC_GENIUS_DROPPED_MEDIATOR;
            continue;
        }
        if (ac_party_influence(m, i) != 0)
            d |= AC_GENIUS_DROPPED_INFLUENCE;
        for (size_t k = 0; k < ni; k++)
            for (size_t o = 0; o < ac_model_n_options(m, k); o++)
                if (ac_pref_red_line(m, i, k, o))
                    d |= AC_GENIUS_DROPPED_RED_LINES;
    }
    return d;
}

ac_status ac_genius_export(const ac_model *m, const char *dir, unsigned *dropped, ac_error *err)
{
    if (!m || !dir)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_genius_export: no model or no folder");
    ac_status st = ac_model_check(m, err);
    if (st)
        return st;
    size_t np = ac_model_n_parties(m);
    /* The domain file must not share a name with a profile (file systems may ignore case). */
    char base[AC_ID_MAX + 16] = "domain";
    for (int clash = 1; clash;) {
        clash = 0;
        for (size_t i = 0; i < np; i++)
            if (ac_party_role(m, i) != AC_ROLE_MEDIATOR && !strcasecmp(ac_party_id(m, i), base)) {
                strcat(base, "_");
                clash = 1;
            }
    }
    size_t need = strlen(dir) + AC_ID_MAX + 32;
    char *path = malloc(need);
    if (!path)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    snprintf(path, need, "%s/%s.xml", dir, base);
    st = write_domain(m, path, err);
    for (size_t i = 0; !st && i < np; i++) {
        if (ac_party_role(m, i) == AC_ROLE_MEDIATOR)
            continue;
        snprintf(path, need, "%s/%s.xml", dir, ac_party_id(m, i));
        st = write_profile(m, i, path, err);
    }
    free(path);
    if (!st && dropped)
        *dropped = dropped_kinds(m);
    return st;
}
