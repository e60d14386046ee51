// Article view: hovering a highlighted span shows its records and marks them in the panel.
(function () {
  "use strict";
  var records = JSON.parse(document.getElementById("records").textContent);
  var card = document.getElementById("record-card");
  var marked = [];

  function fields(record) {
    var keep = {};
    Object.keys(record || {}).forEach(function (key) {
      var value = record[key];
      if (value === null || value === false || key === "kind" || key === "mentions" ||
          (Array.isArray(value) && value.length === 0)) { return; }
      keep[key] = value;
    });
    return JSON.stringify(keep, null, 1);
  }

  function unmark() {
    marked.forEach(function (item) { item.classList.remove("active"); });
    marked = [];
  }

  document.getElementById("article-text").addEventListener("mouseover", function (event) {
    var span = event.target.closest(".hl");
    if (!span) { return; }
    unmark();
    card.textContent = "";
    span.getAttribute("data-items").split(" ").forEach(function (key) {
      var entry = records[key];
      var item = document.getElementById(key);
      if (item) { item.classList.add("active"); marked.push(item); }
      if (!entry) { return; }
      var head = document.createElement("div");
      head.className = "card-head";
      head.textContent = entry.kind + ": " + entry.label;
      card.appendChild(head);
      if (entry.record) {
        var pre = document.createElement("pre");
        pre.textContent = fields(entry.record);
        card.appendChild(pre);
      }
    });
    var box = span.getBoundingClientRect();
    card.style.top = Math.min(window.innerHeight - 40, box.bottom + 6) + "px";
    card.style.left = Math.max(8, Math.min(window.innerWidth - 440, box.left)) + "px";
    card.hidden = false;
  });
  document.getElementById("article-text").addEventListener("mouseout", function (event) {
    if (event.target.closest(".hl")) { card.hidden = true; unmark(); }
  });
  document.querySelectorAll(".items li").forEach(function (item) {
    item.addEventListener("mouseenter", function () {
      document.querySelectorAll(".hl").forEach(function (span) {
        if ((" " + span.getAttribute("data-items") + " ").indexOf(" " + item.id + " ") >= 0) {
          span.classList.add("focus");
        }
      });
    });
    item.addEventListener("mouseleave", function () {
      document.querySelectorAll(".hl.focus").forEach(function (span) { span.classList.remove("focus"); });
    });
  });
  if (location.hash) {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) {
      target.classList.add("active");
      document.querySelectorAll(".hl").forEach(function (span) {
        if ((" " + span.getAttribute("data-items") + " ").indexOf(" " + target.id + " ") >= 0) {
          span.classList.add("focus");
          span.scrollIntoView({ block: "center" });
        }
      });
    }
  }
})();
