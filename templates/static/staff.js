// apobot staff console: live queue over server-sent events, a badge in the
// title, a short tone and a screen reader's announcement when a new request
// arrives, the focus kept clear of a sticky header, and a warning before an
// idle login ends. Everything also works without this script (forms and
// links only).
(function () {
  "use strict";
  // A header that stays at the top must not hide what has the focus: the
  // page scrolls focus (and anchors) clear of it, however tall it wrapped.
  var top = document.getElementById("top");
  function clearHeader() {
    var sticky = top && getComputedStyle(top).position === "sticky";
    document.documentElement.style.scrollPaddingTop = sticky ? (top.offsetHeight + 16) + "px" : "";
  }
  clearHeader();
  window.addEventListener("resize", clearHeader);

  // A login left alone ends (WCAG 2.2.1): some time before, the page says
  // so and offers to stay; when it has ended, the page is loaded anew, which
  // leads to the login and leaves no request on the screen. Every request
  // to the server counts as use, so idle() starts over after each.
  var idleBox = document.getElementById("idle");
  var idleFor = parseInt(document.body.dataset.idle || "0", 10) * 1000;
  var lead = Math.min(120000, idleFor / 2);
  var warnTimer = null, endTimer = null;
  function idle() {
    if (!idleBox || idleFor <= 0) return;
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    idleBox.hidden = true;
    warnTimer = setTimeout(function () {
      var text = document.getElementById("idle-text");
      text.textContent = text.dataset.text.replace("{n}", String(Math.max(1, Math.round(lead / 60000))));
      idleBox.hidden = false;
      // A moment after the server's end, so the reload cannot find the
      // login still alive (and so extend it).
      endTimer = setTimeout(function () { location.reload(); }, lead + 2000);
    }, idleFor - lead);
  }
  idle();
  if (idleBox) {
    document.getElementById("stay").addEventListener("click", function () {
      fetch("/staff?fragment=1", { credentials: "same-origin" }).then(function (res) {
        if (res.ok && !res.redirected) idle(); else location.reload();
      }).catch(function () { /* offline: the warning stays */ });
    });
  }

  if (!window.EventSource) return;
  var body = document.body;
  var known = parseInt(body.dataset.new || "0", 10);
  var badge = document.getElementById("badge");
  var badgeN = document.getElementById("badge-n");
  var announce = document.getElementById("announce");
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
      badgeN.textContent = String(n);
      badge.hidden = n === 0;
    }
    document.title = (n > 0 ? "(" + n + ") " : "") + baseTitle;
  }

  // tell says a new request arrived to a screen reader (the live region in
  // the layout), as the tone and the badge say it to everyone else.
  function tell(n) {
    if (!announce) return;
    var text = n === 1 ? announce.dataset.single : announce.dataset.many.replace("{n}", String(n));
    announce.textContent = "";
    setTimeout(function () { announce.textContent = text; }, 100);
  }

  function refreshQueue() {
    var list = document.getElementById("queue");
    if (!list) return;
    fetch("/staff?fragment=1", { credentials: "same-origin" })
      .then(function (res) { return res.ok ? res.text() : null; })
      .then(function (html) {
        if (html === null) return;
        idle(); // the server counted the fetch as use
        // Someone working the list by keyboard keeps their place: the
        // request that had the focus has it again after the redraw.
        var active = document.activeElement;
        var href = active && list.contains(active) ? active.getAttribute("href") : null;
        list.innerHTML = html;
        var again = href && list.querySelector('a[href="' + CSS.escape(href) + '"]');
        if (again) again.focus();
      });
  }

  var es = new EventSource("/staff/events");
  // The login ended (new password, removal, logout elsewhere, idle): the
  // page is loaded anew, which leads to the login.
  es.addEventListener("ended", function () { es.close(); location.reload(); });
  es.addEventListener("queue", function (ev) {
    var d = JSON.parse(ev.data);
    if (version !== null && d.version !== version) refreshQueue();
    if (d["new"] > known) { tone(); tell(d["new"]); }
    known = d["new"];
    version = d.version;
    show(known);
  });
})();
