#include "report/html_assets.hpp"

namespace bouncekit::report::html_assets {

const std::string_view kContentSecurityPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'";

const std::string_view kStyle = R"CSS(
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6474; --line: #d8dce3; --panel: #f6f7f9; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 1180px; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.2em; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.sub, .muted, .note { color: var(--muted); }
.note { font-size: 0.9em; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; min-width: 130px; }
.card b { display: block; font-size: 1.5em; }
.card.hard b { color: #b2182b; } .card.suppressed b { color: #7b3294; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 8px 28px; }
figure { margin: 0; break-inside: avoid; }
figcaption { font-weight: 600; margin: 12px 0 4px; }
svg.chart { width: 100%; height: auto; max-width: 640px; display: block; }
svg.chart text { font: 12px system-ui, "DejaVu Sans", sans-serif; fill: var(--ink); }
svg.chart text.value, svg.chart text.tick, svg.chart text.muted { fill: var(--muted); font-size: 11px; }
svg.chart .axis { stroke: var(--line); }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.wrap { overflow-wrap: anywhere; max-width: 420px; }
/* Addresses, domains and the parts of a path are never broken inside: a table too wide scrolls. */
td.addr, td.path > span { white-space: nowrap; }
.scroll { overflow-x: auto; }
.filter input { font: inherit; padding: 2px 6px; min-width: 18em; }
a.domain-link { color: inherit; text-decoration: underline dotted; }
td.date, th { white-space: nowrap; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
th button::after { content: " \2195"; color: var(--muted); font-weight: 400; }
th[aria-sort="ascending"] button::after { content: " \2191"; }
th[aria-sort="descending"] button::after { content: " \2193"; }
tbody tr:nth-child(even) { background: var(--panel); }
.flag { color: #b2182b; font-weight: 600; }
span.new-tonight { color: #0b6e2f; font-weight: 600; font-size: 0.85em; }
tr.new-tonight td:first-child { border-left: 3px solid #0b6e2f; }
#page-errors { color: #b2182b; white-space: pre-wrap; }
footer { margin-top: 32px; font-size: 0.85em; color: var(--muted); }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  th button::after { content: ""; }
  .screen-only { display: none; }
  h2 { break-after: avoid; }
  tr, .card { break-inside: avoid; }
  .grid { display: block; }
}
)CSS";

const std::string_view kErrorCatcher = R"JS(
(function () {
  var root = document.documentElement, count = 0;
  function note(message) {
    count += 1;
    root.setAttribute('data-errors', String(count));
    var log = root.getAttribute('data-error-log') || '';
    root.setAttribute('data-error-log', log + message + '\n');
    var box = document.getElementById('page-errors');
    if (box) { box.hidden = false; box.textContent += message + '\n'; }
  }
  window.addEventListener('error', function (e) {
    var what = e.message || (e.target && (e.target.src || e.target.href)) || 'resource failed to load';
    note('error: ' + what);
  }, true);
  window.addEventListener('unhandledrejection', function (e) { note('unhandled rejection: ' + e.reason); });
  document.addEventListener('securitypolicyviolation', function (e) {
    note('blocked by policy: ' + e.violatedDirective + ' ' + e.blockedURI);
  });
  var original = console.error;
  console.error = function () {
    note('console.error: ' + Array.prototype.join.call(arguments, ' '));
    return original.apply(console, arguments);
  };
})();
)JS";

const std::string_view kSuppressionFilter = R"JS(
(function () {
  // The suppression table, filtered as the user types (every row whose text holds what was
  // typed, ignoring case), or to one domain's addresses when a domain link is followed.
  var table = document.getElementById('suppressions');
  var bar = document.getElementById('suppressions-filter-bar');
  var input = document.getElementById('suppressions-filter');
  var shown = document.getElementById('suppressions-shown');
  if (!table || !bar || !input || !shown) return;
  bar.hidden = false;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
  var domain = null;
  function apply() {
    var query = input.value.trim().toLowerCase(), count = 0;
    rows.forEach(function (row, i) {
      var show = domain !== null ? row.getAttribute('data-domain') === domain : texts[i].indexOf(query) !== -1;
      row.hidden = !show;
      if (show) count += 1;
    });
    shown.textContent = domain !== null ? count + ' of ' + rows.length + ' addresses at ' + domain
                      : query ? count + ' of ' + rows.length + ' addresses' : '';
  }
  input.addEventListener('input', function () { domain = null; apply(); });
  Array.prototype.forEach.call(document.querySelectorAll('a.domain-link'), function (link) {
    link.addEventListener('click', function () {
      domain = link.getAttribute('data-domain');
      input.value = domain;
      apply();
    });
  });
})();
)JS";

const std::string_view kTableSortAndSelfCheck = R"JS(
(function () {
  // Sortable tables: a click on a column header sorts by that column (numbers by value,
  // text alphabetically); a second click reverses.
  function cellValue(row, index, numeric) {
    var cell = row.cells[index];
    var raw = cell ? (cell.getAttribute('data-value') || cell.textContent) : '';
    return numeric ? Number(raw) || 0 : raw.toLowerCase();
  }
  function sortTable(table, index, th) {
    var numeric = th.getAttribute('data-type') === 'number';
    var descending = th.getAttribute('aria-sort') === 'ascending' ||
                     (th.getAttribute('aria-sort') !== 'descending' && numeric);
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
      var order = numeric ? x - y : x.localeCompare(y);
      return descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = th.querySelector('button');
      if (button) button.addEventListener('click', function () { sortTable(table, index, th); });
    });
  });

  // Self-check, read back by the browser test from the DOM: how many charts have a visible
  // size and visible marks, and (with #selftest in the address) whether sorting works.
  var root = document.documentElement;
  var rendered = 0;
  Array.prototype.forEach.call(document.querySelectorAll('svg.chart'), function (svg) {
    var box = svg.getBoundingClientRect();
    var marks = Array.prototype.filter.call(svg.querySelectorAll('.mark'), function (m) {
      var b = m.getBBox(); return b.width > 0 && b.height > 0;
    });
    if (box.width > 0 && box.height > 0 && marks.length > 0) rendered += 1;
  });
  root.setAttribute('data-charts-rendered', String(rendered));

  if (location.hash !== '#selftest') return;
  function columnIsSorted(table, index, numeric, descending) {
    var rows = table.tBodies[0].rows;
    for (var i = 1; i < rows.length; i++) {
      var a = cellValue(rows[i - 1], index, numeric), b = cellValue(rows[i], index, numeric);
      var order = numeric ? a - b : a.localeCompare(b);
      if (descending ? order < 0 : order > 0) return false;
    }
    return true;
  }
  var result = 'ok';
  var table = document.getElementById('suppressions');
  if (!table || table.tBodies[0].rows.length < 2) {
    result = 'fail: no suppression table with two rows';
  } else {
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length && result === 'ok'; i++) {
      var numeric = heads[i].getAttribute('data-type') === 'number';
      heads[i].querySelector('button').click();
      var first = heads[i].getAttribute('aria-sort') === 'descending';
      if (!columnIsSorted(table, i, numeric, first)) result = 'fail: column ' + i + ' first click';
      heads[i].querySelector('button').click();
      if (!columnIsSorted(table, i, numeric, !first)) result = 'fail: column ' + i + ' second click';
    }
  }
  root.setAttribute('data-sort-check', result);

  // Addresses, domains and path parts each lay out on one line (never broken inside a word).
  // Boxes of one line overlap vertically; a smaller inline (the "new" mark) has another top.
  var wrap = 'ok', checked = 0;
  Array.prototype.forEach.call(document.querySelectorAll('td.addr, td.path > span'), function (el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var boxes = Array.prototype.filter.call(range.getClientRects(), function (r) { return r.width > 0; });
    boxes.sort(function (x, y) { return x.top - y.top; });
    var lines = 0, bottom = -Infinity;
    boxes.forEach(function (r) {
      if (r.top >= bottom - 1) lines += 1;
      bottom = Math.max(bottom, r.bottom);
    });
    checked += 1;
    if (lines > 1 && wrap === 'ok') wrap = 'fail: "' + el.textContent + '" is broken across lines';
  });
  if (checked === 0) wrap = 'fail: no address, domain or path to check';
  root.setAttribute('data-wrap-check', wrap);

  // Typing in the filter box, and following a domain link, show exactly the rows they should.
  var filter = 'ok';
  var input = document.getElementById('suppressions-filter');
  var all = table ? Array.prototype.slice.call(table.tBodies[0].rows) : [];
  function shownRows() { return all.filter(function (row) { return row.getClientRects().length > 0; }); }
  function type(text) { input.value = text; input.dispatchEvent(new Event('input')); }
  if (!input || input.closest('[hidden]') || all.length < 2) {
    filter = 'fail: no visible filter box over two rows';
  } else {
    var domain = all[0].getAttribute('data-domain');
    type(domain.toUpperCase());
    var want = all.filter(function (row) { return row.textContent.toLowerCase().indexOf(domain) !== -1; });
    var got = shownRows();
    if (got.length !== want.length || got.length === 0 || got.length === all.length)
      filter = 'fail: typing "' + domain + '" shows ' + got.length + ' rows, expected ' + want.length + ' of ' + all.length;
    var link = Array.prototype.filter.call(document.querySelectorAll('a.domain-link'), function (a) {
      return a.getAttribute('data-domain') === domain;
    })[0];
    type('');
    if (filter === 'ok' && shownRows().length !== all.length) filter = 'fail: an empty filter hides rows';
    if (filter === 'ok' && !link) filter = 'fail: no link for the domain ' + domain;
    if (filter === 'ok') {
      link.click();
      got = shownRows();
      var at = all.filter(function (row) { return row.getAttribute('data-domain') === domain; });
      if (got.length !== at.length || got.some(function (row) { return row.getAttribute('data-domain') !== domain; }))
        filter = 'fail: the link to ' + domain + ' shows ' + got.length + ' rows, expected ' + at.length;
      type('');
    }
  }
  root.setAttribute('data-filter-check', filter);

  // Rows new tonight: each shows its "new" mark and the bar beside it, no other row does, the
  // marked rows are the addresses the changes table lists as added (when it lists every change),
  // and typing a marked address in the filter shows its row with the mark.
  var fresh = 'ok';
  function addressOf(row) { var c = row.cells[0]; return c && c.firstChild ? String(c.firstChild.nodeValue).trim() : ''; }
  function markShows(row) {
    var mark = row.querySelector('span.new-tonight');
    return !!mark && mark.textContent === 'new' && mark.getClientRects().length > 0 &&
           getComputedStyle(mark).visibility === 'visible' && mark.getBoundingClientRect().width > 0;
  }
  function barShows(row) { return parseFloat(getComputedStyle(row.cells[0]).borderLeftWidth) >= 2; }
  var marked = all.filter(function (row) { return row.classList.contains('new-tonight'); });
  if (marked.length === 0) fresh = 'fail: no row is marked new';
  all.forEach(function (row) {
    if (fresh !== 'ok') return;
    var isMarked = row.classList.contains('new-tonight');
    if (isMarked && !markShows(row)) fresh = 'fail: the new mark of ' + addressOf(row) + ' is not shown';
    if (isMarked && fresh === 'ok' && !barShows(row)) fresh = 'fail: the row of ' + addressOf(row) + ' has no bar';
    // The mark is the word and the bar: the row's other cells read like every other row's.
    var cell = getComputedStyle(row.cells[1]), body = getComputedStyle(table);
    if (fresh === 'ok' && (cell.fontSize !== body.fontSize || cell.fontWeight !== body.fontWeight))
      fresh = 'fail: the cells of ' + addressOf(row) + ' are not in the table\'s font';
    if (!isMarked && row.querySelector('span.new-tonight')) fresh = 'fail: ' + addressOf(row) + ' has a mark but is not new';
  });
  var changes = document.getElementById('address-changes');
  if (fresh === 'ok' && changes && changes.getAttribute('data-complete') === 'true') {
    var added = Array.prototype.filter.call(changes.tBodies[0].rows, function (row) {
      return row.classList.contains('change-added');
    }).map(function (row) { return row.cells[0].textContent; }).sort();
    var got = marked.map(addressOf).sort();
    if (added.join(' ') !== got.join(' '))
      fresh = 'fail: marked rows ' + got.join(' ') + ', added since the previous run ' + added.join(' ');
  }
  if (fresh === 'ok' && input) {
    var target = marked[0], address = addressOf(target);
    type(address);
    var visible = shownRows();
    var expected = all.filter(function (row) { return row.textContent.toLowerCase().indexOf(address.toLowerCase()) !== -1; });
    if (visible.length !== expected.length || visible.indexOf(target) === -1 || !markShows(target))
      fresh = 'fail: typing ' + address + ' shows ' + visible.length + ' rows, expected ' + expected.length +
              ' with its new mark';
    type('');
  }
  root.setAttribute('data-new-check', fresh);
})();
)JS";

}  // namespace bouncekit::report::html_assets
