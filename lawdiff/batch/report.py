"""What a batch did: each job's status, counts, time and error line, as JSON or CSV.

The JSON's schema is ``lawdiff.batch/1``; the exit status is 0 when every job succeeded, 1
when any found differences (as ``diff`` does) and none failed, 2 when any failed.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from .job import Result
from .manifest import Job

SCHEMA_ID = "lawdiff.batch/1"
COLUMNS = ("job", "command", "args", "output", "status", "exit_code", "counts", "seconds", "error")


@dataclass(frozen=True)
class Report:
    jobs: tuple[Job, ...]
    results: tuple[Result, ...]
    engine: str
    seconds: float
    formats = ("json", "csv", "text")

    @property
    def exit_status(self) -> int:
        statuses = {r.status for r in self.results}
        return 2 if "failed" in statuses else 1 if "differences" in statuses else 0

    def counts(self) -> dict[str, int]:
        out = {"jobs": len(self.results)}
        for status in ("ok", "differences", "skipped", "failed"):
            out[status] = sum(r.status == status for r in self.results)
        return out

    def rows(self) -> list[dict]:
        import shlex

        return [{"job": r.number, "command": j.command, "args": shlex.join(j.args), "output": j.output,
                 "status": r.status, "exit_code": r.exit_code, "counts": r.counts, "seconds": round(r.seconds, 3),
                 "error": r.error} for j, r in zip(self.jobs, self.results)]

    def render(self, fmt: str = "json") -> str:
        if fmt == "csv":
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, COLUMNS, lineterminator="\n")
            writer.writeheader()
            for row in self.rows():
                writer.writerow({k: "" if v is None else v for k, v in row.items()})
            return buffer.getvalue()
        if fmt == "text":
            c = self.counts()
            return (f"{c['jobs']} jobs on {self.engine} in {self.seconds:.1f} s: {c['ok']} ok, "
                    f"{c['differences']} with differences, {c['skipped']} skipped, {c['failed']} failed\n")
        return json.dumps({"schema": SCHEMA_ID, "engine": self.engine, "seconds": round(self.seconds, 3),
                           "totals": self.counts(), "jobs": self.rows()}, indent=2, ensure_ascii=False) + "\n"
