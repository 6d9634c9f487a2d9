/* Bodies of HTML forms (application/x-www-form-urlencoded): key=value pairs split on
 * '&', percent-decoded, '+' as a space. Malformed escapes and NUL bytes are refused
 * rather than guessed at. */
#include "serve/serve_internal.h"

#include <stdlib.h>
#include <string.h>

#define MAX_FIELDS 1024

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int ac__url_decode(char *s)
{
    char *w = s;
    for (char *p = s; *p; p++) {
        if (*p == '+') {
            *w++ = ' ';
        } else if (*p == '%') {
            int h = hexval(p[1]), l = h < 0 ? -1 : hexval(p[2]);
            if (h < 0 || l < 0 || (h == 0 && l == 0))
                return -1;
            *w++ = (char)(h * 16 + l);
            p += 2;
        } else {
            *w++ = *p;
        }
    }
    *w = 0;
    return 0;
}

int ac__form_parse(const char *body, size_t len, ac__form *f)
{
    memset(f, 0, sizeof *f);
    if (memchr(body, 0, len))
        return -1;
    char *copy = malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, body, len);
    copy[len] = 0;
    size_t cap = 1;
    for (size_t i = 0; i < len; i++)
        cap += copy[i] == '&';
    if (cap > MAX_FIELDS) {
        free(copy);
        return -1;
    }
    f->key = calloc(cap, sizeof *f->key);
    f->val = calloc(cap, sizeof *f->val);
    int bad = !f->key || !f->val;
    char *save = NULL;
    for (char *tok = bad ? NULL : strtok_r(copy, "&", &save); tok; tok = strtok_r(NULL, "&", &save)) {
        char *eq = strchr(tok, '=');
        if (eq)
            *eq = 0;
        char *k = strdup(tok), *v = strdup(eq ? eq + 1 : "");
        if (!k || !v || ac__url_decode(k) || ac__url_decode(v)) {
            free(k);
            free(v);
            bad = 1;
            break;
        }
        f->key[f->n] = k;
        f->val[f->n++] = v;
    }
    free(copy);
    if (bad) {
        ac__form_free(f);
        return -1;
    }
    return 0;
}

const char *ac__form_get(const ac__form *f, const char *key)
{
    for (size_t i = 0; i < f->n; i++)
        if (!strcmp(f->key[i], key))
            return f->val[i];
    return NULL;
}

void ac__form_free(ac__form *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->key[i]);
        free(f->val[i]);
    }
    free(f->key);
    free(f->val);
    memset(f, 0, sizeof *f);
}

int ac__utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = *p;
        size_t n = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 9;
        if (n == 9 || (n == 1 && c < 0xc2) || (n == 3 && c > 0xf4))
            return 0;
        unsigned cp = n ? c & (0x3f >> n) : c;
        for (size_t k = 1; k <= n; k++) {
            if ((p[k] & 0xc0) != 0x80)
                return 0;
            cp = (cp << 6) | (p[k] & 0x3f);
        }
        if ((n == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
            (n == 3 && (cp < 0x10000 || cp > 0x10ffff)))
            return 0;
        p += n + 1;
    }
    return 1;
}
