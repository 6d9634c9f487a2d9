/* accord report internals: the SVG builder doubles as a plain growable text buffer for
 * HTML tables and captions (ac__buf_new / ac__buf_take), and the chart helpers shared by
 * chart_*.c (axes, legends, colours). Invariant: a buffer that ran out of memory keeps
 * failing quietly and ac__buf_take / ac_svg_finish then return NULL. */
#ifndef ACCORD_REPORT_INTERNAL_H
#define ACCORD_REPORT_INTERNAL_H

#include "accord/report.h"

/* An empty buffer (no SVG header). */
ac_svg *ac__buf_new(void);
/* The text so far (caller frees), NULL when out of memory; frees s. */
char *ac__buf_take(ac_svg *s);
/* Appends "x" with decimals (ac_fmt_num). */
void ac__buf_numd(ac_svg *s, double x, int decimals);

/* A chart from its parts (each is taken over; any NULL -> AC_ENOMEM). */
ac_status ac__chart_make(char *name, char *title, char *caption, char *svg, char *table,
                         ac_chart **out, ac_error *err);
/* "a-b" file stem from ids: characters outside [A-Za-z0-9_.-] become '_'. */
char *ac__stem(const char *prefix, const char *a, const char *b);
/* A string copy (NULL for NULL or out of memory). */
char *ac__strdup(const char *s);

/* Nice tick step for a range (1, 2 or 5 times a power of ten) giving about n ticks. */
double ac__tick_step(double lo, double hi, int n);

/* Stance colours and names for the legend. */
const char *ac__stance_color(ac_stance s);
const char *ac__stance_label(ac_stance s);

#endif
