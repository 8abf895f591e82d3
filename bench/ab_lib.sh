# Sourced by the A/B scripts (ab_write_path.sh, ab_append.sh): what they share.

# ab_variants BASELINE_COMMAND 'LABEL=COMMAND' ...: sets LABELS and COMMANDS, FTS5 first.
ab_variants() {
    LABELS=(FTS5)
    COMMANDS=("$1")
    shift
    local v
    for v in "$@"; do
        LABELS+=("${v%%=*}")
        COMMANDS+=("${v#*=}")
    done
}

# The median of the numbers on standard input, one a line.
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }
