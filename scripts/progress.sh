# progress.sh - progress on stderr for the long steps of the prepare-*.sh
# scripts (sourced; they define say()).  Nothing goes to stdout, which those
# scripts print for `eval`.
#
#   step_begin WHAT        says WHAT and starts the step's clock
#   step_end WHAT          says "WHAT in N s"
#   ticker_start LABEL CMD...
#                          every $PROGRESS_INTERVAL seconds (default 10) until
#                          ticker_stop, says "  LABEL: <CMD's output>, N s"
#   ticker_stop            stops it (also call it from the EXIT trap)
#
# The ticker is a background subshell that also stops by itself once the
# script that started it is gone, so a `kill -9` of the script leaves at
# most one more sleep behind, and never a line.

PROGRESS_INTERVAL=${PROGRESS_INTERVAL:-10}
STEP_START=$SECONDS
TICKER_PID=

step_begin() {
	STEP_START=$SECONDS
	say "$*"
}

step_end() {
	say "$* in $((SECONDS - STEP_START)) s"
}

ticker_start() {
	local label=$1 start=$SECONDS parent=$$
	shift
	ticker_stop
	(
		s=
		# Stopped while sleeping: the sleep goes too (reaped here: the
		# init of a container may never reap it).
		trap '[ -n "$s" ] && kill "$s" 2>/dev/null && wait "$s"; exit 0' TERM
		while :; do
			sleep "$PROGRESS_INTERVAL" &
			s=$!
			wait "$s" || true
			s=
			kill -0 "$parent" 2>/dev/null || exit 0
			say "  $label: $("$@" 2>/dev/null), $((SECONDS - start)) s"
		done
	) </dev/null >&2 &
	TICKER_PID=$!
}

ticker_stop() {
	[ -n "$TICKER_PID" ] || return 0
	kill "$TICKER_PID" 2>/dev/null || true
	wait "$TICKER_PID" 2>/dev/null || true
	TICKER_PID=
}
