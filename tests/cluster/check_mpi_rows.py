#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The zkload binary under `mpirun --oversubscribe -np 2` against an anvil of its own (loopback only):
- a closed-loop row: rank 0 merges one row whose `included` equals the transactions the chain's
  blocks hold, less the one check transaction each rank sends before the row; the two ranks' wallet
  shards (the results' context) are disjoint and cover the pool; the row ran on both ranks' threads;
  merging took under 50 ms (mpi_merge_ms), and every counter is in the counter table;
- the ceiling row (every transaction signed ahead, sent in batches) merges on every rank: its
  `included` is the transactions the chain gained, less the ranks' checks;
- an open-loop row at rate 500 offers 500 a second in all (each rank 250), not 500 each;
- the capacity row searches with both ranks (each probe's rate split, judged merged): every
  probe's verdict follows from its merged figures (check_capacity_json.py);
- rank 1 killed with SIGKILL in the middle of a long row: mpirun ends every rank within a bounded
  wait, exits non-zero and names the rank and its host;
- Ctrl-C (SIGINT) on mpirun in the middle of a row: every rank stops it, and rank 0 writes a whole
  results file with the row's figures so far and the next row skipped as interrupted;
- an MPI run without --rpc-url, or with Google Benchmark's random interleaving (its shuffle is
  seeded at random, so each rank would run the rows in another order), is a usage error that says
  why, from every rank;
- a rank that cannot reach the node (rank 1 given a closed port, `mpirun A : B`) ends the job
  non-zero at once, both ranks saying why, instead of leaving rank 0 waiting for it;
- the node killed in the middle of a 2-rank row (a null node of the test's own): the row ends on
  both ranks within a bounded wait, and rank 0 writes it as failed, naming a rank, its host and the
  lost node.
Usage: check_mpi_rows.py ZKLOAD ANVIL MPIRUN NULL_NODE"""
import json
import os
import pathlib
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "engine"))
from anvil_chain import ANVIL_KEY, anvil_chain, rpc  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
WALLETS = 200
TIME_LIMIT_S = 180
# Two ranks on one host: shared memory between them, no copy mechanism that needs ptrace rights
# (containers often lack them), and root allowed (CI machines run tests as root).
MPI_ENV = {"OMPI_ALLOW_RUN_AS_ROOT": "1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1", "OMPI_MCA_btl": "self,vader",
           "OMPI_MCA_btl_vader_single_copy_mechanism": "none", "ZKLOAD_RICH_KEY": ANVIL_KEY}


def mpirun_zkload(mpirun, zkload, *args):
    return [mpirun, "--oversubscribe", "-np", "2", zkload, *args]


def run_row(mpirun, zkload, url, workdir, row, txs):
    out = workdir / "row.json"
    run = subprocess.run(mpirun_zkload(mpirun, zkload, "--rpc-url", url, "--wallets", str(WALLETS),
                                       "--tokens-per-wallet", "0", "--state-dir", str(workdir / "state"),
                                       f"--benchmark_filter={row}/", "--txs", str(txs), f"--benchmark_out={out}"),
                         env={**os.environ, **MPI_ENV}, capture_output=True, text=True, timeout=TIME_LIMIT_S)
    if not out.exists():
        sys.exit(f"{row}: no results file (exit {run.returncode})\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
    with open(out) as f:
        results = json.load(f)
    rows = [r for r in results["benchmarks"] if r["name"].startswith(row + "/")]
    if len(rows) != 1:
        sys.exit(f"expected one {row} row, found {len(rows)}\n{run.stderr[-2000:]}")
    return rows[0], results["context"], run


def start_long_row(mpirun, zkload, url, workdir, row, txs, out, **env):
    """A 2-rank run of `row` in the background, its output in one pipe."""
    return subprocess.Popen(mpirun_zkload(mpirun, zkload, "--rpc-url", url, "--wallets", str(WALLETS),
                                          "--tokens-per-wallet", "0", "--state-dir", str(workdir / "state"),
                                          f"--benchmark_filter={row}/", "--txs", str(txs), f"--benchmark_out={out}"),
                            env={**os.environ, **MPI_ENV, **env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)


def settled_head(url):
    """The head once the node's pool is empty (within 60 s)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and int(rpc(url, "txpool_status", [])["pending"], 16) > 0:
        time.sleep(0.5)
    return int(rpc(url, "eth_blockNumber", []), 16)


def transactions_since(url, block):
    head = int(rpc(url, "eth_blockNumber", []), 16)
    return sum(len(rpc(url, "eth_getBlockByNumber", [hex(n), False])["transactions"]) for n in range(block + 1, head + 1))


def chain_transactions(url):
    head = int(rpc(url, "eth_blockNumber", []), 16)
    return sum(len(rpc(url, "eth_getBlockByNumber", [hex(n), False])["transactions"]) for n in range(1, head + 1))


def shards(context):
    """"0:0-99 1:100-199" -> [(0, 99), (100, 199)]"""
    return [tuple(int(x) for x in part.split(":")[1].split("-")) for part in context["mpi_wallet_shards"].split()]


def zkload_children(parent):
    """The zkload processes mpirun started: rank -> pid."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[1]) != parent:
                continue
            with open(f"/proc/{entry}/environ", "rb") as f:
                environ = f.read().split(b"\0")
        except OSError:
            continue
        for var in environ:
            if var.startswith(b"OMPI_COMM_WORLD_RANK="):
                found[int(var.split(b"=")[1])] = int(entry)
    return found


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def unreachable_rank_ends_the_job(mpirun, zkload, null_node):
    """Rank 0 has a node (a null node of its own), rank 1 a port nobody listens on."""
    node = subprocess.Popen([null_node, "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        url = node.stdout.readline().split()[-1]
        row = ["--benchmark_filter=eth_transfer/closed/concurrency:8/", "--wallets", "20", "--txs", "100"]
        started = time.monotonic()
        try:
            run = subprocess.run([mpirun, "--oversubscribe", "-np", "1", zkload, "--rpc-url", url, *row, ":",
                                  "-np", "1", zkload, "--rpc-url", f"http://127.0.0.1:{closed_port()}", *row],
                                 env={**os.environ, **MPI_ENV}, capture_output=True, text=True, timeout=60)
        except subprocess.TimeoutExpired as e:
            stderr = e.stderr.decode(errors="replace") if isinstance(e.stderr, bytes) else e.stderr
            return [f"a rank without a node left the job hanging (60 s):\n{stderr}"]
        took = time.monotonic() - started
    finally:
        node.terminate()
        node.wait(timeout=10)
    print(f"rank 1 without a node: exit {run.returncode} after {took:.1f} s")
    if run.returncode == 0 or not re.search(r"rank 1 \(.*\): the node is not usable", run.stderr) or \
            not re.search(r"rank 0 \(.*\): not run: another rank could not use the node", run.stderr):
        return [f"a rank without a node should end the job, each rank saying why:\n{run.stderr[-2000:]}"]
    return []


def lost_node_ends_the_row(mpirun, zkload, null_node, workdir):
    node = subprocess.Popen([null_node, "--port", "0"], stdout=subprocess.PIPE, text=True)
    out = workdir / "lost.json"
    try:
        url = node.stdout.readline().split()[-1]
        job = subprocess.Popen(mpirun_zkload(mpirun, zkload, "--rpc-url", url, "--wallets", str(WALLETS),
                                             "--tokens-per-wallet", "0", "--state-dir", str(workdir / "lost-state"),
                                             "--benchmark_filter=eth_transfer/closed/concurrency:8/",
                                             "--txs", "10000000", f"--benchmark_out={out}"),
                               env={**os.environ, **MPI_ENV}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        time.sleep(8)  # the pool verified and the row under way (the null node answers at once)
    finally:
        node.kill()
        node.wait(timeout=10)
    started = time.monotonic()
    try:
        output, _ = job.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        job.kill()
        output, _ = job.communicate()
        return [f"after the node was killed the 2-rank row did not end within 90 s:\n{output[-2000:]}"]
    try:
        with open(out) as f:
            rows = json.load(f)["benchmarks"]
        message = rows[0].get("error_message", "") if rows else ""
    except (OSError, ValueError) as e:
        message = f"no results file: {e}"
    print(f"node killed mid-row: exit {job.returncode} after {time.monotonic() - started:.1f} s; {message[:300]}")
    if job.returncode == 0 or not re.search(r"rank [01] \(" + re.escape(socket.gethostname()) + r"\): ", message):
        return [f"a node lost mid-row should fail the row on every rank, naming the rank and host: "
                f"{message}\n{output[-2000:]}"]
    return []


def main(zkload, anvil, mpirun, null_node):
    problems = []
    with anvil_chain(anvil) as (url, workdir):
        row, context, run = run_row(mpirun, zkload, url, workdir, "eth_transfer/closed/concurrency:8", 2000)
        in_chain = chain_transactions(url)
        print(f"closed loop: included {row.get('included')} of {row.get('offered')}, lost {row.get('lost')}, "
              f"threads {row.get('threads')}, incl_p99_ms {row.get('incl_p99_ms')}, mpi_merge_ms {row.get('mpi_merge_ms')}; "
              f"the chain holds {in_chain}; "
              f"shards {context.get('mpi_wallet_shards')}; ranks {context.get('mpi_rank_hosts')}")
        if row.get("error_occurred"):
            problems.append(f"the 2-rank row failed: {row.get('error_message')}\n{run.stderr[-2000:]}")
        else:
            if row["included"] != in_chain - 2:
                problems.append(f"merged included {row['included']}, but the chain holds {in_chain} transactions "
                                f"of which 2 are the ranks' checks")
            if row["offered"] != 2000 or row["lost"] != 0 or row["failed"] != 0:
                problems.append(f"ledger: offered {row['offered']}, lost {row['lost']}, failed {row['failed']}")
            if row["threads"] != 2:
                problems.append(f"the merged row ran on {row['threads']} threads, not one per rank")
        got = shards(context) if "mpi_wallet_shards" in context else []
        if got != [(0, WALLETS // 2 - 1), (WALLETS // 2, WALLETS - 1)]:
            problems.append(f"wallet shards {got}: not two disjoint halves of the {WALLETS}-wallet pool")
        if context.get("mpi_ranks") != "2" or len(context.get("mpi_rank_hosts", "").split(";")) != 2:
            problems.append(f"context: ranks {context.get('mpi_ranks')}, hosts {context.get('mpi_rank_hosts')}")
        if run.stdout.count("Benchmark ") != 1:
            problems.append("only rank 0 should print the table")
        if not 0 < row.get("mpi_merge_ms", 0) < 50:
            problems.append(f"merging the ranks' rows took {row.get('mpi_merge_ms')} ms (target: under 50)")
        table = subprocess.run([sys.executable, str(ROOT / "tests/tools/check_counter_table.py"),
                                str(workdir / "row.json")], capture_output=True, text=True)
        if table.returncode != 0:
            problems.append(f"the merged row's counters are not all in the counter table:\n{table.stderr[-1000:]}")

        head = settled_head(url)
        row, _, run = run_row(mpirun, zkload, url, workdir, "ceiling/eth_transfer", 2000)
        gained = sum(len(rpc(url, "eth_getBlockByNumber", [hex(n), False])["transactions"])
                     for n in range(head + 1, settled_head(url) + 1))
        print(f"ceiling: included {row.get('included')}, the chain gained {gained}, error {row.get('error_message')}")
        if row.get("error_occurred") or row.get("included") != 2000 or gained != 2000 + 2:
            problems.append(f"the 2-rank ceiling row should include its 2000 transactions (the chain gained "
                            f"{gained}, 2 of them the checks): {row.get('included')} ({row.get('error_message')})\n"
                            f"{run.stderr[-2000:]}")

        row, _, run = run_row(mpirun, zkload, url, workdir, "eth_transfer/open/rate:500", 2000)
        print(f"open loop at 500/s: offered {row.get('offered')}, submitted_per_s {row.get('submitted_per_s')}")
        if row.get("error_occurred") or not 400 <= row.get("submitted_per_s", 0) <= 600:
            problems.append(f"2 ranks at rate 500 should offer 500/s in all: {row.get('submitted_per_s')} "
                            f"({row.get('error_message')})")

        out = workdir / "capacity.json"
        capacity = subprocess.run(mpirun_zkload(mpirun, zkload, "--rpc-url", url, "--wallets", str(WALLETS),
                                                "--tokens-per-wallet", "0", "--state-dir", str(workdir / "state"),
                                                "--benchmark_filter=capacity/eth_transfer/", "--steady-blocks", "3",
                                                "--capacity-max-s", "30", f"--benchmark_out={out}"),
                                  env={**os.environ, **MPI_ENV}, capture_output=True, text=True, timeout=TIME_LIMIT_S)
        verdicts = subprocess.run([sys.executable, str(ROOT / "tests/engine/check_capacity_json.py"), str(out),
                                   "capacity/eth_transfer", "3", str(WALLETS)], capture_output=True, text=True)
        print(f"capacity: exit {capacity.returncode}; {verdicts.stdout.strip()[-500:]}")
        if capacity.returncode != 0 or verdicts.returncode != 0:
            problems.append(f"the 2-rank capacity row:\n{verdicts.stderr[-2000:]}\n{capacity.stderr[-2000:]}")
        else:
            # A probe is measured in blocks: a merged probe without a steady window fails, and
            # anvil keeps up with its first (the ceiling's half, or 1000/s) easily.
            with open(out) as f:
                found = json.load(f)["benchmarks"][0]
            if not found.get("probe01_steady_blocks") or not found.get("capacity_per_s"):
                problems.append(f"the 2-rank capacity row found no capacity (merged probes without a steady "
                                f"window?): {found.get('label')}")

        # A rank killed in the middle of a long row.
        job = start_long_row(mpirun, zkload, url, workdir, "eth_transfer/closed/concurrency:8", 10_000_000,
                             workdir / "killed.json")
        try:
            deadline = time.monotonic() + 60
            children = {}
            while time.monotonic() < deadline and len(children) < 2:
                time.sleep(0.5)
                children = zkload_children(job.pid)
            time.sleep(6)  # the pool is prepared and the row under way
            if 1 in children:
                os.kill(children[1], signal.SIGKILL)
            started = time.monotonic()
            output, _ = job.communicate(timeout=60)
            took = time.monotonic() - started
        except subprocess.TimeoutExpired:
            job.kill()
            output, _ = job.communicate()
            problems.append(f"after rank 1 was killed the job did not end within 60 s:\n{output[-2000:]}")
            took = None
        print(f"rank 1 killed: job ended after {took} s with exit {job.returncode}")
        if 1 not in children:
            problems.append(f"rank 1 was not found among mpirun's children: {children}")
        elif job.returncode == 0 or not re.search(r"rank 1 .*on node " + re.escape(socket.gethostname()), output) \
                or "signal 9" not in output:
            problems.append(f"a killed rank should end the job non-zero naming rank 1 and its host "
                            f"({socket.gethostname()}):\n{output[-2000:]}")

        # Ctrl-C on mpirun: it sends every rank SIGTERM (and SIGKILL after odls_base_sigkill_timeout,
        # 1 s by default, 5 here for a loaded CI host); the row in flight stops on every rank and rank
        # 0 writes a whole results file with it.
        out = workdir / "interrupted.json"
        head = settled_head(url)  # the killed job's transactions mined
        job = start_long_row(mpirun, zkload, url, workdir, "eth_transfer/closed/concurrency:(8|64)", 200_000, out,
                             OMPI_MCA_odls_base_sigkill_timeout="5")
        try:
            # once the row's own transactions land in blocks (it signs some ahead first)
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline and transactions_since(url, head) < 200:
                time.sleep(0.2)
            job.send_signal(signal.SIGINT)
            output, _ = job.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            job.kill()
            output, _ = job.communicate()
            problems.append(f"after Ctrl-C the job did not end within 60 s:\n{output[-2000:]}")
        try:
            with open(out) as f:
                interrupted = [(r["name"], r.get("included"), r.get("error_message"))
                               for r in json.load(f)["benchmarks"]]
        except (OSError, ValueError) as e:
            interrupted = f"no whole results file: {e}"
        print(f"Ctrl-C: exit {job.returncode}, rows {interrupted}")
        if not isinstance(interrupted, list) or len(interrupted) != 2 or not interrupted[0][1] or \
                "interrupted" not in (interrupted[1][2] or "") or "the rows that finished are in the output" not in output:
            problems.append(f"after Ctrl-C rank 0 should write the interrupted row's figures and skip the next: "
                            f"{interrupted}\n{output[-2000:]}")

    usage = subprocess.run(mpirun_zkload(mpirun, zkload, "--benchmark_filter=eth_transfer/closed/concurrency:8/"),
                           env={**os.environ, **MPI_ENV}, capture_output=True, text=True, timeout=TIME_LIMIT_S)
    print(f"without --rpc-url: exit {usage.returncode}")
    if usage.returncode == 0 or usage.stderr.count("an MPI run loads one node from every rank") != 2:
        problems.append(f"an MPI run without --rpc-url should be a usage error from each rank:\n{usage.stderr[-2000:]}")
    # Google Benchmark seeds its shuffle at random: each rank would run the rows in its own order.
    dead = f"http://127.0.0.1:{closed_port()}"
    for value, refused in (("", True), ("=yes", True), ("=false", False)):
        shuffled = subprocess.run(mpirun_zkload(mpirun, zkload, "--rpc-url", dead,
                                                f"--benchmark_enable_random_interleaving{value}",
                                                "--benchmark_filter=eth_transfer/closed/concurrency:8/"),
                                  env={**os.environ, **MPI_ENV}, capture_output=True, text=True, timeout=TIME_LIMIT_S)
        said = shuffled.stderr.count("shuffles the rows differently on every rank")
        print(f"random interleaving{value or ' (bare)'}: exit {shuffled.returncode}, refused by {said} ranks")
        if (shuffled.returncode != 2 or said != 2) if refused else (shuffled.returncode == 2 or said != 0):
            problems.append(f"--benchmark_enable_random_interleaving{value} under MPI should "
                            f"{'be refused by every rank' if refused else 'not be refused'}:\n{shuffled.stderr[-1500:]}")
    problems += unreachable_rank_ends_the_job(mpirun, zkload, null_node)
    with tempfile.TemporaryDirectory() as workdir:
        problems += lost_node_ends_the_row(mpirun, zkload, null_node, pathlib.Path(workdir))
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
