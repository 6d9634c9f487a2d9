/* accord — reports people would rather look at than read: SVG charts drawn by accord
 * itself and one self-contained HTML page (inline CSS and SVG, no external assets).
 *
 * Two layers over the SVG builder of svg.h:
 *   charts      each chart takes plain arrays (names, utilities, stances) and yields an
 *               ac_chart: a standalone SVG document, a title, a caption and the HTML
 *               table behind it (readable without the chart);
 *   ac_report   an ordered list of charts, written as one HTML page and, optionally,
 *               as one SVG file per chart.
 * Colours come from the Okabe-Ito palette of svg.h (safe for colour-blind readers). */
#ifndef ACCORD_REPORT_H
#define ACCORD_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "accord/analyze.h"
#include "accord/conflict.h"
#include "accord/error.h"
#include "accord/mediate.h"
#include "accord/model.h"
#include "accord/stance.h"
#include "accord/svg.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- charts ---- */
typedef struct ac_chart {
    char *name;    /* file stem, e.g. "frontier-ua-ru" */
    char *title;
    char *caption; /* HTML (already escaped) */
    char *svg;     /* a standalone SVG document */
    char *table;   /* an HTML <table> with the numbers behind the chart */
    int wide;      /* the page gives it the whole width */
} ac_chart;
void ac_chart_free(ac_chart *c); /* frees the members and c */


/* A frontier projected on two parties (x: party a, y: party b). Marks may be NULL. */
typedef struct ac_frontier_view {
    const char *name_a, *name_b, *id_a, *id_b;
    double res_a, res_b;       /* reservation values: the ZOPA lines */
    size_t count;
    const double *x, *y;       /* [count] utilities of a and b */
    const double *nash, *kalai, *welfare, *draft, *revision; /* {u_a, u_b} or NULL */
    int feasible;              /* the frontier is over the ZOPA only */
} ac_frontier_view;
ac_status ac_chart_frontier(const ac_frontier_view *v, ac_chart **out, ac_error *err);

/* A stance matrix: points (rows of the table, columns of the heat map) by parties. */
typedef struct ac_stance_view {
    const char *title;           /* e.g. "Stances on the draft" */
    const char *name;            /* file stem */
    size_t n_parties, n_points;
    const char *const *party;    /* [n_parties] names */
    const char *const *point;    /* [n_points] titles */
    const char *const *option;   /* [n_points] drafted option titles, or NULL */
    const ac_stance *stances;    /* [n_parties * n_points], row per party */
} ac_stance_view;
ac_status ac_chart_stances(const ac_stance_view *v, ac_chart **out, ac_error *err);

/* Progress of one or more drafts (versions): by count against weighted. */
typedef struct ac_progress_view {
    size_t n;
    const char *const *label;    /* [n] e.g. "v1 2025-11-20" or "draft" */
    const ac_progress *progress; /* [n] */
} ac_progress_view;
ac_status ac_chart_progress(const ac_progress_view *v, ac_chart **out, ac_error *err);

/* A simulated talk: each party's utility per round, with the model's events. */
typedef struct ac_trace_event {
    unsigned round;
    const char *label;           /* e.g. "ru reservation +0.05 (front-line gains)" */
} ac_trace_event;
typedef struct ac_trace_view {
    size_t n_parties, n_rounds;
    const char *const *party;    /* [n_parties] names */
    const unsigned *round;       /* [n_rounds] round numbers, ascending */
    const double *utility;       /* [n_rounds * n_parties], row per round */
    const double *reservation;   /* [n_parties] the model's, or NULL */
    size_t n_events;
    const ac_trace_event *events;
    unsigned deal_round;         /* 0: no deal */
} ac_trace_view;
ac_status ac_chart_trace(const ac_trace_view *v, ac_chart **out, ac_error *err);

/* A Monte Carlo sweep: the probability of a deal and, per point, how often each option
 * was agreed (shares of the deals). */
typedef struct ac_sweep_view {
    unsigned long long runs, deals;
    double deal_lo, deal_hi;     /* 95% interval of the deal probability */
    size_t n_points;
    const char *const *point;    /* [n_points] titles */
    const size_t *n_options;     /* [n_points] */
    const char *const *option;   /* option titles, point after point */
    const double *share;         /* shares of the deals, same layout as option */
} ac_sweep_view;
ac_status ac_chart_sweep(const ac_sweep_view *v, ac_chart **out, ac_error *err);


/* The course of a forecast (accord forecast): the forecast position on each dimension,
 * 0..100, turn by turn. */
typedef struct ac_forecast_view {
    size_t n_dims, n_turns;
    const char *const *dim;      /* [n_dims] names */
    const double *forecast;      /* [n_turns * n_dims], row per turn */
    int stable;                  /* the positions settled */
} ac_forecast_view;
ac_status ac_chart_forecast(const ac_forecast_view *v, ac_chart **out, ac_error *err);

/* ---- the report ---- */
/* The graph of a conflict (docs/stability.md): states on a circle, every decision
 * maker's moves as arrows in its colour, equilibria filled (eq[state]: bit k set when the
 * state is an equilibrium under concept k, AC_STAB_NASH..AC_STAB_SEQ), the status quo
 * outlined (AC_NONE: none). Past 60 states only the equilibria are drawn, without
 * moves. */
typedef struct ac_conflict_view {
    const ac_conflict *conflict;
    const unsigned char *eq;
    size_t status_quo;
} ac_conflict_view;
ac_status ac_chart_conflict(const ac_conflict_view *v, ac_chart **out, ac_error *err);

typedef struct ac_report ac_report;
ac_report *ac_report_new(const char *title, const char *subtitle); /* NULL: out of memory */
void ac_report_free(ac_report *r);
/* Starts a section (a heading and a short HTML-escaped intro, may be NULL). */
ac_status ac_report_section(ac_report *r, const char *heading, const char *intro,
                            ac_error *err);
/* Adds a chart at the end of the current section; the report takes ownership (also on
 * failure). */
ac_status ac_report_add(ac_report *r, ac_chart *c, ac_error *err);

/* The trace and sweep charts, each in a section of its own, from the files the command
 * writes: a sweep's JSON (`accord sweep --json`, ac_sweep_write_json; at most 256 MiB)
 * and a trace (`accord simulate --trace`: one JSON object per round). Ids are matched to
 * m's titles and names. A file that is not one of those: AC_EINPUT, with the file's name
 * (and, for a trace, the line) in err; a file that cannot be read: AC_EIO. */
ac_status ac_report_add_sweep_json(ac_report *r, const ac_model *m, const char *path,
                                   ac_error *err);
ac_status ac_report_add_trace_jsonl(ac_report *r, const ac_model *m, const char *path,
                                    ac_error *err);
/* Adds an HTML block (a key-figures table, a note) to the current section; copied. */
ac_status ac_report_add_html(ac_report *r, const char *html, ac_error *err);
size_t ac_report_n_charts(const ac_report *r);
const ac_chart *ac_report_chart(const ac_report *r, size_t i);

/* The charts of one analysis: the frontier (one projection per pair of active parties)
 * with the ZOPA lines and the solutions, the draft and, when x is given, the smallest
 * revision; the draft's stance heat map and progress (when the model has a draft).
 * x may be NULL. */
ac_status ac_report_add_analysis(ac_report *r, const ac_model *m, const ac_analysis *a,
                                 const ac_mediation *x, ac_error *err);

/* The page, self-contained (XHTML-compatible markup). */
ac_status ac_report_write_html(const ac_report *r, FILE *fp, ac_error *err);
/* One file DIR/NAME.svg per chart (DIR must exist). */
ac_status ac_report_write_svgs(const ac_report *r, const char *dir, ac_error *err);

#ifdef __cplusplus
}
#endif
#endif
