/* Derived stances of the parties on the points of a draft, and the draft's progress.
 *
 * A stance is read off the model alone: a red line makes a party reject, an option close
 * enough to the party's favourite on that point makes it agree, anything else draws
 * criticism. Progress counts the points every active party agrees to, and weighs each by
 * the active parties' mean salience, because a draft can agree on many minor points and
 * still be far from a deal on the few that matter. */
#include "accord/stance.h"

/* The model's accessors do not check indices; a derived stance must not read past them.
 * Out-of-range indices and mediators have no derived stance: not-discussed. */
ac_stance ac_stance_derive(const ac_model *m, size_t party, size_t issue, size_t option,
                           double agree_within)
{
    if (!m || party >= ac_model_n_parties(m) || issue >= ac_model_n_issues(m) ||
        option >= ac_model_n_options(m, issue) || ac_party_role(m, party) != AC_ROLE_PARTY)
        return AC_STANCE_NOT_DISCUSSED;
    if (ac_pref_red_line(m, party, issue, option))
        return AC_STANCE_REJECT;
    /* A negative or NaN threshold would make even the favourite option "criticised". */
    if (!(agree_within >= 0))
        agree_within = 0;
    double best = 0;
    for (size_t o = 0; o < ac_model_n_options(m, issue); o++) {
        double v = ac_pref_value(m, party, issue, o);
        if (v > best)
            best = v;
    }
    double v = ac_pref_value(m, party, issue, option);
    return v >= best - agree_within - 1e-9 ? AC_STANCE_AGREE : AC_STANCE_CRITICISE;
}

ac_progress ac_progress_of(const ac_model *m, const ac_stance *stances)
{
    ac_progress p = {0, 0, 0.0};
    if (!m)
        return p;
    size_t ni = ac_model_n_issues(m), na = 0;
    p.of = ni;
    for (size_t i = 0; i < ac_model_n_parties(m); i++)
        na += ac_party_role(m, i) == AC_ROLE_PARTY;
    /* With nobody at the table nothing is agreed (not everything, vacuously). */
    if (!stances || !na)
        return p;
    for (size_t k = 0; k < ni; k++) {
        int all = 1;
        for (size_t a = 0; a < na && all; a++)
            all = stances[a * ni + k] == AC_STANCE_AGREE;
        if (!all)
            continue;
        double w = 0;
        for (size_t i = 0; i < ac_model_n_parties(m); i++)
            if (ac_party_role(m, i) == AC_ROLE_PARTY)
                w += ac_pref_weight(m, i, k);
        p.points++;
        p.weighted += w / (double)na;
    }
    return p;
}
