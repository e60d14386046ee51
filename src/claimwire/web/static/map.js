// The events map. The server answers the newest events of the view (bounding box and time
// window, at most data-limit of them) and how many match in all, so the page says
// "showing N of M" instead of hiding the rest. Markers: colour = event type, size = death
// toll, filled = a town or site, hollow = a region's or a country's centre. The view and
// the time window live in the URL (bbox, since, until).
(function () {
  "use strict";
  var element = document.getElementById("map");
  var colors = JSON.parse(document.getElementById("event-colors").textContent);
  var api = element.getAttribute("data-api");
  var baseQuery = element.getAttribute("data-query");
  var limit = Number(element.getAttribute("data-limit"));
  var url = new URL(window.location.href);
  var since = url.searchParams.get("since") || null;
  var until = url.searchParams.get("until") || null;
  var startBox = element.getAttribute("data-bbox");

  var map = L.map(element, { worldCopyJump: true, minZoom: 1, maxZoom: 14, zoomSnap: 1 });
  map.attributionControl.setPrefix("Leaflet");
  if (startBox) {
    var b = startBox.split(",").map(Number);
    map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { animate: false });
  } else {
    map.setView([30, 20], 2);
  }
  var basemap = window.claimwireBasemap.add(map, element);
  var cluster = L.markerClusterGroup({
    maxClusterRadius: 40, showCoverageOnHover: false, animate: false,
    iconCreateFunction: function (group) {
      var count = group.getChildCount();
      var size = count < 10 ? 30 : count < 100 ? 36 : 44;
      return L.divIcon({
        html: "<span>" + count + "</span>", className: "event-cluster",
        iconSize: L.point(size, size),
      });
    },
  });
  map.addLayer(cluster);

  var fromSlider = document.getElementById("from-slider");
  var toSlider = document.getElementById("to-slider");
  var fromLabel = document.getElementById("from-label");
  var toLabel = document.getElementById("to-label");
  var status = document.getElementById("map-status");
  var state = {
    map: map, events: [], shown: [], ready: false, loading: false, loads: 0,
    total: null, unplaced: null, first: null, last: null, basemap: basemap,
  };
  window.claimwireMap = state;

  // ---- days and the time-range slider ----------------------------------------------------
  function toDay(text) { return Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10)) / 864e5; }
  function fromDay(number) { return new Date(number * 864e5).toISOString().slice(0, 10); }

  function setSlider(first, last) {
    if (!first || !last) {
      fromSlider.disabled = toSlider.disabled = true;
      fromLabel.textContent = since || "—";
      toLabel.textContent = until || "—";
      return;
    }
    var low = toDay(first), high = toDay(last);
    [fromSlider, toSlider].forEach(function (slider) {
      slider.min = low; slider.max = high; slider.disabled = high <= low;
    });
    fromSlider.value = since ? Math.max(low, Math.min(high, toDay(since))) : low;
    toSlider.value = until ? Math.max(low, Math.min(high, toDay(until))) : high;
    labelSliders();
  }

  function labelSliders() {
    fromLabel.textContent = fromDay(Number(fromSlider.value));
    toLabel.textContent = fromDay(Number(toSlider.value));
  }

  function slid(event) {
    if (Number(fromSlider.value) > Number(toSlider.value)) {
      if (event.target === fromSlider) { toSlider.value = fromSlider.value; }
      else { fromSlider.value = toSlider.value; }
    }
    labelSliders();
  }

  function slideDone() {
    var low = Number(fromSlider.min), high = Number(toSlider.max);
    since = Number(fromSlider.value) > low ? fromDay(Number(fromSlider.value)) : null;
    until = Number(toSlider.value) < high ? fromDay(Number(toSlider.value)) : null;
    load();
  }

  [fromSlider, toSlider].forEach(function (slider) {
    slider.addEventListener("input", slid);
    slider.addEventListener("change", slideDone);
  });

  // ---- the URL and the filter form --------------------------------------------------------
  function keepInUrl(box) {
    var next = new URL(window.location.href);
    [["since", since], ["until", until], ["bbox", box]].forEach(function (pair) {
      if (pair[1]) { next.searchParams.set(pair[0], pair[1]); } else { next.searchParams.delete(pair[0]); }
    });
    window.history.replaceState(null, "", next.pathname + "?" + next.searchParams.toString());
    // the export buttons follow the time window and the box (their filters are the map's)
    document.querySelectorAll("nav.exports a.export").forEach(function (link) {
      var target = new URL(link.getAttribute("href"), window.location.href);
      [["since", since], ["until", until], ["bbox", box]].forEach(function (pair) {
        if (pair[1]) { target.searchParams.set(pair[0], pair[1]); } else { target.searchParams.delete(pair[0]); }
      });
      link.setAttribute("href", target.pathname + "?" + target.searchParams.toString());
    });
    var form = document.querySelector("form.filters");
    if (form) {
      ["since", "until"].forEach(function (name) {
        var input = form.querySelector('input[name="' + name + '"]');
        if (input) { input.value = (name === "since" ? since : until) || ""; }
      });
      var hidden = form.querySelector('input[name="bbox"]');
      if (!hidden) {
        hidden = document.createElement("input");
        hidden.type = "hidden"; hidden.name = "bbox";
        form.appendChild(hidden);
      }
      hidden.value = box;
    }
    var twin = document.querySelector("a.twin[href^='/api/clusters']");
    if (twin) { twin.href = "/api/clusters?" + next.searchParams.toString(); }
  }

  // ---- markers and popups -----------------------------------------------------------------
  function radius(toll) {
    if (toll === null || toll === undefined) { return 7; }
    return Math.min(24, 7 + 3 * Math.sqrt(toll));
  }

  function icon(row) {
    var color = colors[row.type] || "#7f7f7f";
    var size = Math.round(2 * radius(row.fatalities_best));
    var dot = document.createElement("span");
    dot.className = "event-dot p-" + (row.precision || "point");
    dot.style.width = dot.style.height = size + "px";
    if (row.precision === "point" || !row.precision) { dot.style.background = color; }
    else { dot.style.borderColor = color; }
    return L.divIcon({ className: "event-marker", html: dot.outerHTML, iconSize: [size, size] });
  }

  function text(tag, content, className) {
    var node = document.createElement(tag);
    if (content !== undefined && content !== null) { node.textContent = content; }
    if (className) { node.className = className; }
    return node;
  }

  function number(value) { return Math.round(value).toLocaleString("en"); }

  function tollText(row) {
    if (row.fatalities_best === null || row.fatalities_best === undefined) { return "no death toll reported"; }
    var words = number(row.fatalities_best) + " killed";
    if (row.fatalities_low !== row.fatalities_high) {
      words += " (best; reports say " + number(row.fatalities_low) + "–" + number(row.fatalities_high) + ")";
    }
    return words;
  }

  var PRECISION = { point: "town or site", region: "region centre", country: "country centre", area: "area centre" };

  function popup(row) {
    var box = text("div", null, "event-popup");
    box.appendChild(text("b", row.type + (row.subtype ? " / " + row.subtype.replace(/_/g, " ") : "")));
    box.appendChild(text("div", (row.place || "?") + (row.country ? " (" + row.country + ")" : "") +
      " · " + (row.date_start || "undated") +
      (row.date_end && row.date_end !== row.date_start ? " – " + row.date_end : "")));
    box.appendChild(text("div", "located at: " + (PRECISION[row.precision] || "unknown"), "meta"));
    box.appendChild(text("div", tollText(row), "toll"));
    box.appendChild(text("div", row.reports + " report(s) from " + row.outlets + " outlet(s)", "meta"));
    var sources = text("div", "loading the sources…", "sources");
    box.appendChild(sources);
    var links = text("div", null, "links");
    var page = text("a", "the event page: all reports →");
    page.href = "/events/" + encodeURIComponent(row.id);
    page.className = "event-link";
    links.appendChild(page);
    links.appendChild(document.createTextNode(" · "));
    var timeline = text("a", "on the timeline");
    timeline.href = "/events?cluster=" + encodeURIComponent(row.id);
    timeline.className = "timeline-link";
    links.appendChild(timeline);
    box.appendChild(links);
    return { box: box, sources: sources };
  }

  function fillSources(sources, detail) {
    sources.textContent = "";
    var list = text("ul", null, "report-list");
    detail.reports.slice(0, 4).forEach(function (report) {
      var item = text("li");
      var who = text("span", report.claimant + " ", "who");
      who.appendChild(text("span", report.hedge, "hedge h-" + report.hedge));
      item.appendChild(who);
      var outlet = text("span", " · ");
      var url = report.url && /^https?:/i.test(report.url) ? report.url : null;
      var name = report.outlet || "unknown outlet";
      if (url) {
        var link = text("a", name);
        link.href = url; link.rel = "noopener noreferrer";
        outlet.appendChild(link);
      } else {
        outlet.appendChild(text("span", name));
      }
      if (report.published) { outlet.appendChild(text("span", ", " + report.published, "meta")); }
      item.appendChild(outlet);
      if (report.fatalities !== null) { item.appendChild(text("div", number(report.fatalities) + " killed", "meta")); }
      var quote = text("q", null, "evidence-sentence");
      var context = report.context || report.evidence;
      var at = context.indexOf(report.evidence);
      if (at >= 0) {
        quote.appendChild(document.createTextNode(context.slice(0, at)));
        quote.appendChild(text("mark", report.evidence));
        quote.appendChild(document.createTextNode(context.slice(at + report.evidence.length)));
      } else {
        quote.textContent = context;
      }
      var evidence = text("a", null, "evidence");
      evidence.href = "/articles/" + encodeURIComponent(report.document_id) + "#" + report.id.split(":").pop();
      evidence.appendChild(quote);
      item.appendChild(evidence);
      list.appendChild(item);
    });
    sources.appendChild(list);
    if (detail.reports.length > 4) {
      sources.appendChild(text("div", "and " + (detail.reports.length - 4) + " more on the event page", "meta"));
    }
  }

  function marker(row) {
    var made = L.marker([row.lat, row.lon], {
      icon: icon(row), title: row.type + " · " + (row.place || "") + " · " + (row.date_start || "undated"),
      keyboard: true,
    });
    var content = popup(row);
    made.bindPopup(content.box, { maxWidth: 340, minWidth: 240 });
    made.on("popupopen", function () {
      if (content.loaded) { return; }
      content.loaded = true;
      fetch("/api/events/" + encodeURIComponent(row.id), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (detail) { fillSources(content.sources, detail); made.getPopup().update(); })
        .catch(function () { content.sources.textContent = "the sources could not be loaded"; });
    });
    return made;
  }

  // ---- loading the view -------------------------------------------------------------------
  var controller = null;
  var timer = null;

  function say(data) {
    status.textContent = "";
    var shown = data.items.length;
    var headline = text("b", shown === data.total ?
      "Showing all " + number(data.total) + " events in view" :
      "Showing " + number(shown) + " of " + number(data.total) + " events in view");
    headline.id = "shown-summary";
    status.appendChild(headline);
    if (shown) {
      status.appendChild(text("span", ", newest first (" + (data.items[0].date_start || "undated") +
        " back to " + (data.items[shown - 1].date_start || "undated") + ")."));
    } else {
      status.appendChild(text("span", "."));
    }
    if (shown < data.total) {
      status.appendChild(text("div", "Zoom in or narrow the dates (slider or filters) to see the " +
        number(data.total - shown) + " older ones.", "hint"));
    }
    if (data.unplaced) {
      var more = text("div", number(data.unplaced) + " matching events have no place and are not drawn: ", "meta");
      var link = text("a", "see them on the timeline");
      link.href = "/events?" + baseQuery;
      more.appendChild(link);
      status.appendChild(more);
    }
  }

  function load(fit) {
    if (controller) { controller.abort(); }
    controller = new AbortController();
    var box = fit ? "-180,-90,180,90" : window.claimwireBasemap.boxText(map.getBounds());
    var query = [baseQuery, "limit=" + limit, "bbox=" + box];
    if (since) { query.push("since=" + since); }
    if (until) { query.push("until=" + until); }
    state.loading = true;
    return fetch(api + "?" + query.filter(Boolean).join("&"), {
      headers: { Accept: "application/json" }, signal: controller.signal,
    }).then(function (response) {
      if (!response.ok) {
        return response.json().then(function (body) { throw new Error(body.error ? body.error.message : response.status); });
      }
      return response.json();
    }).then(function (data) {
      var rows = data.items.filter(function (row) { return row.lat !== null && row.lon !== null; });
      update(rows);
      state.events = rows.map(function (row) {
        return { id: row.id, type: row.type, lat: row.lat, lon: row.lon, place: row.place,
                 date_start: row.date_start, precision: row.precision, fatalities: row.fatalities_best };
      });
      state.shown = rows.map(function (row) { return row.id; });
      state.total = data.total;
      state.unplaced = data.unplaced;
      if (state.first !== data.first || state.last !== data.last) {
        state.first = data.first; state.last = data.last;
        setSlider(data.first, data.last);
      }
      say(data);
      state.loading = false;
      state.loads += 1;
      state.ready = true;
      if (fit && rows.length) {
        // the newest events' region; moving there loads that view (moveend)
        map.fitBounds(rows.map(function (row) { return [row.lat, row.lon]; }), { padding: [40, 40], maxZoom: 7, animate: false });
      }
      keepInUrl(window.claimwireBasemap.boxText(map.getBounds()));
    }).catch(function (error) {
      if (error.name === "AbortError") { return; }
      state.loading = false;
      status.textContent = "The events could not be loaded: " + error.message;
      state.ready = true;
    });
  }

  // Keep the markers of events still in view (an open popup stays open when the map pans
  // to show it), add the new ones, remove the others.
  state.markers = {};
  function update(rows) {
    var wanted = {};
    rows.forEach(function (row) { wanted[row.id] = row; });
    var gone = [];
    Object.keys(state.markers).forEach(function (id) {
      var made = state.markers[id];
      if (!wanted[id] && !made.isPopupOpen()) { gone.push(made); delete state.markers[id]; }
    });
    if (gone.length) { cluster.removeLayers(gone); }
    var added = [];
    rows.forEach(function (row) {
      if (!state.markers[row.id]) { state.markers[row.id] = marker(row); added.push(state.markers[row.id]); }
    });
    if (added.length) { cluster.addLayers(added); }
  }

  function whenIdle(callback) {
    if (state.loading) { window.setTimeout(function () { whenIdle(callback); }, 50); }
    else { callback(); }
  }

  // Open an event's popup (zooming into its group if needed); for keyboard users and tests.
  state.open = function (id) {
    var made = state.markers && state.markers[id];
    if (!made) { return false; }
    function show() {
      var parent = cluster.getVisibleParent(made);
      if (parent && parent !== made && parent.spiderfy) {
        cluster.once("spiderfied", function () { made.openPopup(); });
        parent.spiderfy();
      } else {
        made.openPopup();
      }
    }
    if (cluster.getVisibleParent(made) === made || map.getZoom() === map.getMaxZoom()) {
      show();
    } else {
      map.once("moveend", function () { whenIdle(show); });
      map.setView(made.getLatLng(), map.getMaxZoom(), { animate: false });
    }
    return true;
  };

  map.on("moveend", function () {
    if (!state.ready) { return; }
    window.clearTimeout(timer);
    state.loading = true;
    timer = window.setTimeout(function () { load(false); }, 200);
  });
  load(!startBox);
})();
