/* Pieces shared by the library's JSON outputs; see json_out.h. */
#include "io/json_out.h"

void ac__json_outcome(ac_json *w, const ac_model *m, const uint32_t *outcome)
{
    ac_json_begin_object(w);
    for (size_t k = 0; k < ac_model_n_issues(m); k++) {
        ac_json_key(w, ac_issue_id(m, k));
        ac_json_string(w, ac_option_id(m, k, outcome[k]));
    }
    ac_json_end_object(w);
}

void ac__json_parties(ac_json *w, const ac_model *m, const size_t *party, size_t n,
                      const double *x)
{
    ac_json_begin_object(w);
    for (size_t i = 0; i < n; i++) {
        ac_json_key(w, ac_party_id(m, party[i]));
        ac_json_number(w, x[i]);
    }
    ac_json_end_object(w);
}

void ac__json_stances(ac_json *w, const ac_model *m, const size_t *party, size_t n,
                      const ac_stance *stances)
{
    size_t ni = ac_model_n_issues(m);
    ac_json_begin_object(w);
    for (size_t i = 0; i < n; i++) {
        ac_json_key(w, ac_party_id(m, party[i]));
        ac_json_begin_object(w);
        for (size_t k = 0; k < ni; k++) {
            ac_json_key(w, ac_issue_id(m, k));
            ac_json_string(w, ac_stance_name(stances[i * ni + k]));
        }
        ac_json_end_object(w);
    }
    ac_json_end_object(w);
}

void ac__json_progress_members(ac_json *w, const ac_progress *p)
{
    ac_json_key(w, "points");
    ac_json_int(w, (long long)p->points);
    ac_json_key(w, "of");
    ac_json_int(w, (long long)p->of);
    ac_json_key(w, "weighted");
    ac_json_number(w, p->weighted);
}

size_t ac__json_active_party(const ac_model *m, size_t i)
{
    for (size_t p = 0; p < ac_model_n_parties(m); p++)
        if (ac_party_role(m, p) == AC_ROLE_PARTY && i-- == 0)
            return p;
    return AC_NONE;
}

void ac__json_active(ac_json *w, const ac_model *m, const double *x)
{
    ac_json_begin_object(w);
    for (size_t p = 0, i = 0; p < ac_model_n_parties(m); p++) {
        if (ac_party_role(m, p) != AC_ROLE_PARTY)
            continue;
        ac_json_key(w, ac_party_id(m, p));
        ac_json_number(w, x[i++]);
    }
    ac_json_end_object(w);
}

ac_status ac__json_open(FILE *fp, int indent, ac_json **w, ac_error *err)
{
    if (!fp)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "no output stream");
    *w = ac_json_new(fp, indent);
    if (!*w)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    return AC_OK;
}

ac_status ac__json_close(ac_json *w, ac_error *err)
{
    /* The writers' own misuse is impossible here; a failure is a failed write. */
    if (ac_json_free(w) != 0)
        return ac_error_set(err, AC_EIO, NULL, 0, 0, "error writing the JSON output");
    return AC_OK;
}
