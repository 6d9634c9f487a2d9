/* The ledger's database layer: opening a record (WAL, synchronous=FULL, busy timeout),
 * recognising it (application id) and migrating its schema forward (user_version), the
 * transaction runner with retries, and small SQL helpers.
 *
 * Why these settings: WAL lets readers run while one process writes and keeps a record
 * intact when a process is killed mid-write (the uncommitted tail of the log is ignored
 * on the next open); synchronous=FULL makes a reported commit survive a power loss too.
 * BEGIN IMMEDIATE takes the write lock up front, so a transaction never has to be
 * abandoned half way because another writer got in first; the busy timeout and the retry
 * loop make the second writer wait instead of failing.
 *
 * Migrations: migrations[i] takes a record from schema version i to i+1, each in its own
 * transaction that also sets user_version, so a crash between steps leaves a record at a
 * well-defined version that the next open continues from. */
#include "ledger/ledger_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Schema version 1. Points keep a stable id across versions; a version's draft lists
 * which points it has (so a dropped point is simply absent), each with its title at that
 * version and its drafted option. Stances are never overwritten: the latest per
 * (version, party, point) is the current one, the rest is history. */
static const char schema_v1[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE party(id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
    " name TEXT NOT NULL, mediator INTEGER NOT NULL CHECK (mediator IN (0, 1)));"
    /* issue: the model issue whose options and values this point carries (NULL for a
     * point added later); merged_from: comma-separated source points of a merge. */
    "CREATE TABLE point(id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
    " title TEXT NOT NULL, issue TEXT, merged_from TEXT);"
    "CREATE TABLE option(point INTEGER NOT NULL REFERENCES point(id), pos INTEGER NOT NULL,"
    " code TEXT NOT NULL, title TEXT NOT NULL, PRIMARY KEY (point, code));"
    /* raw salience of a point for a party (the model's weights; summed by a merge) */
    "CREATE TABLE weight(point INTEGER NOT NULL REFERENCES point(id),"
    " party INTEGER NOT NULL REFERENCES party(id), raw REAL NOT NULL CHECK (raw >= 0),"
    " PRIMARY KEY (point, party));"
    "CREATE TABLE version(n INTEGER PRIMARY KEY, date TEXT NOT NULL, recorded TEXT NOT NULL,"
    " note TEXT);"
    "CREATE TABLE draft(version INTEGER NOT NULL REFERENCES version(n), pos INTEGER NOT NULL,"
    " point INTEGER NOT NULL REFERENCES point(id), title TEXT NOT NULL, option TEXT,"
    " PRIMARY KEY (version, point));"
    "CREATE TABLE stance(id INTEGER PRIMARY KEY, version INTEGER NOT NULL,"
    " party INTEGER NOT NULL REFERENCES party(id), point INTEGER NOT NULL,"
    " stance TEXT NOT NULL CHECK (stance IN ('agree', 'criticise', 'reject', 'not-discussed')),"
    " date TEXT NOT NULL, recorded TEXT NOT NULL, note TEXT,"
    " FOREIGN KEY (version, point) REFERENCES draft(version, point));"
    "CREATE INDEX stance_current ON stance(version, party, point, id);"
    "CREATE TABLE meeting(id INTEGER PRIMARY KEY, date TEXT NOT NULL, place TEXT NOT NULL,"
    " recorded TEXT NOT NULL, note TEXT);"
    "CREATE TABLE meeting_party(meeting INTEGER NOT NULL REFERENCES meeting(id),"
    " party INTEGER NOT NULL REFERENCES party(id), PRIMARY KEY (meeting, party));";

/* Schema version 2, for the review server: a stance may carry the option the party
 * suggests instead; access tokens (only their hashes; party NULL is the mediator role;
 * a revoked token stays, dated, so the record shows when access ended); and each party's
 * own confidential preferences, keyed by point and option codes, which survive drafts
 * (a point keeps its id across versions). */
static const char schema_v2[] =
    "ALTER TABLE stance ADD COLUMN suggest TEXT;"
    "CREATE TABLE token(hash TEXT PRIMARY KEY, party INTEGER REFERENCES party(id),"
    " created TEXT NOT NULL, revoked TEXT);"
    "CREATE INDEX token_party ON token(party);"
    "CREATE TABLE pref_party(party INTEGER PRIMARY KEY REFERENCES party(id),"
    " reservation REAL NOT NULL CHECK (reservation >= 0 AND reservation <= 1),"
    " updated TEXT NOT NULL);"
    "CREATE TABLE pref_weight(party INTEGER NOT NULL REFERENCES pref_party(party),"
    " point INTEGER NOT NULL REFERENCES point(id), raw REAL NOT NULL CHECK (raw >= 0),"
    " PRIMARY KEY (party, point));"
    "CREATE TABLE pref_value(party INTEGER NOT NULL REFERENCES pref_party(party),"
    " point INTEGER NOT NULL, option TEXT NOT NULL,"
    " value REAL NOT NULL CHECK (value >= 0 AND value <= 1),"
    " red_line INTEGER NOT NULL CHECK (red_line IN (0, 1)),"
    " PRIMARY KEY (party, point, option), FOREIGN KEY (point, option) REFERENCES option(point, code));";

static const char *const migrations[] = {schema_v1, schema_v2};
#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))
_Static_assert(N_MIGRATIONS == AC_LEDGER_SCHEMA, "one migration per schema version");

char *ac__lg_strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c)
        memcpy(c, s, n);
    return c;
}

void ac__lg_today(char buf[11])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 11, "%Y-%m-%d", &tm);
}

void ac__lg_now(char buf[21])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int ac_ledger_date_valid(const char *s)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    if (y < 1 || m < 1 || m > 12 || d < 1)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= mdays[m - 1] + (m == 2 && leap);
}

ac_status ac__lg_sqlerr(ac_ledger *lg, int rc, ac_error *err)
{
    int prim = rc & 0xff;
    if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
        lg->busy = 1;
    if (prim == SQLITE_NOTADB)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "%s: not an accord record", lg->path);
    return ac_error_set(err, AC_EIO, NULL, 0, 0, "%s: database error: %s", lg->path,
                        lg->db ? sqlite3_errmsg(lg->db) : sqlite3_errstr(rc));
}

ac_status ac__lg_exec(ac_ledger *lg, const char *sql, ac_error *err)
{
    int rc = sqlite3_exec(lg->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? AC_OK : ac__lg_sqlerr(lg, rc, err);
}

ac_status ac__lg_prep(ac_ledger *lg, const char *sql, sqlite3_stmt **st, ac_error *err)
{
    int rc = sqlite3_prepare_v2(lg->db, sql, -1, st, NULL);
    if (rc != SQLITE_OK) {
        *st = NULL;
        return ac__lg_sqlerr(lg, rc, err);
    }
    return AC_OK;
}

void ac__lg_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

ac_status ac__lg_done(ac_ledger *lg, sqlite3_stmt *st, ac_error *err)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        ;
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? AC_OK : ac__lg_sqlerr(lg, rc, err);
}

ac_status ac__lg_int(ac_ledger *lg, sqlite3_stmt *st, long long *out, int *found, ac_error *err)
{
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    if (*found)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return ac__lg_sqlerr(lg, rc, err);
    return AC_OK;
}

/* A few milliseconds, varied per process, so two writers that collided do not collide
 * again in lockstep. */
static void backoff(int attempt)
{
    static unsigned seed;
    if (!seed)
        seed = (unsigned)getpid() * 2654435761u ^ (unsigned)time(NULL);
    seed = seed * 1103515245u + 12345u;
    long ms = 1 + (long)((seed >> 16) % (unsigned)(attempt < 10 ? 2 + attempt * 4 : 50));
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

#define TX_ATTEMPTS 200

ac_status ac__lg_tx(ac_ledger *lg, int write, ac__lg_fn fn, void *ctx, ac_error *err)
{
    ac_status st = AC_OK;
    for (int attempt = 0; attempt < TX_ATTEMPTS; attempt++) {
        lg->busy = 0;
        st = ac__lg_exec(lg, write ? "BEGIN IMMEDIATE" : "BEGIN", err);
        if (st) {
            if (lg->busy) {
                backoff(attempt);
                continue;
            }
            return st;
        }
        st = fn(lg, ctx, err);
        if (st == AC_OK) {
            /* COMMIT can meet BUSY (a reader finishing a checkpoint); the transaction
             * stays open then, so committing again is safe. */
            for (int c = 0; c < TX_ATTEMPTS; c++) {
                lg->busy = 0;
                st = ac__lg_exec(lg, "COMMIT", err);
                if (st == AC_OK)
                    return AC_OK;
                if (!lg->busy)
                    break;
                backoff(c);
            }
        }
        int retry = lg->busy;
        if (!sqlite3_get_autocommit(lg->db))
            sqlite3_exec(lg->db, "ROLLBACK", NULL, NULL, NULL);
        if (!retry)
            return st;
        backoff(attempt);
    }
    return st ? st : ac_error_set(err, AC_EIO, NULL, 0, 0, "%s: database stayed busy", lg->path);
}

/* ---- opening and migrating ---- */

typedef struct {
    long long app_id, version, objects;
} header;

static ac_status read_header(ac_ledger *lg, header *h, ac_error *err)
{
    static const char *const q[3] = {"PRAGMA application_id", "PRAGMA user_version",
                                     "SELECT count(*) FROM sqlite_master"};
    long long *dst[3] = {&h->app_id, &h->version, &h->objects};
    for (int i = 0; i < 3; i++) {
        sqlite3_stmt *st;
        int found;
        ac_status s = ac__lg_prep(lg, q[i], &st, err);
        if (!s)
            s = ac__lg_int(lg, st, dst[i], &found, err);
        if (s)
            return s;
    }
    return AC_OK;
}

typedef struct {
    int create;
    int look_only; /* only find out whether a migration is due (read transaction) */
    int due;
} open_ctx;

/* Runs inside BEGIN IMMEDIATE, so two processes creating or migrating the same record at
 * once see each other's result instead of both applying a step. */
static ac_status check_and_migrate(ac_ledger *lg, void *vctx, ac_error *err)
{
    open_ctx *c = vctx;
    header h;
    ac_status s = read_header(lg, &h, err);
    if (s)
        return s;
    int empty = h.app_id == 0 && h.version == 0 && h.objects == 0;
    if (empty && !c->create)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                            "%s: empty database, not an accord record (create one with "
                            "'accord plan init')", lg->path);
    if (!empty && h.app_id != AC_LEDGER_APP_ID)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                            "%s: not an accord record (an SQLite database of another "
                            "program)", lg->path);
    if (h.version > AC_LEDGER_SCHEMA)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                            "%s: record format version %lld was written by a newer accord; "
                            "this accord reads versions up to %d", lg->path, h.version,
                            AC_LEDGER_SCHEMA);
    if (c->look_only) {
        c->due = h.version < AC_LEDGER_SCHEMA;
        lg->schema = (int)h.version;
        return AC_OK;
    }
    for (int v = (int)h.version; v < AC_LEDGER_SCHEMA; v++) {
        char pragma[96];
        s = ac__lg_exec(lg, migrations[v], err);
        if (s)
            return s;
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d; PRAGMA application_id = %d",
                 v + 1, AC_LEDGER_APP_ID);
        s = ac__lg_exec(lg, pragma, err);
        if (s)
            return s;
    }
    lg->schema = AC_LEDGER_SCHEMA;
    return AC_OK;
}

ac_status ac_ledger_open(const char *path, int flags, ac_ledger **out, ac_error *err)
{
    if (!out || !path || !*path)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_ledger_open: no path");
    *out = NULL;
    int create = (flags & AC_LEDGER_CREATE) != 0;
    if (!create && access(path, F_OK) != 0)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                            "%s: no such record (create it with 'accord plan init')", path);
    ac_ledger *lg = calloc(1, sizeof *lg);
    if (!lg || !(lg->path = ac__lg_strdup(path))) {
        free(lg);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    int oflags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path, &lg->db, oflags, NULL);
    ac_status s = AC_OK;
    if (rc != SQLITE_OK) {
        s = ac_error_set(err, AC_EINPUT, NULL, 0, 0, "%s: cannot open: %s", path,
                         lg->db ? sqlite3_errmsg(lg->db) : sqlite3_errstr(rc));
        goto fail;
    }
    sqlite3_busy_timeout(lg->db, 10000);
    sqlite3_extended_result_codes(lg->db, 1);
    /* Recognise (and create or migrate) the record before anything else touches the
     * file, so opening something that is not a record leaves it as it was. */
    /* A look in a read transaction first: the common case (an up-to-date record) then
     * takes no write lock and does not queue behind other writers. */
    open_ctx c = {create, 1, 0};
    s = ac__lg_exec(lg, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", err);
    if (!s)
        s = ac__lg_tx(lg, 0, check_and_migrate, &c, err);
    if (!s && c.due) {
        c.look_only = 0;
        s = ac__lg_tx(lg, 1, check_and_migrate, &c, err);
    }
    /* journal_mode can only change outside a transaction, and persists in the file;
     * another process may hold a lock for a moment, so retry like a transaction would. */
    for (int attempt = 0; !s && attempt < TX_ATTEMPTS; attempt++) {
        lg->busy = 0;
        s = ac__lg_exec(lg, "PRAGMA journal_mode = WAL", err);
        if (!s || !lg->busy)
            break;
        backoff(attempt);
    }
    if (s)
        goto fail;
    *out = lg;
    return AC_OK;
fail:
    ac_ledger_close(lg);
    return s;
}

void ac_ledger_close(ac_ledger *lg)
{
    if (!lg)
        return;
    sqlite3_close_v2(lg->db);
    free(lg->path);
    free(lg);
}

int ac_ledger_schema_version(const ac_ledger *lg) { return lg ? lg->schema : 0; }

/* ---- lookups shared by the readers and writers ---- */

ac_status ac__lg_need_init(ac_ledger *lg, ac_error *err)
{
    sqlite3_stmt *st;
    long long n = 0;
    int found;
    ac_status s = ac__lg_prep(lg, "SELECT count(*) FROM meta WHERE key = 'model'", &st, err);
    if (!s)
        s = ac__lg_int(lg, st, &n, &found, err);
    if (!s && n == 0)
        s = ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                         "%s: the record has no model yet (run 'accord plan init')", lg->path);
    return s;
}

/* "a, b, c" of a column, for messages that list what would have been valid. */
static void list_codes(ac_ledger *lg, const char *sql, char *buf, size_t size)
{
    sqlite3_stmt *st;
    buf[0] = 0;
    if (sqlite3_prepare_v2(lg->db, sql, -1, &st, NULL) != SQLITE_OK)
        return;
    size_t used = 0;
    while (sqlite3_step(st) == SQLITE_ROW && used + 8 < size) {
        const char *c = (const char *)sqlite3_column_text(st, 0);
        int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", c ? c : "");
        if (n < 0 || (size_t)n >= size - used) {
            snprintf(buf + used, size - used, "...");
            break;
        }
        used += (size_t)n;
    }
    sqlite3_finalize(st);
}

ac_status ac__lg_party(ac_ledger *lg, const char *code, long long *id, int *mediator,
                       ac_error *err)
{
    sqlite3_stmt *st;
    ac_status s = ac__lg_prep(lg, "SELECT id, mediator FROM party WHERE code = ?", &st, err);
    if (s)
        return s;
    ac__lg_text(st, 1, code);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        if (mediator)
            *mediator = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return AC_OK;
    if (rc != SQLITE_DONE)
        return ac__lg_sqlerr(lg, rc, err);
    char known[400];
    list_codes(lg, "SELECT code FROM party ORDER BY id", known, sizeof known);
    return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "unknown party '%s' (parties: %s)",
                        code ? code : "", known);
}

ac_status ac__lg_point(ac_ledger *lg, const char *code, long long *id, ac_error *err)
{
    sqlite3_stmt *st;
    int found;
    ac_status s = ac__lg_prep(lg, "SELECT id FROM point WHERE code = ?", &st, err);
    if (s)
        return s;
    ac__lg_text(st, 1, code);
    s = ac__lg_int(lg, st, id, &found, err);
    if (!s && !found)
        s = ac_error_set(err, AC_EINPUT, NULL, 0, 0, "unknown point '%s'", code ? code : "");
    return s;
}

ac_status ac__lg_version(ac_ledger *lg, int *version, ac_error *err)
{
    sqlite3_stmt *st;
    long long n = 0;
    int found;
    ac_status s;
    if (*version < 0)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "unknown version %d", *version);
    if (*version == 0) {
        s = ac__lg_prep(lg, "SELECT max(n) FROM version WHERE n IS NOT NULL", &st, err);
        if (!s)
            s = ac__lg_int(lg, st, &n, &found, err);
        if (!s && n == 0)
            s = ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                             "the record has no version yet (add one with 'accord plan draft')");
        if (!s)
            *version = (int)n;
        return s;
    }
    s = ac__lg_prep(lg, "SELECT n FROM version WHERE n = ?", &st, err);
    if (s)
        return s;
    sqlite3_bind_int(st, 1, *version);
    s = ac__lg_int(lg, st, &n, &found, err);
    if (!s && !found) {
        long long last = 0;
        if (!ac__lg_prep(lg, "SELECT coalesce(max(n), 0) FROM version", &st, NULL))
            ac__lg_int(lg, st, &last, &found, NULL);
        if (last)
            s = ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                             "unknown version %d (the record has versions 1 to %lld)",
                             *version, last);
        else
            s = ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                             "unknown version %d (the record has no version yet)", *version);
    }
    return s;
}
