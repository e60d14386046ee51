// Live refresh of the dashboard: polls /api/live (a count and the newest arrival number),
// refreshes the overview's lists and adds new events to the map when articles arrive, and
// marks the articles that are new since the reader's last visit (kept in localStorage).
(function () {
  "use strict";
  var KEY = "claimwire.seenLatest";
  var INTERVAL = 3000;
  var body = document.body;
  var stored = null;
  try { stored = window.localStorage.getItem(KEY); } catch (error) { stored = null; }
  var lastVisit = stored === null ? null : Number(stored);
  var state = { latest: null, polls: 0, fresh: [], mapAdded: [], refreshed: 0, loadedAt: null };
  window.claimwireLive = state;

  function onPage(name) { return body.classList.contains("page-" + name); }

  function markNew() {
    state.fresh.forEach(function (id) {
      document.querySelectorAll('a[href="/articles/' + id + '"]').forEach(function (link) {
        if (link.classList.contains("is-new")) { return; }
        link.classList.add("is-new");
        var badge = document.createElement("span");
        badge.className = "new-badge";
        badge.textContent = "new";
        link.insertAdjacentElement("afterend", badge);
      });
    });
    var banner = document.getElementById("live-banner");
    if (!state.fresh.length) { return; }
    if (!banner) {
      banner = document.createElement("p");
      banner.id = "live-banner";
      banner.className = "live-banner";
      var main = document.querySelector("main.content");
      if (main) { main.insertBefore(banner, main.firstChild); }
    }
    var count = state.fresh.length;
    banner.textContent = count + " new article" + (count === 1 ? "" : "s") +
      (lastVisit === null ? " since you opened this page" : " since your last visit");
    if (!onPage("overview") && !onPage("map")) {
      var reload = document.createElement("a");
      reload.href = window.location.href;
      reload.textContent = " · reload";
      banner.appendChild(reload);
    }
  }

  function refreshOverview() {
    return fetch(window.location.href, { headers: { Accept: "text/html" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.querySelector("main.content");
        var main = document.querySelector("main.content");
        if (fresh && main) {
          main.replaceChildren.apply(main, Array.from(fresh.childNodes));
          state.refreshed += 1;
        }
      });
  }

  function refreshMap() {
    var view = window.claimwireMap;
    if (!view || !view.map || !state.loadedAt || typeof L === "undefined") { return Promise.resolve(); }
    view.map.fire("moveend");  // a map that reloads on moves reloads now
    return fetch("/api/changes?min_value=0&limit=500&since=" + encodeURIComponent(state.loadedAt),
                 { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var known = new Set((view.events || []).map(function (event) { return event.id; }));
        state.mapAdded.forEach(function (id) { known.add(id); });
        (data.events || []).forEach(function (event) {
          var id = event.cluster_id || event.id;
          if (event.lat === null || event.lon === null || known.has(id)) { return; }
          known.add(id);
          var marker = L.circleMarker([event.lat, event.lon], {
            radius: 9, color: "#b00020", weight: 3, fillOpacity: 0.6, className: "live-new-marker",
          });
          var box = document.createElement("div");
          var title = document.createElement("b");
          title.textContent = "New: " + event.type + (event.place ? " · " + event.place : "");
          var link = document.createElement("a");
          link.href = "/articles/" + event.document_id;
          link.textContent = event.title || "the article";
          box.appendChild(title);
          box.appendChild(document.createElement("br"));
          box.appendChild(link);
          marker.bindPopup(box);
          marker.addTo(view.map);
          state.mapAdded.push(id);
        });
      });
  }

  function poll() {
    var after = state.latest === null ? lastVisit : Math.min(state.latest, lastVisit === null ? state.latest : lastVisit);
    var url = "/api/live" + (after === null ? "" : "?after=" + after);
    return fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var first = state.latest === null;
        var grew = !first && data.latest > state.latest;
        if (first) { state.loadedAt = data.now; }
        if (first && lastVisit === null) { lastVisit = data.latest; }
        state.fresh = data.new || [];
        state.latest = data.latest;
        state.polls += 1;
        var work = Promise.resolve();
        if (grew && onPage("overview")) { work = refreshOverview(); }
        if (grew && onPage("map")) { work = refreshMap(); }
        return work.then(markNew);
      })
      .catch(function () { /* the server is away: try again at the next tick */ });
  }

  window.addEventListener("pagehide", function () {
    if (state.latest === null) { return; }
    try { window.localStorage.setItem(KEY, String(state.latest)); } catch (error) { /* private mode */ }
  });
  // Polling starts once the page has loaded (it never competes with the page's own work),
  // and not on an article's page or the submission form, which do not list articles.
  window.addEventListener("load", function () {
    if (document.getElementById("article-text") || onPage("submit")) { return; }
    poll();
    window.setInterval(poll, INTERVAL);
  });
})();
