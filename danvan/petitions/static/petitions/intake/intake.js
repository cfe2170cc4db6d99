// Progressive enhancement for the intake pages: everything works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  for (const element of document.querySelectorAll(".js-only")) element.classList.remove("js-only");
  for (const button of document.querySelectorAll("[data-print]")) {
    button.addEventListener("click", () => window.print());
  }
});
