/*
 * artifact_seccomp.c - OCI / Docker / Podman seccomp profiles.
 *
 * JSON is parsed by query/json.c (strict, errors naming line, column and
 * offset); the profile walker then checks the types of the fields it uses
 * and ignores fields it does not know (as moby does).
 *
 * Semantics follow moby's profiles/seccomp: includes.arches / includes.caps
 * must all match, any match in excludes drops the rule, minKernel compares
 * "X.Y" numerically with the kernel asked about.
 */
#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "abi.h"
#include "array.h"
#include "artifact.h"
#include "error.h"
#include "file.h"
#include "json.h"
#include "strbuf.h"
#include "strlist.h"

#define MAX_PROFILE KABI_SECCOMP_MAX

typedef kabi_jval jval;

typedef struct {
	const char *buf, *name;
	size_t len;
} walker;

#define WERR(w, v, ...) kabi_json_error_at((w)->buf, (w)->len, (w)->name, (v)->off, __VA_ARGS__)

/* A string member; absent or null leaves *out NULL. */
static int want_str(const walker *w, const jval *obj, const char *key, char **out)
{
	const jval *v = kabi_json_get(obj, key);

	*out = NULL;
	if (!v || v->t == J_NULL)
		return 0;
	if (v->t != J_STR)
		return WERR(w, v, "\"%s\" must be a string, not %s", key, kabi_json_type_name(v->t));
	if (strlen(v->s) != v->slen)
		return WERR(w, v, "\"%s\" contains a NUL character", key);
	*out = kabi_strdup(v->s);
	return 0;
}

static int want_strlist(const walker *w, const jval *obj, const char *key, kabi_strlist *out)
{
	const jval *v = kabi_json_get(obj, key);
	size_t i;

	if (!v || v->t == J_NULL)
		return 0;
	if (v->t != J_ARR)
		return WERR(w, v, "\"%s\" must be an array of strings, not %s", key,
			    kabi_json_type_name(v->t));
	for (i = 0; i < v->n; i++) {
		const jval *e = &v->kids[i];

		if (e->t != J_STR)
			return WERR(w, e, "\"%s\" must be an array of strings, element %zu is %s", key, i,
				    kabi_json_type_name(e->t));
		if (strlen(e->s) != e->slen)
			return WERR(w, e, "\"%s\" element %zu contains a NUL character", key, i);
	}
	for (i = 0; i < v->n; i++)
		kabi_strlist_add(out, v->kids[i].s);
	return 0;
}

/* An unsigned integer member (errnoRet); absent or null leaves -1. */
static int want_uint(const walker *w, const jval *obj, const char *key, long long *out)
{
	const jval *v = kabi_json_get(obj, key);
	char *end;
	unsigned long long x;

	*out = -1;
	if (!v || v->t == J_NULL)
		return 0;
	if (v->t != J_NUM)
		return WERR(w, v, "\"%s\" must be a number, not %s", key, kabi_json_type_name(v->t));
	errno = 0;
	x = strtoull(v->s, &end, 10);
	if (*end || v->s[0] == '-' || errno || x > 0xffffffffULL)
		return WERR(w, v, "\"%s\" must be an unsigned 32-bit integer", key);
	*out = (long long)x;
	return 0;
}

/* Parse "6.1", "v5.10.3-rc2", "4.8.0-foo" into up to 3 numbers. */
static int kernel_parse(const char *s, long v[3])
{
	int i;

	v[0] = v[1] = v[2] = 0;
	if (*s == 'v')
		s++;
	for (i = 0; i < 3; i++) {
		char *end;

		if (!isdigit((unsigned char)*s))
			return i >= 2 ? 0 : -1;
		v[i] = strtol(s, &end, 10);
		s = end;
		if (*s != '.')
			return i >= 1 ? 0 : -1;
		s++;
	}
	return 0;
}

static int want_cond(const walker *w, const jval *rule, const char *key, kabi_seccomp_cond *c)
{
	const jval *v = kabi_json_get(rule, key);
	long kv[3];
	int rc;

	if (!v || v->t == J_NULL)
		return 0;
	if (v->t != J_OBJ)
		return WERR(w, v, "\"%s\" must be an object, not %s", key, kabi_json_type_name(v->t));
	if ((rc = want_strlist(w, v, "arches", &c->arches)) < 0 ||
	    (rc = want_strlist(w, v, "caps", &c->caps)) < 0 ||
	    (rc = want_str(w, v, "minKernel", &c->min_kernel)) < 0)
		return rc;
	if (c->min_kernel && kernel_parse(c->min_kernel, kv) < 0)
		return WERR(w, kabi_json_get(v, "minKernel"),
			    "\"minKernel\" must look like \"4.8\", not '%s'", c->min_kernel);
	return 0;
}

static int want_rule(const walker *w, const jval *v, kabi_seccomp_rule *r)
{
	const jval *args;
	char *legacy = NULL;
	int rc;

	r->offset = v->off;
	r->errno_ret = -1;
	if (v->t != J_OBJ)
		return WERR(w, v, "a syscalls entry must be an object, not %s", kabi_json_type_name(v->t));
	if ((rc = want_strlist(w, v, "names", &r->names)) < 0 || (rc = want_str(w, v, "name", &legacy)) < 0)
		return rc;
	if (legacy)
		kabi_strlist_add_owned(&r->names, legacy);
	if ((rc = want_str(w, v, "action", &r->action)) < 0 ||
	    (rc = want_str(w, v, "comment", &r->comment)) < 0 ||
	    (rc = want_uint(w, v, "errnoRet", &r->errno_ret)) < 0 ||
	    (rc = want_cond(w, v, "includes", &r->includes)) < 0 ||
	    (rc = want_cond(w, v, "excludes", &r->excludes)) < 0)
		return rc;
	if (!r->action)
		return WERR(w, v, "syscalls entry without \"action\"");
	args = kabi_json_get(v, "args");
	if (args && args->t != J_NULL) {
		if (args->t != J_ARR)
			return WERR(w, args, "\"args\" must be an array, not %s",
				    kabi_json_type_name(args->t));
		r->nargs = args->n;
	}
	return 0;
}

static void cond_free(kabi_seccomp_cond *c)
{
	kabi_strlist_free(&c->arches);
	kabi_strlist_free(&c->caps);
	free(c->min_kernel);
}

void kabi_seccomp_free(kabi_seccomp *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->nrules; i++) {
		kabi_seccomp_rule *r = &p->rules[i];

		kabi_strlist_free(&r->names);
		free(r->action);
		free(r->comment);
		cond_free(&r->includes);
		cond_free(&r->excludes);
	}
	for (i = 0; i < p->narch_map; i++) {
		free(p->arch_map[i].arch);
		kabi_strlist_free(&p->arch_map[i].sub);
	}
	free(p->rules);
	free(p->arch_map);
	kabi_strlist_free(&p->architectures);
	free(p->default_action);
	free(p->source);
	free(p);
}

static int walk_profile(const walker *w, const jval *top, kabi_seccomp *p)
{
	const jval *v;
	size_t i;
	int rc;

	if (top->t != J_OBJ)
		return WERR(w, top, "a seccomp profile must be an object, not %s",
			    kabi_json_type_name(top->t));
	if ((rc = want_str(w, top, "defaultAction", &p->default_action)) < 0 ||
	    (rc = want_uint(w, top, "defaultErrnoRet", &p->default_errno_ret)) < 0 ||
	    (rc = want_strlist(w, top, "architectures", &p->architectures)) < 0)
		return rc;
	v = kabi_json_get(top, "archMap");
	if (v && v->t != J_NULL) {
		if (v->t != J_ARR)
			return WERR(w, v, "\"archMap\" must be an array, not %s", kabi_json_type_name(v->t));
		p->arch_map = kabi_calloc(v->n, sizeof(*p->arch_map));
		for (i = 0; i < v->n; i++) {
			const jval *m = &v->kids[i];

			if (m->t != J_OBJ)
				return WERR(w, m, "an archMap entry must be an object, not %s",
					    kabi_json_type_name(m->t));
			p->narch_map++;
			if ((rc = want_str(w, m, "architecture", &p->arch_map[i].arch)) < 0 ||
			    (rc = want_strlist(w, m, "subArchitectures", &p->arch_map[i].sub)) < 0)
				return rc;
			if (!p->arch_map[i].arch)
				return WERR(w, m, "archMap entry without \"architecture\"");
		}
	}
	v = kabi_json_get(top, "syscalls");
	if (v && v->t != J_NULL) {
		if (v->t != J_ARR)
			return WERR(w, v, "\"syscalls\" must be an array, not %s", kabi_json_type_name(v->t));
		p->rules = kabi_calloc(v->n, sizeof(*p->rules));
		for (i = 0; i < v->n; i++) {
			p->nrules++;
			if ((rc = want_rule(w, &v->kids[i], &p->rules[i])) < 0)
				return rc;
		}
	}
	return 0;
}

int kabi_seccomp_parse(kabi_seccomp **out, const char *buf, size_t len, const char *name)
{
	walker w = {buf, name, len};
	jval top = {0};
	kabi_seccomp *p = NULL;
	int rc;

	*out = NULL;
	if ((rc = kabi_json_parse(&top, buf, len, name)) < 0)
		goto out;
	p = kabi_calloc(1, sizeof(*p));
	p->source = kabi_strdup(name);
	p->default_errno_ret = -1;
	if ((rc = walk_profile(&w, &top, p)) < 0)
		goto out;
	*out = p;
	p = NULL;
out:
	kabi_seccomp_free(p);
	kabi_json_free(&top);
	return rc;
}

int kabi_seccomp_load(kabi_seccomp **out, const char *path)
{
	char *buf;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = kabi_file_read(&buf, &len, path, MAX_PROFILE)) < 0) {
		if (rc == KABI_EINVALID) /* too large */
			kabi_error_set(rc, "%s, not a profile", kabi_error_last());
		return rc;
	}
	rc = kabi_seccomp_parse(out, buf, len, path);
	free(buf);
	return rc;
}

/* ---- semantics --------------------------------------------------------- */

/* SCMP_ARCH_ names and Docker's "arches" are columns of the ABI registry
 * (db/abi.c).  Docker compares includes/excludes "arches" with the daemon's
 * GOARCH, so an entry names a host and covers every ABI that host runs:
 * "amd64" covers the i386 and x32 compat ABIs too. */
const char *kabi_seccomp_arch_abi(const char *scmp_arch)
{
	const kabi_abi_info *a = kabi_abi_of_seccomp(scmp_arch);

	return a ? a->name : NULL;
}

int kabi_seccomp_action_allows(const char *action)
{
	return action && (strcmp(action, "SCMP_ACT_ALLOW") == 0 || strcmp(action, "SCMP_ACT_LOG") == 0);
}

int kabi_seccomp_default_allows(const kabi_seccomp *p)
{
	return kabi_seccomp_action_allows(p->default_action);
}

static int arch_entry_matches(const char *entry, const char *abi)
{
	const kabi_abi_info *abis, *me = kabi_abi_find(abi);
	const char *a;
	size_t i, n;

	if ((a = kabi_seccomp_arch_abi(entry)))
		return strcmp(a, abi) == 0;
	abis = kabi_abis(&n);
	for (i = 0; i < n; i++)
		if (kabi_abi_list_has(abis[i].docker, entry)) /* a Docker arch: the ABIs its hosts run */
			return me && kabi_abi_list_has(me->docker, entry);
	return strcmp(entry, abi) == 0;
}

static int list_has_arch(const kabi_strlist *l, const char *abi)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (arch_entry_matches(l->v[i], abi))
			return 1;
	return 0;
}

static int has_cap(const kabi_seccomp_query *q, const char *cap)
{
	size_t i;

	for (i = 0; i < q->ncaps; i++)
		if (strcmp(q->caps[i], cap) == 0)
			return 1;
	return 0;
}

/* kernel >= min; both already validated or the query's kernel. */
static int kernel_at_least(const char *kernel, const char *min)
{
	long a[3], b[3];
	int i;

	if (kernel_parse(kernel, a) < 0 || kernel_parse(min, b) < 0)
		return 0;
	for (i = 0; i < 3; i++)
		if (a[i] != b[i])
			return a[i] > b[i];
	return 1;
}

/* Does the rule apply to the query (moby's semantics)? */
static int rule_applies(const kabi_seccomp_rule *r, const kabi_seccomp_query *q)
{
	size_t i;

	if (r->includes.arches.n && !list_has_arch(&r->includes.arches, q->abi))
		return 0;
	for (i = 0; i < r->includes.caps.n; i++)
		if (!has_cap(q, r->includes.caps.v[i]))
			return 0;
	if (r->includes.min_kernel && q->kernel && !kernel_at_least(q->kernel, r->includes.min_kernel))
		return 0;
	if (r->excludes.arches.n && list_has_arch(&r->excludes.arches, q->abi))
		return 0;
	for (i = 0; i < r->excludes.caps.n; i++)
		if (has_cap(q, r->excludes.caps.v[i]))
			return 0;
	if (r->excludes.min_kernel && q->kernel && kernel_at_least(q->kernel, r->excludes.min_kernel))
		return 0;
	return 1;
}

/* Does the profile's architecture list cover abi?  No list = native only,
 * which we cannot know, so yes. */
static int profile_covers(const kabi_seccomp *p, const char *abi)
{
	size_t i, j;
	int any = 0;

	for (i = 0; i < p->architectures.n; i++, any = 1)
		if (arch_entry_matches(p->architectures.v[i], abi))
			return 1;
	for (i = 0; i < p->narch_map; i++, any = 1) {
		if (arch_entry_matches(p->arch_map[i].arch, abi))
			return 1;
		for (j = 0; j < p->arch_map[i].sub.n; j++)
			if (arch_entry_matches(p->arch_map[i].sub.v[j], abi))
				return 1;
	}
	return !any;
}

int kabi_seccomp_names(kabi_needs **out, const kabi_seccomp *p, const kabi_seccomp_query *q, int allow)
{
	kabi_strbuf why = KABI_STRBUF_INIT;
	kabi_needs *ns;
	long kv[3];
	size_t i, j;

	*out = NULL;
	if (!q->abi)
		return kabi_error_set(KABI_EINVALID, "seccomp query without an ABI");
	if (q->kernel && kernel_parse(q->kernel, kv) < 0)
		return kabi_error_set(KABI_EINVALID, "bad kernel version '%s'", q->kernel);
	if (!profile_covers(p, q->abi))
		return kabi_error_set(KABI_ENOTFOUND, "'%s': no architecture of the profile maps to ABI '%s'",
				      p->source, q->abi);
	ns = kabi_needs_new(q->abi, p->source);
	for (i = 0; i < p->nrules; i++) {
		const kabi_seccomp_rule *r = &p->rules[i];

		if (!kabi_seccomp_action_allows(r->action) != !allow || !rule_applies(r, q))
			continue;
		kabi_strbuf_reset(&why);
		kabi_strbuf_printf(&why, "'%s' rule %zu (offset %zu) %s%s", p->source, i, r->offset,
				   r->action, r->nargs ? " with argument filters" : "");
		for (j = 0; j < r->names.n; j++)
			kabi_needs_add(ns, NULL, r->names.v[j], -1, 1, why.buf);
	}
	kabi_strbuf_free(&why);
	*out = ns;
	return 0;
}
