// The confirmed rows are ingested by a background job, as the API's ingestions are: queue it,
// then follow it until it is done.
(function () {
  "use strict";
  var form = document.getElementById("import-commit");
  if (!form) { return; }
  var bar = document.getElementById("import-progress");
  var status = document.getElementById("import-status");
  var POLL_MS = 500;

  function json(response) {
    return response.json().then(function (data) {
      if (!response.ok) { throw new Error(data.error ? data.error.message : "failed"); }
      return data;
    });
  }

  function follow() {
    return fetch(form.dataset.statusUrl, {
      headers: { "Accept": "application/json" }, credentials: "same-origin"
    }).then(json).then(function (data) {
      if (data.status === "completed") {
        bar.max = bar.value = data.total;
        status.textContent = "Imported " + data.total + " (" + data.created + " new).";
        window.location.assign(form.dataset.doneUrl);
        return;
      }
      if (data.status === "failed") { throw new Error(data.error || "failed"); }
      status.textContent = "Importing " + data.total + " candidates…";
      return new Promise(function (resolve) { setTimeout(resolve, POLL_MS); }).then(follow);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    form.querySelector("button[type=submit]").disabled = true;
    form.querySelector(".progress-wrap").hidden = false;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "Accept": "application/json", "X-CSRFToken": window.heymiloCsrf() },
      credentials: "same-origin"
    }).then(json).then(follow).catch(function (error) {
      status.textContent = "The import stopped: " + error.message;
    });
  });
})();
