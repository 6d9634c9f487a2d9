# Turns the file IN into a C source OUT defining the embedded default model's text.
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" hexlen)
math(EXPR size "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n" bytes "${bytes}")
file(WRITE ${OUT} "/* Generated from the default model file; do not edit. */\n#include <stddef.h>\n"
  "static const char ac__default_model[] = {\n${bytes}0x00};\n"
  "const char *ac_default_model_text(void) { return ac__default_model; }\n"
  "size_t ac_default_model_size(void) { return ${size}; }\n")
