// Honoscope: a Save pressed on the rating form before the program has
// started. Every page is sent pre-rendered, so the form can be filled in at
// once; its Save carries data-early (the program's own Save does not). A
// click on it is kept on the button as data-save-requested, which the
// program reads when it starts (app/consult/early.go) and then saves the
// rating with the usual checks. Nothing is stored or sent from here.
"use strict";
document.addEventListener("click", (e) => {
  const b = e.target instanceof Element ? e.target.closest("button[data-early]") : null;
  if (!b) {
    return;
  }
  e.preventDefault();
  b.setAttribute("data-save-requested", "");
  const status = document.getElementById(b.id + "-status");
  if (status) {
    status.textContent = "Saving as soon as Honoscope has finished starting, in a moment.";
  }
}, true);
