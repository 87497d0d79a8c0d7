// The error summary (templates/includes/_error_summary.html), as the GOV.UK
// design system does it. Without this file the form posts to "#error-summary"
// and the browser lands there; with it, the summary also takes the focus (so a
// screen reader reads it first), and a link in it focuses its field with the
// field's label in view. A summary that htmx swaps in is treated the same way.
// A form that succeeds redirects, and the browser keeps "#error-summary" on the
// next page's address, where no summary is: it is taken off the address.
(function () {
  "use strict";
  var SUMMARY = "[data-error-summary]";
  var FIELDS = "input:not([type=hidden]), select, textarea, button";

  function focusSummary(root) {
    var summary = root.matches && root.matches(SUMMARY) ? root : root.querySelector(SUMMARY);
    if (!summary) { return; }
    summary.scrollIntoView({ block: "start" });
    summary.focus({ preventScroll: true });
  }

  function focusField(event) {
    var link = event.target.closest(SUMMARY + " a[href^='#']");
    if (!link) { return; }
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) { return; }
    // A group of choices is linked by its container: focus its first choice.
    var field = target.matches(FIELDS) ? target : target.querySelector(FIELDS);
    if (!field) { return; }
    event.preventDefault();
    // Bring what names the field into view with it: a group's legend, else
    // the field's label.
    var fieldset = target !== field && target.closest("fieldset");
    var label = (fieldset && fieldset.querySelector("legend")) ||
      (field.id && document.querySelector("label[for='" + CSS.escape(field.id) + "']")) || field;
    var top = Math.min(label.getBoundingClientRect().top, field.getBoundingClientRect().top);
    window.scrollBy(0, top - 16);
    field.focus({ preventScroll: true });
  }

  function dropStaleFragment() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (id.indexOf("error-summary") === 0 && !document.getElementById(id)) {
      window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    dropStaleFragment();
    focusSummary(document);
  });
  document.addEventListener("htmx:load", function (event) {
    if (event.target !== document.body) { focusSummary(event.target); }
  });
  document.addEventListener("click", focusField);
})();
