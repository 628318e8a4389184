#!/bin/bash
# "In the table" is not "implemented" (issue 16, class 10): a syscall whose
# every definition is compiled only under a Kconfig option is "implemented
# if CONFIG_X", with the option recorded (span_config) and shown by table,
# show, check (still available, exit 0), the exports; an unconditional one
# has no condition.  The option comes from the definition's Makefile line
# (obj-$(CONFIG_X) += file.o), the Makefiles up the directories
# (obj-$(CONFIG_Y) += dir/) and an #ifdef CONFIG_X around the definition.
#
# The tree follows 6.12's shapes (our own words): fs/read_write.c built by
# obj-y; fs/notify/fanotify/ under CONFIG_FANOTIFY; ipc/msg.c under
# CONFIG_SYSVIPC; kernel/bpf/ under CONFIG_BPF, its syscall.o under
# CONFIG_BPF_SYSCALL; mm/memfd.c's definition in #ifdef CONFIG_MEMFD_CREATE;
# an object two lines list under two options (ipc/msgutil.o: no condition
# made up).  v1.1 changes Makefiles alone: fanotify/ becomes obj-y, and the
# top-level Kbuild puts ipc/ under CONFIG_IPC (which then holds for
# msgutil.o too: a step that cannot be read adds nothing, the others stay).
. "$(dirname "$0")/../lib/testlib.sh"
. "$KABI_SRC/tests/lib/commit.sh"
R="$T/repo"
git init -q "$R"
mkdir -p "$R/arch/x86/entry/syscalls" "$R/fs/notify/fanotify" "$R/ipc" "$R/kernel/bpf" "$R/mm"
printf 'VERSION = 1\nPATCHLEVEL = 0\nSUBLEVEL = 0\nEXTRAVERSION =\n' >"$R/Makefile"
printf '%s\n' '# 64-bit system call numbers' \
	'0	common	read			sys_read' \
	'1	common	write			sys_write' \
	'2	common	msgget			sys_msgget' \
	'3	common	bpf			sys_bpf' \
	'4	common	fanotify_init		sys_fanotify_init' \
	'5	common	memfd_create		sys_memfd_create' \
	'6	common	twice			sys_twice' \
	>"$R/arch/x86/entry/syscalls/syscall_64.tbl"
def() { # def FILE NAME: a SYSCALL_DEFINE1 of NAME appended to FILE
	printf 'SYSCALL_DEFINE1(%s, int, fd)\n{\n\treturn 0;\n}\n\n' "$2" >>"$R/$1"
}
cat >"$R/Kbuild" <<'K'
# SPDX-License-Identifier: GPL-2.0
obj-y			+= init/
obj-y			+= arch/$(SRCARCH)/
obj-y			+= kernel/
obj-y			+= mm/
obj-y			+= fs/
obj-y			+= ipc/
K
printf 'obj-y :=\topen.o read_write.o file_table.o \\\n\t\tsuper.o\n\nobj-y\t\t\t\t+= notify/\n' >"$R/fs/Makefile"
printf 'obj-y\t\t\t+= dnotify/\nobj-y\t\t\t+= fanotify/\n' >"$R/fs/notify/Makefile"
printf 'obj-$(CONFIG_FANOTIFY)\t\t+= fanotify.o fanotify_user.o\n' >"$R/fs/notify/fanotify/Makefile"
printf '%s\n' 'obj-$(CONFIG_SYSVIPC_COMPAT) += compat.o' \
	'obj-$(CONFIG_SYSVIPC) += util.o msgutil.o msg.o sem.o' \
	'obj-$(CONFIG_POSIX_MQUEUE) += mqueue.o msgutil.o' >"$R/ipc/Makefile"
printf 'obj-y     = fork.o exec_domain.o\nobj-$(CONFIG_BPF) += bpf/\n' >"$R/kernel/Makefile"
printf 'obj-y := core.o\nobj-$(CONFIG_BPF_SYSCALL) += syscall.o verifier.o\n' >"$R/kernel/bpf/Makefile"
printf 'obj-y\t\t\t:= filemap.o memfd.o\n' >"$R/mm/Makefile"
def fs/read_write.c read
def fs/read_write.c write
def fs/notify/fanotify/fanotify_user.c fanotify_init
def ipc/msg.c msgget
def ipc/msgutil.c twice
def kernel/bpf/syscall.c bpf
printf '#ifdef CONFIG_MEMFD_CREATE\nSYSCALL_DEFINE1(memfd_create, int, fd)\n{\n\treturn 0;\n}\n#endif\n' >"$R/mm/memfd.c"
commit_release "$R" v1.0 "2024-01-01T00:00:00Z"

# v1.1: Makefiles alone change
printf 'VERSION = 1\nPATCHLEVEL = 1\nSUBLEVEL = 0\nEXTRAVERSION =\n' >"$R/Makefile"
printf 'obj-y\t\t+= fanotify.o fanotify_user.o\n' >"$R/fs/notify/fanotify/Makefile"
sed -i 's|^obj-y\t\t\t+= ipc/|obj-$(CONFIG_IPC)\t+= ipc/|' "$R/Kbuild"
commit_release "$R" v1.1 "2024-03-01T00:00:00Z"

export KABI_DB="$T/k.db"
"$KABI" harvest "$R" --quiet 2>"$T/err"
eq "harvest" "$?" 0

cfg() { sqlite3 "$KABI_DB" "SELECT syscall || ' ' || coalesce(config, '-') FROM syscalls_at WHERE release = '$1' AND abi = 'x86_64' ORDER BY nr"; }
eq "v1.0: the conditions, and none where there is none" "$(cfg v1.0)" \
	"read -
write -
msgget CONFIG_SYSVIPC
bpf CONFIG_BPF && CONFIG_BPF_SYSCALL
fanotify_init CONFIG_FANOTIFY
memfd_create CONFIG_MEMFD_CREATE
twice -"
eq "v1.1: a Makefile's change is seen, the parent's too" "$(cfg v1.1)" \
	"read -
write -
msgget CONFIG_IPC && CONFIG_SYSVIPC
bpf CONFIG_BPF && CONFIG_BPF_SYSCALL
fanotify_init -
memfd_create CONFIG_MEMFD_CREATE
twice CONFIG_IPC"
eq "implemented stays yes" \
	"$(sqlite3 "$KABI_DB" "SELECT count(*) FROM syscalls_at WHERE abi = 'x86_64' AND implemented <> 1")" "0"
eq "schema 7" "$(sqlite3 "$KABI_DB" "SELECT value FROM meta WHERE key = 'schema_version'")" "7"

# the same answers from an incremental harvest (v1.0, then v1.1)
"$KABI" harvest "$R" --refs v1.0 --db "$T/inc.db" --quiet 2>/dev/null &&
	"$KABI" harvest "$R" --db "$T/inc.db" --quiet 2>/dev/null
eq "incremental harvest: the same span_config" \
	"$(sqlite3 "$T/inc.db" "SELECT release, syscall, config FROM syscalls_at WHERE config IS NOT NULL ORDER BY 1, 2")" \
	"$(sqlite3 "$KABI_DB" "SELECT release, syscall, config FROM syscalls_at WHERE config IS NOT NULL ORDER BY 1, 2")"

# table: text says it in the implemented column; csv and json at the end
"$KABI" table --abi x86_64 --at v1.0 >"$T/out"
ok "table: fanotify_init implemented if CONFIG_FANOTIFY" grep -qE "^ *4 +fanotify_init +sys_fanotify_init +if CONFIG_FANOTIFY " "$T/out"
ok "table: read implemented yes" grep -qE "^ *0 +read +sys_read +yes " "$T/out"
"$KABI" table --abi x86_64 --at v1.0 --format csv >"$T/csv"
eq "table csv: the header ends with why,config" "$(head -1 "$T/csv")" \
	"nr,name,entry,compat_entry,implemented,added,removed,private,why,config"
eq "table csv: bpf is 1 with its options last" "$(grep ',bpf,' "$T/csv")" \
	"3,bpf,sys_bpf,,1,<=v1.0,,0,,CONFIG_BPF && CONFIG_BPF_SYSCALL"
eq "table csv: read has none" "$(grep ',read,' "$T/csv")" "0,read,sys_read,,1,<=v1.0,,0,,"
"$KABI" table --abi x86_64 --at v1.0 --format json >"$T/json"
ok "table json: config of fanotify_init" grep -q '"name": "fanotify_init".*"implemented": true.*"config": "CONFIG_FANOTIFY"' "$T/json"
ok "table json: config null for read" grep -q '"name": "read".*"config": null' "$T/json"
"$KABI" table --abi x86_64 --at v1.0 --signatures --format csv >"$T/csvs"
ok "table --signatures csv: config last" grep -q ',CONFIG_FANOTIFY$' "$T/csvs"

# check: available (exit 0), the condition visible
"$KABI" check --kernel v1.0 --abi x86_64 fanotify_init read >"$T/out" 2>&1
eq "check fanotify_init read: runs (exit 0)" "$?" 0
ok "check: available if CONFIG_FANOTIFY" grep -qE "^fanotify_init +available if CONFIG_FANOTIFY " "$T/out"
ok "check: read available" grep -qE "^read +available " "$T/out"
eq "check: the verdict says it runs, and under which option" "$(tail -1 "$T/out")" \
	"x86_64 at v1.0: runs: all 2 syscalls available; 1 only in kernels built with CONFIG_FANOTIFY (fanotify_init)"
"$KABI" check --kernel v1.0 --abi x86_64 fanotify_init bpf read >"$T/out" 2>&1
eq "check: several options, most syscalls first, then by name" "$(tail -1 "$T/out")" \
	"x86_64 at v1.0: runs: all 3 syscalls available; 2 only in kernels built with: CONFIG_BPF && CONFIG_BPF_SYSCALL (bpf), CONFIG_FANOTIFY (fanotify_init)"
"$KABI" check --kernel v1.0 --abi x86_64 read >"$T/out" 2>&1
eq "check: no option, nothing said" "$(tail -1 "$T/out")" "x86_64 at v1.0: runs: the 1 syscall is available"
"$KABI" check --kernel v1.0 --abi x86_64 fanotify_init --format csv >"$T/csv" 2>&1
ok "check csv: status available, config last" grep -qE "^fanotify_init,available,.*,CONFIG_FANOTIFY$" "$T/csv"

# show: the spans and --at
"$KABI" show fanotify_init >"$T/out"
ok "show: the v1.0 span implemented if CONFIG_FANOTIFY" grep -qE "^x86_64 +4 +sys_fanotify_init +if CONFIG_FANOTIFY " "$T/out"
ok "show: the v1.1 span implemented yes" grep -qE "^x86_64 +4 +sys_fanotify_init +yes " "$T/out"
"$KABI" show fanotify_init --format csv >"$T/csv"
ok "show csv: config last" grep -q ',CONFIG_FANOTIFY$' "$T/csv"
"$KABI" show msgget --at v1.1 >"$T/out"
ok "show --at: available if CONFIG_IPC && CONFIG_SYSVIPC" grep -qE "^x86_64 +available if CONFIG_IPC && CONFIG_SYSVIPC +2" "$T/out"
"$KABI" show msgget --at v1.1 --format csv >"$T/csv"
ok "show --at csv: available, config last" grep -q '^x86_64,available,2,,CONFIG_IPC && CONFIG_SYSVIPC$' "$T/csv"

# exports
"$KABI" export --format csv --abi x86_64 --at v1.0 >"$T/csv"
eq "export csv: bpf with its options" "$(grep ',bpf,' "$T/csv")" \
	"3,bpf,sys_bpf,,1,<=v1.0,,0,,CONFIG_BPF && CONFIG_BPF_SYSCALL"
"$KABI" export --format json --abi x86_64 --at v1.0 >"$T/json"
ok "export json: config" grep -q '"config": "CONFIG_MEMFD_CREATE"' "$T/json"
finish
