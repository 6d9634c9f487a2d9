# Turns the file IN into a C source OUT defining PREFIX_text() and PREFIX_size() (PREFIX
# defaults to ac_default_model) that return the file's bytes, NUL-terminated.
if(NOT PREFIX)
  set(PREFIX ac_default_model)
endif()
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" hexlen)
math(EXPR size "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n" bytes "${bytes}")
file(WRITE ${OUT} "/* Generated from ${IN}; do not edit. */\n#include <stddef.h>\n"
  "const char *${PREFIX}_text(void);\nsize_t ${PREFIX}_size(void);\n"
  "static const char data[] = {\n${bytes}0x00};\n"
  "const char *${PREFIX}_text(void) { return data; }\n"
  "size_t ${PREFIX}_size(void) { return ${size}; }\n")
