"use strict";
// Hides the scenarios that did not fail, when asked.
document.getElementById("failed-only").addEventListener("change", (e) => {
  for (const part of document.querySelectorAll("section.scenario, #verdicts tbody tr")) {
    part.hidden = e.target.checked && !part.classList.contains("fail");
  }
});
