/* The C example of the README: analyses a model (a path, or @default) and reads the
 * result through the accessors of accord/analyze.h and accord/space.h. The install test
 * builds it with pkg-config and checks every number against `accord analyze --json`. */
#include <accord/accord.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    ac_model *m = NULL;
    ac_analysis *a = NULL;
    ac_error err;
    ac_error_clear(&err);
    ac_analyze_opts o;
    ac_analyze_opts_init(&o);
    if (ac_model_load_file(argc > 1 ? argv[1] : "@default", &m, NULL, &err) != AC_OK ||
        ac_analyze(m, &o, &a, &err) != AC_OK) {
        char msg[1024];
        ac_error_format(&err, msg, sizeof msg); /* file:line:col: message */
        fprintf(stderr, "%s\n", msg);
        ac_model_free(m);
        return 1;
    }
    const ac_space *s = ac_analysis_space(a);
    const ac_zopa_count *z = ac_analysis_zopa(a);
    const ac_frontier *f = ac_analysis_frontier(a);
    const ac_solution *nash = &ac_analysis_solutions(a)->nash;
    char n[48], zn[48];
    if (z->exact)
        ac_u128_str(z->count, zn, sizeof zn);
    else
        snprintf(zn, sizeof zn, "about %.3g", z->estimate);
    printf("libaccord %s: %s\n", ac_version(), ac_model_title(m));
    printf("%s outcomes, %s in the ZOPA, %zu on the Pareto frontier\n",
           ac_u128_str(ac_space_outcomes(s), n, sizeof n), zn, f->count);
    for (size_t i = 0; i < ac_space_n_parties(s); i++) {
        printf("  %-4s reservation %.4f", ac_party_id(m, ac_space_party(s, i)),
               ac_space_reservation(s, i));
        if (nash->found)
            printf("  Nash %.4f", nash->utility[i]);
        if (ac_analysis_has_plan(a))
            printf("  draft %.4f", ac_analysis_plan_utility(a)[i]);
        printf("\n");
    }
    if (ac_analysis_has_plan(a)) {
        ac_progress p = ac_analysis_progress(a);
        printf("draft: %zu of %zu points agreed by every party\n", p.points, p.of);
    }
    ac_analysis_free(a);
    ac_model_free(m);
    return 0;
}
