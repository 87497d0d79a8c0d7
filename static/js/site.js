// Small enhancements; every page works without them.
(function () {
  "use strict";
  // Pre-select the browser's own time zone on a form that asks for one, unless
  // the person already chose a zone other than the default.
  function detectTimeZone() {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    if (!zone) { return; }
    document.querySelectorAll("select[data-detect-timezone]").forEach(function (select) {
      if (select.value && select.value !== "UTC") { return; }
      if (select.querySelector('option[value="' + zone + '"]')) { select.value = zone; }
    });
  }
  document.addEventListener("DOMContentLoaded", detectTimeZone);
})();

// The @mention picker under a post's text: shown only with JavaScript; a
// chosen name goes into the textarea at the cursor, and focus returns there.
(function () {
  "use strict";
  function setUp() {
    document.querySelectorAll("[data-mention-picker]").forEach(function (picker) {
      var form = picker.closest("form");
      var textarea = form && form.querySelector("textarea");
      if (!textarea) { return; }
      picker.hidden = false;
      picker.querySelector("input[type=search]").addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); }  // not the post's submit
      });
      picker.addEventListener("click", function (event) {
        var button = event.target.closest("[data-mention]");
        if (!button) { return; }
        var text = "@" + button.getAttribute("data-mention") + " ";
        var start = textarea.selectionStart || textarea.value.length;
        var end = textarea.selectionEnd || start;
        var before = textarea.value.slice(0, start);
        if (before && !/\s$/.test(before)) { text = " " + text; }
        textarea.value = before + text + textarea.value.slice(end);
        textarea.focus();
        textarea.selectionStart = textarea.selectionEnd = before.length + text.length;
        picker.querySelector("input[type=search]").value = "";
        picker.querySelector(".mention-picker__list").innerHTML = "";
      });
    });
  }
  document.addEventListener("DOMContentLoaded", setUp);
})();

// The header menu and the forum sidebar (#19): each a <details> that is closed
// in the HTML, so a phone starts with the page, not the links. On a wide screen
// (its data-open-wide media query) it is opened, and closed again when the
// screen narrows; CSS shows the links there anyway where ::details-content is
// supported. Without JavaScript the "Menu" button opens it.
(function () {
  "use strict";
  function setUp() {
    document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
      var wide = window.matchMedia(details.getAttribute("data-open-wide"));
      function follow() { details.open = wide.matches; }
      follow();
      wide.addEventListener("change", follow);
      // A link to a place on this page (the landing page's "#faq") folds the
      // menu away, so that it does not cover what it led to.
      details.addEventListener("click", function (event) {
        var link = event.target.closest("a[href*='#']");
        if (link && !wide.matches && link.pathname === window.location.pathname) {
          details.open = false;
        }
      });
      // Escape folds an open narrow-screen menu and gives focus back to its
      // button, as a menu button is expected to.
      details.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && details.open && !wide.matches) {
          details.open = false;
          details.querySelector("summary").focus();
        }
      });
    });
  }
  document.addEventListener("DOMContentLoaded", setUp);
})();
