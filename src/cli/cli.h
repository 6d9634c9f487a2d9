/* The `accord` command's shared pieces: the command table entry, exit codes, option and
 * number parsing, model loading with diagnostics, text helpers, tables and the progress
 * bar. Only src/cli prints to the terminal or exits; everything here returns exit codes
 * and leaves exiting to main(). */
#ifndef ACCORD_CLI_H
#define ACCORD_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "accord/accord.h"

/* Exit codes (DESIGN §4). */
enum { CLI_OK = 0, CLI_EINPUT = 1, CLI_EUSAGE = 2, CLI_EINTERNAL = 3 };

/* One sub-command. run() gets argv[0] = the command's name and returns an exit code;
 * main() has already handled -h/--help. */
typedef struct cli_command {
    const char *name;
    const char *summary; /* one line for the command list */
    const char *usage;   /* "accord NAME ..." synopsis, may span lines */
    const char *help;    /* what follows the synopsis in NAME --help */
    int (*run)(int argc, char **argv);
} cli_command;

extern const cli_command cli_cmd_demo, cli_cmd_check, cli_cmd_analyze;
extern const cli_command cli_cmd_plan;

/* ---- cli_plan*.c: the sub-commands of `accord plan` ---- */
int cli_plan_init(int argc, char **argv);
int cli_plan_draft(int argc, char **argv);
int cli_plan_stance(int argc, char **argv);
int cli_plan_meeting(int argc, char **argv);
int cli_plan_status(int argc, char **argv);
int cli_plan_diff(int argc, char **argv);
int cli_plan_log(int argc, char **argv);
int cli_plan_export(int argc, char **argv);
int cli_plan_token(int argc, char **argv); /* cli_plan_token.c */
/* cli_plan_progress.c: a status's rows are its parties (model order), then its mediators. */
size_t cli_status_rows(const ac_ledger_status *s);
ac_stance cli_status_stance(const ac_ledger_status *s, size_t row, size_t k);
const char *cli_status_row_name(const ac_ledger_status *s, size_t row);
const char *cli_status_row_id(const ac_ledger_status *s, size_t row);
/* A party's name in running English: "the " or "" before it; 1 when it reads as plural. */
const char *cli_name_the(const char *name);
int cli_name_plural(const char *name);
/* Parties always; a mediator once it has taken a stance on the version. */
int cli_status_row_shown(const ac_ledger_status *s, size_t row);
/* The leading group: the rows that agree on the most points together, grown greedily
 * while they share at least half of the points (n 0: nobody agrees to anything). */
typedef ac_ledger_coalition cli_coalition;
int cli_status_coalition(const ac_ledger_status *s, cli_coalition *c); /* -1: out of memory */
void cli_coalition_free(cli_coalition *c);
void cli_coalition_names(const ac_ledger_status *s, const cli_coalition *c, char *buf,
                         size_t size);
/* The party outside the group (c->in NULL: any) whose rejections carry the most of its
 * salience; AC_NONE when no such party rejects anything. */
size_t cli_status_main_rejecter(const ac_ledger_status *s, const cli_coalition *c);
/* Progress by count and by salience, per party and together, with plain sentences where
 * they differ a lot; -1 when out of memory. */
int cli_status_progress_text(FILE *fp, const ac_ledger_status *s);
/* Opens a record, reporting a failure; returns an exit code. */
int cli_plan_open(const char *path, int create, ac_ledger **lg);
/* A version number >= 1, or a usage error. */
int cli_plan_version_arg(const char *v, int *out);
extern const cli_command cli_cmd_mediate;
extern const cli_command cli_cmd_import, cli_cmd_export;
extern const cli_command cli_cmd_serve; /* cli_serve.c */
extern const cli_command cli_cmd_forecast;
/* cli_forecast.c: adds the forecast's course (SMP on the model) to a report; a model that
 * cannot be forecast adds nothing. Returns an exit code. */
int cli_forecast_report(ac_report *r, const ac_model *m);

/* ---- cli_report.c: `accord report` ---- */
extern const cli_command cli_cmd_report;
/* Writes the HTML report of m (analysis, and the mediation when m has a draft) to path;
 * prints nothing on success (problems go to stderr). For `accord demo`. Returns an exit
 * code. */
int cli_report_demo(const ac_model *m, const char *path, const char *ledger); /* ledger may be NULL */

/* ---- cli_demo_record.c: the example record for `accord demo` ---- */
/* Builds the example record of the 2025 talks in a new temporary directory (its path in
 * dir, the database's in db). Returns an exit code. */
int cli_demo_record(char *dir, size_t dir_size, char *db, size_t db_size);
/* cli_demo_serve.c: how to serve the record (ledger NULL: the demo's own example record). */
void cli_demo_serve_hint(const char *ledger);
/* Removes the database's files and the directory. */
void cli_demo_record_remove(const char *dir, const char *db);
/* ---- cli_demo_summary.c: the closing summary of the talks ---- */
#define CLI_SUMMARY_RUNS 10000 /* simulated talks in the summary's sweep */
/* The story of the talks in a few lines, from the record's latest version (status, and
 * its export mediated and swept). Returns an exit code. */
int cli_demo_summary(FILE *fp, const char *ledger);

/* ---- cli_common.c ---- */
/* Prints "accord NAME: message", the synopsis and a hint on stderr; returns CLI_EUSAGE. */
int cli_usage_error(const cli_command *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* True for "-x" / "--xyz" (not for "-" alone, which names standard input). */
int cli_is_option(const char *arg);
/* Matches argv[*i] against an option that takes a value, as "--name V" or "--name=V".
 * Returns 0 when it is another argument, 1 with *val set (and *i advanced past a separate
 * value), -1 when the value is missing (after reporting the usage error). */
int cli_option_value(const cli_command *c, int argc, char **argv, int *i, const char *name,
                     const char **val);
/* Whole-string non-negative decimal integer <= max; 0 on success, -1 otherwise. */
int cli_parse_count(const char *s, unsigned long long max, unsigned long long *out);
/* Whole-string finite number in [lo, hi]; 0 on success, -1 otherwise. */
int cli_parse_real(const char *s, double lo, double hi, double *out);
/* Exit code for a library status. */
int cli_exit_code(ac_status s);
/* Prints "accord: message" for a failed library call; returns its exit code. */
/* Ctrl-C (cli_interrupt.c): arm returns the flag to pass as ac_analyze_opts.cancel. */
volatile const int *cli_interrupt_arm(void);
void cli_interrupt_disarm(void);
int cli_interrupted(void);
size_t cli_default_memory_cap(void); /* bytes; 0 when unknown */
#define CLI_EINTERRUPT 130 /* exit code after an interrupt, as shells report SIGINT */
int cli_report_error(ac_status s, const ac_error *err);
/* Loads a model (path, "-", "@default" or "@us-interests"); on failure prints every problem as
 * file:line:col: message, sorted, and returns the exit code. */
int cli_load_model(const char *path, ac_model **out);
/* The same, also accepting a conflict model (a `conflict` section and no parties or
 * issues; docs/stability.md): for check, stability and report. */
int cli_load_model_any(const char *path, ac_model **out);

/* ---- cli_stability.c: `accord stability` ---- */
extern const cli_command cli_cmd_stability;
/* Adds the conflict section (graph of states and moves, equilibria) to a report. */
int cli_stability_report(ac_report *r, const ac_model *m);
/* Prints one located problem as file:line:col: message on stderr. */
void cli_print_diag(const ac_diag *d);

/* Writes a CSV file with write(fp, ctx, err): returns an exit code, reporting failure. */
int cli_write_csv(const char *path, ac_status (*write)(FILE *fp, const void *ctx, ac_error *err),
                  const void *ctx);

/* ---- cli_text.c ---- */
/* Display width of UTF-8 text, in code points (one column each). */
size_t cli_width(const char *s);
/* Copies s into buf, cut to at most width columns with "..." when it does not fit. */
char *cli_fit(const char *s, size_t width, char *buf, size_t size);
/* Prints text word-wrapped to width columns, every line indented by indent spaces. */
void cli_wrap(FILE *fp, const char *text, size_t indent, size_t width);
/* "1.8e16" style: one decimal of mantissa. */
char *cli_sci(double x, char *buf, size_t size);
/* A share in percent: "25%", "1.5%", "0.0067%"; never "100%" unless it is all. */
char *cli_percent(double share, char *buf, size_t size);
/* Columns of the line a table may use: the terminal's width, or 120 when not a terminal. */
size_t cli_line_width(FILE *fp);
/* Width of each of n columns sharing what `used` columns leave of the line (16..48). */
size_t cli_share_width(FILE *fp, size_t used, size_t n);
/* Column limits shared by the report's tables. */
#define CLI_PARTY_COLS 18 /* party names as column headers */
#define CLI_ISSUE_COLS 30 /* issue titles as row labels */

/* ---- cli_table.c ---- */
typedef struct cli_table cli_table;
enum { CLI_LEFT = 0, CLI_RIGHT = 1 };
cli_table *cli_table_new(size_t ncols); /* NULL when out of memory */
void cli_table_free(cli_table *t);
void cli_table_align(cli_table *t, size_t col, int align);
void cli_table_max_width(cli_table *t, size_t col, size_t width); /* cut longer cells */
/* Appends one cell; rows fill left to right and wrap after ncols cells. */
void cli_table_cell(cli_table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Marks the rows so far as the header: a rule is printed under them. */
void cli_table_header_done(cli_table *t);
/* Prints the table, every line indented; returns -1 when a cell could not be stored. */
int cli_table_print(const cli_table *t, FILE *fp, size_t indent);

/* ---- cli_progress.c ---- */
/* A one-line progress bar on stderr, drawn only when stderr is a terminal. */
typedef struct cli_progress {
    int enabled;
    int drawn;
    int last_percent;
    char last_what[64];
} cli_progress;
void cli_progress_init(cli_progress *p);
/* Matches ac_analyze_opts.progress; ctx is a cli_progress. */
void cli_progress_update(void *ctx, double fraction, const char *what);
/* Clears the line, so the report starts on a clean terminal. */
void cli_progress_done(cli_progress *p);

/* ---- cli_analyze.c / cli_report_*.c ---- */
typedef struct cli_report_opts {
    size_t limit;     /* frontier points to list; SIZE_MAX when --limit was not given */
    int feasible;
    double agree_within;
    const char *csv;  /* --csv FILE: the frontier as CSV, or NULL */
} cli_report_opts;
/* Runs the analysis on a loaded model with the given options and prints the report;
 * shared by analyze and demo. Returns an exit code. */
int cli_analyze_model(const ac_model *m, const ac_analyze_opts *ao, const cli_report_opts *ro,
                      int json);
int cli_report_text(FILE *fp, const ac_model *m, const ac_analysis *a, const cli_report_opts *o);
/* The draft section of the text report; returns -1 when out of memory. */
int cli_report_draft(FILE *fp, const ac_model *m, const ac_analysis *a, const cli_report_opts *o);

/* ---- cli_mediate.c ---- */
/* The model index of the i-th active (non-mediator) party. */
size_t cli_active_party(const ac_model *m, size_t i);

/* Runs ac_mediate and prints the report or the JSON; shared by mediate and demo. */
/* brief leaves out the stance matrix (for demo, whose analysis shows it already). */
/* csv: --csv FILE (the stance matrix), or NULL. */
int cli_mediate_model(const ac_model *m, const ac_mediate_opts *o, int json, int brief,
                      const char *csv);
int cli_mediate_report(FILE *fp, const ac_model *m, const ac_mediation *x, double within,
                       int brief);

/* ---- cli_simulate.c / cli_sweep.c: simulated talks ---- */
extern const cli_command cli_cmd_simulate, cli_cmd_sweep;
/* The options simulate and sweep share. */
typedef struct cli_sim_args {
    ac_talks_opts talks;
    uint64_t seed;
    const char **strategy_args; /* the --strategy values, resolved once the model is loaded */
    size_t n_strategy_args;
    ac_strategy *strategies;    /* [active parties] after cli_sim_resolve */
} cli_sim_args;
void cli_sim_args_init(cli_sim_args *a);
void cli_sim_args_free(cli_sim_args *a);
/* 1 when argv[*i] was one of the shared options, 0 when it is not, -exit code on error. */
int cli_sim_take_option(const cli_command *c, int argc, char **argv, int *i, cli_sim_args *a);
/* Resolves --strategy PARTY ids against the model; returns an exit code. */
int cli_sim_resolve(const cli_command *c, const ac_model *m, cli_sim_args *a);
/* A short simulated mediated talk on m (default options, seed 1) with its events, for
 * `accord demo`. a: the model's analysis when the caller has it (for the Nash distance
 * and the Pareto check; a frontier over all outcomes, not --feasible), NULL to compute
 * it here. Returns an exit code. */
int cli_simulate_demo(FILE *out, const ac_model *m, const ac_analysis *a);
/* cli_full.c: the usual binary hands `serve` and `sweep --mpi` to accord-full. */
void cli_full_set_argv(char **argv); /* main's argv, passed on as it is */
int cli_full_available(void);        /* 1 in the usual binary, 0 in accord-full */
int cli_full_exec(void);             /* execs accord-full; returns only on failure */
/* cli_serve_run.c (accord-full) or cli_full.c: what `accord serve` runs. */
int cli_serve_run(int argc, char **argv);
/* cli_sweep_mpi.c: MPI ranks for `accord sweep --mpi` (stubs unless built with MPI). */
int cli_sweep_mpi_available(void);
int cli_sweep_mpi_begin(int *rank, int *size); /* MPI_Init; 0 or -1 */
/* Merges the ranks' shares onto rank 0; 0 or -1. s NULL (this rank failed) aborts all. */
int cli_sweep_mpi_merge(ac_sweep *s, int rank, int size);
void cli_sweep_mpi_end(void);

#endif
