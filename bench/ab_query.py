#!/usr/bin/env python3
"""Before/after of two tweet-query binaries on one index, runs interleaved (A, B, A, B ...) so
that load weighs on both alike. Prints the median whole-process ms of each and their ratio, in
wall time and in CPU time (user + system: steadier than wall time on a busy machine).

    python3 bench/ab_query.py OLD NEW DB [REPS] -- ARGS... [-- ARGS...]

Each ARGS is one tweet-query command line after --db DB (e.g. search '#news' --count); the
outputs of OLD and NEW must be identical, or it says so. OLD or NEW written BINARY@INDEX runs on
an index of its own (two builds whose index formats differ, each on the index it wrote).
"""
import resource
import statistics
import subprocess
import sys
import time


def main():
    argv = sys.argv[1:]
    split = argv.index("--")
    head, rest = argv[:split], argv[split + 1:]
    old, new, db = head[:3]
    dbs = {}
    for b in (old, new):
        binary, _, own = b.partition("@")
        dbs[b] = (binary, own or db)
    reps = int(head[3]) if len(head) > 3 else 21
    cmds, cur = [], []
    for a in rest:
        if a == "--":
            cmds.append(cur)
            cur = []
        else:
            cur.append(a)
    cmds.append(cur)
    print("%-36s %9s %9s %6s %9s %9s %6s" % ("command", "before ms", "after ms", "ratio", "cpu ms", "cpu ms", "ratio"))
    for c in cmds:
        outs = [subprocess.run([dbs[b][0], "--db", dbs[b][1]] + c, capture_output=True).stdout for b in (old, new)]
        same = "" if outs[0] == outs[1] else "  OUTPUT DIFFERS"
        wall = {old: [], new: []}
        cpu = {old: [], new: []}
        for _ in range(reps):
            for b in (old, new):
                r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                s = time.perf_counter()
                subprocess.run([dbs[b][0], "--db", dbs[b][1]] + c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                wall[b].append((time.perf_counter() - s) * 1000)
                r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[b].append((r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000)
        a, b = statistics.median(wall[old]), statistics.median(wall[new])
        ca, cb = statistics.median(cpu[old]), statistics.median(cpu[new])
        print("%-36s %9.1f %9.1f %6.2f %9.1f %9.1f %6.2f%s" % (" ".join(c)[:36], a, b, b / a, ca, cb, cb / ca, same))


if __name__ == "__main__":
    main()
