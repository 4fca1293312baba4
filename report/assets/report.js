// aksguard HTML report: filters, copy buttons, expand for print.
// Plain script, no library: the page must work offline, from a mail attachment.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  var form = document.getElementById("filters");
  var shown = document.getElementById("shown");
  var none = document.getElementById("none-shown");
  var findings = Array.prototype.slice.call(document.querySelectorAll("[data-finding]"));
  var resources = Array.prototype.slice.call(document.querySelectorAll("[data-resource]"));
  var details = Array.prototype.slice.call(document.querySelectorAll(".finding > details"));

  function checked(name) {
    var set = {};
    form.querySelectorAll('input[name="' + name + '"]').forEach(function (i) {
      if (i.checked) { set[i.value] = true; }
    });
    return set;
  }

  // apply shows the findings that every filter admits, and hides resources
  // left with none.
  function apply() {
    var verdicts = checked("verdict"), severities = checked("severity"), sections = checked("section");
    var suppressed = checked("suppressed").true === true;
    var n = 0;
    findings.forEach(function (f) {
      var d = f.dataset;
      var ok = verdicts[d.verdict] && severities[d.severity] && sections[d.section] &&
        (suppressed || d.suppressed !== "true");
      f.hidden = !ok;
      if (ok) { n++; }
    });
    resources.forEach(function (r) {
      r.hidden = !r.querySelector("[data-finding]:not([hidden])");
    });
    shown.textContent = "Showing " + n + " of " + findings.length + " findings";
    none.hidden = n > 0 || findings.length === 0;
  }

  form.addEventListener("change", apply);
  document.getElementById("show-all").addEventListener("click", function () {
    form.querySelectorAll("input[type=checkbox]").forEach(function (i) { i.checked = true; });
    apply();
  });
  document.getElementById("expand-all").addEventListener("click", function () {
    details.forEach(function (d) { d.open = true; });
  });
  document.getElementById("collapse-all").addEventListener("click", function () {
    details.forEach(function (d) { d.open = false; });
  });

  // Copy: the Clipboard API where the page is a secure context, else a
  // selection copied by execCommand (file:// pages in some browsers).
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var t = document.createElement("textarea");
      t.value = text;
      t.setAttribute("readonly", "");
      t.className = "offscreen";
      document.body.appendChild(t);
      t.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(t);
      if (ok) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  document.addEventListener("click", function (e) {
    var b = e.target.closest ? e.target.closest("button.copy") : null;
    if (!b) { return; }
    var code = b.closest(".fix").querySelector("pre code");
    copy(code.textContent).then(function () { flash(b, "Copied"); }, function () {
      // Select the text, so that the reader can copy it by hand.
      var range = document.createRange();
      range.selectNodeContents(code);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      flash(b, "Press Ctrl+C");
    });
  });

  function flash(b, text) {
    var was = "Copy";
    b.textContent = text;
    b.setAttribute("data-state", text);
    setTimeout(function () { b.textContent = was; b.removeAttribute("data-state"); }, 1600);
  }

  // Print everything expanded, whatever is open on screen; restore after.
  var wasOpen = null;
  window.addEventListener("beforeprint", function () {
    wasOpen = details.map(function (d) { return d.open; });
    details.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    if (!wasOpen) { return; }
    details.forEach(function (d, i) { d.open = wasOpen[i]; });
    wasOpen = null;
  });

  apply();
})();
