/* Internals shared by the ledger's source files: the handle, SQL helpers that turn
 * SQLite failures into ac_error reports, and the transaction runner with retries.
 *
 * Invariant: every public call that reads or writes runs its whole body inside
 * ac__lg_tx, so a failure anywhere rolls back everything the call did. */
#ifndef ACCORD_LEDGER_INTERNAL_H
#define ACCORD_LEDGER_INTERNAL_H

#include <sqlite3.h>

#include "accord/ledger.h"

struct ac_ledger {
    sqlite3 *db;
    char *path;
    int schema;
    int busy; /* a statement of the current attempt hit SQLITE_BUSY: worth retrying */
};

/* A failed SQLite call: AC_EIO with SQLite's message; notes BUSY for the retry loop. */
ac_status ac__lg_sqlerr(ac_ledger *lg, int rc, ac_error *err);
ac_status ac__lg_exec(ac_ledger *lg, const char *sql, ac_error *err);
ac_status ac__lg_prep(ac_ledger *lg, const char *sql, sqlite3_stmt **st, ac_error *err);
/* Binds text (NULL binds SQL NULL); copies the text. */
void ac__lg_text(sqlite3_stmt *st, int i, const char *s);
/* Steps a statement that returns no rows (or whose rows are ignored) and finalizes it. */
ac_status ac__lg_done(ac_ledger *lg, sqlite3_stmt *st, ac_error *err);
/* The first column of the first row as an integer; *found is 0 when there is no row. */
ac_status ac__lg_int(ac_ledger *lg, sqlite3_stmt *st, long long *out, int *found, ac_error *err);

typedef ac_status (*ac__lg_fn)(ac_ledger *lg, void *ctx, ac_error *err);
/* Runs fn in one transaction (BEGIN IMMEDIATE when write), committing on AC_OK and
 * rolling back otherwise; retries the whole attempt when another connection held the
 * database (SQLITE_BUSY), so concurrent writers both succeed. */
ac_status ac__lg_tx(ac_ledger *lg, int write, ac__lg_fn fn, void *ctx, ac_error *err);

/* "YYYY-MM-DD" of today and "YYYY-MM-DDTHH:MM:SSZ" of now, in UTC. */
void ac__lg_today(char buf[11]);
void ac__lg_now(char buf[21]);
char *ac__lg_strdup(const char *s); /* NULL for NULL or out of memory */

/* Looks up ids; AC_EINPUT with a clear message when absent. */
ac_status ac__lg_party(ac_ledger *lg, const char *code, long long *id, int *mediator,
                       ac_error *err);
ac_status ac__lg_point(ac_ledger *lg, const char *code, long long *id, ac_error *err);
/* Resolves version 0 to the latest; AC_EINPUT when the version does not exist. */
ac_status ac__lg_version(ac_ledger *lg, int *version, ac_error *err);
/* Fails with AC_EINPUT when the record has not been initialised from a model. */
ac_status ac__lg_need_init(ac_ledger *lg, ac_error *err);

/* ledger_review.c: a party's confidential reservation (*found 0 when it set none) and
 * its weight, values and red lines for one point, set on issue `issue` of m. */
ac_status ac__lg_conf_reservation(ac_ledger *lg, const char *party, double *r, int *found,
                                  ac_error *err);
ac_status ac__lg_conf_apply(ac_ledger *lg, ac_model *m, size_t party, long long point,
                            size_t issue, ac_error *err);

#endif
