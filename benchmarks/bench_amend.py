"""Effects extraction and application, against parsing the two documents alone (the floor).

    python3 benchmarks/bench_amend.py [--repeat N]

For each pair in ../shared/keeling (and the IP(A)A 2024 read on its own), in one run,
best of --repeat: parsing the amending text and the Act; extracting the effects (with
the Act as target); applying them. Ratios are to the parse time.
"""

from __future__ import annotations

import argparse

import lawdiff
from lawdiff.amend import apply_effects, extract

from common import SHARED, best, need_shared


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    need_shared()
    print(f"{'pair':42} {'parse s':>8} {'effects s':>9} {'apply s':>8} {'effects':>8} {'x parse':>8}")
    for folder in sorted((SHARED / "keeling").iterdir()):
        if not (folder / "bill.akn.xml").exists():
            continue
        bill_bytes, act_bytes = (folder / "bill.akn.xml").read_bytes(), (folder / "act.akn.xml").read_bytes()
        parse_s, (bill, act) = best(lambda: (lawdiff.parse_bytes(bill_bytes, "bill"),
                                             lawdiff.parse_bytes(act_bytes, "act")), args.repeat)
        effects_s, effects = best(lambda: extract(bill, act), args.repeat)
        apply_s, _ = best(lambda: apply_effects(act, effects.effects), args.repeat)
        print(f"{folder.name:42} {parse_s:8.2f} {effects_s:9.2f} {apply_s:8.2f} {len(effects.effects):8} "
              f"{(effects_s + apply_s) / parse_s:7.1f}x")


if __name__ == "__main__":
    main()
