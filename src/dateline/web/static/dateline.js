/* dateline web: in-place filtering (a tiny stand-in for htmx) and span details.
   Server HTML is inserted as returned (it is escaped server-side); values taken
   from the page's data attributes are only ever set as textContent. */
(function () {
  "use strict";

  function liveForm(form) {
    var target = document.querySelector(form.getAttribute("data-live"));
    if (!target) return;
    var timer = null, seq = 0;
    function query() {
      var params = new URLSearchParams();
      new FormData(form).forEach(function (v, k) { if (String(v).trim() !== "") params.append(k, v); });
      return params;
    }
    function load(url, push) {
      var mine = ++seq;
      target.classList.add("loading");
      var u = new URL(url, window.location.href);
      u.searchParams.set("partial", "1");
      fetch(u.toString(), { headers: { "Accept": "text/html" } })
        .then(function (r) { return r.text().then(function (t) { return { ok: r.ok, text: t }; }); })
        .then(function (res) {
          if (mine !== seq) return;
          target.classList.remove("loading");
          if (res.ok) {
            target.innerHTML = res.text;
          } else {
            var doc = new DOMParser().parseFromString(res.text, "text/html");
            var msg = doc.querySelector(".message");
            target.textContent = msg ? msg.textContent : "The filters could not be applied.";
          }
          var clean = new URL(url, window.location.href);
          clean.searchParams.delete("partial");
          if (push) history.replaceState(null, "", clean.pathname + clean.search);
          var twin = document.querySelector("a.json-link");
          if (twin) twin.setAttribute("href", clean.pathname + ".json" + clean.search);
          var csv = document.querySelector("a.csv-link");
          if (csv) csv.setAttribute("href", clean.pathname + ".csv" + clean.search);
        })
        .catch(function () { target.classList.remove("loading"); });
    }
    function update() {
      var q = query().toString();
      load(form.getAttribute("action") + (q ? "?" + q : ""), true);
    }
    form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(update, 250); });
    form.addEventListener("change", function () { clearTimeout(timer); timer = setTimeout(update, 50); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); clearTimeout(timer); update(); });
    target.addEventListener("click", function (ev) {
      var a = ev.target.closest("a[data-live-link]");
      if (!a) return;
      ev.preventDefault();
      load(a.getAttribute("href"), true);
    });
  }

  var LABELS = [
    ["kind", "What"], ["speaker", "Speaker"], ["quoteKind", "Quote kind"], ["cue", "Cue"],
    ["actor", "Actor"], ["actorKind", "Kind"], ["role", "Role"], ["code", "Code"],
    ["country", "Country"], ["cameo", "CAMEO"], ["plover", "PLOVER"], ["confidence", "Confidence"]
  ];

  function showDetails(el) {
    var list = document.getElementById("details-list");
    if (!list) return;
    while (list.firstChild) list.removeChild(list.firstChild);
    var chain = [];
    for (var n = el; n && n.id !== "article-text"; n = n.parentElement) {
      if (n.dataset && n.dataset.kind) chain.push(n);
    }
    chain.forEach(function (node) {
      LABELS.forEach(function (pair) {
        var v = node.dataset[pair[0]];
        if (v === undefined || v === "") return;
        var dt = document.createElement("dt"); dt.textContent = pair[1];
        var dd = document.createElement("dd"); dd.textContent = v;
        list.appendChild(dt); list.appendChild(dd);
      });
      if (node.title) {
        var dt2 = document.createElement("dt"); dt2.textContent = "Summary";
        var dd2 = document.createElement("dd"); dd2.textContent = node.title;
        list.appendChild(dt2); list.appendChild(dd2);
      }
    });
    document.querySelectorAll(".selected").forEach(function (s) { s.classList.remove("selected"); });
    el.classList.add("selected");
  }

  function flashEvent(idx) {
    document.querySelectorAll(".evsent").forEach(function (s) {
      var on = (" " + (s.dataset.events || "") + " ").indexOf(" " + idx + " ") >= 0;
      s.classList.toggle("flash", on);
      if (on) s.scrollIntoView({ block: "center" });
    });
    var trig = document.querySelector('.trigger[data-event="' + idx + '"]');
    if (trig) showDetails(trig);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-live]").forEach(liveForm);
    var text = document.getElementById("article-text");
    if (text) {
      var pick = function (ev) {
        var el = ev.target.closest("[data-kind]");
        if (el && text.contains(el)) showDetails(el);
      };
      text.addEventListener("click", pick);
      text.addEventListener("mouseover", pick);
      text.addEventListener("focusin", pick);
      var m = /^#ev-(\d+)$/.exec(window.location.hash);
      if (m) flashEvent(m[1]);
      var mq = /^#q-(\d+)$/.exec(window.location.hash);
      var quote = mq && text.querySelector('q.quote[data-quote="' + mq[1] + '"]');
      if (quote) { quote.scrollIntoView({ block: "center" }); showDetails(quote); }
    }
    document.querySelectorAll("[data-show-event]").forEach(function (a) {
      a.addEventListener("click", function (ev) { ev.preventDefault(); flashEvent(a.dataset.showEvent); });
    });
    var ta = document.getElementById("paste-text"), note = document.getElementById("size-note");
    if (ta && note) {
      var max = parseInt(ta.dataset.max, 10);
      var check = function () {
        var n = ta.value.length;
        note.textContent = n ? n.toLocaleString() + " of " + max.toLocaleString() + " characters" + (n > max ? " — too long: shorten the text" : "") : "";
        note.classList.toggle("too-long", n > max);
      };
      ta.addEventListener("input", check); check();
    }
  });
})();
