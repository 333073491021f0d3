// apobot web chat: talks to /chat/session and /chat/messages of the same
// origin only. The token lives in this tab's sessionStorage and goes away
// with the tab; photos are re-encoded in the browser, which drops their
// metadata (location, camera) before upload.
(function () {
  "use strict";
  var KEY = "apobot-chat-token";
  var MAX_SIDE = 2400;
  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var text = document.getElementById("text");
  var photo = document.getElementById("photo");
  var status = document.getElementById("status");
  var texts = document.getElementById("texts").dataset;
  var lang = document.body.dataset.lang === "en" ? "en" : "de";
  var token = sessionStorage.getItem(KEY);
  var last = 0;
  var timer = null;
  var fast = 0;
  var notice = false; // the status says why the chat began anew: it stays until the next send

  function show(msg) {
    status.textContent = msg || "";
    status.hidden = !msg;
  }

  // ended begins a new chat when the server refused the token (401): it
  // ended after its idle time, or it is unknown. An ended chat's reason
  // stays on screen; the text box keeps what was typed.
  function ended(res) {
    return res.json().catch(function () { return null; }).then(function (body) {
      return startSession().then(function () {
        if (body && body.error && body.error.id === "web.chat_ended") {
          show(errorText(res, body));
          notice = true;
        }
      });
    });
  }

  function errorText(res, body) {
    if (body && body.error) return body.error[lang] || body.error.de;
    if (res.status === 413) return texts.tooLarge;
    return texts.failed;
  }

  // branchParam keeps a branch's own link when the page is loaded anew.
  function branchParam() {
    var b = document.body.dataset.branch;
    return b ? "&filiale=" + encodeURIComponent(b) : "";
  }

  function startSession() {
    return fetch("/chat/session", { method: "POST", credentials: "same-origin", body: new URLSearchParams({ lang: lang, branch: document.body.dataset.branch || "" }) })
      .then(function (res) {
        if (res.status !== 201) throw new Error("session " + res.status);
        return res.json();
      })
      .then(function (body) {
        token = body.token;
        sessionStorage.setItem(KEY, token);
        last = 0;
        log.replaceChildren();
      });
  }

  function authed(url, opts) {
    opts = opts || {};
    opts.credentials = "same-origin";
    opts.headers = Object.assign({ Authorization: "Bearer " + token }, opts.headers || {});
    return fetch(url, opts);
  }

  function render(m) {
    var div = document.createElement("div");
    div.className = "msg " + (m.from === "bot" ? "bot" : "me");
    div.dataset.id = String(m.id);
    // Who wrote it, for a screen reader: the bubbles differ only by side
    // and colour, and the log announces each new message with its sender.
    var who = document.createElement("span");
    who.className = "sr";
    who.textContent = (m.from === "bot" ? texts.fromBot : texts.fromMe) + " ";
    div.appendChild(who);
    var p = document.createElement("p");
    p.textContent = m.text;
    if (m.photo) p.textContent = "[" + texts.photo + "]" + (m.text ? " " + m.text : "");
    div.appendChild(p);
    var at = document.createElement("time");
    var d = new Date(m.at);
    at.dateTime = m.at;
    at.textContent = d.toLocaleTimeString(lang === "en" ? "en-GB" : "de-DE", { hour: "2-digit", minute: "2-digit" });
    div.appendChild(at);
    log.appendChild(div);
    div.scrollIntoView({ block: "end" });
  }

  // forget drops what the server no longer holds: a decision, "löschen" or
  // the nightly purge reset the chat, and it must not outlive that on this
  // screen either. oldest is the server's oldest message id (0: none; then
  // only the unstored greeting, id 0, may stay).
  function forget(oldest) {
    Array.prototype.slice.call(log.children).forEach(function (div) {
      var id = Number(div.dataset.id);
      if (oldest === 0 ? id !== 0 : id < oldest) div.remove();
    });
  }

  function poll() {
    clearTimeout(timer);
    if (!token) return;
    authed("/chat/messages?after=" + last)
      .then(function (res) {
        if (res.status === 401) return ended(res).then(function () { return { messages: [] }; });
        if (!res.ok) throw new Error("poll " + res.status);
        if (!notice) show("");
        return res.json();
      })
      .then(function (body) {
        if (body.lang && body.lang !== lang) {
          // The chat now speaks the other language ("in English please"):
          // the page follows, the chat goes on (the token stays in this tab).
          location.replace("/?lang=" + body.lang + branchParam());
          return;
        }
        forget(body.oldest || 0);
        (body.messages || []).forEach(function (m) {
          if (m.id > last) { last = m.id; render(m); }
          else if (m.id === 0 && !log.querySelector('[data-id="0"]')) render(m);
        });
      })
      .catch(function () { show(texts.offline); })
      .then(function () {
        var wait = fast > 0 ? 700 : 2500;
        fast = Math.max(0, fast - 1);
        timer = setTimeout(poll, document.hidden ? 10000 : wait);
      });
  }

  // switchLanguage makes the chat and the page speak the other language.
  function switchLanguage(e) {
    var to = e.currentTarget.dataset.lang;
    e.preventDefault();
    var done = function () { location.assign("/?lang=" + to + branchParam()); };
    if (!token) return done();
    authed("/chat/language", { method: "POST", body: new URLSearchParams({ lang: to }) })
      .then(function (res) { return res.ok ? res.json() : {}; })
      .then(function (body) {
        if (body.token) { token = body.token; sessionStorage.setItem(KEY, token); }
      })
      .catch(function () {})
      .then(done);
  }
  document.getElementById("lang-switch").addEventListener("click", switchLanguage);

  // shrink re-encodes a photo as JPEG, at most MAX_SIDE pixels on its long
  // side; the browser applies the EXIF orientation and drops the rest.
  function shrink(file) {
    if (!window.createImageBitmap || !file) return Promise.resolve(file);
    return createImageBitmap(file).then(function (bmp) {
      var scale = Math.min(1, MAX_SIDE / Math.max(bmp.width, bmp.height));
      var c = document.createElement("canvas");
      c.width = Math.round(bmp.width * scale);
      c.height = Math.round(bmp.height * scale);
      c.getContext("2d").drawImage(bmp, 0, 0, c.width, c.height);
      return new Promise(function (resolve) {
        c.toBlob(function (b) { resolve(b || file); }, "image/jpeg", 0.92);
      });
    }).catch(function () { return file; });
  }

  function send() {
    var t = text.value.trim();
    var f = photo.files && photo.files[0];
    if (!t && !f) return;
    notice = false;
    show(texts.sending);
    shrink(f).then(function (blob) {
      var data = new FormData();
      if (t) data.append("text", t);
      if (blob) data.append("photo", blob, "photo.jpg");
      return authed("/chat/messages", { method: "POST", body: data });
    }).then(function (res) {
      if (res.status === 202) {
        text.value = "";
        photo.value = "";
        show(f ? texts.photoSent : "");
        fast = 30;
        poll();
        return;
      }
      if (res.status === 401) return ended(res).then(poll);
      return res.json().catch(function () { return null; }).then(function (body) { show(errorText(res, body)); });
    }).catch(function () { show(texts.offline); });
  }

  form.addEventListener("submit", function (ev) { ev.preventDefault(); send(); });
  text.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); send(); }
  });
  photo.addEventListener("change", function () { if (photo.files.length) send(); });
  document.getElementById("erase").addEventListener("click", function () {
    if (!window.confirm(texts.eraseConfirm)) return;
    authed("/chat", { method: "DELETE" }).then(function (res) {
      if (res.status !== 204 && res.status !== 401) throw new Error("erase " + res.status);
      sessionStorage.removeItem(KEY);
      token = null;
      return startSession();
    }).then(function () { show(texts.erased); poll(); })
      .catch(function () { show(texts.failed); });
  });
  document.addEventListener("visibilitychange", function () { if (!document.hidden) poll(); });

  (token ? Promise.resolve() : startSession()).then(poll).catch(function () { show(texts.offline); });
})();
