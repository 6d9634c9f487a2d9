/* Fuzz target: the YAML model loader on arbitrary bytes.
 *
 * Properties checked beyond "no crash, no leak, no undefined behaviour": a success
 * means a model, no problem and a model that passes ac_model_check; a failure means no
 * model and at least one located problem; and an accepted model written back with
 * ac_model_write_yaml must load again, without a single problem, into a model
 * ac_model_equal to the first. Any broken property aborts, so libFuzzer keeps the input
 * as a crash.
 *
 * Built by scripts/fuzz.sh with clang -fsanitize=fuzzer,address,undefined. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "accord/accord.h"

static void fail(const char *what, const ac_error *err)
{
    fprintf(stderr, "fuzz_yaml: %s: %s:%d:%d: %s\n", what, err->file, err->line, err->col,
            err->message);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ac_model *m = NULL;
    ac_diags *d = ac_diags_new();
    ac_error err;
    ac_error_clear(&err);
    ac_status st = ac_model_load_string((const char *)data, size, "fuzz.yaml", &m, d, &err);
    if (st == AC_OK && (!m || ac_diags_count(d) != 0))
        abort(); /* success means a model and no problem */
    if (st != AC_OK && (m || ac_diags_count(d) == 0 || err.code != st))
        if (st != AC_ENOMEM)
            abort(); /* a failure means no model and at least one located problem */
    ac_diags_free(d);
    if (st != AC_OK)
        return 0;
    if (ac_model_check(m, &err) != AC_OK)
        fail("an accepted model fails ac_model_check", &err);

    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    if (!fp)
        abort();
    if (ac_model_write_yaml(m, fp, &err) != AC_OK)
        fail("write", &err);
    if (fclose(fp) != 0)
        abort();

    ac_model *again = NULL;
    if (ac_model_load_string(text, len, "rewritten.yaml", &again, NULL, &err) != AC_OK) {
        fprintf(stderr, "---- written text ----\n%s\n----\n", text);
        fail("reload of the written model", &err);
    }
    if (!ac_model_equal(m, again)) {
        fprintf(stderr, "---- written text ----\n%s\n----\n", text);
        fprintf(stderr, "fuzz_yaml: the reloaded model differs from the loaded one\n");
        abort();
    }
    ac_model_free(again);
    ac_model_free(m);
    free(text);
    return 0;
}
