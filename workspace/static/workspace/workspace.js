/* The workspace works without this script; with it, the draft editor's citation check and
   preview follow the author's typing (a POST to the preview address, which saves nothing),
   and a form's error summary takes the focus so that it is read out first. */
(function () {
  "use strict";

  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }

  var form = document.getElementById("draft-form");
  var target = document.getElementById("preview-body");
  var region = document.getElementById("preview-region");
  var status = document.getElementById("check-status");
  if (!form || !target || !region || !window.fetch || !window.FormData) {
    return;
  }
  var url = form.getAttribute("data-preview-url");
  var timer = null;
  var latest = 0;

  function refresh() {
    var ticket = ++latest;
    var data = new FormData(form);
    data.set("intent", "preview");
    region.setAttribute("aria-busy", "true");
    fetch(url, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html !== null && ticket === latest) {
          target.innerHTML = html;
          region.setAttribute("data-updated", String(ticket));
          var verdict = target.querySelector("#citation-check p");
          if (status && verdict) {
            status.textContent = "Citation check: " + verdict.textContent;
          }
        }
      })
      .catch(function () { /* the Preview button still works */ })
      .then(function () {
        if (ticket === latest) {
          region.setAttribute("aria-busy", "false");
        }
      });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 400);
  }

  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
