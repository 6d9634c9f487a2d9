/* Small helpers of the GENIUS / GeniusWeb importers (see genius_internal.h).
 *
 * Ids: GENIUS names issues and values with free text ("External Monitor", "$4.37"); accord
 * ids are [A-Za-z0-9_.-]{1,64}. The mapping keeps valid ids unchanged (so an exported
 * model imports back with the same ids) and keeps the original text as the title. */
#include "io/genius_internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/genius.h"

ac_status ac__genius_read_file(const char *path, char **buf, size_t *len, ac_error *err)
{
    *buf = NULL;
    *len = 0;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return ac_error_set(err, AC_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap + 1);
    if (!b) {
        fclose(fp);
        return ac_error_set(err, AC_ENOMEM, path, 0, 0, "out of memory");
    }
    for (;;) {
        size_t got = fread(b + n, 1, cap - n, fp);
        n += got;
        if (n > AC_GENIUS_FILE_MAX) {
            free(b);
            fclose(fp);
            return ac_error_set(err, AC_ELIMIT, path, 0, 0,
                                "file larger than the limit of %u bytes", AC_GENIUS_FILE_MAX);
        }
        if (got == 0)
            break;
        if (n == cap) {
            char *nb = realloc(b, 2 * cap + 1);
            if (!nb) {
                free(b);
                fclose(fp);
                return ac_error_set(err, AC_ENOMEM, path, 0, 0, "out of memory");
            }
            b = nb;
            cap *= 2;
        }
    }
    int bad = ferror(fp);
    fclose(fp);
    if (bad) {
        free(b);
        return ac_error_set(err, AC_EIO, path, 0, 0, "read error");
    }
    b[n] = 0;
    *buf = b;
    *len = n;
    return AC_OK;
}

static int id_char(unsigned char c)
{
    return isalnum(c) ? c < 128 : (c == '_' || c == '.' || c == '-');
}

void ac__genius_make_id(const char *text, const char *fallback, char *out)
{
    size_t n = 0;
    int pending = 0; /* a run of other characters waits to become one '_' */
    for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p && n < AC_ID_MAX; p++) {
        if (id_char(*p)) {
            if (pending && n > 0 && n + 1 < AC_ID_MAX)
                out[n++] = '_';
            pending = 0;
            out[n++] = (char)*p;
        } else {
            pending = 1;
        }
    }
    out[n] = 0;
    if (n == 0)
        snprintf(out, AC_ID_MAX + 1, "%s", fallback);
}

static int id_taken(const ac_model *m, int kind, size_t issue, const char *id)
{
    switch (kind) {
    case AC__ID_PARTY:
        return ac_party_find(m, id) != AC_NONE;
    case AC__ID_ISSUE:
        return ac_issue_find(m, id) != AC_NONE;
    default:
        return ac_option_find(m, issue, id) != AC_NONE;
    }
}

void ac__genius_unique_id(const ac_model *m, int kind, size_t issue, char *id)
{
    if (!id_taken(m, kind, issue, id))
        return;
    char base[AC_ID_MAX + 1];
    snprintf(base, sizeof base, "%s", id);
    for (unsigned k = 2;; k++) {
        char suffix[16];
        int sl = snprintf(suffix, sizeof suffix, "_%u", k);
        size_t keep = strlen(base);
        if (keep + (size_t)sl > AC_ID_MAX)
            keep = AC_ID_MAX - (size_t)sl;
        snprintf(id, AC_ID_MAX + 1, "%.*s%s", (int)keep, base, suffix);
        if (!id_taken(m, kind, issue, id))
            return;
    }
}

/* Only plain decimal notation: strtod alone would also take "nan", "inf" and hex. */
static int plain_number(const char *s, const char **start, size_t *len)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    const char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        e--;
    if (e == s)
        return -1;
    for (const char *p = s; p < e; p++)
        if (!(isdigit((unsigned char)*p) || *p == '.' || *p == '-' || *p == '+' || *p == 'e' ||
              *p == 'E'))
            return -1;
    *start = s;
    *len = (size_t)(e - s);
    return 0;
}

int ac__genius_parse_num(const char *s, double *out)
{
    const char *p;
    size_t n;
    if (!s || plain_number(s, &p, &n) || n > 64)
        return -1;
    char tmp[72];
    memcpy(tmp, p, n);
    tmp[n] = 0;
    errno = 0;
    char *end;
    double x = strtod(tmp, &end);
    if (end == tmp || *end || errno == ERANGE || !isfinite(x))
        return -1;
    *out = x;
    return 0;
}

int ac__genius_parse_int(const char *s, long *out)
{
    const char *p;
    size_t n;
    if (!s || plain_number(s, &p, &n) || n > 32)
        return -1;
    char tmp[40];
    memcpy(tmp, p, n);
    tmp[n] = 0;
    errno = 0;
    char *end;
    long long x = strtoll(tmp, &end, 10);
    if (end == tmp || *end || errno || x < -2147483648LL || x > 2147483647LL)
        return -1;
    *out = (long)x;
    return 0;
}

void ac__genius_basename(const char *path, const char *ext, char *out, size_t size)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = strlen(b), el = ext ? strlen(ext) : 0;
    if (el && n > el && !strcasecmp(b + n - el, ext))
        n -= el;
    snprintf(out, size, "%.*s", (int)n, b);
}

char *ac__genius_trim_dup(const char *text)
{
    if (!text)
        text = "";
    while (*text && isspace((unsigned char)*text))
        text++;
    size_t n = strlen(text);
    while (n > 0 && isspace((unsigned char)text[n - 1]))
        n--;
    return strndup(text, n);
}

int ac__genius_valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        size_t k = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 4;
        if (k == 4 || i + k >= n + (k == 0))
            return 0;
        for (size_t j = 1; j <= k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
        i += k + 1;
    }
    return 1;
}
