// apobot staff console: live queue over server-sent events, a badge in the
// title and a short tone when a new request arrives. Everything also works
// without this script (forms and links only).
(function () {
  "use strict";
  if (!window.EventSource) return;
  var body = document.body;
  var known = parseInt(body.dataset.new || "0", 10);
  var badge = document.getElementById("badge");
  var baseTitle = document.title.replace(/^\(\d+\)\s*/, "");
  var version = null;

  function tone() {
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      var ctx = new Ctx();
      var osc = ctx.createOscillator();
      var gain = ctx.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.15, ctx.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.4);
      osc.connect(gain);
      gain.connect(ctx.destination);
      osc.start();
      osc.stop(ctx.currentTime + 0.4);
    } catch (e) { /* a browser without sound: the badge still shows it */ }
  }

  function show(n) {
    if (badge) {
      badge.textContent = String(n);
      badge.hidden = n === 0;
    }
    document.title = (n > 0 ? "(" + n + ") " : "") + baseTitle;
  }

  function refreshQueue() {
    var list = document.getElementById("queue");
    if (!list) return;
    fetch("/staff?fragment=1", { credentials: "same-origin" })
      .then(function (res) { return res.ok ? res.text() : null; })
      .then(function (html) { if (html !== null) list.innerHTML = html; });
  }

  var es = new EventSource("/staff/events");
  es.addEventListener("queue", function (ev) {
    var d = JSON.parse(ev.data);
    if (version !== null && d.version !== version) refreshQueue();
    if (d["new"] > known) tone();
    known = d["new"];
    version = d.version;
    show(known);
  });
})();
