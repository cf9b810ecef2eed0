#!/usr/bin/env python3
"""First paint of compose-dashboard in a real X window (issue 14).

Starts Xvfb once, then launches the dashboard RUNS times per target (after one untimed warm-up
that also creates the demo database) with COMPOSE_MEASURE_FIRST_PAINT set to the launch time
(CLOCK_REALTIME, ns) and COMPOSE_MEASURE_EXIT=1. The app (app/firstpaintprobe.cpp) prints the
time from that launch to the funnel and the first list page painted, and the longest gap of a
1 ms UI-thread heartbeat from QApplication until then and until --after-ms after it (also
without the time the thread waited for a core, from /proc/thread-self/schedstat); --gaps lists
every gap of 8 ms or more with the time it ended, the UI thread's CPU in it and what ran in it
(start-up steps, paints, exposes, layouts, list inserts), and each start-up step's CPU. Prints one line per target, "ok" when the slowest run is under
300 ms and no gap reached 16 ms, the stages of the median run and the load average.

  tests/bench/first-paint.py --build build --demo --url postgresql://postgres@127.0.0.1:PORT/db
"""
import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time


def free_display():
    for n in range(140, 400):
        if not os.path.exists(f"/tmp/.X11-unix/X{n}") and not os.path.exists(f"/tmp/.X{n}-lock"):
            return n
    raise SystemExit("no free X display")


def run_once(binary, args, display, home, after_ms, timeout=60):
    env = dict(os.environ)
    env.update({
        "DISPLAY": f":{display}",
        "QT_QPA_PLATFORM": "xcb",
        "HOME": home,
        "XDG_CONFIG_HOME": os.path.join(home, ".config"),
        "XDG_DATA_HOME": os.path.join(home, ".local/share"),
        "COMPOSE_MEASURE_EXIT": "1",
        "COMPOSE_MEASURE_AFTER_MS": str(after_ms),
    })
    env["COMPOSE_MEASURE_FIRST_PAINT"] = str(time.time_ns())
    p = subprocess.Popen([binary] + args, env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    values = {"gaps": []}
    try:
        out, _ = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        out, _ = p.communicate()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[0] == "gap":
            # gap <end ms> <length ms> <CPU ms> [what ran in it]
            values["gaps"].append((float(parts[1]), float(parts[2]), float(parts[3]),
                                   " ".join(parts[4:])))
        elif len(parts) == 3 and parts[0] == "cpu":
            values.setdefault("cpu", {})[parts[1]] = float(parts[2])
        elif len(parts) == 2:
            try:
                values[parts[0]] = float(parts[1])
            except ValueError:
                pass
    return values


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--demo", action="store_true")
    ap.add_argument("--url", action="append", default=[], help="postgresql:// or sqlite URL")
    ap.add_argument("--after-ms", type=int, default=2500,
                    help="keep watching the UI thread this long after the first paint")
    ap.add_argument("--gaps", action="store_true",
                    help="print every UI-thread gap >= 8 ms of each run "
                    "(ms since launch at its end: length, the UI thread's CPU ms in it)")
    a = ap.parse_args()
    binary = os.path.join(a.build, "app", "compose-dashboard")
    if not os.access(binary, os.X_OK):
        raise SystemExit(f"{binary} not found: build first")
    display = free_display()
    xvfb = subprocess.Popen(["Xvfb", f":{display}", "-screen", "0", "1366x768x24", "-nolisten",
                             "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    home = tempfile.mkdtemp(prefix="compose-first-paint-")
    try:
        for _ in range(100):
            if os.path.exists(f"/tmp/.X11-unix/X{display}"):
                break
            time.sleep(0.05)
        targets = []
        if a.demo:
            targets.append(("demo (SQLite, DemoData)", ["--demo"]))
        for url in a.url:
            targets.append((url.split("@")[-1], ["--database-url", url]))
        all_ok = True
        print(f"{'target':44} {'median ms':>10} {'max ms':>8} {'max UI gap ms':>14} "
              f"{'RSS MB':>7}  target")
        for name, args in targets:
            run_once(binary, args, display, home, a.after_ms)  # warm-up: demo file, caches
            paints, gaps, blocked, rss, stages = [], [], [], [], []
            after_gaps, after_blocked = [], []
            for _ in range(a.runs):
                v = run_once(binary, args, display, home, a.after_ms)
                if "first-paint-ms" not in v:
                    print(f"{name:44} no first paint reported")
                    all_ok = False
                    break
                paints.append(v["first-paint-ms"])
                gaps.append(v.get("first-paint-max-gap-ms", 0.0))
                blocked.append(v.get("first-paint-max-blocked-ms", 0.0))
                rss.append(v.get("first-paint-rss-kb", 0.0) / 1024)
                after_gaps.append(v.get("after-paint-max-gap-ms", 0.0))
                after_blocked.append(v.get("after-paint-max-blocked-ms", 0.0))
                if a.gaps:
                    print(f"{'':44} run {len(paints)}: paint {v['first-paint-ms']:.0f} ms; gaps "
                          + ", ".join(f"{e:.0f}: {g:.1f} (CPU {c:.1f}{', ' + w if w else ''})"
                                      for e, g, c, w in v["gaps"]))
                    # The UI thread's CPU in each start-up step (the difference between the
                    # marks around it).
                    cpu = v.get("cpu", {})
                    keys = sorted((k for k in cpu if k.startswith("step-") or k == "app-ready-ms"),
                                  key=lambda k: cpu[k])
                    steps = [f"{k[5:]} {cpu[k] - cpu[p]:.1f}" for p, k in zip(keys, keys[1:])]
                    if steps:
                        print(f"{'':44}   CPU ms per step: " + ", ".join(steps))
                stages.append((v.get("window-built-ms", 0), v.get("funnel-ready-ms", 0),
                                v.get("list-ready-ms", 0), v.get("app-ready-ms", 0),
                                v.get("main-ms", 0), v.get("qapplication-ms", 0),
                                v.get("window-shown-ms", 0)))
            if not paints:
                continue
            ok = max(paints) < 300 and max(gaps) < 16 and max(after_gaps) < 16
            all_ok = all_ok and ok
            # The column is the longest gap of the whole watch (QApplication to after_ms past
            # the first paint), the one the verdict is about; targets.sh reads it.
            print(f"{name:44} {statistics.median(paints):10.0f} {max(paints):8.0f} "
                  f"{max(gaps + after_gaps):14.1f} {max(rss):7.0f}  {'ok' if ok else 'MISS'} "
                  f"(< 300 ms, gaps < 16 ms)")
            # The gap without the time the UI thread waited for a core (schedstat run delay):
            # what our code blocked, as opposed to what the machine's load added.
            print(f"{'':44} longest UI-thread block without run-queue wait: {max(blocked):.1f} ms "
                  f"{'ok' if max(blocked) < 16 else 'MISS'} (< 16 ms)")
            print(f"{'':44} longest UI gap from QApplication to {a.after_ms} ms after the first "
                  f"paint: {max(after_gaps):.1f} ms (without run-queue wait "
                  f"{max(after_blocked):.1f} ms) {'ok' if max(after_gaps) < 16 else 'MISS'} (< 16 ms)")
            mid = sorted(stages, key=lambda x: x[2])[len(stages) // 2]
            print(f"{'':44} (median run: main() {mid[4]:.0f} ms, QApplication {mid[5]:.0f} ms, "
                  f"controller {mid[3]:.0f} ms, window built {mid[0]:.0f} ms, shown {mid[6]:.0f} ms, "
                  f"funnel data {mid[1]:.0f} ms, first page data {mid[2]:.0f} ms)")
        with open("/proc/loadavg") as f:
            print(f"load average at the end: {' '.join(f.read().split()[:3])} (2 cores)")
        return 0 if all_ok else 1
    finally:
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
