/* The writes both the API and the pages make, checked the same way whichever way they
 * came: a party's stance on a point of the current draft, and the mediator's new
 * version. Each is one transaction of the record (the ledger's), done before the answer. */
#include "serve/serve_internal.h"

#include <string.h>

#define NOTE_MAX 4000

int ac__stance_parse(const char *name, ac_stance *out)
{
    for (int k = 0; k <= AC_STANCE_NOT_DISCUSSED; k++)
        if (name && !strcmp(name, ac_stance_name((ac_stance)k))) {
            *out = (ac_stance)k;
            return 0;
        }
    return -1;
}

ac_status ac__text_check(const char *what, const char *s, size_t max, ac_error *err)
{
    if (!s)
        return AC_OK;
    if (strlen(s) > max)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "%s is longer than %zu bytes", what, max);
    if (!ac__utf8_valid(s))
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "%s is not valid UTF-8", what);
    return AC_OK;
}

ac_status ac__do_stance(ac__req *r, const char *point, const char *stance, const char *note,
                        const char *suggest, long long *id, int *version, ac_error *err)
{
    ac_stance sv;
    if (ac__stance_parse(stance, &sv))
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                            "stance must be agree, criticise, reject or not-discussed");
    if (note && !*note)
        note = NULL;
    if (suggest && !*suggest)
        suggest = NULL;
    ac_status s = ac__text_check("the note", note, NOTE_MAX, err);
    if (s)
        return s;
    ac_ledger_status *st;
    s = ac_ledger_status_get(r->lg, 0, &st, err);
    if (s)
        return s;
    *version = st->version;
    ac_ledger_status_free(st);
    ac_ledger_stance_rec rec = {*version, r->party, point, sv, NULL, note};
    return ac_ledger_set_stance_ex(r->lg, &rec, suggest, id, err);
}

ac_status ac__do_publish(ac__req *r, const char *note, const char *date,
                         const ac_ledger_change *c, size_t n, int *version, ac_error *err)
{
    if (note && !*note)
        note = NULL;
    if (date && !*date)
        date = NULL;
    ac_status s = ac__text_check("the note", note, NOTE_MAX, err);
    if (!s && date && !ac_ledger_date_valid(date))
        s = ac_error_set(err, AC_EINPUT, NULL, 0, 0, "bad date '%s' (want YYYY-MM-DD)", date);
    for (size_t i = 0; i < n && !s; i++)
        s = ac__text_check("a new title", c[i].text, 400, err);
    if (s)
        return s;
    ac_ledger_draft d = {NULL, c, n, date, note};
    return ac_ledger_add_version(r->lg, &d, version, err);
}
