// Article view: a highlighted span shows a card of its records (fields and links onward) on
// hover or focus; the card stays while the pointer is over it. Keyboard: Tab reaches every
// span and panel item; Enter on a span moves into its card, Enter on a panel item goes to
// its span; Escape closes the card and returns to the span.
(function () {
  "use strict";
  var records = JSON.parse(document.getElementById("records").textContent);
  var text = document.getElementById("article-text");
  var card = document.getElementById("record-card");
  var marked = [];
  var owner = null;      // the span whose card is shown
  var hideTimer = null;
  var quiet = false;     // true while Escape gives the focus back to the span
  var HIDE_DELAY = 350;  // ms: time to move the pointer from the span into the card

  function unmark() {
    marked.forEach(function (item) { item.classList.remove("active"); });
    marked = [];
  }

  function keysOf(span) { return (span.getAttribute("data-items") || "").split(" ").filter(Boolean); }

  function spansOf(key) {
    return Array.prototype.filter.call(text.querySelectorAll(".hl"), function (span) {
      return keysOf(span).indexOf(key) >= 0;
    });
  }

  function section(key) {
    var entry = records[key];
    var part = document.createElement("section");
    part.className = "card-part";
    var head = document.createElement("div");
    head.className = "card-head";
    head.textContent = entry.kind + ": " + entry.label;
    part.appendChild(head);
    if (entry.fields && entry.fields.length) {
      var list = document.createElement("dl");
      entry.fields.forEach(function (pair) {
        var name = document.createElement("dt");
        name.textContent = pair[0];
        var value = document.createElement("dd");
        value.textContent = pair[1];
        list.appendChild(name);
        list.appendChild(value);
      });
      part.appendChild(list);
    }
    if (entry.links && entry.links.length) {
      var links = document.createElement("ul");
      links.className = "card-links";
      entry.links.forEach(function (pair) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = pair[1];
        link.textContent = pair[0];
        item.appendChild(link);
        links.appendChild(item);
      });
      part.appendChild(links);
    }
    return part;
  }

  function place(span) {
    var box = span.getBoundingClientRect();
    var width = Math.min(430, window.innerWidth - 16);
    card.style.maxWidth = width + "px";
    card.style.left = Math.max(8, Math.min(window.innerWidth - width - 8, box.left)) + "px";
    var below = box.bottom + 6;
    card.style.top = "0px";
    var height = card.offsetHeight;
    var top = below + height <= window.innerHeight - 8 ? below : Math.max(8, box.top - height - 6);
    card.style.top = top + "px";
  }

  function show(span) {
    cancelHide();
    if (owner === span && !card.hidden) { return; }
    unmark();
    card.textContent = "";
    keysOf(span).forEach(function (key) {
      var item = document.getElementById(key);
      if (item) { item.classList.add("active"); marked.push(item); }
      if (records[key]) { card.appendChild(section(key)); }
    });
    if (!card.childNodes.length) { return; }
    if (owner) { owner.setAttribute("aria-expanded", "false"); }
    owner = span;
    span.setAttribute("aria-expanded", "true");
    card.hidden = false;
    place(span);
  }

  function hide() {
    cancelHide();
    card.hidden = true;
    if (owner) { owner.setAttribute("aria-expanded", "false"); }
    owner = null;
    unmark();
  }

  function cancelHide() {
    if (hideTimer !== null) { clearTimeout(hideTimer); hideTimer = null; }
  }

  function hideSoon() {
    cancelHide();
    hideTimer = setTimeout(function () {
      hideTimer = null;
      if (!card.matches(":hover") && !card.contains(document.activeElement) &&
          document.activeElement !== owner) { hide(); }
    }, HIDE_DELAY);
  }

  text.addEventListener("mouseover", function (event) {
    var span = event.target.closest(".hl");
    if (span) { show(span); }
  });
  text.addEventListener("mouseout", function (event) {
    if (event.target.closest(".hl")) { hideSoon(); }
  });
  text.addEventListener("focusin", function (event) {
    var span = event.target.closest(".hl");
    if (span && !quiet) { show(span); }
  });
  text.addEventListener("focusout", hideSoon);
  text.addEventListener("keydown", function (event) {
    var span = event.target.closest(".hl");
    if (!span || (event.key !== "Enter" && event.key !== " ")) { return; }
    event.preventDefault();
    show(span);
    var first = card.querySelector("a");
    if (first) { first.focus(); }
  });
  card.addEventListener("mouseenter", cancelHide);
  card.addEventListener("mouseleave", hideSoon);
  card.addEventListener("focusout", hideSoon);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || card.hidden) { return; }
    var back = owner;
    hide();
    if (back) {  // back to the span, the card staying closed
      quiet = true;
      back.focus({ preventScroll: true });
      quiet = false;
    }
  });

  function lightSpans(item, on) {
    spansOf(item.id).forEach(function (span) { span.classList.toggle("focus", on); });
  }

  function goToSpan(item) {
    var spans = spansOf(item.id);
    if (!spans.length) { return; }
    spans[0].scrollIntoView({ block: "center" });
    spans[0].focus({ preventScroll: true });
  }

  document.querySelectorAll(".items li").forEach(function (item) {
    item.addEventListener("mouseenter", function () { lightSpans(item, true); });
    item.addEventListener("mouseleave", function () { lightSpans(item, false); });
    item.addEventListener("focus", function () { lightSpans(item, true); });
    item.addEventListener("blur", function () { lightSpans(item, false); });
    item.addEventListener("click", function () { goToSpan(item); });
    item.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); goToSpan(item); }
    });
  });

  if (location.hash) {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) {
      target.classList.add("active");
      spansOf(target.id).forEach(function (span, index) {
        span.classList.add("focus");
        if (index === 0) { span.scrollIntoView({ block: "center" }); }
      });
    }
  }
  window.claimwireArticle = { show: show, hide: hide, card: card };
})();
