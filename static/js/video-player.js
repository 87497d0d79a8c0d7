/* The library's video page, enhanced (everything works without it):
   - "#t=2m" or "#t=120" on the page's address starts the player there, as
     "?t=" does on the server (which writes a media fragment into the src);
   - when the video ends, the "Mark as watched" form is posted for the member. */
(function () {
  "use strict";
  var player = document.getElementById("video-player");
  if (!player) return;

  function seconds(text) {
    var match = /^(?:(\d{1,2})h)?(?:(\d{1,4})m)?(?:(\d{1,5})s?)?$/.exec(text || "");
    if (!match || !(match[1] || match[2] || match[3])) return null;
    return (+(match[1] || 0)) * 3600 + (+(match[2] || 0)) * 60 + (+(match[3] || 0));
  }

  var hash = /^#t=([0-9hms]+)$/i.exec(window.location.hash);
  var start = hash ? seconds(hash[1].toLowerCase()) : null;
  if (start) {
    var seek = function () {
      if (start < player.duration) player.currentTime = start;
    };
    if (player.readyState >= 1) seek();
    else player.addEventListener("loadedmetadata", seek, { once: true });
  }

  var form = document.getElementById(player.dataset.watchedForm || "");
  if (!form) return;
  player.addEventListener("ended", function () {
    if (form.dataset.watched === "true") return;
    form.dataset.watched = "true";
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
    }).then(function (response) {
      if (!response.ok) {
        form.dataset.watched = "false";
        return;
      }
      form.action = form.dataset.unwatchedAction;
      form.querySelector("[role=status]").textContent = "Marked as watched.";
      form.querySelector("button").textContent = "Mark as not watched";
    }, function () {
      form.dataset.watched = "false";
    });
  });
})();
