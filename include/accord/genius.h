/* accord — interoperability with GENIUS (XML) and GeniusWeb (JSON) scenarios.
 *
 * A GENIUS scenario is a domain file (the issues and their values) and one profile
 * (utility space) per party; a GeniusWeb scenario is a set of LinearAdditiveUtilitySpace
 * profiles, each embedding its domain. The importers build an ordinary ac_model with the
 * semantics GENIUS itself applies (docs/genius.md): discrete evaluations divided by the
 * issue's largest evaluation, linear integer and real evaluators, weights as given, the
 * reservation value and the discount factor. Parties are named after their profile
 * files, in the order given; there is no mediator.
 *
 * Every problem is reported as file:line: message in err (the line is 0 where the format
 * has none, as in JSON semantics errors); on failure *out is NULL. No file is ever
 * fetched from the network and XML entities are not expanded from outside the file. */
#ifndef ACCORD_GENIUS_H
#define ACCORD_GENIUS_H

#include <stddef.h>

#include "accord/error.h"
#include "accord/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Points a real-valued issue is discretised into (both bounds included) by default. */
#define AC_GENIUS_STEPS_DEFAULT 11u
/* Most options an integer or real issue may expand into (larger ranges fail with
 * AC_ELIMIT rather than building a model nobody can analyse). */
#define AC_GENIUS_MAX_OPTIONS 1000u /* the model format's limit on options per issue */
/* Largest scenario file read, bytes. */
#define AC_GENIUS_FILE_MAX (16u * 1024u * 1024u)

/* GENIUS XML: one domain file and n >= 1 profile files. steps: points per real issue
 * (0 means AC_GENIUS_STEPS_DEFAULT; at least 2 otherwise). */
ac_status ac_genius_import(const char *domain_path, const char *const *profile_paths,
                           size_t n_profiles, unsigned steps, ac_model **out, ac_error *err);

/* Writes DIR/domain.xml and DIR/<party id>.xml for every non-mediator party, in GENIUS's
 * layout (DIR must exist). Values are written as evaluations, weights normalised; what
 * GENIUS cannot express (mediators, red lines, the draft, events, uncertainty, influence,
 * descriptions) is left out: *dropped (may be NULL) gets a bit set per kind left out. */
enum {
    AC_GENIUS_DROPPED_MEDIATOR = 1,
    AC_GENIUS_DROPPED_RED_LINES = 2,
    AC_GENIUS_DROPPED_PLAN = 4,
    AC_GENIUS_DROPPED_EVENTS = 8,
    AC_GENIUS_DROPPED_UNCERTAINTY = 16,
    AC_GENIUS_DROPPED_INFLUENCE = 32,
    AC_GENIUS_DROPPED_DESCRIPTION = 64
};
ac_status ac_genius_export(const ac_model *m, const char *dir, unsigned *dropped,
                           ac_error *err);

/* GeniusWeb JSON: n >= 1 LinearAdditiveUtilitySpace profiles (each embeds its domain);
 * domain_path (may be NULL) names a domain file whose issues and values all profiles must
 * share (in any order); its order is the model's. Number ranges get one option per step. */
ac_status ac_geniusweb_import(const char *domain_path, const char *const *profile_paths,
                              size_t n_profiles, ac_model **out, ac_error *err);

/* Kinds of things a MODEL argument may name. */
typedef enum {
    AC_SCENARIO_YAML = 0,      /* an accord model file, "-", "@default" or "@us-interests" */
    AC_SCENARIO_GENIUS = 1,    /* a GENIUS XML file or a folder of them */
    AC_SCENARIO_GENIUSWEB = 2  /* a GeniusWeb JSON file or a folder of them */
} ac_scenario_kind;

/* What path names: a directory is GENIUS when it holds .xml files, GeniusWeb when it
 * holds .json files; a file by its extension (.xml, .json); anything else is YAML. */
ac_scenario_kind ac_scenario_kind_of(const char *path);

/* Loads any MODEL: YAML through ac_model_load_file (diags as there); a GENIUS or
 * GeniusWeb folder (domain and profiles told apart by content, profiles in file-name
 * order) or a single profile file (its own domain). steps as for ac_genius_import. */
ac_status ac_scenario_load(const char *path, unsigned steps, ac_model **out, ac_diags *diags,
                           ac_error *err);

#ifdef __cplusplus
}
#endif
#endif
