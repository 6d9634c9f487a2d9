/* Access tokens: 256 bits from the OS's random source (getrandom), written as hex, and
 * their SHA-256 (Nettle, GnuTLS's own crypto library, which `accord plan token` can load
 * without the rest of GnuTLS), which is all the record keeps. A token that random needs no
 * salt or slow hash: nobody can guess one to test against a stolen hash. */
#include "serve/serve_internal.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <string.h>
#include <sys/random.h>

static void hex(const unsigned char *b, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 15];
    }
    out[2 * n] = 0;
}

static int random_bytes(unsigned char *b, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t k = getrandom(b + got, n - got, 0);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        got += (size_t)k;
    }
    return 0;
}

int ac__random_hex(char out[AC__SID_LEN + 1])
{
    unsigned char b[AC__SID_LEN / 2];
    if (random_bytes(b, sizeof b))
        return -1;
    hex(b, sizeof b, out);
    return 0;
}

ac_status ac_serve_token_new(char token[AC_SERVE_TOKEN_LEN + 1],
                             char hash[AC_SERVE_HASH_LEN + 1], ac_error *err)
{
    unsigned char b[AC_SERVE_TOKEN_LEN / 2];
    if (random_bytes(b, sizeof b))
        return ac_error_set(err, AC_EIO, NULL, 0, 0, "the OS's random source failed: %s",
                            strerror(errno));
    hex(b, sizeof b, token);
    return ac_serve_token_hash(token, hash, err);
}

ac_status ac_serve_token_hash(const char *text, char hash[AC_SERVE_HASH_LEN + 1], ac_error *err)
{
    unsigned char d[SHA256_DIGEST_SIZE];
    if (!text)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "no text to hash");
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, strlen(text), (const uint8_t *)text);
    sha256_digest(&ctx, sizeof d, d);
    hex(d, sizeof d, hash);
    return AC_OK;
}

int ac__same(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    unsigned char diff = na != nb;
    for (size_t i = 0; i < na && i < nb; i++)
        diff |= (unsigned char)(a[i] ^ b[i]);
    return diff == 0;
}
