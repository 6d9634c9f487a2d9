/* Test support: hand-made models shared by several tests. */
#ifndef ACCORD_TEST_TESTMODELS_H
#define ACCORD_TEST_TESTMODELS_H

#include "accord/model.h"

/* The two-party example of DESIGN §3 (mediator us; ua, ru; donbas and army_cap; ua's red
 * line on donbas=russia), without plan, events or uncertainty: its numbers are worked
 * out by hand in the tests that use it. */
ac_model *design_example_model(void);

#endif
