/*
 * site_int.h - what the site's modules share: the catalog facts every page
 * needs, loaded once, and small helpers over libxml2's HTML tree.
 */
#ifndef KABI_SITE_INT_H
#define KABI_SITE_INT_H

#include <stdint.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "site.h"
#include "strbuf.h"

/* The strings are borrowed from the catalog handle. */
typedef struct {
	const char *name, *version;
	int64_t time;
	int events;
} site_release;

typedef struct {
	const char *name, *desc;
	int64_t base;
	int first_ord, last_ord; /* -1 when the ABI has no table */
	int rows_newest;         /* syscalls at its last table */
	unsigned char *tables;   /* tables[ord]: 1 when it has a table at ord; owned */
} site_abi;

typedef struct {
	kabi_catalog *cat; /* borrowed */
	const char *dir;
	site_release *rel; /* indexed by ord */
	int nrel;
	site_abi *abi; /* indexed by the reader's ABI position */
	int nabi;
	int nabi_now;       /* ABIs with a table at the newest release */
	const char **names; /* every syscall name with a page, sorted (borrowed) */
	int64_t *ids;       /* ids[i]: the catalog's id of names[i] */
	int nnames;
	kabi_site_stats *stats;
	kabi_progress_fn progress; /* may be NULL */
	void *progress_ctx;
	kabi_progress prog; /* the "pages" phase */
} site_ctx;

/* A page: <html><head>...</head><body data-root=ROOT> with the common
 * header (home link, search box) and returns the <div class="main"> to fill.
 * root is "" for pages in dir and "../" one level down. */
xmlNodePtr site_page(xmlDocPtr *doc, const char *title, const char *root);
/* Serialises doc as HTML into dir/relpath and frees it. */
int site_page_save(site_ctx *c, xmlDocPtr doc, const char *relpath);

/* <tag>text</tag> under parent (text escaped; NULL for none). */
xmlNodePtr site_el(xmlNodePtr parent, const char *tag, const char *text);
/* The same with a class attribute. */
xmlNodePtr site_elc(xmlNodePtr parent, const char *tag, const char *cls, const char *text);
xmlNodePtr site_link(xmlNodePtr parent, const char *href, const char *text);
void site_attr(xmlNodePtr node, const char *name, const char *value);
/* A <div class="scroll"><table> with a header row of the given columns. */
xmlNodePtr site_table(xmlNodePtr parent, const char *const *cols, size_t n);

/* A JSON string literal (also valid JavaScript) appended to sb. */
void site_js_str(kabi_strbuf *sb, const char *s);
/* Writes sb into dir/relpath. */
int site_save_buf(site_ctx *c, const char *relpath, const kabi_strbuf *sb);

/* "2023-01-02" from Unix seconds, into buf[11]. */
void site_date(char *buf, int64_t t);
/* 1 when name has a page (a safe name). */
int site_has_page(const char *name);

/* The pages and data, one module each. */
int site_write_abi_pages(site_ctx *c);
int site_write_syscall_pages(site_ctx *c);
int site_write_diff_pages(site_ctx *c);
int site_write_matrix_page(site_ctx *c);
int site_write_data(site_ctx *c);

/* Static assets (site_assets.c). */
extern const char kabi_site_css[];
extern const char kabi_site_js[];

#endif
