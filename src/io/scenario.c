/* Loading whatever a MODEL argument names: an accord YAML model, a GENIUS scenario (a
 * folder of XML files, or one profile) or a GeniusWeb scenario (a folder of JSON files, or
 * one profile).
 *
 * In a folder, files are taken in byte order of their names, so the party order is
 * stable whatever order the file system lists them in. GENIUS domains and profiles are
 * told apart by content (genius_import.c); exactly one domain is required. In a GeniusWeb
 * folder, JSON files that are neither a domain nor a LinearAdditiveUtilitySpace profile
 * (settings, results) are skipped. */
#include <dirent.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "accord/genius.h"
#include "accord/yaml.h"
#include "io/embedded.h"
#include "io/genius_internal.h"

static int ends_with(const char *s, const char *ext)
{
    size_t n = strlen(s), e = strlen(ext);
    return n > e && !strcasecmp(s + n - e, ext);
}

static int is_dir(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The regular files in dir whose names end in ext, sorted, as "dir/name" paths. */
static ac_status list_dir(const char *dir, const char *ext, char ***out, size_t *n, ac_error *err)
{
    *out = NULL;
    *n = 0;
    DIR *dp = opendir(dir);
    if (!dp)
        return ac_error_set(err, AC_EIO, dir, 0, 0, "cannot open the folder");
    size_t cap = 0;
    char **v = NULL;
    ac_status st = AC_OK;
    struct dirent *de;
    while (!st && (de = readdir(dp))) {
        if (de->d_name[0] == '.' || !ends_with(de->d_name, ext))
            continue;
        size_t dl = strlen(dir);
        while (dl > 1 && dir[dl - 1] == '/')
            dl--;
        char *p = malloc(dl + strlen(de->d_name) + 2);
        if (!p) {
            st = ac_error_set(err, AC_ENOMEM, dir, 0, 0, "out of memory");
            break;
        }
        sprintf(p, "%.*s/%s", (int)dl, dir, de->d_name);
        if (is_dir(p)) {
            free(p);
            continue;
        }
        if (*n == cap) {
            cap = cap ? 2 * cap : 16;
            char **nv = realloc(v, cap * sizeof *nv);
            if (!nv) {
                free(p);
                st = ac_error_set(err, AC_ENOMEM, dir, 0, 0, "out of memory");
                break;
            }
            v = nv;
        }
        v[(*n)++] = p;
    }
    closedir(dp);
    if (st) {
        for (size_t i = 0; i < *n; i++)
            free(v[i]);
        free(v);
        *n = 0;
        return st;
    }
    if (*n)
        qsort(v, *n, sizeof *v, cmp_str);
    *out = v;
    return AC_OK;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

ac_scenario_kind ac_scenario_kind_of(const char *path)
{
    if (!path || !strcmp(path, "-") || ac__embedded_model(path, NULL, NULL))
        return AC_SCENARIO_YAML;
    if (is_dir(path)) {
        char **v;
        size_t n;
        if (list_dir(path, ".xml", &v, &n, NULL) == AC_OK && n) {
            free_list(v, n);
            return AC_SCENARIO_GENIUS;
        }
        if (list_dir(path, ".json", &v, &n, NULL) == AC_OK && n) {
            free_list(v, n);
            return AC_SCENARIO_GENIUSWEB;
        }
        return AC_SCENARIO_GENIUS; /* the loader reports the empty folder */
    }
    if (ends_with(path, ".xml"))
        return AC_SCENARIO_GENIUS;
    if (ends_with(path, ".json"))
        return AC_SCENARIO_GENIUSWEB;
    return AC_SCENARIO_YAML;
}

static ac_status load_genius(const char *path, unsigned steps, ac_model **out, ac_error *err)
{
    if (!is_dir(path)) {
        int dom = 0;
        ac_status st = ac__genius_classify(path, &dom, err);
        if (st)
            return st;
        if (dom)
            return ac_error_set(err, AC_EINPUT, path, 0, 0,
                                "a GENIUS domain alone has no preferences: give the scenario folder or the profiles");
        const char *one[1] = {path};
        return ac_genius_import(path, one, 1, steps, out, err); /* a profile is its own domain */
    }
    char **v;
    size_t n;
    ac_status st = list_dir(path, ".xml", &v, &n, err);
    if (st)
        return st;
    const char **prof = calloc(n ? n : 1, sizeof *prof);
    const char *domain = NULL;
    size_t np = 0;
    if (!prof)
        st = ac_error_set(err, AC_ENOMEM, path, 0, 0, "out of memory");
    for (size_t i = 0; !st && i < n; i++) {
        int dom = 0;
        if ((st = ac__genius_classify(v[i], &dom, err)))
            break;
        if (dom && domain)
            st = ac_error_set(err, AC_EINPUT, path, 0, 0, "two GENIUS domain files: %s and %s", domain, v[i]);
        else if (dom)
            domain = v[i];
        else
            prof[np++] = v[i];
    }
    if (!st && !domain)
        st = ac_error_set(err, AC_EINPUT, path, 0, 0, "no GENIUS domain file (<negotiation_template>) in the folder");
    else if (!st && np == 0)
        st = ac_error_set(err, AC_EINPUT, path, 0, 0, "no GENIUS profile (<utility_space> with weights) in the folder");
    if (!st)
        st = ac_genius_import(domain, prof, np, steps, out, err);
    free(prof);
    free_list(v, n);
    return st;
}

/* 1: profile, 2: domain, 0: neither (skipped). */
static int json_role(const char *path)
{
    json_object *j = json_object_from_file(path);
    int r = 0;
    json_object *x;
    if (j && json_object_is_type(j, json_type_object)) {
        if (json_object_object_get_ex(j, "LinearAdditiveUtilitySpace", &x))
            r = 1;
        else if (json_object_object_get_ex(j, "issuesValues", &x))
            r = 2;
    }
    json_object_put(j);
    return r;
}

static ac_status load_geniusweb(const char *path, ac_model **out, ac_error *err)
{
    if (!is_dir(path)) {
        const char *one[1] = {path};
        return ac_geniusweb_import(NULL, one, 1, out, err);
    }
    char **v;
    size_t n;
    ac_status st = list_dir(path, ".json", &v, &n, err);
    if (st)
        return st;
    const char **prof = calloc(n ? n : 1, sizeof *prof);
    const char *domain = NULL;
    size_t np = 0;
    if (!prof)
        st = ac_error_set(err, AC_ENOMEM, path, 0, 0, "out of memory");
    for (size_t i = 0; !st && i < n; i++) {
        int r = json_role(v[i]);
        if (r == 2 && domain)
            st = ac_error_set(err, AC_EINPUT, path, 0, 0, "two GeniusWeb domain files: %s and %s", domain, v[i]);
        else if (r == 2)
            domain = v[i];
        else if (r == 1)
            prof[np++] = v[i];
    }
    if (!st && np == 0)
        st = ac_error_set(err, AC_EINPUT, path, 0, 0, "no GeniusWeb LinearAdditiveUtilitySpace profile in the folder");
    if (!st)
        st = ac_geniusweb_import(domain, prof, np, out, err);
    free(prof);
    free_list(v, n);
    return st;
}

ac_status ac_scenario_load(const char *path, unsigned steps, ac_model **out, ac_diags *diags,
                           ac_error *err)
{
    if (!out || !path)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_scenario_load: no path or no result");
    *out = NULL;
    ac_status st;
    switch (ac_scenario_kind_of(path)) {
    case AC_SCENARIO_YAML:
        return ac_model_load_file(path, out, diags, err);
    case AC_SCENARIO_GENIUS:
        st = load_genius(path, steps, out, err);
        break;
    default:
        st = load_geniusweb(path, out, err);
        break;
    }
    /* One located problem; the caller may print diags or err alike. */
    if (st && diags && err && err->code != AC_OK)
        ac_diags_add(diags, err->file[0] ? err->file : NULL, err->line, err->col, "%s", err->message);
    return st;
}
