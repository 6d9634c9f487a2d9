/* The names of stances, shared by the analysis (derived stances), the record (stances
 * the parties took) and every output; core, since none of them owns the words. */
#include "accord/stance.h"

#include <string.h>

const char *ac_stance_name(ac_stance s)
{
    switch (s) {
    case AC_STANCE_AGREE: return "agree";
    case AC_STANCE_CRITICISE: return "criticise";
    case AC_STANCE_REJECT: return "reject";
    case AC_STANCE_NOT_DISCUSSED: return "not-discussed";
    }
    return "unknown";
}

ac_status ac_stance_parse(const char *name, ac_stance *out)
{
    if (!name || !out)
        return AC_EARG;
    for (int k = AC_STANCE_AGREE; k <= AC_STANCE_NOT_DISCUSSED; k++)
        if (!strcmp(name, ac_stance_name((ac_stance)k))) {
            *out = (ac_stance)k;
            return AC_OK;
        }
    return AC_EINPUT;
}
