/* A negotiation model as forecast input (docs/forecast.md, "From a model"): the model's
 * `dimensions` section when it has one; otherwise each issue is a dimension whose
 * options, in file order, sit at evenly spaced positions from 0 to 100, each party with
 * preferences stands at its best option, cares about the issue as much as it weighs it
 * and brings its influence as capability. Mediators and parties without preferences have
 * no position of their own and are left out. */
#include "accord/forecast.h"

#include <stdlib.h>

ac_status ac_fc_input_from_model(const ac_model *m, ac_fc_input **out, ac_error *err)
{
    if (!m || !out)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_fc_input_from_model: bad arguments");
    *out = NULL;
    const ac_fc_input *dims = ac_model_dimensions(m);
    if (dims) {
        if (!(*out = ac_fc_input_clone(dims)))
            return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        return AC_OK;
    }
    size_t np = ac_model_n_parties(m), ni = ac_model_n_issues(m), na = 0;
    for (size_t p = 0; p < np; p++)
        if (ac_party_role(m, p) != AC_ROLE_MEDIATOR && ac_party_has_preferences(m, p))
            na++;
    if (na < 2)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                            "the model has %zu part%s with preferences: a forecast needs 2",
                            na, na == 1 ? "y" : "ies");
    if (ni > AC_FC_MAX_DIMS || na > AC_FC_MAX_ACTORS)
        return ac_error_set(err, AC_ELIMIT, NULL, 0, 0, "the model is too large to forecast");
    ac_fc_input *in = ac_fc_input_new(na, ni);
    if (!in)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    ac_status st = ac_fc_input_set_title(in, ac_model_title(m), ac_model_description(m), err);
    for (size_t k = 0; !st && k < ni; k++)
        st = ac_fc_input_set_dim(in, k, ac_issue_id(m, k), err);
    /* Capability: the parties' influence; all 1 when the model gives none, and a nominal
     * 0.01 for a party without influence when others have some (a capability must be
     * above 0). */
    int any_influence = 0;
    for (size_t p = 0; p < np; p++)
        if (ac_party_influence(m, p) > 0)
            any_influence = 1;
    size_t a = 0;
    for (size_t p = 0; !st && p < np; p++) {
        if (ac_party_role(m, p) == AC_ROLE_MEDIATOR || !ac_party_has_preferences(m, p))
            continue;
        st = ac_fc_input_set_actor(in, a, ac_party_id(m, p), ac_party_name(m, p), err);
        double cap = ac_party_influence(m, p);
        if (!any_influence)
            cap = 1;
        else if (!(cap > 0))
            cap = 0.01;
        for (size_t k = 0; !st && k < ni; k++) {
            size_t no = ac_model_n_options(m, k), best = 0;
            for (size_t o = 1; o < no; o++)
                if (ac_pref_value(m, p, k, o) > ac_pref_value(m, p, k, best))
                    best = o;
            double pos = no > 1 ? 100.0 * (double)best / (double)(no - 1) : 50.0;
            double sal = 100.0 * ac_pref_weight(m, p, k);
            if (sal > 100)
                sal = 100;
            st = ac_fc_input_set(in, a, k, pos, sal, cap, err);
        }
        a++;
    }
    if (st) {
        ac_fc_input_free(in);
        return st;
    }
    *out = in;
    return AC_OK;
}
