/* Fuzz target: the KTAB CSV reader on arbitrary bytes, and both forecast models on what
 * it accepts.
 *
 * Properties checked beyond "no crash, no leak, no undefined behaviour": a success means
 * a table, no problem and a table that passes ac_fc_input_check; a failure means no table
 * and at least one located problem; an accepted table runs through a few SMP turns and EU
 * rounds with every probability in [0,1], every SMP risk attitude in [-1,1] and every EU
 * exponent in [0.5,2]. Any broken property aborts, so libFuzzer keeps the input.
 *
 * Built by scripts/fuzz.sh with clang -fsanitize=fuzzer,address,undefined. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "accord/accord.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ac_fc_input *in = NULL;
    ac_diags *d = ac_diags_new();
    ac_error err;
    ac_error_clear(&err);
    ac_status st = ac_ktab_load_string((const char *)data, size, "fuzz.csv", &in, d, &err);
    if (st == AC_OK && (!in || ac_diags_count(d) != 0))
        abort();
    if (st != AC_OK && st != AC_ENOMEM && (in || ac_diags_count(d) == 0 || err.code != st))
        abort();
    ac_diags_free(d);
    if (st != AC_OK)
        return 0;
    if (ac_fc_input_check(in, &err) != AC_OK)
        abort();
    /* keep each run cheap: the SMP costs n^3 per turn */
    if (ac_fc_n_actors(in) <= 12 && ac_fc_n_dims(in) <= 8) {
        ac_smp_opts o;
        ac_smp_opts_init(&o);
        o.max_turns = 3;
        ac_smp_result *r = NULL;
        if (ac_forecast_smp(in, &o, &r, &err) == AC_OK) {
            for (size_t i = 0; i < r->n_turns * r->n_actors; i++)
                if (!(r->prob[i] >= 0 && r->prob[i] <= 1) ||
                    !(r->risk[i] >= -1 - 1e-9 && r->risk[i] <= 1 + 1e-9))
                    abort();
        }
        ac_smp_result_free(r);
    }
    ac_eu_opts eo;
    ac_eu_opts_init(&eo);
    eo.max_rounds = 3;
    ac_eu_result *e = NULL;
    if (ac_forecast_eu(in, &eo, &e, &err) == AC_OK) {
        for (size_t i = 0; i < e->n_rounds * e->n_actors; i++)
            if (!(e->risk[i] >= 0.5 && e->risk[i] <= 2))
                abort();
    }
    ac_eu_result_free(e);
    ac_fc_input_free(in);
    return 0;
}
