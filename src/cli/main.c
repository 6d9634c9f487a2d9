#include <stdio.h>
#include "accord/accord.h"
int main(void) { printf("%s\n", ac_strerror(AC_OK)); return 0; }
