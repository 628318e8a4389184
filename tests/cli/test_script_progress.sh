#!/bin/bash
# scripts/progress.sh, the prepare-*.sh scripts' progress: step lines with
# their seconds, a ticker that says something every PROGRESS_INTERVAL
# seconds on stderr only, stops when told (its sleep with it), and stops by
# itself when the script that started it is killed.
. "$(dirname "$0")/../lib/testlib.sh"
LIB=$KABI_SRC/scripts/progress.sh

# gone PID: no such process, or a zombie (a container's init may never reap
# what is reparented to it)
gone() {
	local s
	s=$(ps -o stat= -p "$1" 2>/dev/null) || true
	[ -z "$s" ] || [ "${s#Z}" != "$s" ]
}

# run BODY: a script that sources the library (interval 1 s) and runs BODY;
# stdout to $T/out, stderr to $T/err.
run() {
	cat >"$T/s.sh" <<EOF
set -euo pipefail
say() { printf 'test: %s\n' "\$*" >&2; }
PROGRESS_INTERVAL=1
. '$LIB'
$1
EOF
	bash "$T/s.sh" >"$T/out" 2>"$T/err"
}

run 'step_begin "copying"; sleep 1.2; step_end "copied"; echo result'
eq "step lines: start, end with seconds" "$(sed 's/in [12] s$/in N s/' "$T/err")" "test: copying
test: copied in N s"
eq "stdout is the script's own" "$(cat "$T/out")" "result"

# A ticker over 3.5 s: about 3 lines (ticks at 1, 2, 3 s), each with what
# the command says then; none after it stops.
run 'echo 0 >"'"$T"'/n"
ticker_start "counting" cat "'"$T"'/n"
for i in 1 2 3; do sleep 1; echo $i >"'"$T"'/n"; done
sleep 0.5
ticker_stop
echo "$TICKER_PID." >"'"$T"'/pid"
sleep 1.5
echo done'
n=$(grep -c '^test:   counting: [0-3], [0-9]* s$' "$T/err")
ok "ticker: a line a second ($n in 3.5 s)" test "$n" -ge 2 -a "$n" -le 4
eq "ticker: only its lines on stderr" "$(grep -vc '^test:   counting: [0-3], [0-9]* s$' "$T/err")" 0
ok "ticker: the count moves" grep -q '^test:   counting: [1-3], ' "$T/err"
eq "ticker: stdout untouched" "$(cat "$T/out")" "done"
eq "ticker_stop forgets the ticker" "$(cat "$T/pid")" "."

# Stopped in the middle of its sleep: the subshell and its sleep are gone.
cat >"$T/stop.sh" <<EOF
set -euo pipefail
say() { printf 'test: %s\n' "\$*" >&2; }
PROGRESS_INTERVAL=30
. '$LIB'
ticker_start "long" true
sleep 0.5
echo \$TICKER_PID >'$T/tpid'
pgrep -P \$TICKER_PID >'$T/kids' || true
ticker_stop
sleep 0.2
EOF
bash "$T/stop.sh" 2>"$T/err"
ok "a ticker has a sleep while it waits" test -s "$T/kids"
ok "stopped: the ticker is gone" gone "$(cat "$T/tpid")"
for k in $(cat "$T/kids"); do
	ok "stopped: its sleep ($k) is gone, and reaped" bash -c "! kill -0 $k 2>/dev/null"
done
eq "stopped early: nothing said" "$(cat "$T/err")" ""

# The script killed with SIGKILL (no trap runs): the ticker notices at its
# next tick and ends without a word.
cat >"$T/kill.sh" <<EOF
set -euo pipefail
say() { printf 'test: %s\n' "\$*" >&2; }
PROGRESS_INTERVAL=1
. '$LIB'
ticker_start "orphan" echo tick
echo \$TICKER_PID >'$T/tpid'
sleep 1.5
kill -9 \$\$
EOF
(bash "$T/kill.sh" 2>"$T/err"; true) 2>/dev/null   # no "Killed" from this shell
sleep 1.8
ok "killed: the ticker ticked before" grep -q '^test:   orphan: tick, ' "$T/err"
ok "killed: the ticker is gone by its next tick" gone "$(cat "$T/tpid")"
eq "killed: it said nothing after" "$(grep -c orphan "$T/err")" 1

# Command substitution (how make and the tests call the scripts): the
# ticker does not hold the output open, stdout is only the script's.
start=$SECONDS
out=$(bash -c "say() { printf 'test: %s\n' \"\$*\" >&2; }; PROGRESS_INTERVAL=1; . '$LIB'; ticker_start x echo y; sleep 1.3; ticker_stop; echo KEY=value" 2>/dev/null)
eq "in \$(...): stdout is the script's" "$out" "KEY=value"
ok "in \$(...): returns when the script does" test $((SECONDS - start)) -le 2

ok "the scripts use it" grep -q 'progress.sh' "$KABI_SRC/scripts/prepare-debian-repo.sh" \
	"$KABI_SRC/scripts/prepare-cross-headers.sh"
finish
