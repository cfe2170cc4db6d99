// The evaluation form: shows the total and the suggested verdict while points are typed.
// The server computes both again on saving; this is only a help for the committee.
(function () {
  "use strict";
  var form = document.querySelector("form[data-pass-percent]");
  if (!form) { return; }
  var out = form.querySelector("[data-evaluation-total]");
  var percent = Number(form.dataset.passPercent);
  var inputs = form.querySelectorAll("input[data-max-points]");
  function update() {
    var total = 0, max = 0, requiredZero = false, complete = true;
    inputs.forEach(function (input) {
      var points = Number(input.value);
      max += Number(input.dataset.maxPoints);
      if (input.value === "" || isNaN(points)) { complete = false; return; }
      total += points;
      if (input.dataset.required === "1" && points === 0) { requiredZero = true; }
    });
    var effective = complete && max > 0 && total * 100 >= percent * max && !requiredZero;
    out.textContent = out.dataset.template.replace("{total}", total).replace("{max}", max) +
      (complete ? " · " + (effective ? out.dataset.effective : out.dataset.ineffective) : "");
  }
  inputs.forEach(function (input) { input.addEventListener("input", update); });
  update();
})();
