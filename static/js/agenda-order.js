/* The curation board's agenda: drag and drop to reorder, as an enhancement only.
   The move up/down buttons and the order fields do the same without it (and
   without JavaScript); a drop renumbers the order fields and saves them through
   htmx, which swaps the agenda part back in (sessions.curation_views.agenda). */
(function () {
  "use strict";

  function renumber(list) {
    list.querySelectorAll(".agenda-plan__item").forEach(function (item, index) {
      var field = item.querySelector('input[name^="position-"]');
      if (field) field.value = String(index + 1);
    });
  }

  function itemAfter(list, y) {
    var items = list.querySelectorAll(".agenda-plan__item:not(.is-dragging)");
    for (var i = 0; i < items.length; i++) {
      var box = items[i].getBoundingClientRect();
      if (y < box.top + box.height / 2) return items[i];
    }
    return null;
  }

  function enhance(list) {
    if (list.dataset.draggable === "on" || !window.htmx) return;
    list.dataset.draggable = "on";
    list.classList.add("agenda-plan--draggable");
    var form = list.closest("form");
    var dragged = null;
    list.querySelectorAll(".agenda-plan__item").forEach(function (item) {
      item.setAttribute("draggable", "true");
      item.addEventListener("dragstart", function (event) {
        dragged = item;
        item.classList.add("is-dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", item.id);
      });
      item.addEventListener("dragend", function () {
        item.classList.remove("is-dragging");
      });
    });
    list.addEventListener("dragover", function (event) {
      if (!dragged) return;
      event.preventDefault();
      var next = itemAfter(list, event.clientY);
      if (next !== dragged.nextElementSibling) list.insertBefore(dragged, next);
    });
    list.addEventListener("drop", function (event) {
      if (!dragged) return;
      event.preventDefault();
      dragged = null;
      renumber(list);
      window.htmx.ajax("POST", form.action, {
        source: form,
        target: "#agenda",
        swap: "outerHTML",
        values: { reorder: "1" },
      });
    });
  }

  function start() {
    if (!window.htmx) return;
    window.htmx.onLoad(function (root) {
      var lists = root.matches && root.matches(".agenda-plan") ? [root] : [];
      lists = lists.concat(Array.prototype.slice.call(root.querySelectorAll(".agenda-plan")));
      lists.forEach(enhance);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
