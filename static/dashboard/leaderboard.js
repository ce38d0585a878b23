// Rows update without a reload: every few seconds ask which of the rows on this page changed
// since the last look (a report became ready, a colleague shortlisted someone) and swap them in;
// when anything in the posting changed (new candidates too), the stat cards and histogram.
(function () {
  "use strict";
  var table = document.getElementById("leaderboard");
  if (!table) { return; }
  var since = table.dataset.since;
  var seconds = parseFloat(table.dataset.pollSeconds) || 5;
  var live = document.getElementById("live-status");

  function visibleIds() {
    return Array.prototype.map.call(table.querySelectorAll("tbody tr[data-id]"), function (row) {
      return row.dataset.id;
    });
  }

  function swap(id, html) {
    var row = document.getElementById("row-" + id);
    if (!row) { return; }
    var checked = row.querySelector("input[name=ids]");
    var holder = document.createElement("tbody");
    holder.innerHTML = html.trim();
    var fresh = holder.firstElementChild;
    var box = fresh.querySelector("input[name=ids]");
    if (checked && box) { box.checked = checked.checked; }
    fresh.classList.add("just-updated");
    row.replaceWith(fresh);
  }

  function poll() {
    var ids = visibleIds();
    if (document.hidden) { return schedule(); }
    var url = table.dataset.updatesUrl + "?since=" + encodeURIComponent(since) + "&ids=" + ids.join(",");
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) {
        if (!body) { return; }
        since = body.now;
        var changed = Object.keys(body.rows);
        changed.forEach(function (id) { swap(id, body.rows[id]); });
        if (changed.length) { live.textContent = changed.length + " candidate(s) updated."; }
        var summary = document.getElementById("summary");
        if (body.summary && summary) { summary.outerHTML = body.summary; }
      })
      .catch(function () { /* offline for a moment: try again at the next tick */ })
      .then(schedule);
  }

  function schedule() { window.setTimeout(poll, seconds * 1000); }
  schedule();
})();
