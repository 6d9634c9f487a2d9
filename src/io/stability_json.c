/* The stability analysis of a conflict as JSON (ac_stability_write_json): what `accord
 * stability --json` prints. States and decision makers are keyed by id. */
#include "accord/json.h"
#include "accord/stability.h"
#include "io/json_out.h"

#include <stdlib.h>

/* The names of the coalition analysis' levels, strongest concept first. */
static const char *const level_json[AC_STAB_N] = {"nash", "seq", "smr", "gmr"};

static int any_equilibrium(const ac_stability *st, size_t s)
{
    for (int k = 0; k < AC_STAB_N; k++)
        if (ac_stability_equilibrium(st, s, (ac_stab_concept)k))
            return 1;
    return 0;
}

static void states_of(ac_json *j, const ac_conflict *c, const ac_stability *st,
                      ac_stab_concept k)
{
    ac_json_begin_array(j);
    for (size_t s = 0; s < ac_conflict_n_states(c); s++)
        if (ac_stability_equilibrium(st, s, k))
            ac_json_string(j, ac_conflict_state_id(c, s));
    ac_json_end_array(j);
}

static void stability(ac_json *j, const ac_conflict *c, const ac_stability *st)
{
    ac_json_begin_object(j);
    for (size_t d = 0; d < ac_conflict_n_dms(c); d++) {
        ac_json_key(j, ac_conflict_dm_id(c, d));
        ac_json_begin_object(j);
        for (size_t s = 0; s < ac_conflict_n_states(c); s++) {
            ac_json_key(j, ac_conflict_state_id(c, s));
            ac_json_begin_object(j);
            for (int k = 0; k < AC_STAB_N; k++) {
                ac_json_key(j, ac_stab_concept_name((ac_stab_concept)k));
                ac_json_bool(j, ac_stability_stable(st, d, s, (ac_stab_concept)k));
            }
            ac_json_end_object(j);
        }
        ac_json_end_object(j);
    }
    ac_json_end_object(j);
}

/* steps: room for S * D moves, the longest legal path. */
static void status_quo(ac_json *j, const ac_conflict *c, const ac_stability *st,
                       const ac_status_quo *sq, ac_stab_step *steps)
{
    size_t S = ac_conflict_n_states(c), D = ac_conflict_n_dms(c), from = 0;
    while (from < S && ac_status_quo_distance(sq, from) != 0)
        from++;
    ac_json_begin_object(j);
    ac_json_key(j, "from");
    ac_json_string(j, from < S ? ac_conflict_state_id(c, from) : NULL);
    ac_json_key(j, "reachable");
    ac_json_begin_array(j);
    for (size_t s = 0; s < S; s++)
        if (s != from && ac_status_quo_distance(sq, s) != SIZE_MAX)
            ac_json_string(j, ac_conflict_state_id(c, s));
    ac_json_end_array(j);
    ac_json_key(j, "paths");
    ac_json_begin_object(j);
    for (size_t s = 0; s < S; s++) {
        if (!any_equilibrium(st, s) || ac_status_quo_distance(sq, s) == SIZE_MAX)
            continue;
        ac_json_key(j, ac_conflict_state_id(c, s));
        ac_json_begin_array(j);
        size_t n = ac_status_quo_path(sq, s, steps, S * D);
        for (size_t i = 0; i < n; i++) {
            ac_json_begin_object(j);
            ac_json_key(j, "dm");
            ac_json_string(j, ac_conflict_dm_id(c, steps[i].dm));
            ac_json_key(j, "from");
            ac_json_string(j, ac_conflict_state_id(c, steps[i].from));
            ac_json_key(j, "to");
            ac_json_string(j, ac_conflict_state_id(c, steps[i].to));
            ac_json_end_object(j);
        }
        ac_json_end_array(j);
    }
    ac_json_end_object(j);
    ac_json_end_object(j);
}

static void coalitions(ac_json *j, const ac_conflict *c, const ac_coalitions *co,
                       const char *why_not)
{
    ac_json_begin_object(j);
    ac_json_key(j, "analysed");
    ac_json_bool(j, co != NULL);
    if (!co) {
        ac_json_key(j, "reason");
        ac_json_string(j, why_not ? why_not : "");
        ac_json_end_object(j);
        return;
    }
    ac_json_key(j, "of");
    ac_json_begin_array(j);
    for (int q = 0; q < ac_coalitions_levels(co); q++)
        ac_json_string(j, level_json[q]);
    ac_json_end_array(j);
    ac_json_key(j, "states");
    ac_json_begin_object(j);
    for (size_t i = 0; i < ac_coalitions_n_states(co); i++) {
        const ac_coalition_move *mv;
        size_t n = ac_coalitions_moves(co, i, &mv);
        ac_json_key(j, ac_conflict_state_id(c, ac_coalitions_state(co, i)));
        ac_json_begin_array(j);
        for (size_t x = 0; x < n; x++) {
            ac_json_begin_object(j);
            ac_json_key(j, "coalition");
            ac_json_begin_array(j);
            for (size_t d = 0; d < ac_conflict_n_dms(c); d++)
                if (mv[x].members >> d & 1)
                    ac_json_string(j, ac_conflict_dm_id(c, d));
            ac_json_end_array(j);
            ac_json_key(j, "to");
            ac_json_string(j, ac_conflict_state_id(c, mv[x].to));
            ac_json_end_object(j);
        }
        ac_json_end_array(j);
    }
    ac_json_end_object(j);
    ac_json_end_object(j);
}

ac_status ac_stability_write_json(FILE *fp, const ac_model *m, const ac_stability *st,
                                  const ac_status_quo *sq, const ac_coalitions *co,
                                  const char *why_no_coalitions, ac_error *err)
{
    const ac_conflict *c = m ? ac_model_conflict(m) : NULL;
    if (!c || !st)
        return ac_error_set(err, AC_EARG, NULL, 0, 0,
                            "ac_stability_write_json: %s", c ? "no stability analysis"
                                                             : "the model has no conflict");
    size_t S = ac_conflict_n_states(c), D = ac_conflict_n_dms(c);
    ac_stab_step *steps = NULL;
    if (sq && !(steps = malloc(S * D * sizeof *steps + 1)))
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    ac_json *j;
    ac_status rc = ac__json_open(fp, 2, &j, err);
    if (rc != AC_OK) {
        free(steps);
        return rc;
    }
    ac_json_begin_object(j);
    ac_json_key(j, "title");
    ac_json_string(j, ac_model_title(m));
    ac_json_key(j, "decision_makers");
    ac_json_begin_array(j);
    for (size_t d = 0; d < D; d++)
        ac_json_string(j, ac_conflict_dm_id(c, d));
    ac_json_end_array(j);
    ac_json_key(j, "states");
    ac_json_begin_array(j);
    for (size_t s = 0; s < S; s++)
        ac_json_string(j, ac_conflict_state_id(c, s));
    ac_json_end_array(j);
    ac_json_key(j, "equilibria");
    ac_json_begin_object(j);
    for (int k = 0; k < AC_STAB_N; k++) {
        ac_json_key(j, ac_stab_concept_name((ac_stab_concept)k));
        states_of(j, c, st, (ac_stab_concept)k);
    }
    ac_json_end_object(j);
    ac_json_key(j, "stability");
    stability(j, c, st);
    if (sq) {
        ac_json_key(j, "status_quo");
        status_quo(j, c, st, sq, steps);
    }
    ac_json_key(j, "coalitions");
    coalitions(j, c, co, why_no_coalitions);
    ac_json_end_object(j);
    free(steps);
    return ac__json_close(j, err);
}
