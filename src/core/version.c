/* The linked library's version, for programs that check it at run time against the
 * headers they were built with (ACCORD_VERSION_NUM). */
#include "accord/version.h"

const char *ac_version(void) { return ACCORD_VERSION; }

int ac_version_num(void) { return ACCORD_VERSION_NUM; }
