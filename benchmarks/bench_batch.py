"""Batch runs: jobs per minute for one manifest, serially, on two local processes and on a
two-worker Dask LocalCluster, in one run.

    python3 benchmarks/bench_batch.py [--scheduler tcp://HOST:PORT]

The manifest (written to a scratch folder beside copies of the documents) has 41 jobs over
../shared: for each Keeling pair its effects, its amended Act as JSON and its Keeling schedule
as HTML; for each US bill the diff as JSON and as Markdown, its viewer page and one PDF
comparison; for each UK document that legislation.gov.uk serves in both formats its parse,
its topics and its outline. The baseline is the serial run, in this process; the ratios are
jobs per minute against it. ``--scheduler`` adds a run on a real cluster of your own (its
workers must have lawdiff installed; the documents are sent to them as bytes).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time

from common import SHARED, need_shared


def _jobs(folder) -> list[tuple[str, list[str], str | None]]:
    jobs = []
    keeling = SHARED / "keeling"
    for pair in sorted(p.name for p in keeling.iterdir() if p.is_dir()):
        for part in ("act.akn.xml", "bill.akn.xml"):
            os.makedirs(os.path.join(folder, pair), exist_ok=True)
            shutil.copyfile(keeling / pair / part, os.path.join(folder, pair, part))
        act, bill = f"{pair}/act.akn.xml", f"{pair}/bill.akn.xml"
        jobs += [("effects", [bill, "--target", act, "--format", "lawmaker"], f"out/{pair}-effects.json"),
                 ("amend", [act, bill, "--format", "json"], f"out/{pair}-amended.json"),
                 ("amend", [act, bill, "--date", "2026-12-01"], f"out/{pair}-keeling.html")]
    us = SHARED / "statutes/us"
    for old, new in (("hr-116-2157-ih", "hr-116-2157-enr"), ("hjres-116-37-rh", "hjres-116-37-rfs")):
        for name in (old, new):
            shutil.copyfile(us / f"{name}.uslm.xml", os.path.join(folder, f"{name}.uslm.xml"))
        a, b = f"{old}.uslm.xml", f"{new}.uslm.xml"
        jobs += [("diff", [a, b, "--format", "json"], f"out/{old}.json"),
                 ("diff", [a, b, "--format", "markdown"], f"out/{old}.md"),
                 ("diff", [a, b, "--format", "html"], f"out/{old}.html"),
                 ("compare", [a, b, "--date", "2026-12-01"], f"out/{old}.pdf")]
    uk = SHARED / "statutes/uk"
    for clml in sorted(uk.glob("*.clml.xml")):
        shutil.copyfile(clml, os.path.join(folder, clml.name))
        jobs += [("parse", [clml.name, "--format", "json"], f"out/{clml.stem}.json"),
                 ("topics", [clml.name], f"out/{clml.stem}-topics.txt"),
                 ("parse", [clml.name], f"out/{clml.stem}.txt")]
    return jobs


def _manifest(folder, jobs) -> str:
    import json

    lines = []
    for command, args, output in jobs:
        lines += ["[[job]]", f"command = {json.dumps(command)}", f"args = {json.dumps(args)}",
                  f"output = {json.dumps(output)}", ""]
    path = os.path.join(folder, "jobs.toml")
    with open(path, "w") as fh:
        fh.write("\n".join(lines))
    return path


def _timed(manifest: str, engine) -> tuple[float, object]:
    import lawdiff

    start = time.perf_counter()
    report = lawdiff.batch(manifest, engine, force=True)
    return time.perf_counter() - start, report


def main() -> None:
    need_shared()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scheduler", default=None, help="also run on this Dask cluster")
    args = parser.parse_args()
    from distributed import LocalCluster

    from lawdiff.batch import Dask, Local, Serial

    folder = tempfile.mkdtemp(prefix="lawdiff-bench-batch-")
    try:
        jobs = _jobs(folder)
        manifest = _manifest(folder, jobs)
        print(f"{len(jobs)} jobs over ../shared ({os.cpu_count()} cores)")
        runs = [("serial (baseline)", lambda: Serial()), ("--jobs 2", lambda: Local(2))]
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=50)
        runs.append(("Dask LocalCluster, 2 workers", lambda: Dask(cluster.scheduler_address)))
        if args.scheduler:
            runs.append((f"Dask at {args.scheduler}", lambda: Dask(args.scheduler)))
        baseline = None
        for name, engine in runs:
            seconds, report = _timed(manifest, engine())
            failed = [r for r in report.results if r.status == "failed"]
            if failed:
                sys.exit(f"{name}: {len(failed)} jobs failed: {failed[0].error}")
            per_minute = len(jobs) / seconds * 60
            baseline = baseline or per_minute
            print(f"{name:32s} {seconds:7.1f} s  {per_minute:6.1f} jobs/min  {per_minute / baseline:4.2f}x")
        cluster.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
