/* accord — modelling, analysing and simulating mediated multi-party negotiations.
 * One include for the whole public API. */
#ifndef ACCORD_H
#define ACCORD_H

#include "accord/error.h"
#include "accord/model.h"
#include "accord/space.h"
#include "accord/pareto.h"
#include "accord/solutions.h"
#include "accord/zopa.h"
#include "accord/enumerate.h"
#include "accord/stance.h"
#include "accord/analyze.h"
#include "accord/mediate.h"
#include "accord/yaml.h"
#include "accord/json.h"
#include "accord/genius.h"
#include "accord/ledger.h"
#include "accord/rng.h"
#include "accord/strategy.h"
#include "accord/protocol.h"
#include "accord/sim.h"
#include "accord/simulate.h"
#include "accord/report.h"
#include "accord/serve.h"
#include "accord/forecast.h"
#include "accord/ktab.h"

#define ACCORD_VERSION "0.1.0"

#endif
