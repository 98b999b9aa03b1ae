#!/usr/bin/env python3
"""Independent feasibility check of a Solomon VRPTW solution (shares no code with the solver).

usage: check.py INSTANCE.txt SOLUTION.json  -> prints "ok VEHICLES DISTANCE" or "infeasible: reasons"; exit 0/1.
Rules: every customer exactly once; load <= capacity; service starts at max(arrival, ready) and must be <= due;
back at the depot by the depot's due date; travel time = Euclidean distance (unrounded).
"""
import json, math, sys

def read_instance(path):
    lines = [l.split() for l in open(path, newline="").read().splitlines()]
    capacity = None
    rows = []
    for i, parts in enumerate(lines):
        if parts[:1] == ["NUMBER"]:
            capacity = float(lines[i + 1][1])
        if len(parts) == 7 and all(p.replace(".", "", 1).isdigit() for p in parts):
            rows.append([float(p) for p in parts])
    return capacity, {int(r[0]): r for r in rows}

def main():
    capacity, cust = read_instance(sys.argv[1])
    routes = json.load(open(sys.argv[2]))["routes"]
    depot = cust[0]
    problems, seen, total = [], {}, 0.0
    for k, route in enumerate(routes):
        t, load, x, y = depot[4], 0.0, depot[1], depot[2]
        for c in route:
            if c not in cust or c == 0:
                problems.append(f"route {k}: unknown customer {c}"); continue
            seen[c] = seen.get(c, 0) + 1
            r = cust[c]
            d = math.hypot(r[1] - x, r[2] - y)
            total += d
            t = max(t + d, r[4])
            if t > r[5] + 1e-6:
                problems.append(f"route {k}: customer {c} starts at {t:.3f} after due {r[5]}")
            t += r[6]; load += r[3]; x, y = r[1], r[2]
        d = math.hypot(depot[1] - x, depot[2] - y)
        total += d
        if route and t + d > depot[5] + 1e-6:
            problems.append(f"route {k}: back at {t + d:.3f} after depot due {depot[5]}")
        if load > capacity + 1e-9:
            problems.append(f"route {k}: load {load} > capacity {capacity}")
    for c in cust:
        if c != 0 and seen.get(c, 0) != 1:
            problems.append(f"customer {c} visited {seen.get(c, 0)} times")
    vehicles = sum(1 for r in routes if r)
    if problems:
        print("infeasible: " + "; ".join(problems[:5])); sys.exit(1)
    print(f"ok {vehicles} {total:.4f}")

main()
