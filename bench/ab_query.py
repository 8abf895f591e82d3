#!/usr/bin/env python3
"""Before/after of two tweet-query binaries on one index, runs interleaved (A, B, A, B ...) so
that load weighs on both alike. Prints the median whole-process ms of each and their ratio.

    python3 bench/ab_query.py OLD NEW DB [REPS] -- ARGS... [-- ARGS...]

Each ARGS is one tweet-query command line after --db DB (e.g. search '#news' --count); the
outputs of OLD and NEW must be identical, or it says so.
"""
import statistics
import subprocess
import sys
import time


def main():
    argv = sys.argv[1:]
    split = argv.index("--")
    head, rest = argv[:split], argv[split + 1:]
    old, new, db = head[:3]
    reps = int(head[3]) if len(head) > 3 else 21
    cmds, cur = [], []
    for a in rest:
        if a == "--":
            cmds.append(cur)
            cur = []
        else:
            cur.append(a)
    cmds.append(cur)
    print("%-36s %10s %10s %8s" % ("command", "before ms", "after ms", "after/before"))
    for c in cmds:
        outs = [subprocess.run([b, "--db", db] + c, capture_output=True).stdout for b in (old, new)]
        same = "" if outs[0] == outs[1] else "  OUTPUT DIFFERS"
        t = {old: [], new: []}
        for _ in range(reps):
            for b in (old, new):
                s = time.perf_counter()
                subprocess.run([b, "--db", db] + c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                t[b].append((time.perf_counter() - s) * 1000)
        a, b = statistics.median(t[old]), statistics.median(t[new])
        print("%-36s %10.1f %10.1f %8.2f%s" % (" ".join(c)[:36], a, b, b / a, same))


if __name__ == "__main__":
    main()
