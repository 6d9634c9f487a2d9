/* accord — a small SVG builder (escaped text, numbers rounded to 0.1 px), the formatting
 * helpers the charts share and the Okabe-Ito colour palette (safe for colour-blind
 * readers): the drawing layer under report.h's charts, for programs that draw their own. */
#ifndef ACCORD_SVG_H
#define ACCORD_SVG_H

#include <stddef.h>

#include "accord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ac_svg ac_svg;

/* A new document of the given size in px with a <title> (may be NULL). NULL when out of
 * memory. */
ac_svg *ac_svg_new(double width, double height, const char *title);
void ac_svg_free(ac_svg *s);
/* Appends raw markup (printf format; arguments are NOT escaped). */
void ac_svg_raw(ac_svg *s, const char *fmt, ...) AC_PRINTF_LIKE(2, 3);
/* Appends text escaped for XML character data and attribute values (& < > " '). Invalid
 * UTF-8 bytes and control characters other than tab and newline become U+FFFD. */
void ac_svg_esc(ac_svg *s, const char *text);
/* Appends a number rounded to one decimal, shortest form ("12", "12.5", "-3.1"; never
 * "-0"); NaN and infinities become 0. */
void ac_svg_num(ac_svg *s, double x);
void ac_svg_line(ac_svg *s, double x1, double y1, double x2, double y2, const char *cls);
void ac_svg_rect(ac_svg *s, double x, double y, double w, double h, const char *cls,
                 const char *fill, const char *tip);
void ac_svg_circle(ac_svg *s, double cx, double cy, double r, const char *cls,
                   const char *tip);
/* anchor: "start", "middle" or "end"; rotate: degrees about (x, y), 0 for none. */
void ac_svg_text(ac_svg *s, double x, double y, const char *anchor, const char *cls,
                 double rotate, const char *text);
/* Closes the document; returns the text (caller frees) or NULL when out of memory.
 * Frees s. */
char *ac_svg_finish(ac_svg *s);

/* Writes x rounded to `decimals` (0..6) decimals, trailing zeros removed, into buf;
 * returns buf. */
char *ac_fmt_num(double x, int decimals, char *buf, size_t size);
/* Escapes text for HTML/XML into a new string (caller frees); NULL when out of memory. */
char *ac_xml_escape(const char *text);

/* Palette (Okabe-Ito). */
#define AC_COLOR_BLUE "#0072B2"
#define AC_COLOR_ORANGE "#E69F00"
#define AC_COLOR_SKY "#56B4E9"
#define AC_COLOR_GREEN "#009E73"
#define AC_COLOR_YELLOW "#F0E442"
#define AC_COLOR_VERMILLION "#D55E00"
#define AC_COLOR_PURPLE "#CC79A7"
#define AC_COLOR_GREY "#999999"

#ifdef __cplusplus
}
#endif
#endif
