/*
 * walk.c - the commits of `to ^from`, the way git walks them (walk.h).
 *
 * libgit2's revwalk reads every commit of the range through its own odb
 * (a global lock, its object cache, a git_commit parsed in full) before
 * the first is returned, and the attribution then read each commit and
 * its parents again.  Here each commit is read once, through the pack
 * reader of harvest/odb.c or from the commit-graph file, into a table
 * that the walk and the attribution share.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "error.h"
#include "walk.h"

/* Flags of a commit during a walk (KABI_WALK_PARSED is walk.h's). */
#define SEEN          0x2u  /* queued once */
#define ADDED         0x4u  /* its parents were queued */
#define UNINTERESTING 0x8u  /* reachable from `from` */
#define BAD           0x10u /* could not be read */

/* Uninteresting commits popped after the queue held nothing else, as
 * git's and libgit2's SLOP: a commit dated before its parent (a clock
 * that went back) may still lead into the range. */
#define SLOP 5

/* The commit-graph file (https://git-scm.com/docs/commit-graph-format),
 * version 1, SHA-1, one file (no chain of split graphs). */
typedef struct {
	const unsigned char *map;
	size_t size;
	uint32_t n;                  /* commits */
	const unsigned char *fanout; /* 256 x 4 */
	const unsigned char *oids;   /* n x 20 */
	const unsigned char *data;   /* n x 36: tree, parent 1, parent 2, generation and date */
	const unsigned char *edges;  /* extra parents of octopus merges */
	size_t nedges;
} cgraph;

typedef struct {
	uint32_t c;
	uint64_t seq;
} qent;

struct kabi_walk {
	kabi_repo *repo;
	kabi_walk_commit *c;
	size_t n, a;
	uint32_t *parents;
	size_t npar, apar;
	uint32_t *slots; /* open addressing: index + 1, 0 empty */
	size_t nslots;
	qent *q; /* the date-ordered queue, a heap */
	size_t nq, aq;
	uint64_t seq;
	uint32_t *list, *stack, *order;
	size_t nlist, alist, nstack, astack, norder, aorder;
	cgraph graph;
	int has_graph;
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64(const unsigned char *p)
{
	return (uint64_t)be32(p) << 32 | be32(p + 4);
}

/* Maps and checks the commit-graph file; 0 when there is none usable. */
static int graph_open(cgraph *g, git_repository *repo)
{
	char path[4096];
	struct stat st;
	const unsigned char *m, *lookup;
	size_t nchunks, i, oidl = 0, oidf = 0, cdat = 0, edge = 0, edge_end = 0;
	int fd;

	memset(g, 0, sizeof(*g));
	if ((size_t)snprintf(path, sizeof(path), "%sobjects/info/commit-graph",
			     git_repository_commondir(repo)) >= sizeof(path))
		return 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	if (fstat(fd, &st) < 0 || st.st_size < 8 + 12 || (uint64_t)st.st_size > SIZE_MAX) {
		close(fd);
		return 0;
	}
	m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return 0;
	g->map = m;
	g->size = (size_t)st.st_size;
	/* "CGPH", version 1, SHA-1, chunks, no base graphs */
	if (memcmp(m, "CGPH", 4) != 0 || m[4] != 1 || m[5] != 1 || m[7] != 0)
		goto bad;
	nchunks = m[6];
	if (8 + (nchunks + 1) * 12 > g->size)
		goto bad;
	lookup = m + 8;
	for (i = 0; i < nchunks; i++) {
		uint32_t id = be32(lookup + i * 12);
		uint64_t off = be64(lookup + i * 12 + 4), end = be64(lookup + (i + 1) * 12 + 4);

		if (off > end || end > g->size)
			goto bad;
		switch (id) {
		case 0x4f494446: /* OIDF */
			if (end - off != 256 * 4)
				goto bad;
			oidf = (size_t)off;
			break;
		case 0x4f49444c: /* OIDL */
			oidl = (size_t)off;
			g->n = (uint32_t)((end - off) / 20);
			break;
		case 0x43444154: /* CDAT */
			cdat = (size_t)off;
			if ((end - off) % 36 != 0)
				goto bad;
			break;
		case 0x45444745: /* EDGE */
			edge = (size_t)off;
			edge_end = (size_t)end;
			break;
		}
	}
	if (!oidf || !oidl || !cdat || be32(m + oidf + 255 * 4) != g->n ||
	    cdat + (size_t)g->n * 36 > g->size || oidl + (size_t)g->n * 20 > g->size)
		goto bad;
	g->fanout = m + oidf;
	g->oids = m + oidl;
	g->data = m + cdat;
	if (edge) {
		g->edges = m + edge;
		g->nedges = (edge_end - edge) / 4;
	}
	return 1;
bad:
	munmap((void *)g->map, g->size);
	memset(g, 0, sizeof(*g));
	return 0;
}

/* The position of id in the graph, or -1. */
static int64_t graph_find(const cgraph *g, const unsigned char *id)
{
	uint32_t lo = id[0] ? be32(g->fanout + (id[0] - 1) * 4) : 0, hi = be32(g->fanout + id[0] * 4);

	if (hi > g->n || lo > hi)
		return -1;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = memcmp(g->oids + (size_t)mid * 20, id, 20);

		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int kabi_walk_new(kabi_walk **out, kabi_repo *repo)
{
	kabi_walk *w = kabi_calloc(1, sizeof(*w));

	w->repo = repo;
	w->has_graph = graph_open(&w->graph, kabi_repo_git(repo));
	*out = w;
	return 0;
}

void kabi_walk_free(kabi_walk *w)
{
	if (!w)
		return;
	if (w->has_graph)
		munmap((void *)w->graph.map, w->graph.size);
	free(w->c);
	free(w->parents);
	free(w->slots);
	free(w->q);
	free(w->list);
	free(w->stack);
	free(w->order);
	free(w);
}

int kabi_walk_has_graph(const kabi_walk *w)
{
	return w->has_graph;
}

const kabi_walk_commit *kabi_walk_at(const kabi_walk *w, uint32_t i)
{
	return &w->c[i];
}

const uint32_t *kabi_walk_parents(const kabi_walk *w)
{
	return w->parents;
}

static size_t id_hash(const git_oid *id)
{
	size_t h;

	memcpy(&h, id->id, sizeof(h));
	return h;
}

static void rehash(kabi_walk *w, size_t nslots)
{
	size_t i;

	free(w->slots);
	w->slots = kabi_calloc_written(nslots, sizeof(*w->slots));
	w->nslots = nslots;
	for (i = 0; i < w->n; i++) {
		size_t s = id_hash(&w->c[i].id) & (nslots - 1);

		while (w->slots[s])
			s = (s + 1) & (nslots - 1);
		w->slots[s] = (uint32_t)i + 1;
	}
}

/* The commit id's index, added (unread) when new. */
static uint32_t get(kabi_walk *w, const git_oid *id)
{
	size_t s;
	kabi_walk_commit *c;

	if ((w->n + 1) * 2 > w->nslots)
		rehash(w, w->nslots ? w->nslots * 2 : 1024);
	for (s = id_hash(id) & (w->nslots - 1); w->slots[s]; s = (s + 1) & (w->nslots - 1))
		if (git_oid_equal(&w->c[w->slots[s] - 1].id, id))
			return w->slots[s] - 1;
	KABI_ARRAY_GROW(w->c, w->n + 1, w->a);
	c = &w->c[w->n];
	memset(c, 0, sizeof(*c));
	git_oid_cpy(&c->id, id);
	w->slots[s] = (uint32_t)++w->n;
	return (uint32_t)(w->n - 1);
}

static void add_parent(kabi_walk *w, uint32_t ci, const git_oid *id)
{
	uint32_t p = get(w, id);

	KABI_ARRAY_GROW(w->parents, w->npar + 1, w->apar);
	w->parents[w->npar++] = p;
	w->c[ci].np++;
}

static int graph_parent(kabi_walk *w, uint32_t ci, uint32_t pos)
{
	git_oid id;

	if (pos >= w->graph.n)
		return -1;
	git_oid_fromraw(&id, w->graph.oids + (size_t)pos * 20);
	add_parent(w, ci, &id);
	return 0;
}

/* Reads commit ci from the commit-graph: 1 done, 0 not there, -1 bad. */
static int parse_graph(kabi_walk *w, uint32_t ci)
{
	const cgraph *g = &w->graph;
	const unsigned char *d;
	uint32_t p1, p2;
	int64_t pos = graph_find(g, w->c[ci].id.id);

	if (pos < 0)
		return 0;
	d = g->data + (size_t)pos * 36;
	git_oid_fromraw(&w->c[ci].tree, d);
	p1 = be32(d + 20);
	p2 = be32(d + 24);
	w->c[ci].time = (int64_t)(be64(d + 28) & (((uint64_t)1 << 34) - 1));
	w->c[ci].par = (uint32_t)w->npar;
	w->c[ci].np = 0;
	if (p1 != 0x70000000 && graph_parent(w, ci, p1) < 0)
		return -1;
	if (p2 == 0x70000000)
		return 1;
	if (!(p2 & 0x80000000))
		return graph_parent(w, ci, p2) < 0 ? -1 : 1;
	for (p2 &= 0x7fffffff; p2 < g->nedges; p2++) {
		uint32_t e = be32(g->edges + (size_t)p2 * 4);

		if (graph_parent(w, ci, e & 0x7fffffff) < 0)
			return -1;
		if (e & 0x80000000)
			return 1;
	}
	return -1;
}

/* Reads commit ci's object: tree, parents, committer time. */
static int parse_object(kabi_walk *w, uint32_t ci)
{
	git_object_t type;
	char *data;
	size_t len;
	const char *p, *end;
	git_oid id;
	int err = -1;

	if (kabi_repo_read(w->repo, &w->c[ci].id, &type, &data, &len) < 0)
		return -1;
	p = data;
	end = p + len;
	w->c[ci].par = (uint32_t)w->npar;
	w->c[ci].np = 0;
	if (type != GIT_OBJECT_COMMIT || end - p < 5 + GIT_OID_HEXSZ + 1 || strncmp(p, "tree ", 5) != 0 ||
	    git_oid_fromstrn(&w->c[ci].tree, p + 5, GIT_OID_HEXSZ) < 0)
		goto out;
	p += 5 + GIT_OID_HEXSZ + 1;
	while (end - p >= 7 + GIT_OID_HEXSZ + 1 && strncmp(p, "parent ", 7) == 0) {
		if (git_oid_fromstrn(&id, p + 7, GIT_OID_HEXSZ) < 0)
			goto out;
		add_parent(w, ci, &id);
		p += 7 + GIT_OID_HEXSZ + 1;
	}
	w->c[ci].time = kabi_commit_time(p, end);
	err = 0;
out:
	free(data);
	return err;
}

/* Reads commit ci once: 0, or -1 when it cannot be read. */
static int parse(kabi_walk *w, uint32_t ci)
{
	int r = 0;

	if (w->c[ci].flags & KABI_WALK_PARSED)
		return 0;
	if (w->c[ci].flags & BAD)
		return -1;
	if (w->has_graph && (r = parse_graph(w, ci)) < 0) {
		w->npar = w->c[ci].par; /* a damaged entry: read the object */
		w->c[ci].np = 0;
		r = 0;
	}
	if (r == 0)
		r = parse_object(w, ci) < 0 ? -1 : 1;
	if (r < 0) {
		w->npar = w->c[ci].par;
		w->c[ci].np = 0;
		w->c[ci].flags |= BAD;
		return -1;
	}
	w->c[ci].flags |= KABI_WALK_PARSED;
	return 0;
}

/* Newest first; of two as new, the one queued first. */
static int before(const kabi_walk *w, const qent *a, const qent *b)
{
	int64_t ta = w->c[a->c].time, tb = w->c[b->c].time;

	if (ta != tb)
		return ta > tb;
	return a->seq < b->seq;
}

static void q_put(kabi_walk *w, uint32_t c)
{
	size_t i;

	KABI_ARRAY_GROW(w->q, w->nq + 1, w->aq);
	i = w->nq++;
	w->q[i].c = c;
	w->q[i].seq = w->seq++;
	while (i > 0 && before(w, &w->q[i], &w->q[(i - 1) / 2])) {
		qent t = w->q[i];

		w->q[i] = w->q[(i - 1) / 2];
		w->q[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

static uint32_t q_pop(kabi_walk *w)
{
	uint32_t top = w->q[0].c;
	size_t i = 0;

	w->q[0] = w->q[--w->nq];
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		qent t;

		if (l < w->nq && before(w, &w->q[l], &w->q[m]))
			m = l;
		if (r < w->nq && before(w, &w->q[r], &w->q[m]))
			m = r;
		if (m == i)
			break;
		t = w->q[i];
		w->q[i] = w->q[m];
		w->q[m] = t;
		i = m;
	}
	return top;
}

/* Marks the ancestors of ci already read uninteresting (ci itself is). */
static void mark_parents_uninteresting(kabi_walk *w, uint32_t ci)
{
	size_t base = w->nstack, k;

	for (k = 0; k < w->c[ci].np; k++) {
		KABI_ARRAY_GROW(w->stack, w->nstack + 1, w->astack);
		w->stack[w->nstack++] = w->parents[w->c[ci].par + k];
	}
	while (w->nstack > base) {
		uint32_t c = w->stack[--w->nstack];

		if (w->c[c].flags & UNINTERESTING)
			continue;
		w->c[c].flags |= UNINTERESTING;
		for (k = 0; k < w->c[c].np; k++) {
			KABI_ARRAY_GROW(w->stack, w->nstack + 1, w->astack);
			w->stack[w->nstack++] = w->parents[w->c[c].par + k];
		}
	}
}

/* Queues ci's parents (reading them), passing on its colour. */
static int add_parents(kabi_walk *w, uint32_t ci)
{
	uint32_t k;

	if (w->c[ci].flags & ADDED)
		return 0;
	w->c[ci].flags |= ADDED;
	for (k = 0; k < w->c[ci].np; k++) {
		uint32_t p = w->parents[w->c[ci].par + k];

		if (w->c[ci].flags & UNINTERESTING) {
			w->c[p].flags |= UNINTERESTING;
			if (parse(w, p) == 0)
				mark_parents_uninteresting(w, p);
		} else if (parse(w, p) < 0) {
			return -1;
		}
		if (w->c[p].flags & SEEN)
			continue;
		w->c[p].flags |= SEEN;
		q_put(w, p);
	}
	return 0;
}

/* libgit2's still_interesting(): SLOP while the walk must go on. */
static int still_interesting(const kabi_walk *w, int64_t time, int slop)
{
	size_t i;

	if (!w->nq)
		return 0;
	if (time <= w->c[w->q[0].c].time)
		return SLOP;
	for (i = 0; i < w->nq; i++)
		if (!(w->c[w->q[i].c].flags & UNINTERESTING) || w->c[w->q[i].c].time > time)
			return SLOP;
	return slop - 1;
}

/* The range, in the order its commits were taken off the queue. */
static int limit(kabi_walk *w, uint32_t to)
{
	int64_t time = INT64_MAX;
	int slop = SLOP, first = 1;

	w->nlist = 0;
	while (first || w->nq) {
		uint32_t c = first ? to : q_pop(w);

		first = 0;
		if (add_parents(w, c) < 0)
			return -1;
		if (w->c[c].flags & UNINTERESTING) {
			mark_parents_uninteresting(w, c);
			if ((slop = still_interesting(w, time, slop)) != 0)
				continue;
			break;
		}
		time = w->c[c].time;
		KABI_ARRAY_GROW(w->list, w->nlist + 1, w->alist);
		w->list[w->nlist++] = c;
	}
	return 0;
}

/* git's sort_in_topological_order() in graph order (a stack), reversed:
 * the tips in the order the walk found them, each commit after all of
 * its children, then the whole turned round. */
static void topo_sort(kabi_walk *w)
{
	size_t i, k;

	for (i = 0; i < w->nlist; i++)
		w->c[w->list[i]].indeg = 1;
	for (i = 0; i < w->nlist; i++) {
		const kabi_walk_commit *c = &w->c[w->list[i]];

		for (k = 0; k < c->np; k++)
			if (w->c[w->parents[c->par + k]].indeg)
				w->c[w->parents[c->par + k]].indeg++;
	}
	w->nstack = 0;
	for (i = w->nlist; i-- > 0;)
		if (w->c[w->list[i]].indeg == 1) {
			KABI_ARRAY_GROW(w->stack, w->nstack + 1, w->astack);
			w->stack[w->nstack++] = w->list[i];
		}
	w->norder = 0;
	KABI_ARRAY_GROW(w->order, w->nlist, w->aorder);
	while (w->nstack) {
		uint32_t ci = w->stack[--w->nstack];
		kabi_walk_commit *c = &w->c[ci];

		for (k = 0; k < c->np; k++) {
			uint32_t p = w->parents[c->par + k];

			if (w->c[p].indeg && --w->c[p].indeg == 1) {
				KABI_ARRAY_GROW(w->stack, w->nstack + 1, w->astack);
				w->stack[w->nstack++] = p;
			}
		}
		c->indeg = 0;
		/* commits painted uninteresting after they were listed are not in the range */
		if (!(c->flags & UNINTERESTING))
			w->order[w->norder++] = ci;
	}
	for (i = 0; i < w->norder / 2; i++) {
		uint32_t t = w->order[i];

		w->order[i] = w->order[w->norder - 1 - i];
		w->order[w->norder - 1 - i] = t;
	}
}

static void reset(kabi_walk *w)
{
	size_t i, sl;

	/* Empties the id table: slot by slot when the last range was small
	 * (the first range, a whole history, grew it for good). */
	if (w->n * 8 < w->nslots) {
		for (i = 0; i < w->n; i++) {
			for (sl = id_hash(&w->c[i].id) & (w->nslots - 1); w->slots[sl] != i + 1;)
				sl = (sl + 1) & (w->nslots - 1);
			w->slots[sl] = 0;
		}
	} else if (w->slots) {
		memset(w->slots, 0, w->nslots * sizeof(*w->slots));
	}
	w->n = 0;
	w->npar = 0;
	w->nq = 0;
	w->seq = 0;
	w->nstack = 0;
	w->norder = 0;
}

int kabi_walk_range(kabi_walk *w, const git_oid *to, const git_oid *from, const uint32_t **order, size_t *n)
{
	char hex[GIT_OID_HEXSZ + 1];
	uint32_t ti, fi;

	reset(w);
	*order = w->order;
	*n = 0;
	ti = get(w, to);
	if (parse(w, ti) < 0)
		return kabi_error_set(KABI_EIO, "cannot walk history from %s",
				      git_oid_tostr(hex, sizeof(hex), to));
	w->c[ti].flags |= SEEN;
	if (from) {
		fi = get(w, from);
		if (parse(w, fi) < 0)
			return kabi_error_set(KABI_EIO, "cannot walk history from %s",
					      git_oid_tostr(hex, sizeof(hex), from));
		w->c[fi].flags |= UNINTERESTING;
		mark_parents_uninteresting(w, fi);
		if (!(w->c[fi].flags & SEEN)) {
			w->c[fi].flags |= SEEN;
			q_put(w, fi);
		}
	}
	if (limit(w, ti) < 0)
		return 0; /* a commit of the range cannot be read: nothing walked */
	topo_sort(w);
	*order = w->order;
	*n = w->norder;
	return 0;
}
