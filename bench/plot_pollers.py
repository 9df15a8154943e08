#!/usr/bin/env python3
"""Plots the demultiplexer benchmark (bench/echo_bench.py CSVs with servers named epoll, poll, select) as an SVG:
one panel per connection count, x = active fraction (log scale), y = server CPU per round trip (median over
repetitions), one line per backend. Python standard library only.

    bench/plot_pollers.py OUT.svg CSV [CSV...]
"""
import csv, math, statistics, sys
from collections import defaultdict

COLORS = {"epoll": "#1f77b4", "poll": "#ff7f0e", "select": "#2ca02c"}
W, H, PAD_L, PAD_R, PAD_T, PAD_B, GAP = 300, 260, 56, 12, 34, 46, 24

def main():
    out, files = sys.argv[1], sys.argv[2:]
    cells = defaultdict(list)  # (conns, server, active) -> [cpu]
    for f in files:
        for r in csv.DictReader(open(f)):
            if r.get("status", "ok") not in ("ok", "") or not r["cpu_us_per_rtt"] or float(r.get("rtt_per_sec") or 0) == 0:
                continue  # e.g. 1% of 10 connections: no active connection at all
            cells[(int(r["conns"]), r["server"], float(r["active"]))].append(float(r["cpu_us_per_rtt"]))
    conns = sorted({c for c, _, _ in cells})
    ymax = max(statistics.median(v) for v in cells.values()) * 1.1
    actives = sorted({a for _, _, a in cells})
    xs = lambda a: PAD_L + (math.log10(a) - math.log10(actives[0])) / (math.log10(actives[-1]) - math.log10(actives[0]) or 1) * (W - PAD_L - PAD_R)
    ys = lambda v: PAD_T + (1 - v / ymax) * (H - PAD_T - PAD_B)
    total_w = len(conns) * W + (len(conns) - 1) * GAP
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_w}" height="{H + 30}" font-family="sans-serif" font-size="11">',
           f'<rect width="100%" height="100%" fill="white"/>']
    for i, n in enumerate(conns):
        ox = i * (W + GAP)
        svg.append(f'<g transform="translate({ox},0)">')
        svg.append(f'<text x="{W/2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">{n} connections</text>')
        svg.append(f'<line x1="{PAD_L}" y1="{H-PAD_B}" x2="{W-PAD_R}" y2="{H-PAD_B}" stroke="black"/>')
        svg.append(f'<line x1="{PAD_L}" y1="{PAD_T}" x2="{PAD_L}" y2="{H-PAD_B}" stroke="black"/>')
        for k in range(6):
            v = ymax * k / 5
            svg.append(f'<line x1="{PAD_L-4}" y1="{ys(v):.1f}" x2="{W-PAD_R}" y2="{ys(v):.1f}" stroke="#ddd"/>')
            svg.append(f'<text x="{PAD_L-6}" y="{ys(v)+4:.1f}" text-anchor="end">{v:.0f}</text>')
        for a in actives:
            svg.append(f'<text x="{xs(a):.1f}" y="{H-PAD_B+16}" text-anchor="middle">{a*100:g}%</text>')
        svg.append(f'<text x="{W/2}" y="{H-8}" text-anchor="middle">active connections</text>')
        if i == 0:
            svg.append(f'<text x="14" y="{H/2}" text-anchor="middle" transform="rotate(-90 14 {H/2})">server CPU µs per round trip</text>')
        for server, color in COLORS.items():
            pts = [(xs(a), ys(statistics.median(cells[(n, server, a)]))) for a in actives if (n, server, a) in cells]
            if not pts:
                continue
            svg.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in pts)}"/>')
            for x, y in pts:
                svg.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{color}"/>')
        svg.append('</g>')
    lx = 10
    for server, color in COLORS.items():
        svg.append(f'<rect x="{lx}" y="{H+12}" width="12" height="4" fill="{color}"/><text x="{lx+16}" y="{H+18}">{server}</text>')
        lx += 70
    svg.append('</svg>')
    open(out, "w").write("\n".join(svg))
    print(f"wrote {out}")

if __name__ == "__main__":
    main()
