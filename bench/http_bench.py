#!/usr/bin/env python3
"""Side-by-side HTTP benchmark with wrk: the engine (in any configuration), nginx and Kestrel, one run,
alternated (A B C A B C ...), repeated, medians.

For every repetition, every (connections x path) cell and every server in the given order, it starts
the server on a fresh 127.0.0.1 port, waits until it answers, runs `wrk -t1 -cN -dS` against the path,
and reads the server's CPU (utime+stime of all its processes, from /proc) over the wrk run. Prints a
Markdown table of medians (requests/s, server CPU us per request, ratio to the baseline) and writes a CSV.

    bench/http_bench.py --server engine=... --server nginx --server kestrel [--conns 100,1000] [--paths /plaintext,/files/4k.txt]

Built-in servers: `nginx` (nginx-light, config generated: worker_processes auto, reuseport, sendfile on,
access_log off, `return 200` for /plaintext, the repository's www/ as root) and `kestrel`
(bench/KestrelPlaintext). Python 3 standard library only; loopback only.
"""
import argparse, csv, datetime, os, re, shutil, signal, socket, statistics, subprocess, sys, tempfile, time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
WWW = os.path.join(ROOT, "www")
TICK = os.sysconf("SC_CLK_TCK")

NGINX_CONF = """
worker_processes auto;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    include /etc/nginx/mime.types;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port} reuseport;
        root {www};
        location = /plaintext {{ default_type text/plain; return 200 "Hello, World!"; }}
    }}
}}
"""

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def builtin(name, tmp):
    if name == "nginx":
        return "nginx -g 'daemon off;' -c {tmp}/nginx-{port}.conf -p {tmp}"
    if name == "kestrel":
        return "dotnet {bench}/KestrelPlaintext/bin/Release/net10.0/KestrelPlaintext.dll {port} {www}"
    raise SystemExit(f"unknown built-in server {name}")

def session_pids(sid):
    pids = []
    for d in os.listdir("/proc"):
        if not d.isdigit(): continue
        try:
            with open(f"/proc/{d}/stat") as f: fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[3]) == sid: pids.append(int(d))
        except (OSError, IndexError, ValueError):
            pass
    return pids

def cpu_ticks(pids):
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/stat") as f: fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return total

def wait_http(port, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"GET /plaintext HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                if s.recv(64).startswith(b"HTTP/1.1 200"): return True
        except OSError:
            pass
        time.sleep(0.1)
    return False

def run_one(name, cmd, conns, path, seconds, tmp):
    port = free_port()
    with open(os.path.join(tmp, f"nginx-{port}.conf"), "w") as f:
        f.write(NGINX_CONF.format(tmp=tmp, port=port, www=WWW))
    full = cmd.format(port=port, aux_port=free_port(), bench=BENCH, root=ROOT, www=WWW, tmp=tmp)
    proc = subprocess.Popen(["bash", "-c", f"exec {full}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, cwd=ROOT)
    try:
        if not wait_http(port):
            return None
        # warm-up
        subprocess.run(["wrk", "-t1", f"-c{min(conns, 100)}", "-d1s", f"http://127.0.0.1:{port}{path}"], capture_output=True)
        pids = session_pids(proc.pid)
        before = cpu_ticks(pids)
        t0 = time.time()
        out = subprocess.run(["wrk", "-t1", f"-c{conns}", f"-d{seconds}s", "--latency", f"http://127.0.0.1:{port}{path}"],
                             capture_output=True, text=True).stdout
        elapsed = time.time() - t0
        cpu_s = (cpu_ticks(pids) - before) / TICK
        m = re.search(r"Requests/sec:\s+([\d.]+)", out)
        total = re.search(r"(\d+) requests in", out)
        errors = re.search(r"Socket errors: (.*)", out)
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
        p99_us = None
        if p99:
            v, unit = float(p99.group(1)), p99.group(2)
            p99_us = v * {"us": 1, "ms": 1000, "s": 1e6}[unit]
        rps = float(m.group(1)) if m else 0.0
        reqs = int(total.group(1)) if total else 0
        return {"rps": rps, "cpu_us_per_req": cpu_s * 1e6 / reqs if reqs else None, "p99_us": p99_us,
                "errors": (errors.group(1) if errors else "") + (f" non2xx {non2xx.group(1)}" if non2xx else "")}
    finally:
        try: os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError: pass
        try: proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL); proc.wait()

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", action="append", default=[], help="NAME=COMMAND with {port}, or nginx / kestrel")
    ap.add_argument("--conns", default="100,1000")
    ap.add_argument("--paths", default="/plaintext,/files/4k.txt")
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--baseline", default="nginx")
    ap.add_argument("--csv", default=os.path.join(BENCH, "results", f"http-{datetime.datetime.now():%Y%m%d-%H%M%S}.csv"))
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="http-bench-")
    servers = []
    for s in a.server or ["nginx", "kestrel"]:
        name, _, cmd = s.partition("=")
        servers.append((name, cmd or builtin(name, tmp)))
    os.makedirs(os.path.dirname(a.csv), exist_ok=True)
    rows = []
    for rep in range(1, a.reps + 1):
        for conns in [int(c) for c in a.conns.split(",")]:
            for path in a.paths.split(","):
                for name, cmd in servers:
                    r = run_one(name, cmd, conns, path, a.seconds, tmp)
                    row = {"server": name, "conns": conns, "path": path, "rep": rep, **(r or {"rps": 0, "cpu_us_per_req": None, "p99_us": None, "errors": "did not start"})}
                    rows.append(row)
                    print(f"rep {rep} c{conns} {path} {name}: {row['rps']:,.0f} req/s, cpu {row['cpu_us_per_req'] or 0:.2f} us/req {row['errors']}", flush=True)
    with open(a.csv, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys())); w.writeheader(); w.writerows(rows)
    print(f"CSV: {a.csv}")
    print("| conns | path | server | req/s (median, min-max) | server CPU µs/req | p99 µs | req/s ÷ " + a.baseline + " |")
    print("|---:|---|---|---:|---:|---:|---:|")
    for conns in [int(c) for c in a.conns.split(",")]:
        for path in a.paths.split(","):
            # ratios per repetition against the baseline of the same repetition, then the median of the ratios
            for name, _ in servers:
                mine = [r for r in rows if r["server"] == name and r["conns"] == conns and r["path"] == path]
                rps = [r["rps"] for r in mine]
                cpu = [r["cpu_us_per_req"] for r in mine if r["cpu_us_per_req"]]
                p99 = [r["p99_us"] for r in mine if r["p99_us"]]
                ratios = []
                for r in mine:
                    base = [b for b in rows if b["server"] == a.baseline and b["conns"] == conns and b["path"] == path and b["rep"] == r["rep"]]
                    if base and base[0]["rps"]: ratios.append(r["rps"] / base[0]["rps"])
                print(f"| {conns} | {path} | {name} | {statistics.median(rps):,.0f} ({min(rps):,.0f}–{max(rps):,.0f}) | "
                      f"{statistics.median(cpu) if cpu else float('nan'):.2f} | {statistics.median(p99) if p99 else float('nan'):,.0f} | "
                      f"{statistics.median(ratios) if ratios else float('nan'):.2f} |")
    shutil.rmtree(tmp, ignore_errors=True)

if __name__ == "__main__":
    main()
