#!/usr/bin/env bash
# Measures the 100,000-row meetings import through the CLI on SQLite: wall time and peak memory.
#   scripts/import-benchmark.sh [PartyOrg.Dashboard.dll] [rows]
# Run it with several row counts (20000, 100000, 300000) to see that memory does not grow with the file.
# Default dll: a Release build (dotnet build -c Release src/PartyOrg.Dashboard). Prints the CLI's summary
# and "elapsed … s, peak RSS … MB". Needs python3 and GNU time (/usr/bin/time).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dll=${1:-$root/src/PartyOrg.Dashboard/bin/Release/net10.0/PartyOrg.Dashboard.dll}
rows=${2:-100000}
work=$(mktemp -d /tmp/partyorg-import-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

python3 - "$work" "$rows" <<'PY'
import datetime, sys
work, rows = sys.argv[1], int(sys.argv[2])
cells = max(100, rows // 1000 // 2 * 2)  # about 1,000 days of meetings: no date in the future
with open(f"{work}/units.csv", "w", encoding="utf-8") as f:
    f.write("effective_date,action,code,name,short_name,kind,sector,parent_code,successor_code,note\n")
    f.write("2020-01-01,new,P,Đảng bộ tỉnh,Tỉnh,province,none,,,\n")
    for d in (1, 2):
        f.write(f"2020-01-01,new,D{d},Đảng bộ huyện {d},Huyện {d},upper_committee,district,P,,\n")
        f.write(f"2020-01-01,new,G{d},Đảng bộ xã {d},Xã {d},grassroots_committee,commune,D{d},,\n")
        for c in range(1, cells // 2 + 1):
            f.write(f"2020-01-01,new,C{d}-{c},Chi bộ ấp {c},Ấp {c},cell,hamlet,G{d},,\n")
start = datetime.date(2021, 1, 1)
with open(f"{work}/meetings.csv", "w", encoding="utf-8") as f:
    f.write("unit_code,date,kind,mode,duration_minutes,documents_ahead,upper_level_attended,expected,present,"
            "absent_with_reason,absent_without_reason,exempt_attended,speakers,score\n")
    for i in range(rows):
        cell = i % cells
        code = f"C{1 + cell // (cells // 2)}-{1 + cell % (cells // 2)}"
        date = start + datetime.timedelta(days=i // cells)
        present = 10 + i % 9
        f.write(f"{code},{date:%d/%m/%Y},regular,in_person,{90 + i % 40},yes,no,20,{present},{20 - present},0,0,{i % 6},{50 + i % 50}\n")
PY

dotnet "$dll" import units "$work/units.csv" --data-dir "$work/data" >/dev/null
echo "meetings.csv: $(du -h "$work/meetings.csv" | cut -f1), $rows rows"
/usr/bin/time -f "elapsed %e s, user %U s, peak RSS %M KB" -o "$work/time.txt" \
  dotnet "$dll" import meetings "$work/meetings.csv" --data-dir "$work/data" | grep -v '^progress:'
awk '{ printf "elapsed %s s (user CPU %s s), peak RSS %.0f MB\n", $2, $5, $9 / 1024 }' "$work/time.txt"
