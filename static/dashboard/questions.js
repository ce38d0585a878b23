// Drag-and-drop (or the arrow buttons) reorders questions; each change saves at once.
(function () {
  "use strict";
  var status = document.getElementById("reorder-status");
  var dragged = null;

  function save(list) {
    var ids = Array.prototype.map.call(list.querySelectorAll("li.question"), function (li) {
      return li.dataset.id;
    });
    status.textContent = "Saving the order…";
    return fetch(list.dataset.reorderUrl, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRFToken": window.heymiloCsrf()
      },
      body: JSON.stringify({ modality: list.dataset.modality, question_ids: ids })
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error(body.error ? body.error.message : "failed"); }
        status.textContent = "Order saved: " + body.question_ids.join(", ") + ".";
      });
    }).catch(function (error) {
      status.textContent = "The order was not saved (" + error.message + "). Reload the page.";
    });
  }

  function itemAfter(list, y) {
    var items = Array.prototype.filter.call(list.querySelectorAll("li.question"), function (li) {
      return li !== dragged;
    });
    for (var i = 0; i < items.length; i++) {
      var box = items[i].getBoundingClientRect();
      if (y < box.top + box.height / 2) { return items[i]; }
    }
    return null;
  }

  document.querySelectorAll(".question-list[data-reorder-url]").forEach(function (list) {
    list.addEventListener("dragstart", function (event) {
      dragged = event.target.closest("li.question");
      if (!dragged) { return; }
      dragged.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.dataset.id);
    });
    list.addEventListener("dragover", function (event) {
      if (!dragged || dragged.parentNode !== list) { return; }
      event.preventDefault();
      var after = itemAfter(list, event.clientY);
      if (after) { list.insertBefore(dragged, after); } else { list.appendChild(dragged); }
    });
    list.addEventListener("drop", function (event) {
      if (!dragged || dragged.parentNode !== list) { return; }
      event.preventDefault();
    });
    list.addEventListener("dragend", function () {
      if (!dragged) { return; }
      dragged.classList.remove("dragging");
      dragged = null;
      save(list);
    });
    list.addEventListener("click", function (event) {
      var button = event.target.closest("[data-move]");
      if (!button) { return; }
      var item = button.closest("li.question");
      var sibling = button.dataset.move === "up" ? item.previousElementSibling : item.nextElementSibling;
      if (!sibling || !sibling.classList.contains("question")) { return; }
      if (button.dataset.move === "up") { list.insertBefore(item, sibling); } else { list.insertBefore(sibling, item); }
      button.focus();
      save(list);
    });
  });
})();
