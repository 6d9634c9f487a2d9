/* Internal to src/io: the `dimensions` section of a model file (docs/model-format.md),
 * read after the parties so that its actors can be checked against them. */
#ifndef ACCORD_IO_YAML_DIMS_H
#define ACCORD_IO_YAML_DIMS_H

#include "accord/model.h"
#include "io/yaml_doc.h"

/* Reads the section at node into the model (ac_model_set_dimensions), reporting every
 * problem to y; sets nothing when there was one. */
void ac__yaml_dimensions(ac__ydoc *y, ac_model *m, yaml_node_t *node);

#endif
