#!/usr/bin/env python3
"""Side-by-side echo benchmark: several servers, one run, alternated, medians.

For every repetition, every cell of the matrix (connections x message size x active fraction)
and every server in the given order (A B C A B C ...), it starts the server on a fresh free
127.0.0.1 port, waits until it accepts, runs bench/c/echo_load against it (warm-up, then the
measured interval) and stops it. echo_load reads the server's utime+stime from /proc/PID/stat
at the two edges of the measured interval, so "server CPU per round trip" covers exactly the
round trips counted. With --perf, `perf stat -e raw_syscalls:sys_enter` counts the server's
system calls over the same interval (echo_load enables and disables it through a control fifo).

Writes one CSV row per run and prints a Markdown table of medians per (cell, server).
Python 3 standard library only. See bench/README.md.
"""
import argparse
import csv
import datetime
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
ECHO_LOAD = os.path.join(BENCH, "c", "echo_load")
KESTREL_DLL = os.path.join(BENCH, "KestrelEcho", "bin", "Release", "net10.0", "KestrelEcho.dll")

BUILTIN = {
    "c": "{bench}/c/echo_server {port}",
    "kestrel": "dotnet {bench}/KestrelEcho/bin/Release/net10.0/KestrelEcho.dll {port}",
}

CSV_FIELDS = ["server", "conns", "msg_bytes", "rep", "rtt_per_sec", "cpu_us_per_rtt", "p50_us", "p99_us",
              "active", "active_conns", "threads", "mode", "seconds", "round_trips", "server_cpu_s", "client_cpu_s",
              "syscalls_per_rtt", "machine_busy_s", "other_cpu_s", "steal_s", "errors", "status", "started_at"]

live = []  # Popen objects to kill on any exit: (proc, is_session_leader)
scratch = []  # temporary directories to remove on a signal


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- processes

def session_pids(sid):
    """Every live process whose session id is sid (the server and anything it forked)."""
    pids = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[3]) == sid:  # after ")": state ppid pgrp session ...
            pids.append(int(name))
    return sorted(pids)


def kill_session(proc, grace):
    """SIGTERM the server's process group, wait up to grace seconds, then SIGKILL the session."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            log(f"  server did not stop within {grace}s of SIGTERM: SIGKILL")
    for pid in session_pids(proc.pid):  # also children that left the process group
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def cleanup(*_):
    for proc, leader in list(live):
        if leader:
            kill_session(proc, 2)
        elif proc.poll() is None:
            proc.kill()
            proc.wait()
    live.clear()


def forget(proc):
    for entry in [e for e in live if e[0] is proc]:
        live.remove(entry)


def on_signal(signum, _frame):
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    log(f"signal {signum}: stopping every process started here")
    cleanup()
    for d in scratch:
        shutil.rmtree(d, ignore_errors=True)
    os._exit(128 + signum)


def free_port(taken):
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in taken:
            taken.add(port)
            return port


def accepts(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


# ---------------------------------------------------------------- build

def newer(target, *sources):
    return os.path.exists(target) and all(os.path.getmtime(target) >= os.path.getmtime(s) for s in sources)


def build(servers):
    for name, extra in (("echo_load", ["-pthread"]), ("echo_server", [])):
        src = os.path.join(BENCH, "c", name + ".c")
        out = os.path.join(BENCH, "c", name)
        if not newer(out, src):
            log(f"build: gcc -O2 {name}.c")
            subprocess.run(["gcc", "-O2", "-Wall", "-Wextra", *extra, "-o", out, src], check=True)
    if any("KestrelEcho" in cmd for _, cmd in servers):
        srcs = [os.path.join(BENCH, "KestrelEcho", f) for f in ("Program.cs", "KestrelEcho.csproj")]
        if not newer(KESTREL_DLL, *srcs):
            log("build: dotnet build -c Release bench/KestrelEcho")
            subprocess.run(["dotnet", "build", "-c", "Release", "-nologo", "-v", "quiet",
                            os.path.join(BENCH, "KestrelEcho")], check=True, stdout=subprocess.DEVNULL)


# ---------------------------------------------------------------- one run

def start_perf(pids, tmp):
    ctl, ack, out, err = (os.path.join(tmp, n) for n in ("perf.ctl", "perf.ack", "perf.out", "perf.err"))
    for fifo in (ctl, ack):
        if os.path.exists(fifo):
            os.unlink(fifo)
        os.mkfifo(fifo)
    errf = open(err, "w")
    proc = subprocess.Popen(["perf", "stat", "-e", "raw_syscalls:sys_enter", "-x,", "-o", out,
                             "-p", ",".join(map(str, pids)), "--control", f"fifo:{ctl},{ack}", "-D", "-1"],
                            stdout=subprocess.DEVNULL, stderr=errf)
    live.append((proc, False))
    deadline = time.time() + 15
    while time.time() < deadline:  # attached once it says so
        with open(err) as f:
            if "Events disabled" in f.read():
                return proc, f"{ctl},{ack}", out
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    raise RuntimeError("perf stat did not start: " + open(err).read().strip())


def stop_perf(proc, out):
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=10)
    forget(proc)
    with open(out) as f:
        for line in f:
            parts = line.strip().split(",")
            if len(parts) > 2 and parts[2].startswith("raw_syscalls:sys_enter") and parts[0].isdigit():
                return int(parts[0])
    return None


def run_one(args, name, cmd_template, ready_template, conns, size, active, rep, tmp):
    taken = set()
    port, aux = free_port(taken), free_port(taken)
    fmt = dict(port=port, aux_port=aux, bench=BENCH, root=ROOT)
    cmd = cmd_template.format(**fmt)
    row = dict(server=name, conns=conns, msg_bytes=size, rep=rep, active=active, threads=args.threads,
               mode="churn" if args.churn else "echo", status="ok",
               started_at=datetime.datetime.now().isoformat(timespec="seconds"))
    logfile = os.path.join(tmp, f"{name}.log")
    with open(logfile, "w") as lf:
        server = subprocess.Popen(["bash", "-c", cmd], cwd=ROOT, stdout=lf, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL, start_new_session=True)
    live.append((server, True))
    perf = None
    try:
        deadline = time.time() + args.start_timeout
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"server exited with {server.returncode} before accepting")
            if ready_template:
                ok = subprocess.run(["bash", "-c", ready_template.format(**fmt)], cwd=ROOT,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
            else:
                ok = accepts(port)
            if ok:
                break
            if time.time() > deadline:
                raise RuntimeError(f"server not ready after {args.start_timeout}s")
            time.sleep(0.05)
        pids = session_pids(server.pid)
        load = [ECHO_LOAD, "-p", str(port), "-c", str(conns), "-s", str(size), "-d", str(args.seconds),
                "-w", str(args.warmup), "-a", str(active), "-t", str(args.threads),
                "-P", ",".join(map(str, pids))]
        if args.churn:
            load.append("-C")
        if args.perf:
            perf, fifos, perf_out = start_perf(pids, tmp)
            load += ["-F", fifos]
        client = subprocess.Popen(load, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        live.append((client, False))
        try:
            stdout, stderr = client.communicate(timeout=args.warmup + args.seconds + 120)
        finally:
            if client.poll() is None:
                client.kill()
                client.wait()
            forget(client)
        kv = dict(p.split("=", 1) for p in stdout.split() if "=" in p)
        if client.returncode == 3 or "round_trips" not in kv:
            raise RuntimeError(f"echo_load exit {client.returncode}: {stderr.strip()[-500:]}")
        if client.returncode != 0:
            row["status"] = "errors"
            log(f"  echo_load: {stderr.strip()[-300:]}")
        for k in ("seconds", "round_trips", "rtt_per_sec", "p50_us", "p99_us", "errors",
                  "server_cpu_s", "client_cpu_s", "cpu_us_per_rtt", "machine_busy_s", "steal_s"):
            if k in kv:
                row[k] = kv[k]
        row["active_conns"] = kv.get("active", "")
        try:  # CPU the rest of the machine (co-tenants) used during the measured interval
            row["other_cpu_s"] = f"{float(kv['machine_busy_s']) - float(kv['server_cpu_s']) - float(kv['client_cpu_s']):.2f}"
        except (KeyError, ValueError):
            pass
        if perf:
            calls = stop_perf(perf, perf_out)
            perf = None
            rts = int(kv["round_trips"])
            row["syscalls_per_rtt"] = f"{calls / rts:.3f}" if calls is not None and rts else ""
        if server.poll() is not None:
            row["status"] = f"server exited ({server.returncode})"
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        row["status"] = "failed: " + str(e).replace("\n", " ")[:200]
        with open(logfile) as f:
            tail = f.read()[-800:]
        log(f"  {name}: {row['status']}\n  server log tail:\n{tail}")
    finally:
        if perf:
            perf.kill()
            perf.wait()
            forget(perf)
        kill_session(server, args.stop_timeout)
        forget(server)
    return row


# ---------------------------------------------------------------- summary

def num(row, key):
    try:
        return float(row[key])
    except (KeyError, ValueError, TypeError):
        return None


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, digits=0):
    return "–" if v is None else f"{v:,.{digits}f}"


def summary(rows, servers, baseline):
    names = [n for n, _ in servers]
    cells = sorted({(int(r["conns"]), int(r["msg_bytes"]), float(r["active"])) for r in rows})
    have_sys = any(r.get("syscalls_per_rtt") for r in rows)
    head = ["conns", "msg B", "active", "server", "runs", "round trips/s", "server CPU µs/rt",
            "p50 µs", "p99 µs", f"rt/s ÷ {baseline}", f"CPU/rt ÷ {baseline}", "others' cores"]
    if have_sys:
        head.insert(9, "syscalls/rt")
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---:" if i != 3 else "---" for i in range(len(head))) + "|"]
    for conns, size, active in cells:
        cell = [r for r in rows if (int(r["conns"]), int(r["msg_bytes"]), float(r["active"])) == (conns, size, active)]
        base = {r["rep"]: r for r in cell if r["server"] == baseline and r["status"] in ("ok",)}
        for name in names:
            rs = [r for r in cell if r["server"] == name and r["status"] == "ok"]
            n_all = len([r for r in cell if r["server"] == name])
            # Ratios are taken per repetition (the two runs were side by side), then the median.
            rt_ratio = med([num(r, "rtt_per_sec") / num(base[r["rep"]], "rtt_per_sec")
                            for r in rs if r["rep"] in base and num(base[r["rep"]], "rtt_per_sec")])
            cpu_ratio = med([num(r, "cpu_us_per_rtt") / num(base[r["rep"]], "cpu_us_per_rtt")
                             for r in rs if r["rep"] in base and num(r, "cpu_us_per_rtt") is not None
                             and num(base[r["rep"]], "cpu_us_per_rtt")])
            rtt = [num(r, "rtt_per_sec") for r in rs]
            cpu = [num(r, "cpu_us_per_rtt") for r in rs]
            spread = lambda xs, d: "" if len([x for x in xs if x is not None]) < 2 else \
                f" ({fmt(min(x for x in xs if x is not None), d)}–{fmt(max(x for x in xs if x is not None), d)})"
            cols = [str(conns), str(size), f"{active:g}", name, f"{len(rs)}/{n_all}",
                    fmt(med(rtt)) + spread(rtt, 0), fmt(med(cpu), 2) + spread(cpu, 2),
                    fmt(med([num(r, "p50_us") for r in rs])), fmt(med([num(r, "p99_us") for r in rs])),
                    fmt(rt_ratio, 2), fmt(cpu_ratio, 2),
                    fmt(med([num(r, "other_cpu_s") / num(r, "seconds") for r in rs
                             if num(r, "other_cpu_s") is not None and num(r, "seconds")]), 2)]
            if have_sys:
                cols.insert(9, fmt(med([num(r, "syscalls_per_rtt") for r in rs]), 2))
            lines.append("| " + " | ".join(cols) + " |")
    return "\n".join(lines)


# ---------------------------------------------------------------- main

def parse_servers(specs):
    servers = []
    for spec in specs:
        name, sep, cmd = spec.partition("=")
        name = name.strip()
        if not sep:
            if name not in BUILTIN:
                sys.exit(f"unknown built-in server {name!r}: use NAME=COMMAND (built-ins: {', '.join(BUILTIN)})")
            cmd = BUILTIN[name]
        if "{port}" not in cmd:
            sys.exit(f"server {name!r}: the command must contain {{port}}")
        if any(n == name for n, _ in servers):
            sys.exit(f"server {name!r} given twice")
        servers.append((name, cmd))
    return servers


def int_list(s):
    return [int(x) for x in s.split(",") if x]


def float_list(s):
    return [float(x) for x in s.split(",") if x]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--server", action="append", default=[], metavar="NAME[=CMD]",
                    help="a server: a built-in name (c, kestrel) or NAME='command with {port}'; repeat, "
                         "in run order. Default: c, kestrel, and engine=$ENGINE_CMD when that is set. "
                         "Placeholders: {port} {aux_port} (a second free port) {bench} {root}")
    ap.add_argument("--ready", action="append", default=[], metavar="NAME=CMD",
                    help="readiness check for NAME, polled until it exits 0 (default: a TCP connect to {port})")
    ap.add_argument("--conns", type=int_list, default=[100, 1000], help="connection counts (default 100,1000)")
    ap.add_argument("--sizes", type=int_list, default=[64, 4096], help="message sizes in bytes (default 64,4096)")
    ap.add_argument("--active", type=float_list, default=[1.0], help="active fractions (default 1)")
    ap.add_argument("--seconds", type=float, default=5, help="measured seconds per run (default 5)")
    ap.add_argument("--warmup", type=float, default=2, help="warm-up seconds per run (default 2)")
    ap.add_argument("--reps", type=int, default=3, help="repetitions (default 3)")
    ap.add_argument("--threads", type=int, default=1, help="echo_load threads (default 1)")
    ap.add_argument("--churn", action="store_true", help="a fresh connection per round trip (echo_load -C)")
    ap.add_argument("--perf", action="store_true",
                    help="count the server's system calls per round trip with perf stat (adds tracepoint overhead)")
    ap.add_argument("--baseline", help="server the ratio columns divide by (default: the first)")
    ap.add_argument("--csv", help="CSV output (default bench/results/echo-DATE.csv)")
    ap.add_argument("--start-timeout", type=float, default=60)
    ap.add_argument("--stop-timeout", type=float, default=10)
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--dry-run", action="store_true", help="print the plan and exit")
    args = ap.parse_args()

    specs = args.server or (["c", "kestrel"] + (["engine=" + os.environ["ENGINE_CMD"]] if os.environ.get("ENGINE_CMD") else []))
    servers = parse_servers(specs)
    ready = {}
    for spec in args.ready:
        name, _, cmd = spec.partition("=")
        if name not in dict(servers):
            sys.exit(f"--ready for unknown server {name!r}")
        ready[name] = cmd
    baseline = args.baseline or servers[0][0]
    cells = [(c, s, a) for c in args.conns for s in args.sizes for a in args.active]
    per_run = args.warmup + args.seconds + 3
    log(f"{len(servers)} servers x {len(cells)} cells x {args.reps} reps = {len(servers) * len(cells) * args.reps} runs, "
        f"about {len(servers) * len(cells) * args.reps * per_run / 60:.0f} min")
    for name, cmd in servers:
        log(f"  {name}: {cmd}" + (f"   (ready: {ready[name]})" if name in ready else ""))
    if args.dry_run:
        return
    if not args.no_build:
        build(servers)
    if args.perf and subprocess.run(["perf", "stat", "-e", "raw_syscalls:sys_enter", "true"],
                                    capture_output=True).returncode != 0:
        sys.exit("perf stat -e raw_syscalls:sys_enter does not work here (apt-get install -y linux-perf; run as root)")

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    csv_path = args.csv or os.path.join(BENCH, "results", datetime.datetime.now().strftime("echo-%Y%m%d-%H%M%S.csv"))
    os.makedirs(os.path.dirname(os.path.abspath(csv_path)), exist_ok=True)
    rows = []
    try:
        with open(csv_path, "w", newline="") as f, tempfile.TemporaryDirectory(prefix="echo-bench-") as tmp:
            out = csv.DictWriter(f, fieldnames=CSV_FIELDS, extrasaction="ignore")
            scratch.append(tmp)
            out.writeheader()
            for rep in range(1, args.reps + 1):
                for conns, size, active in cells:
                    for name, cmd in servers:  # A B C A B C ...: side by side in time
                        row = run_one(args, name, cmd, ready.get(name), conns, size, active, rep, tmp)
                        rows.append(row)
                        out.writerow(row)
                        f.flush()
                        log(f"rep {rep} conns {conns} size {size} active {active:g} {name}: "
                            f"{row.get('rtt_per_sec', '-')} rt/s, {row.get('cpu_us_per_rtt', '-')} us CPU/rt, "
                            f"p99 {row.get('p99_us', '-')} us"
                            + (f", {row['syscalls_per_rtt']} syscalls/rt" if row.get("syscalls_per_rtt") else "")
                            + ("" if row["status"] == "ok" else f"  [{row['status']}]"))
    finally:
        cleanup()
    log(f"CSV: {csv_path}")
    print(summary([{k: str(v) for k, v in r.items()} for r in rows], servers, baseline))
    if any(r["status"] != "ok" for r in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
