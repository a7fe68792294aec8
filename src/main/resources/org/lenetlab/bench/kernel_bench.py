"""Jupyter kernel start-up and per-cell round trip, measured through jupyter_client (the reference client).

Run by `./lenet bench kernel` (org.lenetlab.bench.KernelBenchmark) with JUPYTER_PATH pointing at the kernelspecs
it installed. For each round, each kernel in turn (alternated, so machine noise hits all alike):
  start: KernelManager.start_kernel() -> client.wait_for_ready() -> execute "1+1" -> its execute_result and idle,
         in seconds, on a fresh kernel process;
in the last round, each kernel's session then also runs
  rtt:   WARMUP cells of "1+1", then CELLS timed ones: execute_request sent -> execute_reply and status idle both in,
         in milliseconds.
Prints one JSON object per line: {"kernel", "kind": "start", "seconds"} and {"kernel", "kind": "rtt", "ms": [...]}.
"""
import argparse
import json
import sys
import time

from jupyter_client.manager import KernelManager

TIMEOUT = 120
WARMUP = 10


def run_cell(client, code):
    """Sends a cell; returns (execute_result text or None, reply status) once the reply and idle are both in."""
    msg_id = client.execute(code)
    result, status, idle = None, None, False
    deadline = time.monotonic() + TIMEOUT
    while status is None or not idle:
        if time.monotonic() > deadline:
            raise TimeoutError("no reply/idle for %r within %d s" % (code, TIMEOUT))
        if not idle:
            msg = client.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "execute_result":
                result = msg["content"]["data"].get("text/plain")
            elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
        else:
            reply = client.get_shell_msg(timeout=TIMEOUT)
            if reply["parent_header"].get("msg_id") == msg_id:
                status = reply["content"]["status"]
    return result, status


def session(kernel, cells):
    start = time.perf_counter()
    manager = KernelManager(kernel_name=kernel)
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=TIMEOUT)
        result, status = run_cell(client, "1+1")
        seconds = time.perf_counter() - start
        if result != "2" or status != "ok":
            raise RuntimeError("%s answered %r (%s) to 1+1" % (kernel, result, status))
        print(json.dumps({"kernel": kernel, "kind": "start", "seconds": seconds}), flush=True)
        if cells:
            for _ in range(WARMUP):
                run_cell(client, "1+1")
            times = []
            for _ in range(cells):
                t = time.perf_counter()
                run_cell(client, "1+1")
                times.append((time.perf_counter() - t) * 1000)
            print(json.dumps({"kernel": kernel, "kind": "rtt", "ms": times}), flush=True)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=False)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kernels", required=True, help="comma-separated kernelspec names")
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--cells", type=int, default=200)
    args = parser.parse_args()
    kernels = args.kernels.split(",")
    for round_ in range(args.starts):
        order = kernels if round_ % 2 == 0 else list(reversed(kernels))
        for kernel in order:
            session(kernel, args.cells if round_ == args.starts - 1 else 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
