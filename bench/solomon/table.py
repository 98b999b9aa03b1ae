#!/usr/bin/env python3
"""Markdown table and summary from a run.sh CSV."""
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
seconds = sys.argv[2]
print(f"| instance | vehicles | best-known vehicles | distance | best-known distance | gap % | feasible |")
print("|---|---:|---:|---:|---:|---:|---|")
hit, gaps, infeasible = 0, [], 0
for r in rows:
    mark = ""
    if r["feasible"] != "yes":
        infeasible += 1
    elif r["vehicles"] == r["bk_vehicles"]:
        hit += 1; gaps.append(float(r["gap_pct"]))
    elif int(r["vehicles"]) > int(r["bk_vehicles"]):
        mark = " (+%d)" % (int(r["vehicles"]) - int(r["bk_vehicles"]))
    print(f"| {r['instance']} | {r['vehicles']}{mark} | {r['bk_vehicles']} | {r['distance']} | {r['bk_distance']} | {r['gap_pct']} | {r['feasible']} |")
print()
mean = sum(gaps) / len(gaps) if gaps else float("nan")
print(f"**{seconds} s per instance: best-known vehicle count on {hit} of {len(rows)} instances; mean distance gap on those {mean:.2f}%; "
      f"{infeasible} infeasible.** Total vehicles {sum(int(r['vehicles'] or 0) for r in rows)} (best-known {sum(int(r['bk_vehicles']) for r in rows)}).")
