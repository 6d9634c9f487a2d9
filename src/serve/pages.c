/* The HTML pages: plain server-rendered HTML with inline CSS and the report's SVG charts,
 * no script (the Content-Security-Policy forbids any), laid out for a phone first.
 *
 *   GET  /                         where the signed-in role belongs (or /signin)
 *   GET  /signin, POST /signin     the sign-in form (a token) -> session cookie
 *   POST /signout
 *   GET  /party/P                  a party's review: its analysis, its stance forms
 *   POST /party/P/stance           one stance (point, stance, note, suggest)
 *   GET  /party/P/preferences      its confidential preferences, as a form
 *   POST /party/P/preferences
 *   GET  /mediator                 every stance and note, progress, impasses, mediation
 *   POST /mediator/publish         a new version
 *   GET  /history, /history/N      the versions, what changed, and a version's draft
 *
 * Every form carries the session's CSRF token (the sign-in form a cookie-bound one) and
 * every POST is checked against it before anything else; after a write the answer is a
 * 303 to the page that shows it (post/redirect/get). */
#include "serve/serve_internal.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char css[] =
    "*{box-sizing:border-box}body{font:16px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,"
    "sans-serif;margin:0;color:#1b1b1b;background:#fafafa}"
    "header{background:#0072B2;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;"
    "gap:.4rem 1rem;align-items:center}header a,header button{color:#fff}"
    "header strong{margin-right:auto}header form{margin:0}"
    "header button{background:none;border:1px solid #fff;border-radius:4px;padding:.2rem .6rem;"
    "font:inherit;cursor:pointer}"
    "main{max-width:62rem;margin:0 auto;padding:1rem}"
    "h1{font-size:1.4rem;margin:.4rem 0 .8rem}h2{font-size:1.15rem;margin:1.6rem 0 .6rem}"
    ".box{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.8rem 1rem;"
    "margin:.8rem 0}.note{color:#555;font-size:.92rem}.err{border-color:#D55E00;"
    "background:#fff4ec}.ok{border-color:#009E73}"
    ".scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;background:#fff}"
    "th,td{border-bottom:1px solid #e3e3e3;padding:.35rem .5rem;text-align:left;"
    "vertical-align:top}th{background:#f0f0f0}"
    ".agree{color:#00734f;font-weight:600}.criticise{color:#9a6700;font-weight:600}"
    ".reject{color:#b34700;font-weight:600}.not-discussed{color:#777}"
    ".point{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.7rem .9rem;"
    "margin:.6rem 0}.point h3{font-size:1rem;margin:0 0 .3rem}"
    "form.row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin-top:.4rem}"
    "label{display:flex;flex-direction:column;font-size:.88rem;gap:.15rem}"
    "input,select,textarea,button{font:inherit;padding:.35rem .45rem;border:1px solid #bbb;"
    "border-radius:4px;max-width:100%}textarea{width:100%;min-height:2.4rem}"
    "label.grow{flex:1 1 14rem}button.primary{background:#0072B2;color:#fff;border-color:#0072B2;"
    "cursor:pointer}input[type=number]{width:6.5rem}"
    "figure{margin:.8rem 0;background:#fff;border:1px solid #ddd;border-radius:6px;padding:.5rem}"
    "figure svg{display:block;max-width:100%;height:auto;margin:0 auto}"
    "figcaption{font-size:.9rem;color:#444;margin-top:.3rem}"
    "dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}"
    "dl.kv dt{color:#555}dl.kv dd{margin:0;font-weight:600}"
    "@media (max-width:40rem){main{padding:.6rem}th,td{padding:.3rem}}";

/* ---- page frame ---- */

static void page_begin(ac__req *r, const char *title)
{
    ac__sbuf *b = &r->out;
    ac__sb_str(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                  "<title>");
    ac__sb_html(b, title);
    ac__sb_str(b, " - accord</title><style>");
    ac__sb_str(b, css);
    ac__sb_str(b, "</style></head><body><header><strong>accord review</strong>");
    if (r->session && r->role == AC__ROLE_PARTY) {
        ac__sb_printf(b, "<a href=\"/party/%s\">Review</a><a href=\"/party/%s/preferences\">"
                         "My preferences</a>", r->party, r->party);
    } else if (r->session && r->role == AC__ROLE_MEDIATOR) {
        ac__sb_str(b, "<a href=\"/mediator\">Mediator</a>");
    }
    if (r->session) {
        ac__sb_str(b, "<a href=\"/history\">History</a><form method=\"post\" action=\"/signout\">"
                      "<input type=\"hidden\" name=\"csrf\" value=\"");
        ac__sb_str(b, r->session->csrf);
        ac__sb_printf(b, "\"><button type=\"submit\">Sign out (%s)</button></form>",
                      r->role == AC__ROLE_MEDIATOR ? "mediator" : r->party);
    }
    ac__sb_str(b, "</header><main><h1>");
    ac__sb_html(b, title);
    ac__sb_str(b, "</h1>\n");
    r->status = 200;
    r->type = "text/html; charset=utf-8";
}

static void page_end(ac__req *r) { ac__sb_str(&r->out, "</main></body></html>\n"); }

static void csrf_field(ac__req *r)
{
    ac__sb_printf(&r->out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
                  r->session ? r->session->csrf : "");
}

/* A whole page with one message, and its status. */
static void message_page(ac__req *r, unsigned status, const char *title, const char *msg)
{
    ac__sb_free(&r->out);
    page_begin(r, title);
    ac__sb_str(&r->out, "<div class=\"box err\"><p>");
    ac__sb_html(&r->out, msg);
    ac__sb_str(&r->out, "</p>");
    if (status == 401)
        ac__sb_str(&r->out, "<p><a href=\"/signin\">Sign in</a> with your access token.</p>");
    ac__sb_str(&r->out, "</div>");
    page_end(r);
    r->status = status;
}

static void redirect(ac__req *r, const char *to)
{
    snprintf(r->location, sizeof r->location, "%s", to);
    r->status = 303;
    r->type = "text/plain; charset=utf-8";
    ac__sb_printf(&r->out, "See %s\n", to);
}

/* A page's problem (NULL: nothing) in a red box, after a lead-in. */
static void problem_box(ac__sbuf *b, const char *lead, const char *problem)
{
    if (!problem)
        return;
    ac__sb_str(b, "<div class=\"box err\">");
    ac__sb_str(b, lead);
    ac__sb_html(b, problem);
    ac__sb_str(b, "</div>");
}

static void stance_span(ac__sbuf *b, ac_stance s)
{
    ac__sb_printf(b, "<span class=\"%s\">%s</span>", ac_stance_name(s), ac_stance_name(s));
}

static void add_chart(ac__sbuf *b, ac_chart *c)
{
    if (!c)
        return;
    ac__sb_str(b, "<figure>");
    ac__sb_str(b, c->svg);
    ac__sb_str(b, "<figcaption><strong>");
    ac__sb_html(b, c->title);
    ac__sb_str(b, "</strong> ");
    ac__sb_str(b, c->caption); /* already HTML */
    ac__sb_str(b, "</figcaption></figure>\n");
    ac_chart_free(c);
}

/* Progress over every version: everybody's (party NULL) or one party's own agreement. */
static void progress_chart(ac__req *r, const char *party)
{
    ac__versions v;
    if (ac__versions_get(r->lg, &v, NULL) || v.n == 0)
        return;
    char **labels = calloc(v.n, sizeof *labels);
    ac_progress *pr = calloc(v.n, sizeof *pr);
    size_t n = 0;
    for (size_t i = 0; labels && pr && i < v.n; i++) {
        ac_ledger_status *st;
        if (ac_ledger_status_get(r->lg, v.number[i], &st, NULL))
            continue;
        size_t pi = AC_NONE;
        for (size_t q = 0; party && q < st->n_parties; q++)
            if (!strcmp(st->party_id[q], party))
                pi = q;
        if (!party) {
            pr[n] = st->progress;
        } else if (pi != AC_NONE) {
            pr[n].points = st->party_agreed[pi];
            pr[n].of = st->n_points;
            pr[n].weighted = st->party_weighted[pi];
        } else {
            ac_ledger_status_free(st);
            continue;
        }
        char buf[48];
        snprintf(buf, sizeof buf, "v%d %s", v.number[i], v.date[i]);
        labels[n++] = strdup(buf);
        ac_ledger_status_free(st);
    }
    int ok = labels && pr && n > 0;
    for (size_t i = 0; ok && i < n; i++)
        ok = labels[i] != NULL;
    if (ok) {
        ac_progress_view pv = {n, (const char *const *)labels, pr};
        ac_chart *c;
        if (ac_chart_progress(&pv, &c, NULL) == AC_OK) {
            if (party) {
                /* the chart speaks of "every party": here it is the party's own count */
                free(c->title);
                c->title = strdup("Your agreement, version by version");
                free(c->caption);
                c->caption = strdup("The points you agree to, by count and weighted by your "
                                    "own salience (the record's weights).");
            }
            add_chart(&r->out, c);
        }
    }
    for (size_t i = 0; labels && i < n; i++)
        free(labels[i]);
    free(labels);
    free(pr);
    ac__versions_free(&v);
}

/* ---- sign-in ---- */

static void signin_form(ac__req *r, unsigned status, const char *problem)
{
    char pre[AC__SID_LEN + 1];
    if (ac__random_hex(pre)) {
        message_page(r, 500, "Sign in", "The random source failed.");
        return;
    }
    /* the sign-in form's own CSRF token, bound to a cookie: nobody else's page can sign
     * a browser in under another token */
    snprintf(r->cookie[1], sizeof r->cookie[1],
             "accord_signin=%s; Path=/signin; HttpOnly; SameSite=Strict; Max-Age=3600%s", pre,
             r->srv->tls ? "; Secure" : "");
    ac__sb_free(&r->out);
    page_begin(r, "Sign in");
    ac__sbuf *b = &r->out;
    problem_box(b, "", problem);
    ac__sb_printf(b, "<div class=\"box\"><form method=\"post\" action=\"/signin\" class=\"row\">"
                     "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
                     "<label class=\"grow\">Access token<input type=\"password\" name=\"token\" "
                     "autocomplete=\"off\" required></label>"
                     "<button class=\"primary\" type=\"submit\">Sign in</button></form>"
                     "<p class=\"note\">Your token came from the mediator's office "
                     "(<code>accord plan token</code>). It is checked against the record on every "
                     "page; the session ends when you sign out or the token is revoked.</p></div>",
                  pre);
    page_end(r);
    r->status = status;
}

static void signin_post(ac__req *r, const ac__form *f)
{
    char pre[AC__SID_LEN + 1];
    ac__cookie_get(r, "accord_signin", pre, sizeof pre);
    const char *csrf = ac__form_get(f, "csrf");
    if (!pre[0] || !csrf || !ac__same(pre, csrf)) {
        message_page(r, 403, "Sign in", "The sign-in form expired or did not come from this "
                                        "server; open it again.");
        return;
    }
    r->role = AC__ROLE_NONE;
    if (ac__session_new(r, ac__form_get(f, "token"))) {
        r->role = AC__ROLE_NONE;
        r->session = NULL;
        signin_form(r, 401, "That token is not valid (unknown, revoked or mistyped).");
        return;
    }
    snprintf(r->cookie[1], sizeof r->cookie[1], "accord_signin=; Path=/signin; Max-Age=0");
    redirect(r, "/");
}

/* ---- the party's pages ---- */

static const char *const stance_names[4] = {"agree", "criticise", "reject", "not-discussed"};

static void party_page(ac__req *r, const char *party)
{
    ac__draft d;
    ac__own o;
    ac_ledger_stance_list *l = NULL;
    ac_error err;
    ac_status s = ac__draft_get(r->lg, 0, &d, &err);
    if (s) {
        message_page(r, ac__http_status(s), "Review", err.message);
        return;
    }
    s = ac__own_get(r->lg, d.st->version, party, &o, &err);
    if (!s && (s = ac_ledger_stances_get(r->lg, d.st->version, party, &l, &err)))
        ac__own_free(&o);
    if (s) {
        ac__draft_free(&d);
        message_page(r, ac__http_status(s), "Review", err.message);
        return;
    }
    const ac_ledger_status *st = &*d.st;
    size_t pi = 0;
    for (size_t q = 0; q < st->n_parties; q++)
        if (!strcmp(st->party_id[q], party))
            pi = q;
    char title[300];
    snprintf(title, sizeof title, "%s: version %d of %s", st->party_name[pi], st->version,
             st->date);
    page_begin(r, title);
    ac__sbuf *b = &r->out;
    if (st->note) {
        ac__sb_str(b, "<p class=\"note\">");
        ac__sb_html(b, st->note);
        ac__sb_str(b, "</p>");
    }
    char u[32], res[32], mg[32];
    ac__sb_printf(b, "<div class=\"box%s\"><h2 style=\"margin-top:0\">The draft from your side</h2>"
                     "<dl class=\"kv\"><dt>Your utility</dt><dd>%s</dd><dt>Your reservation</dt>"
                     "<dd>%s</dd><dt>Margin</dt><dd>%s%s</dd><dt>Red lines crossed</dt><dd>%zu",
                  o.margin >= -1e-9 && !o.red_lines_crossed ? " ok" : " err",
                  ac_fmt_num(o.utility, 3, u, sizeof u), ac_fmt_num(o.reservation, 3, res, sizeof res),
                  o.margin >= 0 ? "+" : "", ac_fmt_num(o.margin, 3, mg, sizeof mg),
                  o.red_lines_crossed);
    for (size_t k = 0, first = 1; k < o.n_points; k++)
        if (o.red_line[k]) {
            ac__sb_str(b, first ? ": " : ", ");
            ac__sb_html(b, st->point_title[k]);
            first = 0;
        }
    ac__sb_str(b, "</dd></dl><p class=\"note\">Computed from ");
    if (o.confidential)
        ac__sb_str(b, "your own preferences.");
    else
        ac__sb_printf(b, "the record's model of your preferences: you have not set your own yet "
                         "(<a href=\"/party/%s/preferences\">My preferences</a>).", party);
    ac__sb_str(b, " Nobody else sees these numbers or your preferences.</p></div>");
    ac__sb_str(b, "<h2>Your stances, point by point</h2><p class=\"note\">Only you and the "
                  "mediator see your stances and notes.</p>");
    ac_stance *mine = calloc(st->n_points + 1, sizeof *mine);
    for (size_t k = 0; k < st->n_points; k++) {
        const ac_ledger_stance_item *it = NULL;
        for (size_t i = 0; i < l->n; i++)
            if (!strcmp(l->items[i].point, st->point_id[k]))
                it = &l->items[i];
        ac_stance cur = it ? it->stance : AC_STANCE_NOT_DISCUSSED;
        if (mine)
            mine[k] = cur;
        ac__sb_printf(b, "<div class=\"point\" id=\"p-%s\"><h3>%zu. ", st->point_id[k], k + 1);
        ac__sb_html(b, st->point_title[k]);
        ac__sb_str(b, "</h3><div>Draft: <strong>");
        ac__sb_html(b, st->option_title[k] ? st->option_title[k] : "(no option drafted)");
        ac__sb_str(b, "</strong></div><div class=\"note\">Your stance: ");
        stance_span(b, cur);
        if (k < o.n_points) {
            ac__sb_str(b, " &middot; your preferences say ");
            stance_span(b, o.derived[k]);
        }
        ac__sb_str(b, "</div>");
        ac__sb_printf(b, "<form method=\"post\" action=\"/party/%s/stance\" class=\"row\">", party);
        csrf_field(r);
        ac__sb_printf(b, "<input type=\"hidden\" name=\"point\" value=\"%s\">", st->point_id[k]);
        ac__sb_printf(b, "<label>Stance<select name=\"stance\" id=\"stance-%s\">", st->point_id[k]);
        for (int q = 0; q < 4; q++)
            ac__sb_printf(b, "<option value=\"%s\"%s>%s</option>", stance_names[q],
                          (int)cur == q ? " selected" : "", stance_names[q]);
        ac__sb_str(b, "</select></label><label>Suggest instead<select name=\"suggest\">"
                      "<option value=\"\">(nothing)</option>");
        size_t mk = d.m ? ac_issue_find(d.m, st->point_id[k]) : AC_NONE;
        for (size_t q = 0; mk != AC_NONE && q < ac_model_n_options(d.m, mk); q++) {
            const char *oid = ac_option_id(d.m, mk, q);
            ac__sb_printf(b, "<option value=\"%s\"%s>", oid,
                          it && it->suggest && !strcmp(it->suggest, oid) ? " selected" : "");
            ac__sb_html(b, ac_option_title(d.m, mk, q));
            ac__sb_str(b, "</option>");
        }
        ac__sb_str(b, "</select></label><label class=\"grow\">Note<textarea name=\"note\" "
                      "maxlength=\"4000\">");
        ac__sb_html(b, it ? it->note : NULL);
        ac__sb_printf(b, "</textarea></label><button class=\"primary\" type=\"submit\" "
                         "id=\"save-%s\">Save</button></form></div>\n", st->point_id[k]);
    }
    ac__sb_str(b, "<h2>Charts</h2>");
    if (mine) {
        const char *pname = st->party_name[pi];
        ac_stance_view sv = {"Your stances on the draft", "my-stances", 1, st->n_points, &pname,
                             (const char *const *)st->point_title,
                             (const char *const *)st->option_title, mine};
        ac_chart *c;
        if (ac_chart_stances(&sv, &c, NULL) == AC_OK)
            add_chart(b, c);
    }
    progress_chart(r, party);
    page_end(r);
    free(mine);
    ac_ledger_stance_list_free(l);
    ac__own_free(&o);
    ac__draft_free(&d);
}

static void stance_post(ac__req *r, const char *party, const ac__form *f)
{
    const char *point = ac__form_get(f, "point");
    long long id;
    int version;
    ac_error err;
    ac_status s = ac__do_stance(r, point ? point : "", ac__form_get(f, "stance"),
                                ac__form_get(f, "note"), ac__form_get(f, "suggest"), &id,
                                &version, &err);
    if (s) {
        message_page(r, ac__http_status(s), "Stance not saved", err.message);
        return;
    }
    char to[200];
    snprintf(to, sizeof to, "/party/%s#p-%s", party, point);
    redirect(r, to);
}

static void prefs_page(ac__req *r, const char *party, const char *problem)
{
    ac_ledger_prefs *p;
    ac_error err;
    ac_status s = ac_ledger_prefs_get(r->lg, 0, party, &p, &err);
    if (s) {
        message_page(r, ac__http_status(s), "My preferences", err.message);
        return;
    }
    ac__sb_free(&r->out);
    page_begin(r, "My preferences (confidential)");
    ac__sbuf *b = &r->out;
    problem_box(b, "Not saved: ", problem);
    ac__sb_str(b, "<p class=\"note\">Nobody else reads these, the mediator included: the "
                  "mediator's analysis computes with them and shows only points and options. ");
    if (p->confidential) {
        ac__sb_str(b, "You last saved them at ");
        ac__sb_html(b, p->updated);
        ac__sb_str(b, ".");
    } else {
        ac__sb_str(b, "These are the record's model of your preferences until you save your own.");
    }
    ac__sb_str(b, " Weights are relative (any scale); values run from 0 (worst) to 1 (best); a "
                  "red line is an option you will never accept.</p>");
    char num[32];
    ac__sb_printf(b, "<form method=\"post\" action=\"/party/%s/preferences\">", party);
    csrf_field(r);
    ac__sb_printf(b, "<div class=\"box\"><label>Reservation value (utility of no deal, 0 to 1)"
                     "<input type=\"number\" name=\"reservation\" min=\"0\" max=\"1\" "
                     "step=\"any\" value=\"%s\" required></label></div>",
                  ac_fmt_num(p->reservation, 6, num, sizeof num));
    for (size_t k = 0; k < p->n_points; k++) {
        ac__sb_printf(b, "<div class=\"point\"><h3>%zu. ", k + 1);
        ac__sb_html(b, p->point_title[k]);
        ac__sb_printf(b, "</h3><label>Weight<input type=\"number\" name=\"w.%s\" min=\"0\" "
                         "step=\"any\" value=\"%s\"></label><div class=\"scroll\"><table>"
                         "<tr><th>option</th><th>value</th><th>red line</th></tr>",
                      p->point_id[k], ac_fmt_num(p->weight[k], 6, num, sizeof num));
        for (size_t q = p->first[k]; q < p->first[k + 1]; q++) {
            ac__sb_str(b, "<tr><td>");
            ac__sb_html(b, p->option_title[q]);
            ac__sb_printf(b, "</td><td><input type=\"number\" name=\"v.%s.%s\" min=\"0\" max=\"1\" "
                             "step=\"any\" value=\"%s\"></td><td><input type=\"checkbox\" "
                             "name=\"r.%s.%s\" value=\"1\"%s></td></tr>",
                          p->point_id[k], p->option_id[q], ac_fmt_num(p->value[q], 6, num, sizeof num),
                          p->point_id[k], p->option_id[q], p->red_line[q] ? " checked" : "");
        }
        ac__sb_str(b, "</table></div></div>\n");
    }
    ac__sb_str(b, "<p><button class=\"primary\" type=\"submit\" id=\"save-prefs\">Save my "
                  "preferences</button></p></form>");
    page_end(r);
    ac_ledger_prefs_free(p);
}

static int parse_num(const char *s, double *out)
{
    if (!s || !*s)
        return -1;
    char *end;
    *out = strtod(s, &end);
    return *end ? -1 : 0;
}

static void prefs_post(ac__req *r, const char *party, const ac__form *f)
{
    double reservation;
    if (parse_num(ac__form_get(f, "reservation"), &reservation)) {
        prefs_page(r, party, "the reservation value must be a number");
        r->status = 400;
        return;
    }
    ac_ledger_pref_entry *e = calloc(f->n + 1, sizeof *e);
    size_t n = 0;
    const char *problem = e ? NULL : "out of memory";
    /* w.POINT and v.POINT.OPTION (ids have no dots... but may: split at the first dot of
     * the rest, then check against the record's ids) */
    ac_ledger_prefs *p = NULL;
    ac_error err;
    if (!problem && ac_ledger_prefs_get(r->lg, 0, party, &p, &err))
        problem = err.message;
    for (size_t i = 0; !problem && i < f->n; i++) {
        const char *k = f->key[i];
        if (strncmp(k, "w.", 2) && strncmp(k, "v.", 2))
            continue;
        int weight = k[0] == 'w';
        for (size_t pt = 0; pt < p->n_points; pt++) {
            size_t pl = strlen(p->point_id[pt]);
            if (strncmp(k + 2, p->point_id[pt], pl))
                continue;
            const char *rest = k + 2 + pl;
            if (weight && !*rest) {
                double x;
                if (parse_num(f->val[i], &x))
                    x = 0;
                e[n++] = (ac_ledger_pref_entry){p->point_id[pt], NULL, x, 0};
            } else if (!weight && *rest == '.') {
                for (size_t q = p->first[pt]; q < p->first[pt + 1]; q++) {
                    if (strcmp(rest + 1, p->option_id[q]))
                        continue;
                    double x;
                    if (parse_num(f->val[i], &x))
                        x = 0;
                    char rk[200];
                    snprintf(rk, sizeof rk, "r.%s.%s", p->point_id[pt], p->option_id[q]);
                    e[n++] = (ac_ledger_pref_entry){p->point_id[pt], p->option_id[q], x,
                                                    ac__form_get(f, rk) != NULL};
                }
            }
        }
    }
    ac_status s = AC_OK;
    if (!problem) {
        s = ac_ledger_prefs_set(r->lg, party, reservation, e, n, &err);
        if (s)
            problem = err.message;
    }
    char msg[600];
    snprintf(msg, sizeof msg, "%s", problem ? problem : "");
    free(e);
    ac_ledger_prefs_free(p);
    if (problem) {
        prefs_page(r, party, msg);
        r->status = s == AC_OK || s == AC_EINPUT ? 400 : 500;
        return;
    }
    char to[128];
    snprintf(to, sizeof to, "/party/%s/preferences", party);
    redirect(r, to);
}

/* ---- the mediator's page ---- */

static void mediator_page(ac__req *r, const char *problem)
{
    ac__draft d;
    ac_ledger_stance_list *l = NULL;
    ac_error err;
    ac_status s = ac__draft_get(r->lg, 0, &d, &err);
    if (!s && (s = ac_ledger_stances_get(r->lg, d.st->version, NULL, &l, &err)))
        ac__draft_free(&d);
    if (s) {
        message_page(r, ac__http_status(s), "Mediator", err.message);
        return;
    }
    const ac_ledger_status *st = d.st;
    ac__sb_free(&r->out);
    char title[200];
    snprintf(title, sizeof title, "Mediator: version %d of %s", st->version, st->date);
    page_begin(r, title);
    ac__sbuf *b = &r->out;
    problem_box(b, "Not published: ", problem);
    char pc[32], pw[32];
    ac__sb_printf(b, "<div class=\"box\"><strong>Progress:</strong> %zu of %zu points agreed by "
                     "every party (%s%%); weighted by salience %s%%.</div>",
                  st->progress.points, st->progress.of,
                  ac_fmt_num(st->progress.of ? 100.0 * (double)st->progress.points /
                                                   (double)st->progress.of : 0, 0, pc, sizeof pc),
                  ac_fmt_num(100.0 * st->progress.weighted, 0, pw, sizeof pw));
    /* impasses */
    ac__sb_str(b, "<h2>Impasses</h2><div class=\"box\">");
    if (!st->n_impasses)
        ac__sb_str(b, "No point is rejected by any party on the record.");
    for (size_t q = 0; q < st->n_impasses; q++) {
        size_t k = st->impasse[q];
        ac__sb_str(b, q ? "<br>" : "");
        ac__sb_html(b, st->point_title[k]);
        ac__sb_str(b, " (rejected by ");
        for (size_t i = 0, first = 1; i < st->n_parties; i++)
            if (st->stances[i * st->n_points + k] == AC_STANCE_REJECT) {
                ac__sb_str(b, first ? "" : ", ");
                ac__sb_html(b, st->party_name[i]);
                first = 0;
            }
        ac__sb_str(b, ")");
    }
    ac__sb_str(b, "</div>");
    /* what the confidential preferences imply */
    ac_model *m = NULL;
    ac_mediation *x = NULL;
    ac__sb_str(b, "<h2>What would close the gaps</h2><div class=\"box\">");
    if (ac__mediation_get(r->lg, st->version, &m, &x, &err) != AC_OK) {
        ac__sb_str(b, "No analysis: ");
        ac__sb_html(b, err.message);
    } else {
        size_t own = 0;
        for (size_t i = 0; i < st->n_parties; i++) {
            ac_ledger_prefs *p;
            if (ac_ledger_prefs_get(r->lg, st->version, st->party_id[i], &p, NULL) == AC_OK) {
                own += (size_t)p->confidential;
                ac_ledger_prefs_free(p);
            }
        }
        ac__sb_printf(b, "<p class=\"note\">Computed from the parties' confidential preferences "
                         "(%zu of %zu parties have set their own; the record's model stands in "
                         "for the others). Their numbers are not shown.</p>",
                      own, st->n_parties);
        if (x->zopa_empty) {
            ac__sb_str(b, "<p><strong>No outcome is acceptable to every party</strong> under "
                          "their preferences: some side must lower its bar or drop a red "
                          "line.</p>");
        } else if (x->n_revisions) {
            const ac_revision *rv = &x->revisions[0];
            ac__sb_printf(b, "<p><strong>Smallest revision every party accepts:</strong> change "
                             "%zu of %zu points.</p><ul>", rv->changes, ac_model_n_issues(m));
            for (size_t k = 0; k < ac_model_n_issues(m); k++)
                if (rv->outcome[k] != x->draft[k]) {
                    ac__sb_str(b, "<li>");
                    ac__sb_html(b, ac_issue_title(m, k));
                    ac__sb_str(b, ": ");
                    ac__sb_html(b, ac_option_title(m, k, x->draft[k]));
                    ac__sb_str(b, " &rarr; <strong>");
                    ac__sb_html(b, ac_option_title(m, k, rv->outcome[k]));
                    ac__sb_str(b, "</strong></li>");
                }
            ac__sb_str(b, rv->changes ? "</ul>" : "<li>none: the draft already is</li></ul>");
        } else {
            ac__sb_str(b, "<p>The locked points keep every acceptable outcome out of reach.</p>");
        }
        for (size_t q = 0; q < x->n_soft; q++) {
            ac__sb_str(b, "<p class=\"note\">Soft impasse: ");
            ac__sb_html(b, ac_issue_title(m, x->soft[q]));
            ac__sb_str(b, " must move for any agreement.</p>");
        }
        if (x->n_trades) {
            ac__sb_str(b, "<p><strong>Package trades</strong> (each side concedes one point and "
                          "gains on another, both better off than under the draft):</p><ul>");
            for (size_t t = 0; t < x->n_trades; t++) {
                const ac_trade *tr = &x->trades[t];
                ac__sb_str(b, "<li>");
                ac__sb_html(b, ac_party_name(m, x->party[tr->party_a]));
                ac__sb_str(b, " accepts ");
                ac__sb_html(b, ac_issue_title(m, tr->issue_a));
                ac__sb_str(b, " &rarr; ");
                ac__sb_html(b, ac_option_title(m, tr->issue_a, tr->option_a));
                ac__sb_str(b, "; ");
                ac__sb_html(b, ac_party_name(m, x->party[tr->party_b]));
                ac__sb_str(b, " accepts ");
                ac__sb_html(b, ac_issue_title(m, tr->issue_b));
                ac__sb_str(b, " &rarr; ");
                ac__sb_html(b, ac_option_title(m, tr->issue_b, tr->option_b));
                ac__sb_str(b, "</li>");
            }
            ac__sb_str(b, "</ul>");
        }
    }
    ac__sb_str(b, "</div>");
    /* every stance with its note */
    ac__sb_str(b, "<h2>Stances and notes</h2><div class=\"scroll\"><table><tr><th>point</th>"
                  "<th>draft</th>");
    for (size_t i = 0; i < st->n_parties; i++) {
        ac__sb_str(b, "<th>");
        ac__sb_html(b, st->party_name[i]);
        ac__sb_str(b, "</th>");
    }
    ac__sb_str(b, "</tr>");
    for (size_t k = 0; k < st->n_points; k++) {
        ac__sb_str(b, "<tr><td>");
        ac__sb_html(b, st->point_title[k]);
        ac__sb_str(b, "</td><td>");
        ac__sb_html(b, st->option_title[k]);
        ac__sb_str(b, "</td>");
        for (size_t i = 0; i < st->n_parties; i++) {
            ac__sb_printf(b, "<td id=\"s-%s-%s\">", st->party_id[i], st->point_id[k]);
            stance_span(b, st->stances[i * st->n_points + k]);
            for (size_t q = 0; q < l->n; q++) {
                const ac_ledger_stance_item *it = &l->items[q];
                if (strcmp(it->party, st->party_id[i]) || strcmp(it->point, st->point_id[k]))
                    continue;
                if (it->note) {
                    ac__sb_str(b, "<div class=\"note\">");
                    ac__sb_html(b, it->note);
                    ac__sb_str(b, "</div>");
                }
                if (it->suggest) {
                    ac__sb_str(b, "<div class=\"note\">suggests: ");
                    size_t mk = d.m ? ac_issue_find(d.m, it->point) : AC_NONE;
                    size_t oi = mk != AC_NONE ? ac_option_find(d.m, mk, it->suggest) : AC_NONE;
                    ac__sb_html(b, oi != AC_NONE ? ac_option_title(d.m, mk, oi) : it->suggest);
                    ac__sb_str(b, "</div>");
                }
            }
            ac__sb_str(b, "</td>");
        }
        ac__sb_str(b, "</tr>\n");
    }
    ac__sb_str(b, "</table></div><h2>Charts</h2>");
    ac_stance_view sv = {"Stances on the draft", "stances", st->n_parties, st->n_points,
                         (const char *const *)st->party_name, (const char *const *)st->point_title,
                         (const char *const *)st->option_title, st->stances};
    ac_chart *c;
    if (ac_chart_stances(&sv, &c, NULL) == AC_OK)
        add_chart(b, c);
    progress_chart(r, NULL);
    /* the next version */
    ac__sb_str(b, "<h2>Publish a new version</h2><form method=\"post\" action=\"/mediator/publish\">");
    csrf_field(r);
    ac__sb_str(b, "<div class=\"box\">");
    for (size_t k = 0; k < st->n_points; k++) {
        size_t mk = d.m ? ac_issue_find(d.m, st->point_id[k]) : AC_NONE;
        if (mk == AC_NONE)
            continue;
        ac__sb_printf(b, "<label>%zu. ", k + 1);
        ac__sb_html(b, st->point_title[k]);
        ac__sb_printf(b, "<select name=\"set.%s\" id=\"set-%s\">", st->point_id[k], st->point_id[k]);
        for (size_t q = 0; q < ac_model_n_options(d.m, mk); q++) {
            const char *oid = ac_option_id(d.m, mk, q);
            ac__sb_printf(b, "<option value=\"%s\"%s>", oid,
                          st->option_id[k] && !strcmp(st->option_id[k], oid) ? " selected" : "");
            ac__sb_html(b, ac_option_title(d.m, mk, q));
            ac__sb_str(b, "</option>");
        }
        ac__sb_str(b, "</select></label>");
    }
    ac__sb_str(b, "<label>Date (YYYY-MM-DD, empty: today)<input name=\"date\" "
                  "pattern=\"[0-9]{4}-[0-9]{2}-[0-9]{2}\"></label><label class=\"grow\">Note"
                  "<textarea name=\"note\" maxlength=\"4000\" id=\"publish-note\"></textarea>"
                  "</label><p><button class=\"primary\" type=\"submit\" id=\"publish\">Publish "
                  "version</button></p></div></form>");
    page_end(r);
    ac_mediation_free(x);
    ac_model_free(m);
    ac_ledger_stance_list_free(l);
    ac__draft_free(&d);
}

static void publish_post(ac__req *r, const ac__form *f)
{
    ac_ledger_change *c = calloc(f->n + 1, sizeof *c);
    if (!c) {
        message_page(r, 500, "Mediator", "out of memory");
        return;
    }
    size_t n = 0;
    ac_ledger_status *st = NULL;
    ac_error err;
    ac_status s = ac_ledger_status_get(r->lg, 0, &st, &err);
    for (size_t i = 0; !s && i < f->n; i++) {
        if (strncmp(f->key[i], "set.", 4))
            continue;
        const char *point = f->key[i] + 4;
        /* only what changed: a publish with nothing changed tables the draft again */
        for (size_t k = 0; k < st->n_points; k++)
            if (!strcmp(st->point_id[k], point) &&
                (!st->option_id[k] || strcmp(st->option_id[k], f->val[i])))
                c[n++] = (ac_ledger_change){.kind = AC_CHANGE_SET, .point = point,
                                            .option = f->val[i]};
    }
    int version = 0;
    if (!s)
        s = ac__do_publish(r, ac__form_get(f, "note"), ac__form_get(f, "date"), c, n, &version,
                           &err);
    free(c);
    ac_ledger_status_free(st);
    if (s) {
        mediator_page(r, err.message);
        r->status = ac__http_status(s);
        return;
    }
    redirect(r, "/mediator");
}

/* ---- history ---- */

static void history_page(ac__req *r, int version)
{
    ac__sbuf *b = &r->out;
    if (version) {
        ac__draft d;
        ac_error err;
        ac_status s = ac__draft_get(r->lg, version, &d, &err);
        if (s) {
            message_page(r, s == AC_EINPUT ? 404 : 500, "History", err.message);
            return;
        }
        char title[100];
        snprintf(title, sizeof title, "Version %d of %s", d.st->version, d.st->date);
        page_begin(r, title);
        if (d.st->note) {
            ac__sb_str(b, "<p class=\"note\">");
            ac__sb_html(b, d.st->note);
            ac__sb_str(b, "</p>");
        }
        ac__sb_str(b, "<div class=\"scroll\"><table><tr><th>#</th><th>point</th><th>draft</th></tr>");
        for (size_t k = 0; k < d.st->n_points; k++) {
            ac__sb_printf(b, "<tr><td>%zu</td><td>", k + 1);
            ac__sb_html(b, d.st->point_title[k]);
            ac__sb_str(b, "</td><td>");
            ac__sb_html(b, d.st->option_title[k]);
            ac__sb_str(b, "</td></tr>");
        }
        ac__sb_str(b, "</table></div><p><a href=\"/history\">All versions</a></p>");
        page_end(r);
        ac__draft_free(&d);
        return;
    }
    ac__versions v;
    ac_error err;
    if (ac__versions_get(r->lg, &v, &err)) {
        message_page(r, 500, "History", err.message);
        return;
    }
    page_begin(r, "History of the plan");
    for (size_t i = v.n; i-- > 0;) {
        ac__sb_printf(b, "<div class=\"box\"><strong><a href=\"/history/%d\">Version %d</a></strong>"
                         " of %s, %zu points", v.number[i], v.number[i], v.date[i], v.points[i]);
        if (v.note[i]) {
            ac__sb_str(b, ": ");
            ac__sb_html(b, v.note[i]);
        }
        ac_ledger_diff *df;
        if (i > 0 && ac_ledger_diff_get(r->lg, v.number[i - 1], v.number[i], &df, NULL) == AC_OK) {
            ac__sb_printf(b, "<ul class=\"note\">");
            static const char *const kind[] = {"added", "dropped", "merged", "changed", "reworded"};
            for (size_t q = 0; q < df->n; q++) {
                const ac_ledger_diff_item *it = &df->items[q];
                ac__sb_printf(b, "<li>%s: ", kind[it->kind]);
                ac__sb_html(b, it->title ? it->title : it->point);
                if (it->from || it->to) {
                    ac__sb_str(b, " (");
                    ac__sb_html(b, it->from ? it->from : "-");
                    ac__sb_str(b, " &rarr; ");
                    ac__sb_html(b, it->to ? it->to : "-");
                    ac__sb_str(b, ")");
                }
                ac__sb_str(b, "</li>");
            }
            if (!df->n)
                ac__sb_str(b, "<li>tabled again unchanged</li>");
            ac__sb_str(b, "</ul>");
            ac_ledger_diff_free(df);
        }
        ac__sb_str(b, "</div>\n");
    }
    page_end(r);
    ac__versions_free(&v);
}

/* ---- dispatch ---- */

/* "/party/P[/rest]": P into party, the rest (without its slash) into rest */
static int party_path(const char *path, char *party, size_t psize, const char **rest)
{
    if (strncmp(path, "/party/", 7))
        return 0;
    const char *p = path + 7, *e = strchr(p, '/');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    if (n == 0 || n >= psize)
        return 0;
    memcpy(party, p, n);
    party[n] = 0;
    *rest = e ? e + 1 : "";
    return 1;
}

void ac__pages(ac__req *r)
{
    int get = !strcmp(r->method, "GET") || !strcmp(r->method, "HEAD");
    int post = !strcmp(r->method, "POST");
    const char *path = r->path;
    if (!strcmp(path, "/signin")) {
        if (get) {
            signin_form(r, 200, NULL);
        } else if (post) {
            ac__form f;
            if (ac__form_parse(r->body, r->body_len, &f)) {
                message_page(r, 400, "Sign in", "The form could not be read.");
                return;
            }
            signin_post(r, &f);
            ac__form_free(&f);
        } else {
            r->allow = "GET, POST";
            message_page(r, 405, "Sign in", "Method not allowed.");
        }
        return;
    }
    if (!strcmp(path, "/") && get) {
        char to[100];
        if (r->role == AC__ROLE_PARTY)
            snprintf(to, sizeof to, "/party/%s", r->party);
        else
            snprintf(to, sizeof to, "%s", r->role == AC__ROLE_MEDIATOR ? "/mediator" : "/signin");
        redirect(r, to);
        return;
    }
    char party[AC_ID_MAX + 2];
    const char *rest = "";
    int is_party = party_path(path, party, sizeof party, &rest);
    int known = !strcmp(path, "/") || !strcmp(path, "/signout") || !strcmp(path, "/mediator") ||
                !strcmp(path, "/mediator/publish") || !strcmp(path, "/history") ||
                !strncmp(path, "/history/", 9) ||
                (is_party && (!*rest || !strcmp(rest, "stance") || !strcmp(rest, "preferences")));
    if (!known) {
        message_page(r, 404, "Not found", "There is no such page.");
        return;
    }
    if (r->role == AC__ROLE_NONE) {
        message_page(r, 401, "Sign in first", "This page needs you to sign in.");
        return;
    }
    int wants_post = !strcmp(path, "/signout") || !strcmp(path, "/mediator/publish") ||
                     (is_party && !strcmp(rest, "stance"));
    int either = is_party && !strcmp(rest, "preferences");
    if ((wants_post && !post) || (!wants_post && !either && !get) || (either && !get && !post)) {
        r->allow = wants_post ? "POST" : either ? "GET, POST" : "GET";
        message_page(r, 405, "Not allowed", "That method is not allowed here.");
        return;
    }
    /* who may: a party only its own pages, the mediator only its own */
    int mediator_page_ = !strncmp(path, "/mediator", 9);
    if ((mediator_page_ && r->role != AC__ROLE_MEDIATOR) ||
        (is_party && (r->role != AC__ROLE_PARTY || strcmp(r->party, party)))) {
        message_page(r, 403, "Not yours",
                     r->role == AC__ROLE_MEDIATOR
                         ? "A party's review page and preferences are the party's alone."
                         : "This page belongs to somebody else.");
        return;
    }
    ac__form f;
    memset(&f, 0, sizeof f);
    if (post) {
        if (ac__form_parse(r->body, r->body_len, &f)) {
            message_page(r, 400, "Bad form", "The form could not be read.");
            return;
        }
        const char *csrf = ac__form_get(&f, "csrf");
        if (!csrf || !r->session || !ac__same(csrf, r->session->csrf)) {
            ac__form_free(&f);
            message_page(r, 403, "Form refused", "The form did not carry this session's token "
                                                 "(it came from another page, or the session "
                                                 "changed): open the page again.");
            return;
        }
    }
    if (!strcmp(path, "/signout")) {
        ac__session_end(r);
        redirect(r, "/signin");
    } else if (!strcmp(path, "/mediator")) {
        mediator_page(r, NULL);
    } else if (!strcmp(path, "/mediator/publish")) {
        publish_post(r, &f);
    } else if (!strcmp(path, "/history")) {
        history_page(r, 0);
    } else if (!strncmp(path, "/history/", 9)) {
        char *end;
        long n = strtol(path + 9, &end, 10);
        if (!path[9] || *end || n < 1 || n > 1000000)
            message_page(r, 404, "History", "There is no such version.");
        else
            history_page(r, (int)n);
    } else if (is_party && !*rest) {
        party_page(r, party);
    } else if (is_party && !strcmp(rest, "stance")) {
        stance_post(r, party, &f);
    } else if (is_party && post) {
        prefs_post(r, party, &f);
    } else if (is_party) {
        prefs_page(r, party, NULL);
    }
    ac__form_free(&f);
}
