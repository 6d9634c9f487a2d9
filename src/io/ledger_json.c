/* A recorded version's status as JSON (ac_ledger_status_write_json): what `accord plan
 * status --json` prints. Rows are the parties in model order, then the mediators; a
 * mediator has no salience, so its progress is by points only. */
#include "accord/json.h"
#include "accord/ledger.h"
#include "io/json_out.h"

static void ids(ac_json *w, char *const *id, size_t n)
{
    ac_json_begin_array(w);
    for (size_t i = 0; i < n; i++)
        ac_json_string(w, id[i]);
    ac_json_end_array(w);
}

void ac__json_point_members(ac_json *w, const ac_ledger_status *s, size_t k)
{
    ac_json_key(w, "id");
    ac_json_string(w, s->point_id[k]);
    ac_json_key(w, "title");
    ac_json_string(w, s->point_title[k]);
    ac_json_key(w, "option");
    ac_json_string(w, s->option_id[k]);
    ac_json_key(w, "option_title");
    ac_json_string(w, s->option_title[k]);
}

static void points(ac_json *w, const ac_ledger_status *s)
{
    ac_json_begin_array(w);
    for (size_t k = 0; k < s->n_points; k++) {
        ac_json_begin_object(w);
        ac__json_point_members(w, s, k);
        ac_json_end_object(w);
    }
    ac_json_end_array(w);
}

static void stances(ac_json *w, const ac_ledger_status *s)
{
    ac_json_begin_object(w);
    for (size_t r = 0; r < ac_ledger_status_rows(s); r++) {
        ac_json_key(w, ac_ledger_status_row_id(s, r));
        ac_json_begin_object(w);
        for (size_t k = 0; k < s->n_points; k++) {
            ac_json_key(w, s->point_id[k]);
            ac_json_string(w, ac_stance_name(ac_ledger_status_row_stance(s, r, k)));
        }
        ac_json_end_object(w);
    }
    ac_json_end_object(w);
}

static void progress(ac_json *w, const ac_ledger_status *s)
{
    ac_json_begin_object(w);
    ac__json_progress_members(w, &s->progress);
    ac_json_key(w, "by_party");
    ac_json_begin_object(w);
    for (size_t i = 0; i < s->n_parties; i++) {
        ac_json_key(w, s->party_id[i]);
        ac_json_begin_object(w);
        ac_json_key(w, "points");
        ac_json_int(w, (long long)s->party_agreed[i]);
        ac_json_key(w, "weighted");
        ac_json_number(w, s->party_weighted[i]);
        ac_json_key(w, "rejected");
        ac_json_begin_object(w);
        ac_json_key(w, "points");
        ac_json_int(w, (long long)s->party_rejected[i]);
        ac_json_key(w, "weighted");
        ac_json_number(w, s->party_rejected_weight[i]);
        ac_json_end_object(w);
        ac_json_end_object(w);
    }
    ac_json_end_object(w);
    ac_json_key(w, "by_mediator");
    ac_json_begin_object(w);
    for (size_t i = 0; i < s->n_mediators; i++) {
        ac_json_key(w, s->mediator_id[i]);
        ac_json_begin_object(w);
        ac_json_key(w, "points");
        ac_json_int(w, (long long)s->mediator_agreed[i]);
        ac_json_end_object(w);
    }
    ac_json_end_object(w);
    ac_json_end_object(w);
}

static void coalition(ac_json *w, const ac_ledger_status *s, const ac_ledger_coalition *c)
{
    if (!c->n) {
        ac_json_null(w);
        return;
    }
    ac_json_begin_object(w);
    ac_json_key(w, "members");
    ac_json_begin_array(w);
    for (size_t r = 0; r < ac_ledger_status_rows(s); r++)
        if (c->in[r])
            ac_json_string(w, ac_ledger_status_row_id(s, r));
    ac_json_end_array(w);
    ac_json_key(w, "points");
    ac_json_int(w, (long long)c->points);
    ac_json_end_object(w);
}

static void impasses(ac_json *w, const ac_ledger_status *s)
{
    size_t K = s->n_points;
    ac_json_begin_array(w);
    for (size_t x = 0; x < s->n_impasses; x++) {
        size_t k = s->impasse[x];
        ac_json_begin_object(w);
        ac_json_key(w, "point");
        ac_json_string(w, s->point_id[k]);
        ac_json_key(w, "title");
        ac_json_string(w, s->point_title[k]);
        ac_json_key(w, "rejected_by");
        ac_json_begin_array(w);
        for (size_t i = 0; i < s->n_parties; i++)
            if (s->stances[i * K + k] == AC_STANCE_REJECT)
                ac_json_string(w, s->party_id[i]);
        ac_json_end_array(w);
        ac_json_end_object(w);
    }
    ac_json_end_array(w);
}

ac_status ac_ledger_status_write_json(FILE *fp, const ac_ledger_status *s, ac_error *err)
{
    if (!s)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_ledger_status_write_json: no status");
    ac_ledger_coalition c;
    ac_status st = ac_ledger_status_coalition(s, &c, err);
    ac_json *w = NULL;
    if (st == AC_OK)
        st = ac__json_open(fp, 2, &w, err);
    if (st != AC_OK) {
        ac_ledger_coalition_free(&c);
        return st;
    }
    ac_json_begin_object(w);
    ac_json_key(w, "version");
    ac_json_int(w, s->version);
    ac_json_key(w, "date");
    ac_json_string(w, s->date);
    ac_json_key(w, "note");
    ac_json_string(w, s->note);
    ac_json_key(w, "parties");
    ids(w, s->party_id, s->n_parties);
    ac_json_key(w, "mediators");
    ids(w, s->mediator_id, s->n_mediators);
    ac_json_key(w, "points");
    points(w, s);
    ac_json_key(w, "stances"); /* parties, then mediators */
    stances(w, s);
    ac_json_key(w, "progress");
    progress(w, s);
    ac_json_key(w, "coalition"); /* the leading group; null when nobody agrees to anything */
    coalition(w, s, &c);
    ac_json_key(w, "impasses");
    impasses(w, s);
    ac_json_end_object(w);
    ac_ledger_coalition_free(&c);
    return ac__json_close(w, err);
}
