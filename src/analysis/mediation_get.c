/* The accessors of ac_mediation (accord/mediate.h): the only way programs read one, so
 * its layout can change without breaking them. */
#include <math.h>

#include "analysis/mediation_internal.h"

size_t ac_mediation_n_parties(const ac_mediation *x) { return x ? x->n_parties : 0; }
size_t ac_mediation_n_issues(const ac_mediation *x) { return x ? x->n_issues : 0; }

size_t ac_mediation_party(const ac_mediation *x, size_t i)
{
    return x && i < x->n_parties ? x->party[i] : AC_NONE;
}

const ac_space *ac_mediation_space(const ac_mediation *x) { return x ? x->space : NULL; }
const uint32_t *ac_mediation_draft(const ac_mediation *x) { return x ? x->draft : NULL; }

const double *ac_mediation_draft_utility(const ac_mediation *x)
{
    return x ? x->draft_utility : NULL;
}

ac_stance ac_mediation_stance(const ac_mediation *x, size_t party, size_t issue)
{
    if (!x || party >= x->n_parties || issue >= x->n_issues)
        return AC_STANCE_NOT_DISCUSSED;
    return x->stances[party * x->n_issues + issue];
}

ac_progress ac_mediation_progress(const ac_mediation *x)
{
    ac_progress none = {0, 0, 0.0};
    return x ? x->progress : none;
}

double ac_mediation_progress_by_party(const ac_mediation *x, size_t party)
{
    return x && party < x->n_parties ? x->progress_by_party[party] : NAN;
}

size_t ac_mediation_n_hard(const ac_mediation *x) { return x ? x->n_hard : 0; }
size_t ac_mediation_n_soft(const ac_mediation *x) { return x ? x->n_soft : 0; }

size_t ac_mediation_hard(const ac_mediation *x, size_t j)
{
    return x && j < x->n_hard ? x->hard[j] : AC_NONE;
}

size_t ac_mediation_soft(const ac_mediation *x, size_t j)
{
    return x && j < x->n_soft ? x->soft[j] : AC_NONE;
}

int ac_mediation_zopa_empty(const ac_mediation *x) { return x && x->zopa_empty; }
size_t ac_mediation_n_revisions(const ac_mediation *x) { return x ? x->n_revisions : 0; }

const ac_revision *ac_mediation_revision(const ac_mediation *x, size_t j)
{
    return x && j < x->n_revisions ? &x->revisions[j] : NULL;
}

int ac_mediation_drop(const ac_mediation *x, size_t party, double *drop,
                      const uint32_t **outcome)
{
    if (!x || !x->zopa_empty || party >= x->n_parties || !x->drop_found[party])
        return 0;
    if (drop)
        *drop = x->drop[party];
    if (outcome)
        *outcome = x->drop_outcome + party * x->n_issues;
    return 1;
}

ac_redlines_status ac_mediation_redlines(const ac_mediation *x)
{
    return x && x->zopa_empty ? x->redlines : AC_REDLINES_NONE;
}

size_t ac_mediation_redline_checks(const ac_mediation *x) { return x ? x->redline_checks : 0; }
size_t ac_mediation_n_redlines(const ac_mediation *x) { return x ? x->n_redlines : 0; }

ac_status ac_mediation_redline(const ac_mediation *x, size_t j, size_t *party, size_t *issue,
                               size_t *option)
{
    if (!x || j >= x->n_redlines)
        return AC_EARG;
    if (party)
        *party = x->rl_party[j];
    if (issue)
        *issue = x->rl_issue[j];
    if (option)
        *option = x->rl_option[j];
    return AC_OK;
}

size_t ac_mediation_n_trades(const ac_mediation *x) { return x ? x->n_trades : 0; }

const ac_trade *ac_mediation_trade(const ac_mediation *x, size_t j)
{
    return x && j < x->n_trades ? &x->trades[j] : NULL;
}
