#!/usr/bin/env bash
# Solomon VRPTW benchmark of the dispatch optimizer.
#   bench/solomon/run.sh [SECONDS] [INSTANCE ...]     (default: 10 seconds, all 56 instances)
# Runs ./aftersales dispatch solve on each instance, checks every solution with check.py (independent of the
# solver) and writes bench/solomon/results/solomon-<SECONDS>s.csv and .md: vehicles and distance against the
# best-known solutions in ../shared/data/solomon/best-known.csv, gap %, feasibility.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${SOLOMON_DATA:-$root/../shared/data/solomon}"
[[ -d "$data/instances/solomon-100" ]] || data=/work/shared/data/solomon
seconds="${1:-10}"
shift || true
instances=("$@")
if [[ ${#instances[@]} -eq 0 ]]; then
  mapfile -t instances < <(ls "$data/instances/solomon-100" | sed 's/\.txt$//' | sort)
fi
out="$here/results"
mkdir -p "$out"
tag="solomon-${seconds}s"
[[ ${#instances[@]} -lt 56 ]] && tag="$tag-subset"
csv="$out/$tag.csv"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

app=("$root/aftersales")
if [[ -n "${AFTERSALES_DLL:-}" ]]; then app=(dotnet "$AFTERSALES_DLL"); fi   # a published copy, e.g. while editing the sources
"${app[@]}" --help >/dev/null   # build once before timing anything
echo "instance,vehicles,bk_vehicles,distance,bk_distance,gap_pct,feasible,wall_s" > "$csv"
for name in "${instances[@]}"; do
  file="$data/instances/solomon-100/$name.txt"
  t0=$(date +%s.%N)
  "${app[@]}" dispatch solve --solomon "$file" --seconds "$seconds" > "$work/$name.json"
  t1=$(date +%s.%N)
  check="$(python3 "$here/check.py" "$file" "$work/$name.json" || true)"
  bk="$(grep "^$name," "$data/best-known.csv" | cut -d, -f2,3)"
  python3 - "$name" "$check" "$bk" "$t0" "$t1" >> "$csv" <<'PY'
import sys
name, check, bk, t0, t1 = sys.argv[1:]
bkv, bkd = bk.split(",")
if check.startswith("ok "):
    _, v, d = check.split()
    gap = (float(d) - float(bkd)) / float(bkd) * 100
    print(f"{name},{v},{bkv},{float(d):.4f},{float(bkd):.4f},{gap:.2f},yes,{float(t1)-float(t0):.1f}")
else:
    print(f"{name},,{bkv},,{float(bkd):.4f},,NO ({check}),{float(t1)-float(t0):.1f}")
PY
  tail -1 "$csv"
done
python3 "$here/table.py" "$csv" "$seconds" > "$out/$tag.md"
cat "$out/$tag.md"
