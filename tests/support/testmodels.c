/* Hand-made models shared by several tests (see testmodels.h). */
#include "testmodels.h"

#include <stddef.h>

ac_model *design_example_model(void)
{
    ac_model *m = ac_model_new();
    size_t us, ua, ru, dz, ac;
    ac_model_add_party(m, "us", NULL, AC_ROLE_MEDIATOR, &us, NULL);
    ac_model_add_party(m, "ua", NULL, AC_ROLE_PARTY, &ua, NULL);
    ac_model_add_party(m, "ru", NULL, AC_ROLE_PARTY, &ru, NULL);
    ac_model_set_reservation(m, ua, 0.40, NULL);
    ac_model_set_reservation(m, ru, 0.45, NULL);
    ac_model_add_issue(m, "donbas", NULL, &dz, NULL);
    const char *d_opt[] = {"ukraine", "dmz", "fez", "russia"};
    for (int q = 0; q < 4; q++)
        ac_model_add_option(m, dz, d_opt[q], NULL, NULL, NULL);
    ac_model_add_issue(m, "army_cap", NULL, &ac, NULL);
    const char *a_opt[] = {"none", "800k", "600k"};
    for (int q = 0; q < 3; q++)
        ac_model_add_option(m, ac, a_opt[q], NULL, NULL, NULL);
    double ua_d[] = {1.0, 0.55, 0.5, 0.0}, ua_a[] = {1.0, 0.7, 0.3};
    double ru_d[] = {0.0, 0.5, 0.45, 1.0}, ru_a[] = {0.0, 0.5, 1.0};
    ac_model_set_weight(m, ua, dz, 0.7, NULL);
    ac_model_set_weight(m, ua, ac, 0.3, NULL);
    ac_model_set_weight(m, ru, dz, 0.8, NULL);
    ac_model_set_weight(m, ru, ac, 0.2, NULL);
    for (size_t q = 0; q < 4; q++) {
        ac_model_set_value(m, ua, dz, q, ua_d[q], NULL);
        ac_model_set_value(m, ru, dz, q, ru_d[q], NULL);
    }
    for (size_t q = 0; q < 3; q++) {
        ac_model_set_value(m, ua, ac, q, ua_a[q], NULL);
        ac_model_set_value(m, ru, ac, q, ru_a[q], NULL);
    }
    ac_model_set_red_line(m, ua, dz, 3, NULL);
    ac_model_set_has_preferences(m, ua, NULL);
    ac_model_set_has_preferences(m, ru, NULL);
    return m;
}
