/* accord — the record of real talks (the ledger): plan versions, the stances the parties
 * took on each point of each version, meetings, and the progress that follows, kept in
 * one SQLite database file.
 *
 * The record starts from a model (ac_ledger_init_from_model): its parties, its issues as
 * the plan's points (with their options), and the model itself, stored whole, so that
 * weights for progress and the export back into a model come from it. A point keeps its
 * identity (its id) across versions: versions may add, drop, merge or reword points.
 *
 * Durability: every writing call is one transaction (BEGIN IMMEDIATE ... COMMIT) in WAL
 * mode with synchronous=FULL; a call that returned AC_OK is on disk. Concurrent writers
 * wait (busy timeout) and retry, so none fails for being second. Bad input (an unknown
 * party, point, option or version, a stance on a point the version does not have, a bad
 * date) returns AC_EINPUT and changes nothing.
 *
 * The schema carries its version in PRAGMA user_version and an application id; opening
 * migrates an older record forward and refuses a newer one. */
#ifndef ACCORD_LEDGER_H
#define ACCORD_LEDGER_H

#include <stddef.h>
#include <stdio.h>

#include "accord/error.h"
#include "accord/model.h"
#include "accord/stance.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AC_LEDGER_SCHEMA 2            /* the schema version this build writes */
#define AC_LEDGER_APP_ID 0x41434344   /* "ACCD" in PRAGMA application_id */

typedef struct ac_ledger ac_ledger;

/* flags for ac_ledger_open */
enum {
    AC_LEDGER_CREATE = 1 /* create the file when missing and set up an empty schema */
};

/* Opens (and with AC_LEDGER_CREATE creates) a record. Without AC_LEDGER_CREATE, a file
 * that is missing, empty or not an accord record is an error (AC_EINPUT), as is one
 * written by a newer accord (schema version above AC_LEDGER_SCHEMA). */
ac_status ac_ledger_open(const char *path, int flags, ac_ledger **out, ac_error *err);
void ac_ledger_close(ac_ledger *lg);
/* Schema version of the open record (after migration). */
int ac_ledger_schema_version(const ac_ledger *lg);

/* Fills a new record from a model: parties, points (issues) and options, and the model
 * itself. An already initialised record is an error. The model's draft, if any, is NOT
 * made a version: drafts are recorded with ac_ledger_add_version. */
ac_status ac_ledger_init_from_model(ac_ledger *lg, const ac_model *m, ac_error *err);

/* One change of a new version, applied in order on top of the base draft. */
typedef enum {
    AC_CHANGE_SET = 0,    /* point := option */
    AC_CHANGE_ADD = 1,    /* new point id with title and options (option optional); a point
                             dropped earlier comes back, with its own options */
    AC_CHANGE_DROP = 2,   /* point leaves the draft */
    AC_CHANGE_MERGE = 3,  /* sources leave the draft; new point id takes their place */
    AC_CHANGE_REWORD = 4  /* point's title := text */
} ac_change_kind;

typedef struct ac_ledger_change {
    ac_change_kind kind;
    const char *point;               /* SET, DROP, REWORD, ADD; MERGE: the new point's id */
    const char *option;              /* SET; ADD and MERGE: the drafted option (may be NULL) */
    const char *text;                /* REWORD: the new title; ADD, MERGE: title (may be NULL) */
    const char *const *options;      /* ADD: option ids (required); a merged point keeps the
                                        first source's options */
    size_t n_options;
    const char *const *sources;      /* MERGE: the points merged (at least 2) */
    size_t n_sources;
} ac_ledger_change;

typedef struct ac_ledger_draft {
    const ac_model *from; /* NULL: start from the latest version (or every point, undrafted) */
    const ac_ledger_change *changes;
    size_t n_changes;
    const char *date;     /* YYYY-MM-DD the draft is dated; NULL: today (UTC) */
    const char *note;     /* may be NULL */
} ac_ledger_draft;

/* Records a new version; *version (may be NULL) gets its number (1, 2, ...).
 * With from: the version's points are the model's issues, each with the model's draft
 * option; every issue id must be a point of the record (or be added by a change) and
 * every option one of the point's. */
ac_status ac_ledger_add_version(ac_ledger *lg, const ac_ledger_draft *d, int *version,
                                ac_error *err);

typedef struct ac_ledger_stance_rec {
    int version;
    const char *party;  /* a party id (a mediator's stance is kept, not counted) */
    const char *point;  /* a point of that version */
    ac_stance stance;
    const char *date;   /* YYYY-MM-DD; NULL: today (UTC) */
    const char *note;   /* may be NULL: the source, e.g. "Putin: 'a basis' [S39]" */
} ac_ledger_stance_rec;
/* Records a stance; a later one for the same (version, party, point) supersedes it in
 * status, and both stay in the log. *id (may be NULL) gets the record's id. */
ac_status ac_ledger_set_stance(ac_ledger *lg, const ac_ledger_stance_rec *s, long long *id,
                               ac_error *err);
/* The same, with the option of the point the party suggests instead (suggest may be
 * NULL; otherwise it must be one of the point's options). */
ac_status ac_ledger_set_stance_ex(ac_ledger *lg, const ac_ledger_stance_rec *s,
                                  const char *suggest, long long *id, ac_error *err);

typedef struct ac_ledger_meeting {
    const char *date;             /* YYYY-MM-DD, required */
    const char *place;            /* required, non-empty */
    const char *const *parties;   /* party ids (mediators too), at least one */
    size_t n_parties;
    const char *note;             /* may be NULL */
} ac_ledger_meeting;
ac_status ac_ledger_add_meeting(ac_ledger *lg, const ac_ledger_meeting *mt, long long *id,
                                ac_error *err);

/* The state of one version: the stance matrix from recorded stances (the latest per
 * party and point; not-discussed when none), progress as in stance.h (a point counts as
 * agreed when every non-mediator party agrees; weighted: sum over agreed points of the
 * parties' mean weight, each party's weights normalised over the version's points) and
 * impasses (points some party rejects). A mediator's recorded stances are kept apart:
 * they are shown, but a mediator has no salience and does not count in progress or
 * impasses. */
typedef struct ac_ledger_status {
    int version;
    char *date, *note;        /* note may be NULL */
    size_t n_parties;         /* non-mediator parties, model order */
    char **party_id, **party_name;
    size_t n_points;          /* the version's points, in draft order */
    char **point_id, **point_title;
    char **option_id, **option_title; /* NULL where the point has no drafted option */
    ac_stance *stances;       /* [n_parties * n_points], row per party */
    double *weight;           /* [n_parties * n_points] normalised weights */
    ac_progress progress;
    size_t *party_agreed;     /* [n_parties] points the party agrees to */
    double *party_weighted;   /* [n_parties] sum of its weights over the points it agrees to */
    size_t n_impasses;
    size_t *impasse;          /* [n_impasses] point indices some party rejects */
    size_t *party_rejected;   /* [n_parties] points the party rejects */
    double *party_rejected_weight; /* [n_parties] sum of its weights over those points */
    size_t n_mediators;       /* mediators, model order */
    char **mediator_id, **mediator_name;
    ac_stance *mediator_stances; /* [n_mediators * n_points], row per mediator */
    size_t *mediator_agreed;  /* [n_mediators] points the mediator agrees to */
} ac_ledger_status;
/* version 0: the latest. */
ac_status ac_ledger_status_get(ac_ledger *lg, int version, ac_ledger_status **out,
                               ac_error *err);
void ac_ledger_status_free(ac_ledger_status *s);

/* A status's rows: its parties (model order), then its mediators. NULL or an index out of
 * range: 0, NULL and AC_STANCE_NOT_DISCUSSED. */
size_t ac_ledger_status_rows(const ac_ledger_status *s);
const char *ac_ledger_status_row_id(const ac_ledger_status *s, size_t row);
ac_stance ac_ledger_status_row_stance(const ac_ledger_status *s, size_t row, size_t point);

/* The leading group of a status: the rows (parties in order, then mediators) that agree
 * on the most points together. The row agreeing to the most points starts it; while the
 * group still agrees on at least half of the points together, the row that keeps the
 * joint count highest joins (ties: the earlier row). n is 0 when nobody agrees to
 * anything. The sides that drafted a text together can agree on nearly all of it while
 * the points another side rejects carry much of what that side cares about: this is the
 * group a "90% agreed" speaks for. */
typedef struct ac_ledger_coalition {
    unsigned char *in; /* [n_parties + n_mediators]: 1 for the rows in the group */
    size_t n;          /* rows in the group */
    size_t points;     /* points every row of the group agrees to */
} ac_ledger_coalition;
/* out is filled (free it with ac_ledger_coalition_free) or zeroed on failure (AC_EARG
 * for NULL arguments, AC_ENOMEM). */
ac_status ac_ledger_status_coalition(const ac_ledger_status *s, ac_ledger_coalition *out,
                                     ac_error *err);
void ac_ledger_coalition_free(ac_ledger_coalition *c); /* frees the members, not c */

/* Writes the status as the JSON of `accord plan status --json` (docs/plan.md): the
 * version, parties, mediators, points, every row's stances, progress (with by_party and
 * by_mediator), the coalition (null when there is none) and the impasses; indented by 2,
 * ending with a newline. AC_EIO when the stream could not be written. */
ac_status ac_ledger_status_write_json(FILE *fp, const ac_ledger_status *s, ac_error *err);

/* What changed between two versions, point by point, in the order of the later draft
 * (then dropped points in the order of the earlier). */
typedef enum {
    AC_DIFF_ADDED = 0,    /* in v2 only; to = option (may be NULL) */
    AC_DIFF_DROPPED = 1,  /* in v1 only; from = option */
    AC_DIFF_MERGED = 2,   /* in v2, made from v1 points: from = their ids, comma-separated */
    AC_DIFF_OPTION = 3,   /* option changed: from -> to (either may be NULL) */
    AC_DIFF_REWORDED = 4  /* title changed: from -> to */
} ac_diff_kind;
typedef struct ac_ledger_diff_item {
    ac_diff_kind kind;
    char *point, *title; /* title as in the later version it appears in */
    char *from, *to;
} ac_ledger_diff_item;
typedef struct ac_ledger_diff {
    int v1, v2;
    size_t n;
    ac_ledger_diff_item *items;
} ac_ledger_diff;
ac_status ac_ledger_diff_get(ac_ledger *lg, int v1, int v2, ac_ledger_diff **out,
                             ac_error *err);
void ac_ledger_diff_free(ac_ledger_diff *d);

/* The record in time order (by date, then by when it was recorded). */
typedef enum { AC_LOG_VERSION = 0, AC_LOG_MEETING = 1, AC_LOG_STANCE = 2 } ac_log_kind;
typedef struct ac_ledger_entry {
    ac_log_kind kind;
    long long id;           /* version number, meeting id or stance id */
    const char *date;       /* YYYY-MM-DD */
    const char *recorded;   /* UTC time it was written, YYYY-MM-DDTHH:MM:SSZ */
    const char *note;       /* may be NULL */
    /* VERSION */
    size_t n_points;
    /* MEETING */
    const char *place, *parties; /* parties comma-separated */
    /* STANCE */
    int version;
    const char *party, *point;
    ac_stance stance;
} ac_ledger_entry;
/* Calls fn for every entry; a non-zero return from fn stops the walk early (the call
 * still returns AC_OK; fn keeps its own state). */
ac_status ac_ledger_log(ac_ledger *lg, int (*fn)(void *ctx, const ac_ledger_entry *e),
                        void *ctx, ac_error *err);

/* The stored model with version's draft as its plan: the version's points as issues (in
 * draft order, reworded titles, added points without preferences, a merged point with the
 * first source's values and the sum of the sources' weights), dropped points removed
 * (with the events and uncertainty that refer to them). Every point must have a drafted
 * option. version 0: the latest. */
ac_status ac_ledger_export(ac_ledger *lg, int version, ac_model **out, ac_error *err);

/* ---- what the review server keeps (schema 2): access tokens, the parties' own
 * confidential preferences, and the current stances with notes and suggestions ---- */

/* The current stances of one version: the latest per (party, point), in party then draft
 * order; points a party has said nothing on are left out. */
typedef struct ac_ledger_stance_item {
    long long id;
    char *party, *point;
    ac_stance stance;
    char *note, *suggest;  /* may be NULL */
    char *date, *recorded;
} ac_ledger_stance_item;
typedef struct ac_ledger_stance_list {
    int version;
    size_t n;
    ac_ledger_stance_item *items;
} ac_ledger_stance_list;
/* party NULL: every party's. version 0: the latest. */
ac_status ac_ledger_stances_get(ac_ledger *lg, int version, const char *party,
                                ac_ledger_stance_list **out, ac_error *err);
void ac_ledger_stance_list_free(ac_ledger_stance_list *l);

/* Access tokens. Only a hash of a token is stored (hash: the caller's digest, as text of
 * at most 128 characters). subject is a party id or "mediator" (the mediator role; the id
 * of a party whose role is mediator means the same). */
ac_status ac_ledger_token_add(ac_ledger *lg, const char *subject, const char *hash,
                              ac_error *err);
/* Revokes every live token of subject; *n (may be NULL) gets how many. */
ac_status ac_ledger_token_revoke(ac_ledger *lg, const char *subject, size_t *n, ac_error *err);
/* Looks a hash up: *found is 1 for a live token, and then party gets the party id ("" for
 * the mediator role). */
ac_status ac_ledger_token_find(ac_ledger *lg, const char *hash, char party[AC_ID_MAX + 1],
                               int *found, ac_error *err);

/* One party's preferences over a version's points: raw weights (>= 0), a value in [0,1]
 * for every option, red lines, and the reservation value. Until the party sets its own
 * (confidential = 0) they are the stored model's for that version. Options of point j
 * are first[j] .. first[j + 1] - 1. */
typedef struct ac_ledger_prefs {
    int version;
    int confidential;       /* set by the party (ac_ledger_prefs_set) */
    char *updated;          /* when it last set them; NULL when confidential is 0 */
    double reservation;
    size_t n_points;
    char **point_id, **point_title;
    double *weight;         /* [n_points] raw */
    size_t *first;          /* [n_points + 1] */
    char **option_id, **option_title;
    double *value;          /* [first[n_points]] */
    unsigned char *red_line;
} ac_ledger_prefs;
ac_status ac_ledger_prefs_get(ac_ledger *lg, int version, const char *party,
                              ac_ledger_prefs **out, ac_error *err);
void ac_ledger_prefs_free(ac_ledger_prefs *p);

/* A party's new preferences, replacing what it set before (one transaction). Points it
 * leaves out get weight 0; options it leaves out get value 0. Every point and option must
 * be the record's, weights >= 0 and not all 0, values and the reservation in [0,1]. */
typedef struct ac_ledger_pref_entry {
    const char *point;
    const char *option;     /* NULL: the point's weight */
    double x;               /* the weight, or the option's value */
    int red_line;           /* option entries: the option is on the party's red line */
} ac_ledger_pref_entry;
ac_status ac_ledger_prefs_set(ac_ledger *lg, const char *party, double reservation,
                              const ac_ledger_pref_entry *e, size_t n, ac_error *err);

/* flags for ac_ledger_export_ex */
enum {
    AC_LEDGER_EXPORT_CONFIDENTIAL = 1 /* each party's own preferences where it set them */
};
/* ac_ledger_export, optionally with the parties' confidential preferences in place of
 * the stored model's: what the mediator's analysis computes with, and never shows. */
ac_status ac_ledger_export_ex(ac_ledger *lg, int version, int flags, ac_model **out,
                              ac_error *err);

/* True for a valid calendar date written YYYY-MM-DD. */
int ac_ledger_date_valid(const char *s);

#ifdef __cplusplus
}
#endif
#endif
