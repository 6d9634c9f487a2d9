/* Fuzz target: the GENIUS (XML) and GeniusWeb (JSON) importers on arbitrary bytes.
 *
 * The importers read files by path, so the bytes are written into in-memory files
 * (memfd_create) that are passed as /proc/self/fd/N: nothing touches the disk. Input
 * layout: the first byte picks the importer (bit 0: 0 GENIUS XML, 1 GeniusWeb JSON) and
 * whether a separate domain file is given (bit 1, JSON only); the rest is split at the
 * first "\n--8<--\n" into the domain and the profile (without the marker, XML uses the
 * same bytes for both, JSON takes them all as a profile that embeds its domain). The
 * profile is given twice when bit 2 is set (two parties with the same profile).
 *
 * Properties: no crash, leak or undefined behaviour; a failure leaves *out NULL and a
 * message; an imported model passes ac_model_check and, when it is within the YAML
 * format's limits (64 parties, 1000 options per issue), survives ac_model_write_yaml
 * and a reload unchanged (ac_model_equal). FUZZ_GENIUS_KNOWN_UTF8=1 lets a model with
 * text that is not UTF-8 pass (a known importer bug, see docs/hardening.md). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "accord/accord.h"
#include "accord/genius.h"

static int fd_domain = -1, fd_profile = -1;
static char path_domain[64], path_profile[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fd_domain = memfd_create("fuzz-domain", 0);
    fd_profile = memfd_create("fuzz-profile", 0);
    if (fd_domain < 0 || fd_profile < 0)
        abort();
    snprintf(path_domain, sizeof path_domain, "/proc/self/fd/%d", fd_domain);
    snprintf(path_profile, sizeof path_profile, "/proc/self/fd/%d", fd_profile);
    return 0;
}

static void put(int fd, const uint8_t *p, size_t n)
{
    if (ftruncate(fd, 0) != 0)
        abort();
    size_t done = 0;
    while (done < n) {
        ssize_t w = pwrite(fd, p + done, n - done, (off_t)done);
        if (w <= 0)
            abort();
        done += (size_t)w;
    }
}

static void round_trip(const ac_model *m)
{
    if (ac_model_n_parties(m) > 64)
        return;
    for (size_t k = 0; k < ac_model_n_issues(m); k++)
        if (ac_model_n_options(m, k) > 1000)
            return;
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    ac_error err;
    ac_error_clear(&err);
    if (!fp)
        abort();
    ac_status st = ac_model_write_yaml(m, fp, &err);
    if (st != AC_OK && getenv("FUZZ_GENIUS_KNOWN_UTF8") && strstr(err.message, "UTF-8")) {
        /* Known: the GeniusWeb importer passes JSON strings through without checking
         * their UTF-8 (tests/bad/fuzz-crashes/); set to fuzz past it until fixed. */
        fclose(fp);
        free(text);
        return;
    }
    if (fclose(fp) != 0 || st != AC_OK) {
        fprintf(stderr, "fuzz_genius: the imported model cannot be written as YAML: %s\n",
                err.message);
        abort();
    }
    ac_model *again = NULL;
    if (ac_model_load_string(text, len, "imported.yaml", &again, NULL, &err) != AC_OK) {
        fprintf(stderr, "fuzz_genius: the imported model, written as YAML, does not load: "
                        "%d:%d: %s\n----\n%s\n----\n", err.line, err.col, err.message, text);
        abort();
    }
    if (!ac_model_equal(m, again)) {
        fprintf(stderr, "fuzz_genius: the imported model changed in a YAML round trip\n");
        abort();
    }
    ac_model_free(again);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned mode = data[0];
    const uint8_t *p = data + 1;
    size_t n = size - 1;
    static const char mark[] = "\n--8<--\n";
    const uint8_t *cut = memmem(p, n, mark, sizeof mark - 1);
    const uint8_t *dom = p, *prof = p;
    size_t dn = n, pn = n;
    if (cut) {
        dn = (size_t)(cut - p);
        prof = cut + sizeof mark - 1;
        pn = n - dn - (sizeof mark - 1);
    }
    put(fd_domain, dom, dn);
    put(fd_profile, prof, pn);
    const char *profiles[2] = {path_profile, path_profile};
    size_t np = (mode & 4) ? 2 : 1;
    ac_model *m = NULL;
    ac_error err;
    ac_error_clear(&err);
    ac_status st;
    if (mode & 1)
        st = ac_geniusweb_import(cut || (mode & 2) ? path_domain : NULL, profiles, np, &m, &err);
    else
        st = ac_genius_import(path_domain, profiles, np, (mode >> 3) & 7, &m, &err);
    if (st != AC_OK) {
        if (m || !err.message[0])
            abort();
        return 0;
    }
    if (!m || ac_model_check(m, &err) != AC_OK) {
        fprintf(stderr, "fuzz_genius: an imported model fails ac_model_check: %s\n", err.message);
        abort();
    }
    round_trip(m);
    ac_model_free(m);
    return 0;
}
