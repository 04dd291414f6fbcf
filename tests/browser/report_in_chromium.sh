#!/usr/bin/env bash
# Loads a sample report.html in headless Chromium and checks, from the DOM after the page's
# scripts ran and from Chromium's log: every chart rendered with visible marks, the suppression
# table sorts and filters (by typing and by a domain link), addresses, domains and path parts are
# never broken across lines, nothing logged an error or tried to load anything, hostile strings
# stayed text.
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
  local rendered expected errors sort wrap filter
  rendered=$(attr "$dom" data-charts-rendered)
  expected=$(attr "$dom" data-charts-expected)
  errors=$(attr "$dom" data-errors)
  sort=$(attr "$dom" data-sort-check)
  wrap=$(attr "$dom" data-wrap-check)
  filter=$(attr "$dom" data-filter-check)
  [[ $expected == "$expected_charts" ]] || say "$1" "page has ${expected:-no} charts, expected $expected_charts"
  [[ -n $rendered && $rendered == "$expected" ]] || say "$1" "${rendered:-no} charts rendered of ${expected:-?}"
  [[ $errors == 0 ]] || say "$1" "page caught ${errors:-?} errors: $(attr "$dom" data-error-log)"
  [[ $sort == ok ]] || say "$1" "table sort check: ${sort:-did not run}"
  [[ $wrap == ok ]] || say "$1" "no-break check: ${wrap:-did not run}"
  [[ $filter == ok ]] || say "$1" "filter check: ${filter:-did not run}"
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
echo "report.html: $expected_charts charts rendered, table sorts and filters, nothing breaks mid-word, no errors"

# Without script the page still shows every row, and no filter box that could not work.
if ! grep -q 'id="suppressions-filter-bar" hidden>' "$page" || grep -q '<tr hidden' "$page"; then
  echo "FAIL: without script the filter box would show, or rows would be hidden"
  exit 1
fi

# The checks must be able to fail: each broken copy has to be rejected.
broken=0
make_broken() {  # NAME SED-EXPRESSION
  sed "$2" "$page" >"$work/$1.html"
  cmp -s "$page" "$work/$1.html" && { echo "FAIL: could not break the page for $1"; broken=1; return; }
  load "$work/$1.html" "$1"
  if check "$1" >/dev/null; then
    echo "FAIL: the broken page '$1' passed the checks"
    broken=1
  else
    echo "broken page '$1' rejected, as it must be"
  fi
}
make_broken console-error 's|</body>|<script>console.error("deliberate")</script></body>|'
make_broken script-error 's|</body>|<script>undefinedFunction()</script></body>|'
make_broken network-load 's|</body>|<img src="http://192.0.2.1/pixel.png" alt=""></body>|'
make_broken missing-chart '0,/<figure>/s|<figure>|<figure hidden>|'
make_broken empty-chart '0,/class="mark"/s|class="mark"[^>]*>|class="mark" x="0" y="0" width="0" height="0">|g'
make_broken no-sort 's|rows.forEach(function (row) { body.appendChild(row); });||'
make_broken no-filter "s|input.addEventListener('input', function () { domain = null; apply(); });||"
make_broken no-domain-link "s|domain = link.getAttribute('data-domain');||"
make_broken mid-word-breaks 's|td.addr, td.path > span { white-space: nowrap; }|td.addr, td.path > span { word-break: break-all; } table { table-layout: fixed; }|'
exit $broken
