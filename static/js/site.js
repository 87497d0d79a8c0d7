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
