/* The review page works without this script (Save draft is a button); with it, the draft is
   also saved as the reviewer writes: on a change, and every 20 seconds while anything is new,
   by a POST to the draft address, which only ever keeps the reviewer's own draft. */
(function () {
  "use strict";

  var form = document.getElementById("review-form");
  var status = document.getElementById("draft-status");
  if (!form || !status || !window.fetch || !window.FormData) {
    return;
  }
  var url = form.getAttribute("data-autosave-url");
  var changed = false;
  var saving = false;
  var leaving = false;

  function save() {
    if (!changed || saving || leaving) {
      return;
    }
    changed = false;
    saving = true;
    fetch(url, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    })
      .then(function (response) {
        return response.json().then(function (answer) {
          status.textContent = answer.detail || "";
          if (!response.ok) {
            changed = true;
          }
        });
      })
      .catch(function () {
        changed = true;
        status.textContent = "Not saved automatically: use Save draft.";
      })
      .then(function () {
        saving = false;
      });
  }

  form.addEventListener("input", function () {
    changed = true;
  });
  form.addEventListener("change", function () {
    changed = true;
    // A moment later: a change made by leaving the field for a button of the form is saved
    // by that button, not by a second request racing it.
    window.setTimeout(save, 800);
  });
  form.addEventListener("submit", function () {
    leaving = true; // the button saves what is posted
  });
  window.setInterval(save, 20000);
})();
