// Keeps "(in 5 hours, 12 minutes)" next to each deadline current while the
// page is open. The server writes the same words; without this script they
// are right as of the page load.
(function () {
  "use strict";
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function words(ms) {
    var minutes = Math.floor(Math.abs(ms) / 60000);
    var days = Math.floor(minutes / 1440), hours = Math.floor((minutes % 1440) / 60);
    var mins = minutes % 60;
    if (days) { return plural(days, "day") + (hours ? ", " + plural(hours, "hour") : ""); }
    if (hours) { return plural(hours, "hour") + (mins ? ", " + plural(mins, "minute") : ""); }
    return plural(mins, "minute");
  }
  function tick() {
    var now = Date.now();
    document.querySelectorAll("time[data-countdown]").forEach(function (time) {
      var text = time.nextElementSibling;
      var at = Date.parse(time.getAttribute("datetime"));
      if (!text || !text.hasAttribute("data-countdown-text") || isNaN(at)) { return; }
      text.textContent = "(" + (at > now ? "in " + words(at - now) : words(now - at) + " ago") + ")";
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    tick();
    window.setInterval(tick, 30000);
  });
})();
