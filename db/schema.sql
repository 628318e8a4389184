-- kabi catalog schema.  Documented in docs/schema.md; this file is embedded
-- into the binary.  Every harvest writes a fresh catalog into a temporary
-- file and renames it into place, so there are no migrations in place: a
-- catalog with another schema_version is rebuilt from its repository.
--
-- Positions: release.ord is the release's place in version order (0, 1, 2
-- ...), and spans and events refer to releases by ord, so "is X on ABI A at
-- release V" is one range lookup on an index.

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE release (
	ord         INTEGER PRIMARY KEY,   -- position in version order
	name        TEXT NOT NULL UNIQUE,  -- "v6.1.192": the tag, or v<Makefile version>
	version     TEXT NOT NULL,         -- "6.1.192", "6.2-rc3"
	sort_key    INTEGER NOT NULL,      -- numeric version key (kabi_version_key)
	major       INTEGER NOT NULL,
	minor       INTEGER NOT NULL,
	patch       INTEGER NOT NULL,      -- third number (2.6.32 -> 32; 6.1.192 -> 192)
	sublevel    INTEGER NOT NULL,      -- fourth number (2.6.32.71 -> 71)
	rc          INTEGER NOT NULL,      -- N for -rcN, 0 for a release
	line        TEXT NOT NULL,         -- "6.1": the release line it belongs to
	ref         TEXT NOT NULL,         -- the git ref it was read from
	commit_id   TEXT NOT NULL,
	commit_time INTEGER NOT NULL,      -- committer time, Unix seconds
	version_source TEXT NOT NULL,      -- 'ref' (from the name) or 'makefile'
	repository  TEXT NOT NULL,         -- the repository it was harvested from
	follows_prev INTEGER NOT NULL      -- 1 when no kernel release lies between the catalog's
	                                   -- previous release and this one (6.1 -> 6.2-rc1, 6.2 ->
	                                   -- 6.2.1; not 6.1 -> 6.12): what this one has and that one
	                                   -- lacked arrived here, not somewhere in between
);

CREATE TABLE abi (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL UNIQUE,  -- "x86_64", "mips-o32", ...
	arch        TEXT NOT NULL,         -- kernel arch directory
	bits        INTEGER NOT NULL,
	base        INTEGER NOT NULL,      -- added to table numbers: nr - base = table slot
	description TEXT NOT NULL
);

-- Where each ABI's table came from at each release (absent: no row).
CREATE TABLE abi_release (
	abi_id      INTEGER NOT NULL REFERENCES abi(id),
	ord         INTEGER NOT NULL REFERENCES release(ord),
	path        TEXT NOT NULL,         -- file the table was read from
	blob_id     TEXT NOT NULL,         -- git blob id of that file
	rows        INTEGER NOT NULL,      -- syscalls in the table (reserved slots included)
	implemented INTEGER NOT NULL,      -- of which implemented
	fingerprint INTEGER NOT NULL,      -- equal tables have equal fingerprints
	sig_fingerprint INTEGER,           -- of the signatures; NULL: none read (no C sources)
	PRIMARY KEY (abi_id, ord)
) WITHOUT ROWID;

-- What the harvest could not resolve when it read an ABI's table at a
-- release: an #include of the header that was not found ("#include
-- <asm/bitsperlong.h> not found (include/uapi/asm-generic/unistd.h:9)").
-- The table was read without it; its answers may depend on it.
CREATE TABLE harvest_note (
	abi_id      INTEGER NOT NULL REFERENCES abi(id),
	ord         INTEGER NOT NULL REFERENCES release(ord),
	note        TEXT NOT NULL,
	PRIMARY KEY (abi_id, ord)
) WITHOUT ROWID;

-- The lives of an ABI: releases first_ord..last_ord with a table, one
-- generation.  A new generation starts where the ABI has a table and the
-- release before has none (it was born, or came back: h8300 3.13 -> 4.2),
-- or a table of another numbering (most of the syscalls both have are
-- renumbered: a reborn port).  Its start is the ABI's abi_added, its end
-- (before the catalog's last release) its abi_removed: no per-syscall
-- 'removed' events there, and nothing renamed or renumbered across.
CREATE TABLE abi_generation (
	abi_id      INTEGER NOT NULL REFERENCES abi(id),
	generation  INTEGER NOT NULL,      -- 1, 2 ... in release order
	first_ord   INTEGER NOT NULL REFERENCES release(ord),
	last_ord    INTEGER NOT NULL REFERENCES release(ord),
	PRIMARY KEY (abi_id, generation)
) WITHOUT ROWID;

CREATE TABLE syscall (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE
);

-- A syscall on an ABI with constant number, entry points and implemented
-- flag over the releases first_ord..last_ord (both included, contiguous).
CREATE TABLE span (
	id           INTEGER PRIMARY KEY,
	abi_id       INTEGER NOT NULL REFERENCES abi(id),
	syscall_id   INTEGER NOT NULL REFERENCES syscall(id),
	nr           INTEGER NOT NULL,     -- as user space passes it (base included)
	entry        TEXT NOT NULL,        -- normalised entry point, '' when none
	compat_entry TEXT,                 -- '' when none or the same as entry; NULL: unknown (a
	                                   -- compat entry table that was not read)
	implemented  INTEGER,              -- 1 yes; 0 no: the slot exists but is sys_ni_syscall,
	                                   -- empty, or its entry is built nowhere for the arch
	                                   -- (span_why says why); NULL: unknown (the era's entry
	                                   -- table was not read)
	first_ord    INTEGER NOT NULL REFERENCES release(ord),
	last_ord     INTEGER NOT NULL REFERENCES release(ord)
);

-- Why a span is not implemented, or unknown, when its entry alone does not
-- say: "cond_syscall only: ...", "__ARCH_BROKEN_SYS_CLONE3: ...", "entry
-- table not read: ...".  No row: nothing to add to the entry.
CREATE TABLE span_why (
	span_id INTEGER PRIMARY KEY REFERENCES span(id),
	why     TEXT NOT NULL
);

-- The Kconfig options an implemented span is compiled under, when every
-- definition of its entry that the ABI may compile is built only under them
-- (schema 7): "CONFIG_FANOTIFY", "CONFIG_BPF && CONFIG_BPF_SYSCALL".  Read
-- from the Makefile lines (obj-$(CONFIG_X) += file.o, up the directories)
-- and the #ifdef CONFIG_X around the definition; options the ABI makes true
-- (64BIT, COMPAT for compat entries, the arch's selects) are left out.  No
-- row: no condition (or none that could be read).
CREATE TABLE span_config (
	span_id INTEGER PRIMARY KEY REFERENCES span(id),
	config  TEXT NOT NULL
);

-- A syscall's argument list on an ABI, constant (after normalisation) over
-- the releases first_ord..last_ord: the SYSCALL_DEFINEn /
-- COMPAT_SYSCALL_DEFINEn / asmlinkage definition of its entry point that
-- the ABI compiles.  text, file and line are those of first_ord.
CREATE TABLE signature (
	id           INTEGER PRIMARY KEY,
	abi_id       INTEGER NOT NULL REFERENCES abi(id),
	syscall_id   INTEGER NOT NULL REFERENCES syscall(id),
	args         TEXT NOT NULL,        -- normalised: "unsigned int, char *, size_t"
	text         TEXT NOT NULL,        -- as written: "unsigned int fd, char __user *buf, size_t count"
	file         TEXT NOT NULL,
	line         INTEGER NOT NULL,
	first_ord    INTEGER NOT NULL REFERENCES release(ord),
	last_ord     INTEGER NOT NULL REFERENCES release(ord)
);

-- What changed, derived from spans.  ord: the first release where the
-- change is visible; prev_ord: the release before it (NULL at the start of
-- the catalog).  Commit columns are filled by commit attribution.
CREATE TABLE event (
	id          INTEGER PRIMARY KEY,
	abi_id      INTEGER NOT NULL REFERENCES abi(id),
	syscall_id  INTEGER NOT NULL REFERENCES syscall(id),
	kind        TEXT NOT NULL CHECK (kind IN ('added', 'removed', 'renumbered',
	                'entry_changed', 'unimplemented', 'reimplemented', 'renamed',
	                'signature_changed')),
	ord         INTEGER NOT NULL REFERENCES release(ord),
	prev_ord    INTEGER REFERENCES release(ord),
	old_nr      INTEGER,
	new_nr      INTEGER,
	old_entry   TEXT,
	new_entry   TEXT,
	old_name    TEXT,                  -- 'renamed': the name before
	old_signature TEXT,                -- 'signature_changed': normalised args before
	new_signature TEXT,                -- and after
	commit_id   TEXT,
	commit_author TEXT,
	commit_time INTEGER,
	commit_subject TEXT
);

-- The harvest's own: the signature scan's view of the last release's tree
-- (which directories and .c files define no syscall, by name and git id;
-- harvest/sig_tree.h), so that the next harvest's scan of a new release
-- reads what changed since, not the whole tree.  At most one row; no query
-- reads it, and a catalog without it is only slower to extend.
CREATE TABLE scan_view (
	release     TEXT PRIMARY KEY,      -- release.name of the tree it describes
	data        BLOB NOT NULL          -- "kabi-scan-view 1", then zlib
) WITHOUT ROWID;

-- @indexes (created after the bulk load)
CREATE INDEX span_by_syscall ON span(abi_id, syscall_id, first_ord);
CREATE INDEX span_by_release ON span(abi_id, first_ord, last_ord);
CREATE INDEX event_by_syscall ON event(syscall_id, abi_id, ord);
CREATE INDEX event_by_release ON event(ord, abi_id);
CREATE INDEX signature_by_syscall ON signature(abi_id, syscall_id, first_ord);

-- Views for the common questions (see docs/schema.md for examples).

-- Every syscall on every ABI at every release (one row per release, ABI
-- and syscall): filter by release and abi.
CREATE VIEW syscalls_at AS
SELECT r.name AS release, r.version AS version, a.name AS abi, s.name AS syscall,
       sp.nr AS nr, sp.nr - a.base AS table_nr, sp.entry AS entry,
       sp.compat_entry AS compat_entry, sp.implemented AS implemented,
       (SELECT w.why FROM span_why w WHERE w.span_id = sp.id) AS why,
       (SELECT c.config FROM span_config c WHERE c.span_id = sp.id) AS config
FROM release r
JOIN span sp ON sp.first_ord <= r.ord AND sp.last_ord >= r.ord
JOIN abi a ON a.id = sp.abi_id
JOIN syscall s ON s.id = sp.syscall_id;

-- An ABI's syscall table at a release, with the dates of each row: the rule
-- of 'kabi table', the exports and the site, kept here once (db/read.c
-- runs this text; filter by ord or release, and abi_id or abi).
--   added      the latest 'added' or 'renamed' event up to the release: the
--              release that brought it under this name (for a syscall there
--              since the catalog's first release, that first release);
--   since      the latest 'added', 'renamed' or 'renumbered' event up to the
--              release: from when it has had this number;
--   added_known, since_known: 1 when that event dates the syscall: its
--              previous release is the one just before it in the catalog,
--              has a table of the ABI (a table that first appears in the
--              catalog, like arm's at 4.10, dates nothing), and no kernel
--              release lies between the two (release.follows_prev: in a
--              catalog of 6.1 and 6.12, what 6.12 has first came somewhere
--              in 6.2..6.12);
--   removed    the first 'removed' event after the release, if any.
-- The *_ord columns are the events' release positions.
CREATE VIEW syscall_table AS
SELECT r.ord AS ord, r.name AS release, a.id AS abi_id, a.name AS abi,
       s.id AS syscall_id, s.name AS syscall, sp.nr AS nr, sp.nr - a.base AS table_nr,
       sp.entry AS entry, sp.compat_entry AS compat_entry, sp.implemented AS implemented,
       ea.ord AS added_ord, ra.name AS added,
       coalesce(ea.prev_ord = ea.ord - 1 AND ra.follows_prev AND EXISTS (SELECT 1 FROM abi_release x
           WHERE x.abi_id = sp.abi_id AND x.ord = ea.prev_ord), 0) AS added_known,
       en.ord AS since_ord, rn.name AS since,
       coalesce(en.prev_ord = en.ord - 1 AND rn.follows_prev AND EXISTS (SELECT 1 FROM abi_release x
           WHERE x.abi_id = sp.abi_id AND x.ord = en.prev_ord), 0) AS since_known,
       er.ord AS removed_ord, rr.name AS removed,
       (SELECT w.why FROM span_why w WHERE w.span_id = sp.id) AS why,
       (SELECT c.config FROM span_config c WHERE c.span_id = sp.id) AS config
FROM release r
JOIN span sp ON sp.first_ord <= r.ord AND sp.last_ord >= r.ord
JOIN abi a ON a.id = sp.abi_id
JOIN syscall s ON s.id = sp.syscall_id
LEFT JOIN event ea ON ea.id = (SELECT e.id FROM event e WHERE e.syscall_id = sp.syscall_id
    AND e.abi_id = sp.abi_id AND e.kind IN ('added', 'renamed') AND e.ord <= r.ord
    ORDER BY e.ord DESC LIMIT 1)
LEFT JOIN release ra ON ra.ord = ea.ord
LEFT JOIN event en ON en.id = (SELECT e.id FROM event e WHERE e.syscall_id = sp.syscall_id
    AND e.abi_id = sp.abi_id AND e.kind IN ('added', 'renamed', 'renumbered') AND e.ord <= r.ord
    ORDER BY e.ord DESC LIMIT 1)
LEFT JOIN release rn ON rn.ord = en.ord
LEFT JOIN event er ON er.id = (SELECT e.id FROM event e WHERE e.syscall_id = sp.syscall_id
    AND e.abi_id = sp.abi_id AND e.kind = 'removed' AND e.ord > r.ord
    ORDER BY e.ord LIMIT 1)
LEFT JOIN release rr ON rr.ord = er.ord;

-- Events with names instead of ids.
CREATE VIEW events AS
SELECT e.id AS id, r.name AS release, p.name AS previous_release, a.name AS abi,
       s.name AS syscall, e.kind AS kind, e.old_nr AS old_nr, e.new_nr AS new_nr,
       e.old_entry AS old_entry, e.new_entry AS new_entry, e.old_name AS old_name,
       e.old_signature AS old_signature, e.new_signature AS new_signature,
       e.commit_id AS commit_id, e.commit_author AS commit_author,
       e.commit_time AS commit_time, e.commit_subject AS commit_subject, e.ord AS ord,
       (SELECT f.name FROM release f WHERE f.ord >= e.ord AND f.rc = 0 ORDER BY f.ord LIMIT 1)
           AS first_release,
       CASE WHEN r.rc > 0 THEN r.name END AS first_rc
FROM event e
JOIN release r ON r.ord = e.ord
LEFT JOIN release p ON p.ord = e.prev_ord
JOIN abi a ON a.id = e.abi_id
JOIN syscall s ON s.id = e.syscall_id;

-- Spans with names and release names.
CREATE VIEW spans AS
SELECT a.name AS abi, s.name AS syscall, sp.nr AS nr, sp.entry AS entry,
       sp.compat_entry AS compat_entry, sp.implemented AS implemented,
       f.name AS first_release, l.name AS last_release, sp.first_ord AS first_ord,
       sp.last_ord AS last_ord, (SELECT w.why FROM span_why w WHERE w.span_id = sp.id) AS why,
       (SELECT c.config FROM span_config c WHERE c.span_id = sp.id) AS config
FROM span sp
JOIN abi a ON a.id = sp.abi_id
JOIN syscall s ON s.id = sp.syscall_id
JOIN release f ON f.ord = sp.first_ord
JOIN release l ON l.ord = sp.last_ord;

-- Signatures with names.
CREATE VIEW signatures AS
SELECT a.name AS abi, s.name AS syscall, g.args AS args, g.text AS text, g.file AS file,
       g.line AS line, f.name AS first_release, l.name AS last_release, g.first_ord AS first_ord,
       g.last_ord AS last_ord
FROM signature g
JOIN abi a ON a.id = g.abi_id
JOIN syscall s ON s.id = g.syscall_id
JOIN release f ON f.ord = g.first_ord
JOIN release l ON l.ord = g.last_ord;
