// Progressive enhancement only: every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // The language selector submits itself on change; its button stays for keyboard and no-JS users.
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    const button = select.form.querySelector("[data-autosubmit-button]");
    if (button) button.classList.add("visually-hidden");
    select.addEventListener("change", () => select.form.requestSubmit());
  }
});
