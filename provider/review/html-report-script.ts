/**
 * The review page's browser script, inlined by `reviewHtml`. A TypeScript module holding the text, so that the
 * `tsc` build ships it and rendering stays pure (no file to read at run time).
 *
 * Plain ES2017 so that any browser that opens the file can run it. Search hides non-matching rows and empty blocks;
 * a click (or Enter) on a column header sorts that table, numbers numerically. `?q=` pre-fills the search.
 */
export const REVIEW_SCRIPT = `
(function () {
  var input = document.getElementById("search");
  var status = document.getElementById("search-status");
  var tables = Array.prototype.slice.call(document.querySelectorAll("table.review"));
  // A row matches on its own text and its table's title, so "engineering suspended" finds suspended members of
  // the engineering group, and an application's name shows its whole table.
  function rowText(tr) {
    if (tr.dataset.text === undefined) {
      var title = tr.closest(".block") && tr.closest(".block").querySelector("h3");
      tr.dataset.text = ((title ? title.textContent : "") + " " + tr.textContent).toLowerCase();
    }
    return tr.dataset.text;
  }
  function apply() {
    var terms = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0, total = 0;
    tables.forEach(function (table) {
      var rows = table.tBodies[0].rows, visible = 0;
      for (var i = 0; i < rows.length; i++) {
        var text = rowText(rows[i]);
        var hit = terms.every(function (t) { return text.indexOf(t) !== -1; });
        rows[i].hidden = !hit;
        if (hit) visible++;
      }
      total += rows.length; shown += visible;
      var block = table.closest(".block");
      if (block) {
        block.hidden = terms.length > 0 && visible === 0;
        var count = block.querySelector(".count");
        if (count) count.textContent = terms.length ? visible + " of " + rows.length : String(rows.length);
      }
    });
    document.querySelectorAll(".block").forEach(function (block) {
      if (!block.querySelector("table.review")) block.hidden = terms.length > 0;
    });
    status.textContent = terms.length ? shown + " of " + total + " rows match" : total + " rows";
  }
  function key(tr, i) {
    var cell = tr.cells[i];
    if (!cell) return "";
    return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim().toLowerCase();
  }
  function sortBy(table, th) {
    var i = th.cellIndex, asc = th.getAttribute("aria-sort") !== "ascending", numeric = th.dataset.type === "number";
    Array.prototype.forEach.call(th.parentNode.cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, i), y = key(b, i);
      var r = numeric ? Number(x) - Number(y) : x.localeCompare(y, undefined, { numeric: true });
      return asc ? r : -r;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  tables.forEach(function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.tabIndex = 0;
      th.addEventListener("click", function () { sortBy(table, th); });
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(table, th); }
      });
    });
  });
  // Large reports (tens of thousands of rows) filter once typing pauses; small ones on every keystroke.
  var rowCount = tables.reduce(function (n, t) { return n + t.tBodies[0].rows.length; }, 0);
  var timer;
  input.addEventListener("input", function () {
    if (rowCount <= 5000) return apply();
    clearTimeout(timer);
    timer = setTimeout(apply, 200);
  });
  // Diagram: pointing at a node highlights its curves and the nodes at their other ends.
  document.querySelectorAll(".diagram .node").forEach(function (node) {
    var id = node.getAttribute("data-id");
    var attr = node.classList.contains("group") ? "data-group" : "data-app";
    var other = attr === "data-group" ? "data-app" : "data-group";
    function mark(on) {
      node.classList.toggle("hl", on);
      document.querySelectorAll(".diagram .edge[" + attr + '="' + id + '"]').forEach(function (edge) {
        edge.classList.toggle("hl", on);
        var end = document.querySelector('.diagram .node[data-id="' + edge.getAttribute(other) + '"]');
        if (end) end.classList.toggle("hl", on);
      });
    }
    node.addEventListener("mouseenter", function () { mark(true); });
    node.addEventListener("mouseleave", function () { mark(false); });
  });
  var q = new URLSearchParams(location.search).get("q");
  if (q) input.value = q;
  apply();
})();
`;
