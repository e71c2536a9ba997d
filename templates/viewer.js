// lawdiff's viewer: move between changes (buttons, keys n and p), filter them by kind and topic,
// switch between the inline and side-by-side views. Without it the page is still whole.
(function () {
  "use strict";
  var doc = document;
  var root = doc.documentElement;
  root.className = root.className.replace(/\bno-js\b/, "js");
  var changes = Array.prototype.slice.call(doc.querySelectorAll("main [data-change]"));
  var controls = doc.querySelector("form.controls");
  var status = doc.getElementById("where");
  var at = -1;  // the change last moved to, by index in document order
  var entries = {};  // each change's entry in the list of changes, by its id
  Array.prototype.forEach.call(doc.querySelectorAll("ol.changes a"), function (a) {
    entries[decodeURIComponent(a.hash.slice(1))] = a;
  });
  var marked = null;

  // the list of changes shows where the reader is
  function mark(el) {
    if (marked) { marked.removeAttribute("aria-current"); }
    marked = entries[el.id] || null;
    if (marked) {
      marked.setAttribute("aria-current", "location");
      marked.scrollIntoView({ block: "nearest" });
    }
  }

  function say(text) { if (status) { status.textContent = text; } }

  function visible(el) { return !el.hidden; }

  function visit(i) {
    var el = changes[i];
    at = i;
    mark(el);
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "center" });
    if (history.replaceState) { history.replaceState(null, "", "#" + el.id); }
    say("Change " + el.getAttribute("data-change") + " of " + changes.length + ": " + el.getAttribute("data-label"));
  }

  function go(step) {
    for (var i = at + step; i >= 0 && i < changes.length; i += step) {
      if (visible(changes[i])) { visit(i); return; }
    }
    say(step > 0 ? "No later change shown" : "No earlier change shown");
  }

  // a change reached some other way (a link, a click, a permalink) is where n and p go on from
  function follow(el) {
    var row = el && el.closest ? el.closest("main [data-change]") : null;
    if (row) { at = changes.indexOf(row); mark(row); }
  }

  function arrive() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && doc.getElementById(id);
    if (!el) { return; }
    if (!el.hasAttribute("tabindex")) { el.setAttribute("tabindex", "-1"); }
    el.focus({ preventScroll: true });
    follow(el);
  }

  function filter() {
    var shown = {};
    var boxes = controls.querySelectorAll("input[name=kind]");
    for (var k = 0; k < boxes.length; k++) { shown[boxes[k].value] = boxes[k].checked; }
    var select = controls.querySelector("select[name=topic]");
    var topic = select ? select.value : "";
    var items = doc.querySelectorAll("[data-kind]");
    var count = 0;
    for (var i = 0; i < items.length; i++) {
      var el = items[i];
      var kind = el.getAttribute("data-kind");
      if (!(kind in shown)) { continue; }  // unchanged provisions are never filtered out
      var topics = (el.getAttribute("data-topics") || "").split("|");
      var keep = shown[kind] && (!topic || topics.indexOf(topic) >= 0);
      el.hidden = !keep;
      if (keep && el.hasAttribute("data-change")) { count++; }
    }
    say(count === changes.length ? changes.length + " changes" : count + " of " + changes.length + " changes shown");
  }

  function view() {
    var chosen = controls.querySelector("input[name=view]:checked");
    doc.body.classList.toggle("view-side-by-side", chosen && chosen.value === "side-by-side");
    doc.body.classList.toggle("view-inline", !chosen || chosen.value !== "side-by-side");
  }

  // what sticks below the controls (the contents, the side-by-side column heads) sits below them
  function measure() { root.style.setProperty("--bar", (controls ? controls.offsetHeight : 0) + "px"); }

  if (controls) {
    controls.hidden = false;
    measure();
    window.addEventListener("resize", measure);
    controls.addEventListener("submit", function (e) { e.preventDefault(); });
    controls.addEventListener("click", function (e) {
      var button = e.target.closest ? e.target.closest("button[data-go]") : null;
      if (button) { go(parseInt(button.getAttribute("data-go"), 10)); }
    });
    controls.addEventListener("change", function (e) {
      if (e.target.name === "view") { view(); } else { filter(); }
    });
  }

  doc.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) { return; }
    var t = e.target;
    if (t && t.closest && t.closest("select, textarea, [contenteditable], input:not([type=checkbox]):not([type=radio])")) { return; }
    if (e.key === "n" || e.key === "p") {
      e.preventDefault();
      go(e.key === "n" ? 1 : -1);
    }
  });
  doc.addEventListener("focusin", function (e) { follow(e.target); });
  window.addEventListener("hashchange", arrive);
  arrive();
})();
