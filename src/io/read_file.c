/* Bounded whole-file reading shared by the model loader and the KTAB CSV reader. */
#include "io/read_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

ac_status ac__read_stream(FILE *fp, const char *path, size_t max, char **text, size_t *len,
                          ac_error *err)
{
    size_t n = 0, cap = 0;
    char *buf = NULL;
    for (;;) {
        if (n == cap) {
            size_t nc = cap ? 2 * cap : 64 * 1024;
            if (nc > max + 1)
                nc = max + 1;
            if (nc == cap)
                break;
            char *nb = realloc(buf, nc);
            if (!nb) {
                free(buf);
                return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
            }
            buf = nb;
            cap = nc;
        }
        size_t got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (got == 0) {
            if (ferror(fp)) {
                int e = errno;
                free(buf);
                return ac_error_set(err, AC_EIO, NULL, 0, 0, "%s: %s", path, strerror(e ? e : EIO));
            }
            break;
        }
    }
    *text = buf;
    *len = n;
    return AC_OK;
}

ac_status ac__read_path(const char *path, size_t max, const char **name, char **text,
                        size_t *len, ac_error *err)
{
    *text = NULL;
    *len = 0;
    int is_stdin = !strcmp(path, "-");
    *name = is_stdin ? "<stdin>" : path;
    errno = 0;
    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    if (!fp)
        return ac_error_set(err, AC_EIO, NULL, 0, 0, "%s: %s", path, strerror(errno));
    errno = 0;
    ac_status st = ac__read_stream(fp, *name, max, text, len, err);
    if (!is_stdin)
        fclose(fp);
    return st;
}
