/* A program using the installed library: loads a model (a path or @default), analyses
 * it and prints the JSON of `accord analyze --json`, which the install test compares
 * byte for byte with the command's. Built with pkg-config and with CMake's package. */
#include <accord/accord.h>

#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s MODEL\n", argv[0]);
        return 2;
    }
#if !ACCORD_AT_LEAST_VERSION(0, 1, 0)
#error "accord 0.1.0 or newer needed"
#endif
    if (ac_version_num() < ACCORD_VERSION_NUM) {
        fprintf(stderr, "linked against an older libaccord (%s)\n", ac_version());
        return 1;
    }
    ac_error err;
    ac_error_clear(&err);
    ac_model *m = NULL;
    ac_status st = ac_model_load_file(argv[1], &m, NULL, &err);
    ac_analysis *a = NULL;
    if (st == AC_OK) {
        ac_analyze_opts o;
        ac_analyze_opts_init(&o);
        st = ac_analyze(m, &o, &a, &err);
    }
    if (st == AC_OK)
        st = ac_analysis_write_json(stdout, m, a, NULL, &err);
    if (st != AC_OK) {
        char msg[1024];
        ac_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "%s\n", msg);
    }
    ac_analysis_free(a);
    ac_model_free(m);
    return st == AC_OK ? 0 : 1;
}
