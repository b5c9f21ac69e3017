"""A burst of citizens at once: ``cchc-bot serve`` under a bounded burst of webhooks and web chats.

    python benchmarks/webhook.py [--chats 2000] [--in-flight 20] [--knowledge DIR] [--skip-web]
                                 [--env NAME=VALUE …] [--tuned NAME=VALUE …] [--only-tuned]

Runs the same bursts twice, one server after the other on the same machine: a baseline with the
default settings (answers in a thread of the server) and a tuned run (by default
``CCHC_ANSWER_PROCESSES=2``; ``--tuned`` names other settings), then prints the two side by side.

Each run starts a fake Telegram Bot API (``benchmarks/lean_http.py``: keep-alive HTTP on
127.0.0.1, recording when each ``sendMessage`` arrives) in a process of its own, then
``cchc-bot serve`` as a subprocess with a fresh database, its webhook pointed at the fake. It posts
one update per new private chat (a question from ``tests/data/eval.tsv``) to ``/webhook/telegram``
with a bounded number of requests in flight, each on a keep-alive connection, and prints:

- accepted/s: updates posted ÷ time until the last POST was answered 200;
- answered updates/s: updates answered ÷ time from the first POST to the last answer (an update
  is answered when its chat receives its first message, the answer; a new chat then also gets the
  "choose your locality" message, counted in "all replies");
- POST→answer p50 / p99 and POST→all replies p50 / p99;
- the server's peak and final RSS (all its processes), and the CPU per update of the server
  (of its main process) and of this script with the fake API (taken from the same two cores).

Then the same people-count on the web chat form: each visitor opens ``/`` (untimed), then posts a
question and follows the redirect to the page that shows the answer; printed: exchanges/s and
POST→page p50 / p99.

Each visitor comes from an address of its own (``X-Forwarded-For``, which uvicorn trusts from
127.0.0.1), so that the web chat's per-address limit sees many citizens, not one flooding client;
a page showing the "too fast" message counts as a failure. Figures go to the README; nothing here
is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import platform
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.lean_http import KeepAliveClient, run_bot_api  # noqa: E402
from tests.fake_telegram import TOKEN, text_update  # noqa: E402

SECRET = "bench-webhook-secret"
TOO_FAST = "Bạn đang gửi tin nhắn hơi nhanh"  # knowledge/ui.yaml: web_rate_limited


# --- the server under test ------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def family(pid: int) -> list[int]:
    """A process and its children."""
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        pids += [int(p) for p in task.read_text().split()]
    return pids


def cpu_seconds(pid: int, children: bool = True) -> float:
    """CPU time (user + system) used so far by a process (and its children)."""
    total = 0
    for p in family(pid) if children else [pid]:
        fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def rss_kib(pid: int) -> tuple[int, int]:
    """Peak and current resident memory of a process and its children, in KiB."""
    peak = now = 0
    for p in family(pid):
        status = Path(f"/proc/{p}/status").read_text()
        peak += int(re.search(r"VmHWM:\s+(\d+)", status)[1])  # type: ignore[index]
        now += int(re.search(r"VmRSS:\s+(\d+)", status)[1])  # type: ignore[index]
    return peak, now


def questions() -> list[str]:
    rows = (ROOT / "tests" / "data" / "eval.tsv").read_text("utf-8").splitlines()
    return [r.split("\t")[0] for r in rows[1:] if r.strip() and not r.startswith("#")]


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen([str(Path(sys.executable).parent / "cchc-bot"), "serve"], env=env,
                              stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"cchc-bot serve exited with {server.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("cchc-bot serve did not start")


# --- the bursts -----------------------------------------------------------------------------------
def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


async def post_burst(base: str, n: int, in_flight: int, asked: list[str]) -> tuple[dict[int, float], float]:
    posted: dict[int, float] = {}
    todo = iter(range(n))
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}

    updates = [text_update(100_000 + i, asked[i % len(asked)], uid=10_000_000 + i) for i in range(n)]

    async def worker() -> None:
        client = KeepAliveClient(int(base.rsplit(":", 1)[1]))
        for i in todo:
            posted[10_000_000 + i] = time.monotonic()
            status = await client.post("/webhook/telegram", updates[i], headers)
            if status != 200:
                raise SystemExit(f"webhook answered {status}")
        await client.close()

    await asyncio.gather(*(worker() for _ in range(in_flight)))
    return posted, time.monotonic()


def wait_answered(fake: Connection, chats: int, idle: float = 30.0) -> None:
    """Until every chat has its answer and no message came for a second (the other replies), or
    nothing came for ``idle`` seconds."""
    last, since = -1, time.monotonic()
    while True:
        fake.send("count")
        answered, messages = fake.recv()
        if messages != last:
            last, since = messages, time.monotonic()
        quiet = time.monotonic() - since
        if (answered >= chats and quiet > 1.0) or quiet > idle:
            return
        time.sleep(0.1)


async def web_burst(base: str, n: int, in_flight: int, asked: list[str]) -> tuple[list[float], float]:
    limits = httpx.Limits(max_connections=in_flight)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
        # a visitor id is any 43-character cookie value; sent by hand, so no cookie jar mixes them up
        visitors: list[tuple[dict[str, str], str]] = []
        sem = asyncio.Semaphore(in_flight)

        async def open_page(i: int) -> None:
            headers = {"Cookie": f"cchc_visitor={secrets.token_urlsafe(32)}",
                       "X-Forwarded-For": f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}"}
            async with sem:
                r = await client.get("/", headers=headers)
            match = re.search(r'name="csrf" value="([^"]+)"', r.text)
            assert match, "no csrf field on the chat page"
            visitors.append((headers, match[1]))
        await asyncio.gather(*(open_page(i) for i in range(n)))
        latencies: list[float] = []
        todo = iter(enumerate(visitors))

        async def worker() -> None:
            for i, (headers, csrf) in todo:
                started = time.monotonic()
                r = await client.post("/chat", data={"csrf": csrf, "text": asked[i % len(asked)]},
                                      headers=headers)
                where = r.headers.get("location") or "/"
                page = await client.get(where.split("#")[0], headers=headers)
                if where == "/" or TOO_FAST in page.text:  # "/": the post was refused
                    raise SystemExit(f"web chat answered {r.status_code} {r.headers.get('location')}")
                latencies.append(time.monotonic() - started)
        started = time.monotonic()
        await asyncio.gather(*(worker() for _ in range(in_flight)))
        return latencies, time.monotonic() - started


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    load = os.getloadavg()[0]
    return (f"{os.cpu_count()} cores, {cpu}, Linux {platform.release()}, Python "
            f"{platform.python_version()}, load average {load:.2f} at start")


def machine_cpu() -> float:
    """CPU seconds the whole machine has been busy (every process, /proc/stat)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")  # less idle, iowait


def own_cpu() -> float:
    usage = os.times()
    return usage.user + usage.system


#: What each burst runs against when no --tuned is given: the default (answers in a thread of
#: the server) as the baseline, then two answer processes.
TUNED = ["CCHC_ANSWER_PROCESSES=2"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=2000)
    parser.add_argument("--in-flight", type=int, default=20)
    parser.add_argument("--knowledge", type=Path, help="knowledge folder (default: the bundled one)")
    parser.add_argument("--skip-web", action="store_true", help="only the Telegram webhook burst")
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the server, both runs")
    parser.add_argument("--tuned", action="append", default=None,
                        help=f"NAME=VALUE of the second run only (default: {' '.join(TUNED)})")
    parser.add_argument("--only-tuned", action="store_true", help="skip the baseline run")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    tuned = args.tuned or TUNED
    runs = [] if args.only_tuned else [("baseline (defaults)", [])]
    runs.append((" ".join(tuned), tuned))
    results = [(label, run(label, args.env + extra, args)) for label, extra in runs]
    print(f"\n{'':42}" + "".join(f"{label[:26]:>28}" for label, _ in results))
    for key in results[0][1]:
        print(f"{key:42}" + "".join(f"{figures.get(key, ''):>28}" for _, figures in results))
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")


def run(label: str, extra: list[str], args: argparse.Namespace) -> dict[str, str]:
    """One server, one burst (and the web chat's); the figures, also printed as they come."""
    print(f"\n--- {label}")
    asked = questions()
    ctx = multiprocessing.get_context("spawn")
    here, there = ctx.Pipe()
    fake_process = ctx.Process(target=run_bot_api, args=(there,), daemon=True)
    fake_process.start()
    fake_url = here.recv()
    port = free_port()
    figures: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "CCHC_DATA_DIR": tmp, "CCHC_DB": f"{tmp}/cchc.sqlite3",
               "CCHC_SECRET": "bench-secret-0123456789", "CCHC_PORT": str(port),
               "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": fake_url,
               "TELEGRAM_WEBHOOK_URL": "https://bench.invalid/webhook/telegram",
               "TELEGRAM_WEBHOOK_SECRET": SECRET}
        env.update(dict(item.split("=", 1) for item in extra))
        if args.knowledge:
            env["CCHC_KNOWLEDGE"] = str(args.knowledge)
        started = time.monotonic()
        server = start_server(env, port)
        base = f"http://127.0.0.1:{port}"
        entries = httpx.get(f"{base}/healthz").json()["entries"]
        print(f"knowledge: {entries} entries; server ready in {time.monotonic() - started:.1f} s; "
              f"{args.chats} new private chats, {args.in_flight} requests in flight; "
              f"load average {os.getloadavg()[0]:.2f}")
        try:
            cpu, main_cpu = cpu_seconds(server.pid), cpu_seconds(server.pid, children=False)
            fake_cpu, script_cpu, busy = cpu_seconds(fake_process.pid), own_cpu(), machine_cpu()
            first = time.monotonic()
            posted, accepted_at = asyncio.run(post_burst(base, args.chats, args.in_flight, asked))
            wait_answered(here, args.chats)
            cpu = cpu_seconds(server.pid) - cpu
            main_cpu = cpu_seconds(server.pid, children=False) - main_cpu
            harness = cpu_seconds(fake_process.pid) - fake_cpu + own_cpu() - script_cpu
            other = (machine_cpu() - busy - cpu - harness) / (time.monotonic() - first)
            peak, now = rss_kib(server.pid)
            here.send("arrivals")
            arrivals: list[tuple[int, float]] = here.recv()
            figures.update(report_telegram(posted, arrivals, first, accepted_at, peak, now))
            per = 1000 / args.chats
            figures["server CPU per update (main process)"] = f"{cpu * per:.1f} ms ({main_cpu * per:.1f} ms)"
            figures["load generator + fake API CPU per update"] = f"{harness * per:.1f} ms"
            figures["other work on the machine meanwhile"] = f"{max(other, 0):.2f} of {os.cpu_count()} cores"
            print(f"other processes on the machine used {max(other, 0):.2f} cores during the burst")
            print(f"telegram webhook: server CPU {cpu * per:.1f} ms per update ({main_cpu * per:.1f} ms in "
                  f"the main process); this script and the fake Bot API {harness * per:.1f} ms per update")
            if not args.skip_web:
                cpu = cpu_seconds(server.pid)
                latencies, took = asyncio.run(web_burst(base, args.chats, args.in_flight, asked))
                cpu = cpu_seconds(server.pid) - cpu
                figures["web chat: exchanges/s"] = f"{len(latencies) / took:.1f}"
                figures["web chat: POST→answer page p50 / p99"] = \
                    f"{pct(latencies, 50) * 1000:.0f} / {pct(latencies, 99) * 1000:.0f} ms"
                print(f"web chat: {len(latencies) / took:.1f} exchanges/s; POST→page with the answer "
                      f"p50 {pct(latencies, 50) * 1000:.0f} ms, p99 {pct(latencies, 99) * 1000:.0f} ms; "
                      f"server CPU {cpu * per:.1f} ms per visitor (page, post, page)")
                peak, now = rss_kib(server.pid)
                print(f"server RSS after both bursts: peak {peak / 1024:.0f} MiB, now {now / 1024:.0f} MiB")
        finally:
            server.terminate()
            server.wait(timeout=60)
            here.send("stop")
            fake_process.join(timeout=10)
    return figures


def report_telegram(posted: dict[int, float], arrivals: list[tuple[int, float]], first: float,
                    accepted_at: float, peak: int, now: int) -> dict[str, str]:
    firsts: dict[int, float] = {}
    lasts: dict[int, float] = {}
    for chat, at in arrivals:
        firsts.setdefault(chat, at)
        lasts[chat] = at
    answered = [firsts[c] - t for c, t in posted.items() if c in firsts]
    every = [lasts[c] - t for c, t in posted.items() if c in lasts]
    n = len(posted)
    figures = {"telegram: updates accepted/s": f"{n / (accepted_at - first):.1f}"}
    print(f"telegram webhook: accepted {n / (accepted_at - first):.1f} updates/s")
    if not answered:
        print("telegram webhook: nothing answered")
        return figures
    end = max(firsts.values())
    rate = len(answered) / (end - first)
    figures["telegram: answered updates/s, end to end"] = f"{rate:.1f} ({len(answered)} of {n})"
    figures["telegram: POST→answer p50 / p99"] = \
        f"{pct(answered, 50) * 1000:.0f} / {pct(answered, 99) * 1000:.0f} ms"
    figures["server RSS, peak (all processes)"] = f"{peak / 1024:.0f} MiB"
    print(f"telegram webhook: answered {len(answered)} of {n} updates, {rate:.1f}"
          f" answered updates/s end to end ({len(arrivals)} messages)")
    print(f"telegram webhook: POST→answer p50 {pct(answered, 50) * 1000:.0f} ms, p99 "
          f"{pct(answered, 99) * 1000:.0f} ms; POST→all replies p50 {pct(every, 50) * 1000:.0f} ms, "
          f"p99 {pct(every, 99) * 1000:.0f} ms")
    print(f"server RSS: peak {peak / 1024:.0f} MiB, after the burst {now / 1024:.0f} MiB")
    return figures


if __name__ == "__main__":
    main()
