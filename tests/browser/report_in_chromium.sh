#!/usr/bin/env bash
# Loads a sample report.html in headless Chromium and checks, from the DOM after the page's
# scripts ran and from Chromium's log: every chart rendered with visible marks, the suppression
# table sorts and filters (by typing and by a domain link), addresses, domains and path parts are
# never broken across lines, nothing logged an error or tried to load anything, hostile strings
# stayed text. The sample is the second of two nightly runs over one history: the changes
# section says what the second run changed, and the rows new that night carry a visible mark,
# on the right rows, also when the table is filtered.
# Then it breaks copies of the page on purpose and checks that each broken copy is rejected,
# so the checks themselves are known to be able to fail.
# Usage: report_in_chromium.sh MAKE_SAMPLE_REPORT WORK_DIR
# Exit: 0 pass, 1 fail, 77 skip (chromium missing outside CI; under CI=true that is a failure).
set -uo pipefail
maker=$1 work=$2

chromium=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $chromium ]]; then
  if [[ ${CI:-} == true ]]; then
    echo "FAIL: chromium is not installed (scripts/install-deps --test installs it)"
    exit 1
  fi
  echo "SKIP: chromium is not installed"
  exit 77
fi

rm -rf "$work" && mkdir -p "$work" || exit 1
"$maker" "$work/out" || { echo "FAIL: could not make the sample report"; exit 1; }
expected_charts=6  # the sample covers several days and several providers: every chart is drawn

# load PAGE NAME: dumps the DOM into $work/NAME.dom and Chromium's log into $work/NAME.log.
load() {
  local profile
  profile=$(mktemp -d "$work/profile.XXXXXX")
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --enable-logging=stderr --v=0 \
    --dump-dom "file://$1#selftest" >"$work/$2.dom" 2>"$work/$2.log"
  local status=$?
  rm -rf "$profile"
  return $status
}

attr() { grep -o -m1 "<html[^>]*" "$1" | grep -o "$2=\"[^\"]*\"" | head -1 | sed 's/^[^"]*"//; s/"$//'; }

# check NAME: prints every problem found; returns 1 if there was any.
check() {
  local dom="$work/$1.dom" log="$work/$1.log" problems=0
  say() { echo "  $1: $2"; problems=1; }
  [[ -s $dom ]] || { say "$1" "no DOM dumped (see $log)"; return 1; }
  local rendered expected errors sort wrap filter fresh
  rendered=$(attr "$dom" data-charts-rendered)
  expected=$(attr "$dom" data-charts-expected)
  errors=$(attr "$dom" data-errors)
  sort=$(attr "$dom" data-sort-check)
  wrap=$(attr "$dom" data-wrap-check)
  filter=$(attr "$dom" data-filter-check)
  fresh=$(attr "$dom" data-new-check)
  [[ $expected == "$expected_charts" ]] || say "$1" "page has ${expected:-no} charts, expected $expected_charts"
  [[ -n $rendered && $rendered == "$expected" ]] || say "$1" "${rendered:-no} charts rendered of ${expected:-?}"
  [[ $errors == 0 ]] || say "$1" "page caught ${errors:-?} errors: $(attr "$dom" data-error-log)"
  [[ $sort == ok ]] || say "$1" "table sort check: ${sort:-did not run}"
  [[ $wrap == ok ]] || say "$1" "no-break check: ${wrap:-did not run}"
  [[ $filter == ok ]] || say "$1" "filter check: ${filter:-did not run}"
  [[ $fresh == ok ]] || say "$1" "new-tonight check: ${fresh:-did not run}"
  # What the second run changed, as the sample makes it (make_sample_report.cpp): two newcomers
  # suppressed, one address allowlisted between the runs.
  grep -q '<h2 id="changes">Changes since the previous run</h2>' "$dom" || say "$1" "no changes section"
  grep -q 'Since the previous run (2026-11-12T04:00:00Z): <b>2</b> newly suppressed, <b>1</b> left the list (1 allowed)' "$dom" ||
    say "$1" "the changes section does not say 2 newly suppressed and 1 allowed since 2026-11-12T04:00:00Z"
  grep -q '<tr class="change-removed"><td class="wrap">[^<]*</td><td>removed</td><td>userunknown</td><td>allowed</td>' "$dom" ||
    say "$1" "the allowlisted address is not listed as removed"
  local who
  for who in newcomer1@example.org newcomer2@shop.example; do
    grep -q "<tr class=\"new-tonight\" data-domain=\"${who#*@}\"><td class=\"addr\">$who <span class=\"new-tonight\"" "$dom" ||
      say "$1" "$who is not marked new in the suppression table"
    grep -q "<tr class=\"change-added\"><td class=\"wrap\">$who</td><td>added</td>" "$dom" ||
      say "$1" "$who is not listed as added"
  done
  [[ $(grep -o '<tr class="new-tonight"' "$dom" | wc -l) == 2 ]] || say "$1" "not exactly two rows are marked new"
  if grep -q "CONSOLE" "$log"; then say "$1" "console output in Chromium's log:"; grep "CONSOLE" "$log" | head -5; fi
  if grep -q "<img" "$dom"; then say "$1" "a string from the data became an <img> element"; fi
  grep -q "&lt;img src=x onerror=alert(1)&gt;.example" "$dom" || say "$1" "the hostile domain is not shown as text"
  return $problems
}

page="$work/out/report.html"
load "$page" good || { echo "FAIL: chromium failed on the report (see $work/good.log)"; tail -5 "$work/good.log"; exit 1; }
if ! check good; then
  echo "FAIL: report.html did not pass in Chromium"
  exit 1
fi
echo "report.html: $expected_charts charts rendered, table sorts and filters, nothing breaks mid-word, changes and new rows shown, no errors"

# Without script the page still shows every row, and no filter box that could not work.
if ! grep -q 'id="suppressions-filter-bar" hidden>' "$page" || grep -q '<tr hidden' "$page"; then
  echo "FAIL: without script the filter box would show, or rows would be hidden"
  exit 1
fi

# The checks must be able to fail: each broken copy has to be rejected.
broken=0
make_broken() {  # NAME COMMAND...: the command turns the page (stdin) into the broken copy (stdout)
  local name=$1
  shift
  "$@" <"$page" >"$work/$name.html"
  cmp -s "$page" "$work/$name.html" && { echo "FAIL: could not break the page for $name"; broken=1; return; }
  load "$work/$name.html" "$name"
  local why
  if why=$(check "$name"); then
    echo "FAIL: the broken page '$name' passed the checks"
    broken=1
  else
    echo "broken page '$name' rejected, as it must be:${why%%$'\n'*}"
  fi
}
make_broken console-error sed 's|</body>|<script>console.error("deliberate")</script></body>|'
make_broken script-error sed 's|</body>|<script>undefinedFunction()</script></body>|'
make_broken network-load sed 's|</body>|<img src="http://192.0.2.1/pixel.png" alt=""></body>|'
make_broken missing-chart sed '0,/<figure>/s|<figure>|<figure hidden>|'
make_broken empty-chart sed '0,/class="mark"/s|class="mark"[^>]*>|class="mark" x="0" y="0" width="0" height="0">|g'
make_broken no-sort sed 's|rows.forEach(function (row) { body.appendChild(row); });||'
make_broken no-filter sed "s|input.addEventListener('input', function () { domain = null; apply(); });||"
make_broken no-domain-link sed "s|domain = link.getAttribute('data-domain');||"
make_broken no-new-mark sed 's|</style>|span.new-tonight { visibility: hidden; }</style>|'
make_broken marked-row-restyled sed 's|</style>|tr.new-tonight { font-weight: 600; font-size: 0.85em; }</style>|'
make_broken no-new-bar sed 's|tr.new-tonight td:first-child { border-left: 3px solid #0b6e2f; }||'
make_broken mark-missing sed '0,/<tr class="new-tonight"/s|<tr class="new-tonight"|<tr|'
make_broken mark-on-old-row perl -0pe \
  's|<tr data-domain="([^"]*)"><td class="addr">([^<]*)</td>|<tr class="new-tonight" data-domain="$1"><td class="addr">$2 <span class="new-tonight">new</span></td>|'
make_broken no-changes-section sed 's|<h2 id="changes">|<h2 id="changes" hidden>|; s|Since the previous run (|Since (|'
make_broken mid-word-breaks sed 's|td.addr, td.path > span { white-space: nowrap; }|td.addr, td.path > span { word-break: break-all; } table { table-layout: fixed; }|'
exit $broken
