/* The forecast input table (accord/forecast.h): actors by dimensions, each cell a
 * position and a salience on 0..100 and a capability. A plain data type in core so that
 * the readers in src/io and the model can hold one without knowing the models that use
 * it. Invariant: every cell holds a value the setter accepted. */
#include "accord/forecast.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double pos, sal, cap;
} cell_t;

struct ac_fc_input {
    size_t na, nd;
    char *title, *desc;
    char **actor, **actor_desc, **dim;
    cell_t *cell; /* [actor][dim] */
};

ac_fc_input *ac_fc_input_new(size_t n_actors, size_t n_dims)
{
    if (!n_actors || !n_dims || n_actors > AC_FC_MAX_ACTORS || n_dims > AC_FC_MAX_DIMS)
        return NULL;
    ac_fc_input *in = calloc(1, sizeof *in);
    if (!in)
        return NULL;
    in->na = n_actors;
    in->nd = n_dims;
    in->title = strdup("");
    in->desc = strdup("");
    in->actor = calloc(n_actors, sizeof *in->actor);
    in->actor_desc = calloc(n_actors, sizeof *in->actor_desc);
    in->dim = calloc(n_dims, sizeof *in->dim);
    in->cell = calloc(n_actors * n_dims, sizeof *in->cell);
    if (!in->title || !in->desc || !in->actor || !in->actor_desc || !in->dim || !in->cell) {
        ac_fc_input_free(in);
        return NULL;
    }
    for (size_t i = 0; i < n_actors * n_dims; i++)
        in->cell[i].cap = 1;
    return in;
}

void ac_fc_input_free(ac_fc_input *in)
{
    if (!in)
        return;
    for (size_t a = 0; in->actor && a < in->na; a++)
        free(in->actor[a]);
    for (size_t a = 0; in->actor_desc && a < in->na; a++)
        free(in->actor_desc[a]);
    for (size_t d = 0; in->dim && d < in->nd; d++)
        free(in->dim[d]);
    free(in->actor);
    free(in->actor_desc);
    free(in->dim);
    free(in->cell);
    free(in->title);
    free(in->desc);
    free(in);
}

static int set_str(char **dst, const char *s)
{
    char *c = strdup(s ? s : "");
    if (!c)
        return -1;
    free(*dst);
    *dst = c;
    return 0;
}

ac_fc_input *ac_fc_input_clone(const ac_fc_input *in)
{
    ac_fc_input *c = ac_fc_input_new(in->na, in->nd);
    if (!c)
        return NULL;
    int bad = set_str(&c->title, in->title) || set_str(&c->desc, in->desc);
    for (size_t a = 0; !bad && a < in->na; a++)
        bad = (in->actor[a] && set_str(&c->actor[a], in->actor[a])) ||
              (in->actor_desc[a] && set_str(&c->actor_desc[a], in->actor_desc[a]));
    for (size_t d = 0; !bad && d < in->nd; d++)
        bad = in->dim[d] && set_str(&c->dim[d], in->dim[d]);
    if (bad) {
        ac_fc_input_free(c);
        return NULL;
    }
    memcpy(c->cell, in->cell, in->na * in->nd * sizeof *c->cell);
    return c;
}

static int str_eq(const char *a, const char *b) { return !strcmp(a ? a : "", b ? b : ""); }

int ac_fc_input_equal(const ac_fc_input *a, const ac_fc_input *b)
{
    if (!a || !b)
        return a == b;
    if (a->na != b->na || a->nd != b->nd || !str_eq(a->title, b->title) ||
        !str_eq(a->desc, b->desc))
        return 0;
    for (size_t i = 0; i < a->na; i++)
        if (!str_eq(a->actor[i], b->actor[i]) || !str_eq(a->actor_desc[i], b->actor_desc[i]))
            return 0;
    for (size_t d = 0; d < a->nd; d++)
        if (!str_eq(a->dim[d], b->dim[d]))
            return 0;
    for (size_t i = 0; i < a->na * a->nd; i++)
        if (a->cell[i].pos != b->cell[i].pos || a->cell[i].sal != b->cell[i].sal ||
            a->cell[i].cap != b->cell[i].cap)
            return 0;
    return 1;
}

ac_status ac_fc_input_set_title(ac_fc_input *in, const char *title, const char *desc,
                                ac_error *err)
{
    if (set_str(&in->title, title) || set_str(&in->desc, desc))
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    return AC_OK;
}

ac_status ac_fc_input_set_actor(ac_fc_input *in, size_t a, const char *name, const char *desc,
                                ac_error *err)
{
    if (a >= in->na || !name)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_fc_input_set_actor: bad actor");
    if (set_str(&in->actor[a], name) || set_str(&in->actor_desc[a], desc))
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    return AC_OK;
}

ac_status ac_fc_input_set_dim(ac_fc_input *in, size_t d, const char *name, ac_error *err)
{
    if (d >= in->nd || !name)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_fc_input_set_dim: bad dimension");
    if (set_str(&in->dim[d], name))
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    return AC_OK;
}

ac_status ac_fc_input_set(ac_fc_input *in, size_t a, size_t d, double position,
                          double salience, double capability, ac_error *err)
{
    if (a >= in->na || d >= in->nd)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_fc_input_set: bad index");
    if (!(position >= 0 && position <= 100))
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "a position must be in [0,100], found %g",
                            position);
    if (!(salience >= 0 && salience <= 100))
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "a salience must be in [0,100], found %g",
                            salience);
    if (!(capability > 0 && isfinite(capability)))
        return ac_error_set(err, AC_EARG, NULL, 0, 0,
                            "a capability must be a finite number above 0, found %g", capability);
    in->cell[a * in->nd + d] = (cell_t){position, salience, capability};
    return AC_OK;
}

ac_status ac_fc_input_check(const ac_fc_input *in, ac_error *err)
{
    for (size_t a = 0; a < in->na; a++) {
        if (!in->actor[a] || !*in->actor[a])
            return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "actor %zu has no name", a + 1);
        for (size_t b = 0; b < a; b++)
            if (!strcmp(in->actor[a], in->actor[b]))
                return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "duplicate actor '%s'",
                                    in->actor[a]);
        double s = 0;
        for (size_t d = 0; d < in->nd; d++)
            s += in->cell[a * in->nd + d].sal;
        if (s > 100 + 1e-9)
            return ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                                "the saliences of actor '%s' sum to %g, more than 100",
                                in->actor[a], s);
        if (!(s > 0))
            return ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                                "actor '%s' has salience 0 on every dimension", in->actor[a]);
    }
    for (size_t d = 0; d < in->nd; d++) {
        if (!in->dim[d] || !*in->dim[d])
            return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "dimension %zu has no name", d + 1);
        for (size_t e = 0; e < d; e++)
            if (!strcmp(in->dim[d], in->dim[e]))
                return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "duplicate dimension '%s'",
                                    in->dim[d]);
    }
    return AC_OK;
}

size_t ac_fc_n_actors(const ac_fc_input *in) { return in->na; }
size_t ac_fc_n_dims(const ac_fc_input *in) { return in->nd; }
const char *ac_fc_title(const ac_fc_input *in) { return in->title; }
const char *ac_fc_description(const ac_fc_input *in) { return in->desc; }
const char *ac_fc_actor(const ac_fc_input *in, size_t a) { return in->actor[a] ? in->actor[a] : ""; }
const char *ac_fc_actor_desc(const ac_fc_input *in, size_t a)
{
    return in->actor_desc[a] ? in->actor_desc[a] : "";
}
const char *ac_fc_dim(const ac_fc_input *in, size_t d) { return in->dim[d] ? in->dim[d] : ""; }
double ac_fc_position(const ac_fc_input *in, size_t a, size_t d) { return in->cell[a * in->nd + d].pos; }
double ac_fc_salience(const ac_fc_input *in, size_t a, size_t d) { return in->cell[a * in->nd + d].sal; }
double ac_fc_capability(const ac_fc_input *in, size_t a, size_t d)
{
    return in->cell[a * in->nd + d].cap;
}

double ac_fc_actor_capability(const ac_fc_input *in, size_t a)
{
    double s = 0;
    for (size_t d = 0; d < in->nd; d++)
        s += in->cell[a * in->nd + d].cap;
    return s / (double)in->nd;
}
