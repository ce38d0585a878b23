// The transcript follows the recording: choosing a line seeks there and plays; the line being
// spoken is highlighted as the recording plays. Offsets are seconds from the interview's start.
(function () {
  "use strict";
  var media = document.querySelector("[data-media]");
  var transcript = document.getElementById("transcript");
  if (!media || !transcript) { return; }
  var lines = Array.prototype.slice.call(transcript.querySelectorAll("li.line"));
  var current = null;

  function highlight(time) {
    var active = null;
    for (var i = 0; i < lines.length; i++) {
      if (parseFloat(lines[i].dataset.offset) <= time + 0.05) { active = lines[i]; } else { break; }
    }
    if (active === current) { return; }
    if (current) {
      current.classList.remove("active");
      current.querySelector("button").removeAttribute("aria-current");
    }
    current = active;
    if (current) {
      current.classList.add("active");
      current.querySelector("button").setAttribute("aria-current", "true");
      var box = transcript.getBoundingClientRect();
      var line = current.getBoundingClientRect();
      if (line.top < box.top || line.bottom > box.bottom) {
        transcript.scrollTop += line.top - box.top - 12;
      }
    }
  }

  transcript.addEventListener("click", function (event) {
    var button = event.target.closest("[data-seek]");
    if (!button) { return; }
    var time = parseFloat(button.dataset.seek);
    media.currentTime = time;
    highlight(time);
    var playing = media.play();
    if (playing && playing.catch) { playing.catch(function () { /* autoplay refused: seek only */ }); }
  });
  media.addEventListener("timeupdate", function () { highlight(media.currentTime); });
  media.addEventListener("seeked", function () { highlight(media.currentTime); });
})();
