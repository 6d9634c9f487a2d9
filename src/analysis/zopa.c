/* Placeholder until the ZOPA count lands. */
#include <string.h>
#include "accord/zopa.h"
ac_status ac_zopa_count_dp(const ac_space *s, size_t max_states, uint64_t seed, ac_zopa_count *out,
                           ac_error *err)
{
    (void)s; (void)max_states; (void)seed;
    memset(out, 0, sizeof *out);
    return ac_error_set(err, AC_EINTERNAL, NULL, 0, 0, "not implemented");
}
