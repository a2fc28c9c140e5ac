#!/bin/bash
# Three workers on one PostgreSQL ledger, the server restarted (-m fast, about a second) in the
# middle of their run. What to see: every worker outputs all 800 rows, none Unknown, no errors
# (writes that meet the restart are run again; an outcome the ledger could not take is written when
# it is back, so its claim ends), and the ledger holds 800 assets. Before review 17's fixes the same
# run left accepted assets Unknown, made others wait ten minutes (ClaimHeldElsewhere), and failed
# the inputs whose claim met the restart (LedgerUnavailable). Takes 1-3 minutes after
# `dotnet build Module.sln`.
# usage: tests/benchmarks/pg-restart-midrun.sh [restart once the ledger holds this many records (600)]
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
at=${1:-600}
work=$(mktemp -d /tmp/review17-pg.XXXXXX)
chmod 755 "$work"   # the postgres user (initdb as root) must reach the cluster folder
harness="dotnet $root/tests/RealPerson.Harness/bin/Debug/net10.0/RealPerson.Harness.dll"
$harness pg start --dir "$work/pg" > /dev/null
uri=$($harness pg createdb --dir "$work/pg" | tail -1)
case "$uri" in postgres*://*) ;; *) echo "no PostgreSQL cluster: $uri" >&2; exit 1 ;; esac
port=$(( 20000 + RANDOM % 20000 ))
dotnet "$root/src/RealPerson.Simulator/bin/Debug/net10.0/RealPerson.Simulator.dll" --port $port --latency-ms 200 > "$work/sim.log" 2>&1 &
sim=$!
sleep 3
cat > "$work/worker.ps1" <<PS
param(\$Tag)
Import-Module $root/RealPerson.psd1
\$env:JIMMYAI_API_KEY='sk_test_jimmy'; \$env:JIMMYAI_BASE_URL='http://127.0.0.1:$port'
\$env:REALPERSON_LEDGER='$uri'
\$ProgressPreference='SilentlyContinue'
\$rows = 1..800 | % { [pscustomobject]@{ Name = "pq\$_"; Url = "https://img.example.com/pq\$_.jpg" } }
\$out = \$rows | Submit-RealPersonAsset -Provider JimmyAI -ThrottleLimit 4 -ErrorVariable ev -WarningVariable wv -ErrorAction Continue
"[\$Tag] out=\$(\$out.Count) unknown=\$(@(\$out | ? Status -eq Unknown).Count) errors=\$(\$ev.Count) warnings=\$(\$wv.Count)"
\$ev | Group-Object { \$_.FullyQualifiedErrorId } | % { "[\$Tag] err \$(\$_.Count) x \$(\$_.Name)" }
PS
pids=()
for t in A B C; do "$root/.tools/pwsh" -NoProfile -File "$work/worker.ps1" -Tag $t > "$work/$t.log" 2>&1 & pids+=($!); done
until [ "$(psql "$uri" -At -c 'select count(*) from realperson.records' 2>/dev/null || echo 0)" -ge "$at" ]; do sleep 0.2; done
date -u +"restart at %T"
data="$work/pg/data"
if [ "$(id -u)" = 0 ]; then su postgres -c "$(pg_config --bindir)/pg_ctl -D $data -w restart -m fast" > /dev/null; else "$(pg_config --bindir)/pg_ctl" -D "$data" -w restart -m fast > /dev/null; fi
wait "${pids[@]}"
date -u +"workers done at %T"
grep -h '^\[' "$work"/?.log
grep -h "is not in the ledger" "$work"/?.log | sed 's/\x1b\[[0-9;]*m//g' | head -5
psql "$uri" -At -c "select 'ledger', status, count(*) from realperson.assets group by status"
kill $sim
$harness pg stop --dir "$work/pg" > /dev/null
