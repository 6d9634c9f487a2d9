/* Internal to src/io: the `conflict` section of a model file (docs/model-format.md,
 * docs/stability.md), in the explicit form (states, moves, rankings) or the option form
 * (decision makers' options, infeasibility rules, irreversible options, preference
 * statements), which is expanded here into the explicit form. Problems are reported on
 * the document's list with their positions; *out is a finished conflict only when the
 * section had none. */
#ifndef ACCORD_IO_YAML_CONFLICT_H
#define ACCORD_IO_YAML_CONFLICT_H

#include "accord/conflict.h"
#include "io/yaml_doc.h"

void ac__conflict_load(ac__ydoc *y, yaml_node_t *node, ac_conflict **out);

#endif
