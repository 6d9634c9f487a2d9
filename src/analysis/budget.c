/* The budget checks of analysis/budget.h. */
#include "analysis/budget.h"

#include <time.h>

double ac__now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

ac__stop ac__budget_check(const ac__budget *b)
{
    if (!b)
        return AC__GO;
    if (b->cancel && *b->cancel)
        return AC__STOP_CANCEL;
    if (b->deadline > 0 && ac__now() >= b->deadline)
        return AC__STOP_TIME;
    return AC__GO;
}

int ac__budget_over_memory(const ac__budget *b, double bytes)
{
    return b && b->max_bytes && bytes > (double)b->max_bytes;
}

const char *ac__stop_what(ac__stop s)
{
    switch (s) {
    case AC__STOP_TIME:
        return "the time limit";
    case AC__STOP_CANCEL:
        return "an interrupt";
    case AC__STOP_MEMORY:
        return "the memory cap";
    case AC__STOP_POINTS:
        return "the frontier limit";
    case AC__GO:
        break;
    }
    return "nothing";
}
