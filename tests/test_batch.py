"""lawdiff batch: real jobs over ../shared (the Keeling pairs, the US bill versions, UK
documents), on a pool of local processes and on a real Dask LocalCluster (a scheduler and two
workers started here), each output byte for byte what the command gives alone; a missing
file, hostile XML and a worker killed mid-job end as documented, the other jobs complete."""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
import time

import pytest

import lawdiff
from lawdiff.batch import Dask, Job, Local, Serial, read_manifest

from conftest import lawdiff_run, shared
from hostile_corpus import corpus

DATE = "2026-12-01"


def _copy(folder) -> None:
    """The documents the jobs read, laid out in the manifest's folder (as a user's would be)."""
    for name in ("agricultural-holdings-scotland-act-2003", "bankruptcy-scotland-act-2016"):
        for part in ("act.akn.xml", "bill.akn.xml"):
            target = folder / "keeling" / name / part
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(shared("keeling", name, part), target)
    for name in ("hr-116-2157-ih", "hr-116-2157-enr", "hjres-116-37-rh", "hjres-116-37-rfs"):
        (folder / "us").mkdir(exist_ok=True)
        shutil.copyfile(shared("statutes", "us", f"{name}.uslm.xml"), folder / "us" / f"{name}.uslm.xml")
    (folder / "uk").mkdir(exist_ok=True)
    for name in ("ukpga-2024-9.clml.xml", "ukpga-2024-9.akn.xml"):
        shutil.copyfile(shared("statutes", "uk", name), folder / "uk" / name)
    bomb = next(data for name, data, _ in corpus(str(folder / "secret"), "http://127.0.0.1:9") if name == "billion-laughs")
    (folder / "hostile.xml").write_bytes(bomb)


AGRI, BANKRUPTCY = "keeling/agricultural-holdings-scotland-act-2003", "keeling/bankruptcy-scotland-act-2016"
JOBS = [
    ("effects", [f"{AGRI}/bill.akn.xml", "--target", f"{AGRI}/act.akn.xml", "--format", "lawmaker"], "out/agri.json"),
    ("amend", [f"{AGRI}/act.akn.xml", f"{AGRI}/bill.akn.xml", "--date", DATE], "out/agri-keeling.html"),
    ("effects", [f"{BANKRUPTCY}/bill.akn.xml", "--target", f"{BANKRUPTCY}/act.akn.xml"], "out/bankruptcy.txt"),
    ("amend", [f"{BANKRUPTCY}/act.akn.xml", f"{BANKRUPTCY}/bill.akn.xml", "--format", "json"], "out/bankruptcy.json"),
    ("diff", ["us/hr-116-2157-ih.uslm.xml", "us/hr-116-2157-enr.uslm.xml", "--format", "json"], "out/hr.json"),
    ("diff", ["us/hjres-116-37-rh.uslm.xml", "us/hjres-116-37-rfs.uslm.xml", "--format", "markdown"], "out/hjres.md"),
    ("compare", ["us/hjres-116-37-rh.uslm.xml", "us/hjres-116-37-rfs.uslm.xml", "--date", DATE], "out/hjres.pdf"),
    ("compare", ["us/hjres-116-37-rh.uslm.xml", "us/hjres-116-37-rfs.uslm.xml", "--date", DATE], "out/hjres.docx"),
    ("topics", ["uk/ukpga-2024-9.clml.xml", "--format", "csv"], "out/ipa-topics.csv"),
    ("show", ["uk/ukpga-2024-9.akn.xml", "s. 1(2)"], "out/ipa-s1.txt"),
    ("parse", ["uk/ukpga-2024-9.akn.xml", "--format", "json"], "out/ipa.json"),
    ("index", ["uk/ukpga-2024-9.clml.xml", "uk/ukpga-2024-9.akn.xml"], None),
    ("diff", ["us/missing.uslm.xml", "us/hr-116-2157-enr.uslm.xml"], "out/missing.txt"),
    ("parse", ["hostile.xml"], "out/hostile.txt"),
]


def _manifest(folder, jobs=JOBS) -> str:
    lines = []
    for command, args, output in jobs:
        lines += ["[[job]]", f"command = {json.dumps(command)}", f"args = {json.dumps(args)}"]
        if output:
            lines.append(f"output = {json.dumps(output)}")
        lines.append("")
    path = folder / "jobs.toml"
    path.write_text("\n".join(lines))
    return str(path)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The documents, and what each job's command gives when run alone in that folder."""
    folder = tmp_path_factory.mktemp("batch")
    _copy(folder)
    alone = {}
    for command, args, output in JOBS:
        if output is None or "missing" in output or "hostile" in output:
            continue
        if command in ("diff", "compare") or (command == "amend" and output.endswith(".html")):
            target = folder / "alone" / output
            target.parent.mkdir(parents=True, exist_ok=True)
            done = lawdiff_run(command, *args, "-o", str(target), cwd=folder)
            alone[output] = target.read_bytes()
        else:
            done = lawdiff_run(command, *args, cwd=folder)
            alone[output] = done.stdout_bytes
        assert done.returncode in (0, 1), (command, done.stderr)
    return folder, alone


def _check(folder, alone, report) -> None:
    by_output = {j.output: r for j, r in zip(report.jobs, report.results)}
    for output, expected in alone.items():
        assert by_output[output].status in ("ok", "differences"), by_output[output]
        assert (folder / output).read_bytes() == expected, output  # byte for byte the command alone
    missing, hostile = by_output["out/missing.txt"], by_output["out/hostile.txt"]
    assert missing.status == "failed" and missing.exit_code == 2 and "us/missing.uslm.xml" in missing.error
    assert hostile.status == "failed" and hostile.error.startswith("lawdiff: error: hostile.xml")
    assert not (folder / "out/missing.txt").exists() and not (folder / "out/hostile.txt").exists()
    index = report.results[[j.command for j in report.jobs].index("index")]
    assert index.status == "ok" and index.counts.endswith("provisions")
    assert by_output["out/hr.json"].status == "differences" and by_output["out/hr.json"].counts == "82 changes"
    assert report.exit_status == 2  # a job failed; the others are done


def _fresh(folder) -> None:
    shutil.rmtree(folder / "out", ignore_errors=True)
    for store in folder.glob("store.sqlite3*"):
        store.unlink()


def test_a_local_pool_gives_each_commands_own_bytes(site):
    folder, alone = site
    _fresh(folder)
    report = lawdiff.batch(_manifest(folder), Local(2), store=str(folder / "store.sqlite3"))
    _check(folder, alone, report)
    assert len({r.where for r in report.results if r.where}) == 2  # two processes ran them
    hits = lawdiff.search("interception", store=str(folder / "store.sqlite3"))
    assert hits.hits and set(hits.hits[0].sources) <= {"uk/ukpga-2024-9.clml.xml", "uk/ukpga-2024-9.akn.xml"}


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed: pip install -e '.[test]'")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as made, distributed.Client(made) as client:
        yield made, client


def test_a_dask_cluster_gives_the_same_bytes_with_the_documents_sent_as_bytes(site, cluster):
    folder, alone = site
    _fresh(folder)
    made, client = cluster
    report = lawdiff.batch(_manifest(folder), Dask(made.scheduler_address), store=str(folder / "store.sqlite3"))
    assert report.engine.startswith("dask (tcp://127.0.0.1:")
    _check(folder, alone, report)
    # the same through the command, on the shared disk this time, with the summary as CSV
    _fresh(folder)
    done = lawdiff_run("batch", _manifest(folder), "--scheduler", made.scheduler_address, "--shared",
                       "--store", str(folder / "store.sqlite3"), "--summary", str(folder / "summary.csv"))
    assert done.returncode == 2 and done.stderr.startswith(f"wrote {folder / 'summary.csv'}: {len(JOBS)} jobs on dask")
    rows = (folder / "summary.csv").read_text().splitlines()
    assert rows[0] == "job,command,args,output,status,exit_code,counts,seconds,error" and len(rows) == len(JOBS) + 1
    for output, expected in alone.items():
        assert (folder / output).read_bytes() == expected, output


def test_a_job_whose_worker_is_killed_is_run_again(site, cluster):
    folder, alone = site
    _fresh(folder)
    made, client = cluster
    # the slowest job first, so that it is running when its worker is killed
    slow = ("compare", ["us/hr-116-2157-ih.uslm.xml", "us/hr-116-2157-enr.uslm.xml", "--view", "side-by-side",
                        "--date", DATE], "out/hr-sbs.pdf")
    jobs = [slow] + [j for j in JOBS if j[0] in ("diff", "show")]
    expected = folder / "alone" / "hr-sbs.pdf"
    if not expected.exists():
        assert lawdiff_run(*slow[0:1], *slow[1], "-o", str(expected), cwd=folder).returncode == 0
    engine = Dask(client)
    outcome = {}
    runner = threading.Thread(target=lambda: outcome.setdefault("report", lawdiff.batch(_manifest(folder, jobs), engine)))
    runner.start()
    key = f"lawdiff-job-1-{engine.run_id}"
    deadline, victim = time.monotonic() + 60, None
    while victim is None and time.monotonic() < deadline:
        for worker, keys in client.processing().items():
            if key in keys:
                victim = worker
        time.sleep(0.05)
    assert victim, "the slow job never started"
    time.sleep(1.0)  # well into the job
    pid = client.run(os.getpid, workers=[victim])[victim]
    os.kill(pid, signal.SIGKILL)
    runner.join(240)
    report = outcome["report"]
    first = report.results[0]
    assert first.status == "ok" and not first.where.endswith(f":{pid}")  # done again, by another process
    assert (folder / "out/hr-sbs.pdf").read_bytes() == expected.read_bytes()
    assert all(r.status in ("ok", "differences", "failed") for r in report.results)
    failed = [r.error for r in report.results if r.status == "failed"]
    assert len(failed) == 1 and "us/missing.uslm.xml: no such file" in failed[0]  # only the missing file


def test_rerunning_skips_what_is_up_to_date_and_force_redoes_it(tmp_path):
    old, new = shared("statutes", "us", "hjres-116-37-rh.uslm.xml"), shared("statutes", "us", "hjres-116-37-rfs.uslm.xml")
    shutil.copyfile(old, tmp_path / "old.xml")
    shutil.copyfile(new, tmp_path / "new.xml")
    manifest = _manifest(tmp_path, [("diff", ["old.xml", "new.xml", "--stat"], "out/stat.txt"),
                                    ("show", ["new.xml", "sec. 2"], "out/sec2.txt"),
                                    ("show", ["example:surveillance-act", "s. 1(1)"], "out/s11.txt")])
    first = lawdiff.batch(manifest, Serial())
    assert [r.status for r in first.results] == ["differences", "ok", "ok"] and first.exit_status == 1
    again = lawdiff.batch(manifest, Serial())
    # what reads only an example (no file of the user's to be newer than) is always run
    assert [r.status for r in again.results] == ["skipped", "skipped", "ok"] and again.exit_status == 0
    later = time.time() + 5
    os.utime(tmp_path / "new.xml", (later, later))
    assert [r.status for r in lawdiff.batch(manifest, Serial()).results] == ["differences", "ok", "ok"]
    assert [r.status for r in lawdiff.batch(manifest, Serial(), force=True).results] == ["differences", "ok", "ok"]


def test_the_command_reports_in_json_and_exits_as_documented(tmp_path):
    manifest = _manifest(tmp_path, [("show", ["example:surveillance-act", "s. 1(1)"], "out/s11.txt"),
                                    ("diff", ["example:surveillance-act", "example:surveillance-act-amended"],
                                     "out/changes.txt")])
    done = lawdiff_run("batch", manifest, "--jobs", "1")
    assert done.returncode == 1  # one job found differences, none failed
    report = json.loads(done.stdout)
    assert report["schema"] == "lawdiff.batch/1" and report["engine"] == "serial"
    assert report["totals"] == {"jobs": 2, "ok": 1, "differences": 1, "skipped": 0, "failed": 0}
    assert [j["counts"] for j in report["jobs"]] == ["", "8 changes"]
    assert (tmp_path / "out/s11.txt").read_bytes() == lawdiff_run("show", "example:surveillance-act", "s. 1(1)").stdout_bytes


def test_manifests_in_csv_and_their_mistakes(tmp_path):
    csv_manifest = tmp_path / "jobs.csv"
    csv_manifest.write_text('command,args,output\nshow,"example:surveillance-act \'s. 1(1)\'",out/s.txt\n'
                            "index,example:surveillance-act,\n")
    jobs = read_manifest(str(csv_manifest))
    assert jobs == [Job("show", ("example:surveillance-act", "s. 1(1)"), "out/s.txt", str(tmp_path), 2),
                    Job("index", ("example:surveillance-act",), None, str(tmp_path), 3)]
    for text, says in (('[[job]]\ncommand = "format-disk"\nargs = []\noutput = "x"\n', "is not one a batch runs"),
                       ('[[job]]\ncommand = "diff"\nargs = ["a", "b"]\n', "output is missing"),
                       ('[[job]]\ncommand = "diff"\nargs = ["a", "b", "-o", "x"]\noutput = "y"\n', "not with -o"),
                       ('[[job]\n', "not valid TOML"), ("", "has no jobs")):
        bad = tmp_path / "bad.toml"
        bad.write_text(text)
        done = lawdiff_run("batch", str(bad))
        assert done.returncode == 2 and done.stderr.count("\n") == 1 and says in done.stderr, (text, done.stderr)
        assert done.stderr.startswith(f"lawdiff: error: {bad}")


def test_a_scheduler_that_does_not_answer_is_one_line(tmp_path):
    pytest.importorskip("distributed", reason="dask.distributed is not installed: pip install -e '.[test]'")
    import socket

    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]  # (closed again before the batch tries it)
    manifest = _manifest(tmp_path, [("show", ["example:surveillance-act", "s. 1(1)"], "out/s.txt")])
    done = lawdiff_run("batch", manifest, "--scheduler", f"tcp://127.0.0.1:{port}")
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"lawdiff: error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}")
    assert not (tmp_path / "out" / "s.txt").exists()


def test_the_shipped_example_runs_in_the_current_folder(tmp_path):
    done = lawdiff_run("batch", "example:batch", "--jobs", "1", "--store", str(tmp_path / "s.sqlite3"),
                       "--summary", str(tmp_path / "summary.json"), cwd=tmp_path)
    assert done.returncode == 1, done.stderr  # the diffs found differences; nothing failed
    report = json.loads((tmp_path / "summary.json").read_text())
    assert report["totals"]["failed"] == 0 and report["totals"]["jobs"] == 7
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == \
        ["briefing.pdf", "changes.html", "changes.json", "effects.csv", "keeling.docx", "topics.txt"]
    assert (tmp_path / "out" / "changes.json").read_bytes() == lawdiff_run(
        "diff", "example:surveillance-act", "example:surveillance-act-amended", "--format", "json").stdout_bytes


def test_a_mirror_reaches_every_job(tmp_path):
    mirror = tmp_path / "mirror" / "ukpga" / "2024" / "9"
    mirror.mkdir(parents=True)
    shutil.copyfile(shared("statutes", "uk", "ukpga-2024-9.clml.xml"), mirror / "data.xml")
    manifest = _manifest(tmp_path, [("show", ["ukpga/2024/9", "s. 1(1)"], "out/s11.txt"),
                                    ("index", ["ukpga/2024/9"], None)])
    report = lawdiff.batch(manifest, Serial(), mirror=str(tmp_path / "mirror"), store=str(tmp_path / "s.sqlite3"))
    assert [r.status for r in report.results] == ["ok", "ok"], [r.error for r in report.results]
    alone = lawdiff_run("show", "ukpga/2024/9", "s. 1(1)", env={**os.environ, "LAWDIFF_MIRROR": str(tmp_path / "mirror")})
    assert alone.returncode == 0 and (tmp_path / "out/s11.txt").read_text() == alone.stdout
    assert "LAWDIFF_MIRROR" not in os.environ or os.environ["LAWDIFF_MIRROR"] != str(tmp_path / "mirror")


def test_ctrl_c_ends_a_batch_on_a_pool_in_one_line_with_nothing_half_written(tmp_path):
    """SIGINT to the whole process group (as a terminal sends it: the pool's processes too)."""
    import subprocess
    import sys

    for name in ("hr-116-2157-ih", "hr-116-2157-enr"):
        shutil.copyfile(shared("statutes", "us", f"{name}.uslm.xml"), tmp_path / f"{name}.xml")
    pair = ["hr-116-2157-ih.xml", "hr-116-2157-enr.xml", "--date", DATE]
    manifest = _manifest(tmp_path, [("compare", pair, "out/a.pdf"),
                                    ("compare", pair + ["--view", "side-by-side"], "out/b.pdf")])
    running = subprocess.Popen([sys.executable, "-m", "lawdiff", "batch", manifest, "--jobs", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, cwd=tmp_path)
    time.sleep(4)  # the workers are laying out their PDFs
    os.killpg(running.pid, signal.SIGINT)
    out, err = running.communicate(timeout=120)
    assert running.returncode == 130 and err.decode() == "lawdiff: interrupted (SIGINT)\n" and out == b""
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())  # no output, whole or half
