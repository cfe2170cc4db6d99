// Taking part, progressive enhancement only: every form works without JavaScript.
// Voting in place is done by htmx (hx-post on the vote form). This file anchors a comment
// to a passage: select words in a provision (the closest element with data-anchor: an
// article, a clause or a point of the reading page) and the comment form of its article
// (the nearest [data-comment-box] up the page) gets the quoted passage and the provision's
// anchor. Where the element holds exactly the provision's text (data-provision-text) the
// offset goes too; otherwise the server finds the passage in the text itself.
(() => {
  "use strict";
  const QUOTE_MAX = 1000;

  function hostOf(node) {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    if (!element || element.closest("[data-article-actions], [data-comment-box]")) return null;
    return element.closest("[data-provision-text], [data-anchor]");
  }

  function boxFor(host) {
    for (let element = host; element; element = element.parentElement) {
      const box = element.querySelector("[data-comment-box]");
      if (box) return box;
    }
    return null;
  }

  function capture() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    const host = hostOf(range.commonAncestorContainer);
    if (!host) return;
    const raw = selection.toString();
    const quote = raw.trim().slice(0, QUOTE_MAX);
    if (!quote) return;
    const box = boxFor(host);
    if (!box) return;
    let start = "";
    if (host.hasAttribute("data-provision-text")) {
      const before = document.createRange();
      before.selectNodeContents(host);
      before.setEnd(range.startContainer, range.startOffset);
      start = String(before.toString().length + (raw.length - raw.trimStart().length));
    }
    box.querySelector("[data-quote-field]").value = quote;
    box.querySelector("[data-quote-start]").value = start;
    box.querySelector("[data-comment-anchor]").value = host.dataset.anchor;
    box.open = true;
  }

  let timer = 0;
  document.addEventListener("selectionchange", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(capture, 300);
  });

  // Typing in the passage field by hand: the offset no longer holds (the server finds the
  // passage itself); emptying it puts the comment back on the whole article.
  document.addEventListener("input", (event) => {
    const field = event.target;
    if (!(field instanceof HTMLTextAreaElement) || !field.hasAttribute("data-quote-field")) return;
    const form = field.form;
    form.querySelector("[data-quote-start]").value = "";
    if (!field.value.trim()) {
      const anchor = form.querySelector("[data-comment-anchor]");
      anchor.value = anchor.dataset.articleAnchor;
    }
  });

  // A comment form is sent once: a second click while the first is on its way is ignored
  // (the server would also recognise it by its submission key).
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("comment-form")) return;
    if (form.dataset.sent === "1") {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "1";
  });
})();
