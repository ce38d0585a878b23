// Large CSV files are ingested in batches so the progress bar can follow along.
(function () {
  "use strict";
  var form = document.getElementById("import-commit");
  if (!form) { return; }
  var bar = document.getElementById("import-progress");
  var status = document.getElementById("import-status");
  var total = parseInt(form.dataset.total, 10);

  function batch(start) {
    var body = new FormData(form);
    body.set("start", String(start));
    return fetch(form.action, {
      method: "POST",
      body: body,
      headers: { "Accept": "application/json", "X-CSRFToken": window.heymiloCsrf() },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) { throw new Error(data.error ? data.error.message : "failed"); }
        return data;
      });
    });
  }

  function step(start) {
    return batch(start).then(function (data) {
      bar.value = data.done;
      status.textContent = "Imported " + data.done + " of " + data.total + ".";
      if (data.done < data.total) { return step(data.done); }
      window.location.assign(form.dataset.doneUrl);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    form.querySelector("button[type=submit]").disabled = true;
    form.querySelector(".progress-wrap").hidden = false;
    bar.max = total;
    step(0).catch(function (error) {
      status.textContent = "The import stopped: " + error.message;
    });
  });
})();
