#!/usr/bin/env python3
"""Pivots BenchmarkDotNet's joined CSV into the per-structure tables of benchmarks-timers.md.

Usage: python3 bench/summarize.py bench/TimerBench/BenchmarkDotNet.Artifacts/results/*-report.csv
"""
import csv
import re
import sys

rows = list(csv.DictReader(open(sys.argv[1])))
SIZES = ["10K", "100K", "1M"]
SIZE_N = {"10000": "10K", "100000": "100K", "1000000": "1M"}


def ns(text):
    return float(text.replace(",", "").replace(" ns", "").strip())


table = {}  # (structure, op) -> size -> (mean, median, stddev, alloc)
for r in rows:
    typ, method = r["Type"], r["Method"]
    if typ.startswith("ThreadingTimer"):
        structure, size = "System.Threading.Timer", typ[len("ThreadingTimer"):]
    elif typ.startswith("Timers"):
        structure, size = r["Kind"], typ[len("Timers"):]
    else:
        structure, size = r["Kind"], SIZE_N[r["N"]]
    alloc = r["Allocated"].replace("0 B", "-") if r["Allocated"].strip() == "0 B" else r["Allocated"]
    table[(structure, method)] = table.get((structure, method), {})
    table[(structure, method)][size] = (ns(r["Mean"]), ns(r.get("Median") or r["Mean"]), ns(r["StdDev"]), alloc)

order_s = ["Wheel", "Heap", "List", "System.Threading.Timer"]
order_m = ["Add", "AddRandom", "Cancel", "Touch", "Expire", "CancelInOrder", "TouchInOrder"]
print("| Structure | Operation | 10^4 mean (median) | 10^5 mean (median) | 10^6 mean (median) | Allocated/op |")
print("|---|---|---:|---:|---:|---:|")
for s in order_s:
    for m in order_m:
        cells = table.get((s, m))
        if not cells:
            continue
        out = []
        allocs = set()
        for size in SIZES:
            if size in cells:
                mean, median, sd, alloc = cells[size]
                out.append(f"{mean:.1f} ns ({median:.1f})")
                allocs.add(alloc)
            else:
                out.append("n/a")
        print(f"| {s} | {m} | " + " | ".join(out) + f" | {' / '.join(sorted(allocs))} |")
