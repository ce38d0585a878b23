// Small behaviours shared by every dashboard page. No framework; every form works without it.
(function () {
  "use strict";

  window.heymiloCsrf = function () {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  };

  document.querySelectorAll(".js-hide").forEach(function (el) { el.hidden = true; });

  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
    });
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  // Delegated: leaderboard rows are swapped in by the live updates after the page loaded.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (button) {
      var source = document.querySelector(button.dataset.copy);
      var text = source ? source.textContent.trim() : "";
      var done = function () { button.textContent = "Copied"; };
      var selectIt = function () {
        // Clipboard refused (no permission, insecure origin): select the text to copy by hand.
        var range = document.createRange();
        range.selectNodeContents(source);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        button.textContent = "Press Ctrl+C";
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, selectIt);
      } else {
        selectIt();
      }
    }
  });

  document.querySelectorAll("[data-select-all]").forEach(function (box) {
    box.addEventListener("change", function () {
      var table = box.closest("table");
      table.querySelectorAll("tbody input[name=ids]").forEach(function (item) {
        item.checked = box.checked;
      });
    });
  });
})();
