#!/usr/bin/env python3
"""First paint of compose-dashboard in a real X window (issue 14).

Starts Xvfb once, then launches the dashboard RUNS times per target (after one untimed warm-up
that also creates the demo database) with COMPOSE_MEASURE_FIRST_PAINT set to the launch time
(CLOCK_REALTIME, ns) and COMPOSE_MEASURE_EXIT=1. The app (app/firstpaintprobe.cpp) prints the
time from that launch to the funnel and the first list page painted, and the longest gap of a
1 ms UI-thread heartbeat from QApplication until then and until --after-ms after it (also
without the time the thread waited for a core, from /proc/thread-self/schedstat); --gaps lists
every gap of 8 ms or more with the time it ended, the UI thread's CPU in it and what ran in it
(start-up steps, paints, exposes, layouts, list inserts), and each start-up step's CPU. Each gap
also says what the UI thread waited on in it (app/threadwaits.h): "runq" ms runnable without a
core, "asleep" ms blocked in the kernel (poll on the X connection, a futex, a major page fault's
read), major/minor page faults, voluntary/involuntary context switches; each step the same.
--trace runs each launch under `perf trace -T --syscalls -F maj` and lists, per gap, the UI thread's
syscalls in it (count and time per call name) and its major faults (the file they read); the
first paint of traced runs carries perf's start-up and is no verdict. Prints one line per
target, "ok" when the slowest run is under 300 ms and no gap reached 16 ms, the stages of the
median run, where the wall time of the gaps of 16 ms or more went, and the load average.

  tests/bench/first-paint.py --build build --demo --url postgresql://postgres@127.0.0.1:PORT/db
"""
import argparse
import collections
import os
import re
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


TRACE_LINE = re.compile(r"^\s*([0-9.]+) \(\s*([0-9.]+) ms\): (.*?)/(\d+) (.*)$")


def read_trace(path):
    """perf trace -T output: (ms, duration ms, tid, text); and the probe's lseek mark, which
    gives the offset from CLOCK_MONOTONIC ms to perf's clock and the UI thread's id."""
    events, offset, ui_tid = [], None, None
    try:
        with open(path, errors="replace") as f:
            for line in f:
                m = TRACE_LINE.match(line)
                if not m:
                    continue
                ts, dur, tid, text = float(m.group(1)), float(m.group(2)), int(m.group(4)), m.group(5)
                # A call another event interrupted is printed again when it returns.
                text = re.sub(r"^\.\.\. \[continued\]: ", "", text.strip())
                mark = re.match(r"lseek\(fd: -1, offset: (\d+), whence: SET\)", text)
                if mark and offset is None:
                    offset = ts - int(mark.group(1)) / 1000.0
                    ui_tid = tid
                events.append((ts, dur, tid, text))
    except OSError:
        pass
    return events, offset, ui_tid


def trace_in_gap(trace, mono_end, length):
    """The UI thread's syscalls and major faults inside one gap: "name count x total ms"."""
    events, offset, ui_tid = trace
    if offset is None:
        return "no trace mark"
    end = mono_end + offset
    start = end - length
    calls = collections.OrderedDict()
    faults = []
    for ts, dur, tid, text in events:
        # perf trace stamps a syscall at its entry: one that began before the gap and ended in
        # it counts too.
        if tid != ui_tid or ts + dur < start or ts > end:
            continue
        if text.startswith("majfault"):
            faults.append(text.split("=>")[-1].strip())
            continue
        if "fault" in text.split(" ")[0]:
            continue
        name = text.split("(")[0]
        n, total = calls.get(name, (0, 0.0))
        calls[name] = (n + 1, total + dur)
    top = sorted(calls.items(), key=lambda kv: -kv[1][1])[:6]
    out = ", ".join(f"{k} {n}x {t:.1f}" for k, (n, t) in top)
    if faults:
        out += f"; majfault {len(faults)}: " + ", ".join(sorted(set(faults))[:4])
    return out or "no syscall"


SCHED_LINE = re.compile(r"^\s*(.*?)\s+(\d+) \[(\d+)\]\s+([0-9.]+):\s+(\S+): (.*)$")


def read_sched(path):
    """perf record -a of sched_switch/sched_wakeup (and the probe's lseek mark): the stretches
    in which the UI thread was runnable but not running, and who had each core meanwhile.
    Returns (waits [(start ms, end ms)], cores [(start, end, cpu, name)], offset, ui_tid)."""
    try:
        out = subprocess.run(["perf", "script", "-i", path, "-F", "comm,tid,cpu,time,event,trace"],
                             capture_output=True, text=True, timeout=120).stdout
    except (OSError, subprocess.TimeoutExpired):
        return [], [], None, None
    events = []
    offset, ui_tid = None, None
    for line in out.splitlines():
        m = SCHED_LINE.match(line)
        if not m:
            continue
        tid, cpu, ms, event, rest = int(m.group(2)), int(m.group(3)), float(m.group(4)) * 1000, \
            m.group(5), m.group(6)
        if event == "syscalls:sys_enter_lseek":
            mk = re.match(r"fd: 0xffffffff, offset: 0x([0-9a-f]+)", rest)
            if mk and offset is None:
                offset = ms - int(mk.group(1), 16) / 1000.0
                ui_tid = tid
            continue
        events.append((ms, cpu, event, rest))
    if ui_tid is None:
        return [], [], None, None
    waits, cores = [], []
    on_cpu = {}  # cpu -> (since ms, name)
    runnable_since = None
    for ms, cpu, event, rest in events:
        if event == "sched:sched_wakeup":
            pid = re.search(r" pid=(\d+)", rest)
            if pid and int(pid.group(1)) == ui_tid and runnable_since is None:
                runnable_since = ms
        elif event == "sched:sched_switch":
            f = dict(re.findall(r"(\w+)=(\S+)", rest.replace(" ==> ", " ")))
            prev_pid, next_pid = int(f.get("prev_pid", -1)), int(f.get("next_pid", -1))
            since, name = on_cpu.get(cpu, (None, None))
            if since is not None:
                cores.append((since, ms, cpu, name))
            on_cpu[cpu] = (ms, "idle" if next_pid == 0 else
                           ("UI thread" if next_pid == ui_tid else f"{f.get('next_comm')}"))
            if prev_pid == ui_tid and f.get("prev_state", "").startswith("R"):
                runnable_since = ms  # pre-empted: runnable from here
            if next_pid == ui_tid:
                if runnable_since is not None and ms > runnable_since:
                    waits.append((runnable_since, ms))
                runnable_since = None
    return waits, cores, offset, ui_tid


def sched_in_gap(sched, mono_end, length):
    """Who had the cores while the UI thread waited for one in this gap: "name ms, ..."."""
    waits, cores, offset, _ = sched
    if offset is None:
        return "no sched mark"
    end = mono_end + offset
    start = end - length
    held = collections.Counter()
    waited = 0.0
    for ws, we in waits:
        a, b = max(ws, start), min(we, end)
        if b <= a:
            continue
        waited += b - a
        for cs, ce, _cpu, name in cores:
            x, y = max(cs, a), min(ce, b)
            if y > x:
                held[name] += y - x
    if not waited:
        return "no run-queue wait"
    return f"waited {waited:.1f} ms while the 2 cores ran (core-ms): " + ", ".join(
        f"{n} {t:.1f}" for n, t in held.most_common(5))


def mapped_files(binary, args, env_base):
    """The files a launch maps (its libraries, plugins, fonts, locale), read from
    /proc/<pid>/maps while it runs to its first paint and a second after."""
    env = dict(env_base, COMPOSE_MEASURE_EXIT="1", COMPOSE_MEASURE_AFTER_MS="1000",
               COMPOSE_MEASURE_FIRST_PAINT=str(time.time_ns()))
    p = subprocess.Popen([binary] + args, env=env, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    files = set()
    deadline = time.time() + 30
    while p.poll() is None and time.time() < deadline:
        try:
            with open(f"/proc/{p.pid}/maps") as f:
                for line in f:
                    path = line.split(None, 5)[5].strip() if len(line.split(None, 5)) > 5 else ""
                    if path.startswith("/") and os.path.isfile(path):
                        files.add(path)
        except OSError:
            pass
        time.sleep(0.05)
    if p.poll() is None:
        p.kill()
    p.wait()
    return sorted(files)


def evict(files):
    """Drops these files' pages from the page cache (pages another process has mapped stay):
    the state after a login, or after a large file pushed them out."""
    for path in files:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def run_once(binary, args, display, home, after_ms, timeout=60, trace=None, sched=None):
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
    command = [binary] + args
    if trace:
        env["COMPOSE_MEASURE_TRACE"] = "1"
        command = ["perf", "trace", "-T", "--syscalls", "-F", "maj", "-o", trace, "--"] + command
    elif sched:
        env["COMPOSE_MEASURE_TRACE"] = "1"
        command = ["perf", "record", "-q", "-a", "-e", "sched:sched_switch", "-e",
                   "sched:sched_wakeup", "-e", "syscalls:sys_enter_lseek", "-o", sched,
                   "--"] + command
    env["COMPOSE_MEASURE_FIRST_PAINT"] = str(time.time_ns())
    p = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
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
            # gap <end ms> <length ms> <CPU ms> [key=value: what the thread waited on]
            # [what ran in it]
            waits = {}
            rest = parts[4:]
            while rest and "=" in rest[0]:
                k, _, val = rest.pop(0).partition("=")
                waits[k] = float(val)
            values["gaps"].append((float(parts[1]), float(parts[2]), float(parts[3]),
                                   " ".join(rest), waits))
        elif len(parts) == 3 and parts[0] == "cpu":
            values.setdefault("cpu", {})[parts[1]] = float(parts[2])
        elif len(parts) == 7 and parts[0] == "waits":
            # waits <mark> <run queue ms> <majflt> <minflt> <vcsw> <ivcsw>, all so far
            values.setdefault("waits", {})[parts[1]] = [float(x) for x in parts[2:]]
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
                    "(ms since launch at its end: length, the UI thread's CPU ms in it, "
                    "what it waited on)")
    ap.add_argument("--trace", action="store_true",
                    help="with --gaps: run under perf trace and name each gap's syscalls and "
                    "major faults (diagnosis only: perf's own start-up is in the first paint)")
    ap.add_argument("--cold", action="store_true",
                    help="before each timed launch, drop the files the dashboard maps (its "
                    "binary, libraries, plugins, fonts) from the page cache: a first start after "
                    "login, or after other files pushed them out (diagnosis, not the target)")
    ap.add_argument("--sched", action="store_true",
                    help="with --gaps: record the scheduler (perf record -a) and name, per gap, "
                    "who had the cores while the UI thread waited for one (not with --trace)")
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
            cold_files = []
            if a.cold:
                cold_files = mapped_files(binary, args, dict(
                    os.environ, DISPLAY=f":{display}", QT_QPA_PLATFORM="xcb", HOME=home,
                    XDG_CONFIG_HOME=os.path.join(home, ".config"),
                    XDG_DATA_HOME=os.path.join(home, ".local/share")))
                print(f"{'':44} --cold: {len(cold_files)} mapped files dropped before each launch")
            paints, gaps, blocked, rss, stages = [], [], [], [], []
            after_gaps, after_blocked = [], []
            long_wall = long_cpu = long_runq = long_asleep = 0.0
            long_maj = long_n = 0
            step_spans = []  # (wall, CPU, run queue, asleep) from the controller to show()
            for _ in range(a.runs):
                trace_file = os.path.join(home, "perf-trace.txt") if a.trace else None
                sched_file = (os.path.join(home, "perf-sched.data")
                              if a.sched and not a.trace else None)
                if cold_files:
                    evict(cold_files)
                v = run_once(binary, args, display, home, a.after_ms, trace=trace_file,
                             sched=sched_file)
                trace = read_trace(trace_file) if trace_file else None
                sched = read_sched(sched_file) if sched_file else None
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
                wt, cpu_marks = v.get("waits", {}), v.get("cpu", {})
                if "app-ready-ms" in wt and "step-show-window" in wt and "step-show-window" in v:
                    wall = v["step-show-window"] - v["app-ready-ms"]
                    cpu_ms = cpu_marks["step-show-window"] - cpu_marks["app-ready-ms"]
                    runq = wt["step-show-window"][0] - wt["app-ready-ms"][0]
                    step_spans.append((wall, cpu_ms, runq, max(0.0, wall - cpu_ms - runq)))
                for e, g, c, w, k in v["gaps"]:
                    if g >= 16:
                        long_n += 1
                        long_wall += g
                        long_cpu += c
                        long_runq += k.get("runq", 0.0)
                        long_asleep += k.get("asleep", 0.0)
                        long_maj += int(k.get("majflt", 0))
                if a.gaps:
                    print(f"{'':44} run {len(paints)}: paint {v['first-paint-ms']:.0f} ms; gaps:")
                    for e, g, c, w, k in v["gaps"]:
                        print(f"{'':46}{e:6.0f}: {g:5.1f} ms, CPU {c:4.1f}, run queue "
                              f"{k.get('runq', 0):4.1f}, asleep {k.get('asleep', 0):4.1f}, "
                              f"majflt {k.get('majflt', 0):.0f}, minflt {k.get('minflt', 0):.0f}, "
                              f"vcsw {k.get('vcsw', 0):.0f}, ivcsw {k.get('ivcsw', 0):.0f}: "
                              f"{w or '-'}")
                        if trace and "mono" in k:
                            print(f"{'':54}syscalls: {trace_in_gap(trace, k['mono'], g)}")
                        if sched and "mono" in k:
                            print(f"{'':54}run queue: {sched_in_gap(sched, k['mono'], g)}")
                    # The UI thread's CPU in each start-up step (the difference between the
                    # marks around it).
                    cpu = v.get("cpu", {})
                    keys = sorted((k for k in cpu if k.startswith("step-") or k == "app-ready-ms"),
                                  key=lambda k: cpu[k])
                    steps = [f"{k[5:]} {cpu[k] - cpu[p]:.1f}" for p, k in zip(keys, keys[1:])]
                    if steps:
                        print(f"{'':44}   CPU ms per step: " + ", ".join(steps))
                    # Faults and switches per step, and before main() (the dynamic loader and
                    # static initialisers) and in QApplication's constructor.
                    wt = v.get("waits", {})
                    order = [k for k in ["main-ms", "qapplication-ms", "app-ready-ms"] + keys[1:]
                             if k in wt]
                    parts_ = []
                    prev = [0.0] * 5
                    for k in order:
                        d = [x - y for x, y in zip(wt[k], prev)]
                        prev = wt[k]
                        parts_.append(f"{k[5:] if k.startswith('step-') else k[:-3]} "
                                      f"{d[1]:.0f}/{d[2]:.0f}/{d[3]:.0f}")
                    if parts_:
                        print(f"{'':44}   majflt/minflt/vcsw per step: " + ", ".join(parts_))
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
            if long_n:
                print(f"{'':44} {long_n} gaps of 16 ms or more, {long_wall:.0f} ms in all: CPU "
                      f"{100 * long_cpu / long_wall:.0f} %, run queue {100 * long_runq / long_wall:.0f} %, "
                      f"asleep {100 * long_asleep / long_wall:.0f} % ({long_maj} major faults)")
            if step_spans:
                med = [statistics.median(x[i] for x in step_spans) for i in range(4)]
                # What the ten start-up steps cost the UI thread, whatever the machine's load:
                # the wall time minus the run-queue wait is its own (CPU + asleep).
                print(f"{'':44} start-up steps (controller to show(), median of {len(step_spans)}): "
                      f"wall {med[0]:.1f} ms = CPU {med[1]:.1f} + run queue {med[2]:.1f} + "
                      f"asleep {med[3]:.1f} ms")
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
