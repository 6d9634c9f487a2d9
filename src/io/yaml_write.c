/* The model writer: ac_model -> YAML model file, version 1 (docs/model-format.md).
 *
 * Output goes through libyaml's emitter so that any title, name or note is quoted and
 * escaped correctly; the loader reads back exactly what was written (the round trip
 * load -> write -> load gives an equal model). Only what is set is written: defaults
 * (name = id, title = id, reservation 0, ...) are left out, as a person would write it.
 *
 * Numbers are written in the shortest form that reads back as the same double, in the
 * C locale whatever the process's locale is. */
#include "accord/yaml.h"
#include "accord/forecast.h"

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

typedef struct {
    yaml_emitter_t em;
    int failed;   /* an emit failed: nothing more is written */
    int bad_utf8; /* libyaml refused a text: the failure's cause */
} writer;

static void emit(writer *w, yaml_event_t *ev)
{
    /* yaml_emitter_emit frees the event, even when it fails. */
    if (!yaml_emitter_emit(&w->em, ev))
        w->failed = 1;
}

static void scalar_styled(writer *w, const char *s, yaml_scalar_style_t style)
{
    if (w->failed)
        return;
    size_t len = strlen(s);
    yaml_event_t ev;
    if (len > (size_t)INT32_MAX ||
        !yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)len, 1, 1, style)) {
        /* libyaml checks the text is UTF-8; memory is the only other cause. */
        w->failed = 1;
        w->bad_utf8 = 1;
        return;
    }
    emit(w, &ev);
}

/* Text that a YAML reader would take for something else when plain: null, a bool (YAML
 * 1.1 spellings too) or a number. accord's loader reads it as text either way, except
 * plain null; quoting it keeps the file unambiguous for other tools too. */
static int looks_special(const char *s)
{
    static const char *const words[] = {"",     "~",     "null",  "Null",  "NULL", "true", "True",
                                        "TRUE", "false", "False", "FALSE", "yes",  "Yes",  "YES",
                                        "no",   "No",    "NO",    "on",    "On",   "ON",   "off",
                                        "Off",  "OFF",   "y",     "Y",     "n",    "N"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (!strcmp(s, words[i]))
            return 1;
    const char *t = s + (*s == '+' || *s == '-');
    if (*t == '.')
        t++;
    if (!strcasecmp(t, "inf") || !strcasecmp(t, "nan"))
        return 1;
    char *end;
    strtod(s, &end);
    return end != s && !*end;
}

/* The format's own words: keys, "mediator", "true", the version. */
static void word(writer *w, const char *s) { scalar_styled(w, s, YAML_PLAIN_SCALAR_STYLE); }

/* Ids: plain unless they look like a number or a bool; the emitter adds quotes where
 * YAML requires them. */
static void id(writer *w, const char *s)
{
    scalar_styled(w, s,
                  looks_special(s) ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_PLAIN_SCALAR_STYLE);
}

/* Free text. Line breaks, tabs and control characters go in double quotes, whose escapes
 * survive a reload exactly (a break inside single quotes would be normalised to a
 * newline). */
static void text(writer *w, const char *s)
{
    int dq = looks_special(s) || s[0] == ' ' || s[strlen(s) - 1] == ' ';
    for (const unsigned char *c = (const unsigned char *)s; *c && !dq; c++) {
        if (*c < 0x20 || *c == 0x7F)
            dq = 1;
        /* NEL (C2 85), LS and PS (E2 80 A8/A9) are line breaks in YAML 1.1. */
        else if (c[0] == 0xC2 && c[1] == 0x85)
            dq = 1;
        else if (c[0] == 0xE2 && c[1] == 0x80 && (c[2] == 0xA8 || c[2] == 0xA9))
            dq = 1;
    }
    scalar_styled(w, s, dq ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_PLAIN_SCALAR_STYLE);
}

static void number(writer *w, double x)
{
    char buf[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    scalar_styled(w, buf, YAML_PLAIN_SCALAR_STYLE);
}

static void open_map(writer *w, int flow)
{
    yaml_event_t ev;
    if (w->failed)
        return;
    if (!yaml_mapping_start_event_initialize(
            &ev, NULL, NULL, 1, flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE)) {
        w->failed = 1;
        return;
    }
    emit(w, &ev);
}

static void close_map(writer *w)
{
    yaml_event_t ev;
    if (w->failed)
        return;
    if (!yaml_mapping_end_event_initialize(&ev)) {
        w->failed = 1;
        return;
    }
    emit(w, &ev);
}

static void open_seq(writer *w, int flow)
{
    yaml_event_t ev;
    if (w->failed)
        return;
    if (!yaml_sequence_start_event_initialize(
            &ev, NULL, NULL, 1, flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE)) {
        w->failed = 1;
        return;
    }
    emit(w, &ev);
}

static void close_seq(writer *w)
{
    yaml_event_t ev;
    if (w->failed)
        return;
    if (!yaml_sequence_end_event_initialize(&ev)) {
        w->failed = 1;
        return;
    }
    emit(w, &ev);
}

static void kv_id(writer *w, const char *k, const char *v)
{
    word(w, k);
    id(w, v);
}

static void kv_word(writer *w, const char *k, const char *v)
{
    word(w, k);
    word(w, v);
}

static void kv_text(writer *w, const char *k, const char *v)
{
    word(w, k);
    text(w, v);
}

/* k is a word or an id (weights, values and event changes are keyed by issue or option). */
static void kv_number(writer *w, const char *k, double v)
{
    id(w, k);
    number(w, v);
}

static void write_parties(writer *w, const ac_model *m)
{
    word(w, "parties");
    open_seq(w, 0);
    for (size_t i = 0; i < ac_model_n_parties(m); i++) {
        open_map(w, 1);
        kv_id(w, "id", ac_party_id(m, i));
        if (strcmp(ac_party_name(m, i), ac_party_id(m, i)))
            kv_text(w, "name", ac_party_name(m, i));
        if (ac_party_role(m, i) == AC_ROLE_MEDIATOR)
            kv_word(w, "role", "mediator");
        if (ac_party_reservation(m, i) != 0)
            kv_number(w, "reservation", ac_party_reservation(m, i));
        if (ac_party_influence(m, i) != 0)
            kv_number(w, "influence", ac_party_influence(m, i));
        if (ac_party_discount(m, i) != 1)
            kv_number(w, "discount", ac_party_discount(m, i));
        close_map(w);
    }
    close_seq(w);
}

static int option_is_plain(const ac_model *m, size_t k, size_t o)
{
    return !strcmp(ac_option_title(m, k, o), ac_option_id(m, k, o));
}

static void write_issues(writer *w, const ac_model *m)
{
    word(w, "issues");
    open_seq(w, 0);
    for (size_t k = 0; k < ac_model_n_issues(m); k++) {
        int plain_opts = 1;
        for (size_t o = 0; o < ac_model_n_options(m, k); o++)
            plain_opts &= option_is_plain(m, k, o);
        int plain_title = !strcmp(ac_issue_title(m, k), ac_issue_id(m, k));
        /* A bare issue fits on one line, as in the format's examples. */
        int flow = plain_opts && plain_title && !ac_issue_description(m, k);
        open_map(w, flow);
        kv_id(w, "id", ac_issue_id(m, k));
        if (!plain_title)
            kv_text(w, "title", ac_issue_title(m, k));
        if (ac_issue_description(m, k))
            kv_text(w, "description", ac_issue_description(m, k));
        word(w, "options");
        open_seq(w, plain_opts);
        for (size_t o = 0; o < ac_model_n_options(m, k); o++) {
            if (option_is_plain(m, k, o)) {
                id(w, ac_option_id(m, k, o));
                continue;
            }
            open_map(w, 1);
            kv_id(w, "id", ac_option_id(m, k, o));
            kv_text(w, "title", ac_option_title(m, k, o));
            close_map(w);
        }
        close_seq(w);
        close_map(w);
    }
    close_seq(w);
}

static void write_party_prefs(writer *w, const ac_model *m, size_t i)
{
    size_t n = ac_model_n_issues(m);
    open_map(w, 0);
    word(w, "weights");
    open_map(w, 1);
    for (size_t k = 0; k < n; k++)
        if (ac_pref_raw_weight(m, i, k) != 0)
            kv_number(w, ac_issue_id(m, k), ac_pref_raw_weight(m, i, k));
    close_map(w);

    word(w, "values");
    int any = 0;
    for (size_t k = 0; k < n && !any; k++)
        for (size_t o = 0; o < ac_model_n_options(m, k) && !any; o++)
            any = ac_pref_has_value(m, i, k, o);
    open_map(w, !any);
    for (size_t k = 0; k < n; k++) {
        int has = 0;
        for (size_t o = 0; o < ac_model_n_options(m, k) && !has; o++)
            has = ac_pref_has_value(m, i, k, o);
        if (!has)
            continue;
        id(w, ac_issue_id(m, k));
        open_map(w, 1);
        for (size_t o = 0; o < ac_model_n_options(m, k); o++)
            if (ac_pref_has_value(m, i, k, o))
                kv_number(w, ac_option_id(m, k, o), ac_pref_value(m, i, k, o));
        close_map(w);
    }
    close_map(w);

    int red = 0;
    for (size_t k = 0; k < n && !red; k++)
        for (size_t o = 0; o < ac_model_n_options(m, k) && !red; o++)
            red = ac_pref_red_line(m, i, k, o);
    if (red) {
        word(w, "red_lines");
        open_seq(w, 0);
        for (size_t k = 0; k < n; k++) {
            int has = 0;
            for (size_t o = 0; o < ac_model_n_options(m, k) && !has; o++)
                has = ac_pref_red_line(m, i, k, o);
            if (!has)
                continue;
            open_map(w, 1);
            kv_id(w, "issue", ac_issue_id(m, k));
            word(w, "options");
            open_seq(w, 1);
            for (size_t o = 0; o < ac_model_n_options(m, k); o++)
                if (ac_pref_red_line(m, i, k, o))
                    id(w, ac_option_id(m, k, o));
            close_seq(w);
            close_map(w);
        }
        close_seq(w);
    }
    close_map(w);
}

static void write_preferences(writer *w, const ac_model *m)
{
    word(w, "preferences");
    int any = 0;
    for (size_t i = 0; i < ac_model_n_parties(m); i++)
        any |= ac_party_has_preferences(m, i);
    open_map(w, !any);
    for (size_t i = 0; i < ac_model_n_parties(m); i++) {
        if (!ac_party_has_preferences(m, i))
            continue;
        id(w, ac_party_id(m, i));
        write_party_prefs(w, m, i);
    }
    close_map(w);
}

static void write_plan(writer *w, const ac_model *m)
{
    if (!ac_model_has_plan(m))
        return;
    word(w, "plan");
    open_map(w, 0);
    for (size_t k = 0; k < ac_model_n_issues(m); k++) {
        size_t o = ac_model_plan(m, k);
        if (o == AC_NONE)
            continue;
        id(w, ac_issue_id(m, k));
        if (ac_model_locked(m, k)) {
            open_map(w, 1);
            kv_id(w, "option", ac_option_id(m, k, o));
            kv_word(w, "locked", "true");
            close_map(w);
        } else {
            id(w, ac_option_id(m, k, o));
        }
    }
    close_map(w);
}

static void write_events(writer *w, const ac_model *m)
{
    if (!ac_model_n_events(m))
        return;
    word(w, "events");
    open_seq(w, 0);
    for (size_t e = 0; e < ac_model_n_events(m); e++) {
        const ac_event *ev = ac_model_event(m, e);
        open_map(w, 1);
        kv_number(w, "at", ev->at);
        kv_id(w, "party", ac_party_id(m, ev->party));
        if (ev->has_reservation)
            kv_number(w, "reservation", ev->reservation);
        if (ev->n_weights) {
            word(w, "weights");
            open_map(w, 1);
            for (size_t j = 0; j < ev->n_weights; j++)
                kv_number(w, ac_issue_id(m, ev->weight_issue[j]), ev->weight_delta[j]);
            close_map(w);
        }
        if (ev->note)
            kv_text(w, "note", ev->note);
        close_map(w);
    }
    close_seq(w);
}

static void write_uncertainty(writer *w, const ac_model *m)
{
    if (!ac_model_n_uncertainty(m))
        return;
    word(w, "uncertainty");
    open_seq(w, 0);
    for (size_t j = 0; j < ac_model_n_uncertainty(m); j++) {
        const ac_uncertainty *u = ac_model_uncertainty(m, j);
        open_map(w, 1);
        kv_id(w, "party", ac_party_id(m, u->party));
        if (u->kind == AC_UNC_RESERVATION)
            kv_word(w, "reservation", "true");
        else
            kv_id(w, u->kind == AC_UNC_WEIGHT ? "weight" : "value", ac_issue_id(m, u->issue));
        kv_number(w, "sd", u->sd);
        close_map(w);
    }
    close_seq(w);
}

/* The `dimensions` section (accord forecast), when the model has one. */
static void write_dimensions(writer *w, const ac_model *m)
{
    const ac_fc_input *in = ac_model_dimensions(m);
    if (!in)
        return;
    word(w, "dimensions");
    open_seq(w, 0);
    for (size_t d = 0; d < ac_fc_n_dims(in); d++) {
        open_map(w, 0);
        kv_id(w, "id", ac_fc_dim(in, d));
        word(w, "actors");
        open_map(w, 0);
        for (size_t a = 0; a < ac_fc_n_actors(in); a++) {
            id(w, ac_fc_actor(in, a));
            open_map(w, 1);
            kv_number(w, "position", ac_fc_position(in, a, d));
            kv_number(w, "salience", ac_fc_salience(in, a, d));
            kv_number(w, "capability", ac_fc_capability(in, a, d));
            close_map(w);
        }
        close_map(w);
        close_map(w);
    }
    close_seq(w);
}

static void write_model(writer *w, const ac_model *m)
{
    yaml_event_t ev;
    if (!yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING)) {
        w->failed = 1;
        return;
    }
    emit(w, &ev);
    if (w->failed || !yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1)) {
        w->failed = 1;
        return;
    }
    emit(w, &ev);
    open_map(w, 0);
    kv_word(w, "accord", "1");
    if (*ac_model_title(m))
        kv_text(w, "title", ac_model_title(m));
    if (ac_model_description(m))
        kv_text(w, "description", ac_model_description(m));
    write_parties(w, m);
    write_issues(w, m);
    write_preferences(w, m);
    write_plan(w, m);
    write_events(w, m);
    write_uncertainty(w, m);
    write_dimensions(w, m);
    close_map(w);
    if (w->failed || !yaml_document_end_event_initialize(&ev, 1)) {
        w->failed = 1;
        return;
    }
    emit(w, &ev);
    if (w->failed || !yaml_stream_end_event_initialize(&ev)) {
        w->failed = 1;
        return;
    }
    emit(w, &ev);
}

ac_status ac_model_write_yaml(const ac_model *m, FILE *fp, ac_error *err)
{
    if (!m || !fp)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_model_write_yaml: no model or no file");
    writer w;
    memset(&w, 0, sizeof w);
    if (!yaml_emitter_initialize(&w.em))
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    yaml_emitter_set_output_file(&w.em, fp);
    yaml_emitter_set_unicode(&w.em, 1);
    yaml_emitter_set_indent(&w.em, 2);
    yaml_emitter_set_width(&w.em, -1); /* never fold long text across lines */
    yaml_emitter_set_break(&w.em, YAML_LN_BREAK);

    /* "%g" and strtod follow LC_NUMERIC; a decimal comma would corrupt the file. */
    locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    locale_t old = c ? uselocale(c) : (locale_t)0;
    write_model(&w, m);
    if (c) {
        uselocale(old);
        freelocale(c);
    }

    ac_status st = AC_OK;
    if (w.failed) {
        if (w.em.error == YAML_WRITER_ERROR)
            st = ac_error_set(err, AC_EIO, NULL, 0, 0, "writing the model: %s",
                              w.em.problem ? w.em.problem : "write error");
        else if (w.em.error == YAML_MEMORY_ERROR)
            st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        else if (w.bad_utf8)
            st = ac_error_set(err, AC_EARG, NULL, 0, 0,
                              "the model holds a title, name or note that is not valid UTF-8");
        else
            st = ac_error_set(err, AC_EINTERNAL, NULL, 0, 0, "writing the model: %s",
                              w.em.problem ? w.em.problem : "emitter error");
    }
    yaml_emitter_delete(&w.em);
    if (fflush(fp) != 0 || ferror(fp)) {
        if (!st)
            st = ac_error_set(err, AC_EIO, NULL, 0, 0, "writing the model: write error");
    }
    return st;
}
