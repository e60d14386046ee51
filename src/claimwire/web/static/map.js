// The events map: vendored country shapes (or a configured tile layer), one marker per
// event coloured by type, clustered, and a slider showing events up to a date.
(function () {
  "use strict";
  var element = document.getElementById("map");
  var colors = JSON.parse(document.getElementById("event-colors").textContent);
  var map = L.map(element, { worldCopyJump: true, minZoom: 1, maxZoom: 14 }).setView([30, 20], 2);
  map.attributionControl.setPrefix("Leaflet");
  var tiles = element.getAttribute("data-tiles");
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 18, attribution: "map tiles" }).addTo(map);
  } else {
    map.attributionControl.addAttribution("Natural Earth via world-atlas");
    fetch("/static/vendor/world-atlas/countries-50m.json")
      .then(function (response) { return response.json(); })
      .then(function (topology) {
        var countries = topojson.feature(topology, topology.objects.countries);
        L.geoJSON(countries, {
          style: { color: "#9aa5b1", weight: 0.6, fillColor: "#eef1f4", fillOpacity: 1 },
          interactive: false,
        }).addTo(map).bringToBack();
      });
  }
  var cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false, animate: false });
  map.addLayer(cluster);
  var events = [];
  var days = [];
  var slider = document.getElementById("until-slider");
  var label = document.getElementById("until-label");

  function icon(type) {
    var color = colors[type] || "#7f7f7f";
    var html = document.createElement("span");
    html.className = "event-dot";
    html.style.background = color;
    return L.divIcon({ className: "event-marker", html: html.outerHTML, iconSize: [16, 16] });
  }

  function popup(event) {
    var box = document.createElement("div");
    var title = document.createElement("b");
    title.textContent = event.type + (event.subtype ? " / " + event.subtype.replace(/_/g, " ") : "");
    box.appendChild(title);
    var where = document.createElement("div");
    where.textContent = (event.place || "?") + (event.country ? " (" + event.country + ")" : "") +
      " · " + (event.date_start || "undated") + (event.date_end && event.date_end !== event.date_start ? " – " + event.date_end : "");
    box.appendChild(where);
    var reports = document.createElement("div");
    reports.className = "meta";
    reports.textContent = event.reports + " report(s) from " + event.outlets + " outlet(s)";
    box.appendChild(reports);
    var link = document.createElement("a");
    link.href = "/events?type=" + encodeURIComponent(event.type) +
      (event.date_start ? "&since=" + event.date_start + "&until=" + (event.date_end || event.date_start) : "");
    link.textContent = "reports on the timeline →";
    box.appendChild(link);
    return box;
  }

  function show() {
    var until = days.length ? days[Number(slider.value)] : null;
    label.textContent = until || "—";
    cluster.clearLayers();
    var shown = events.filter(function (event) {
      return until === null || !event.date_start || event.date_start <= until;
    });
    cluster.addLayers(shown.map(function (event) { return event.marker; }));
    document.getElementById("shown-count").textContent = shown.length;
    window.claimwireMap.shown = shown.map(function (event) { return event.id; });
  }

  window.claimwireMap = { map: map, events: events, shown: [], ready: false };
  fetch(element.getAttribute("data-source"), { headers: { Accept: "application/json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var bounds = [];
      (data.items || []).forEach(function (row) {
        if (row.lat === null || row.lon === null) { return; }
        var marker = L.marker([row.lat, row.lon], { icon: icon(row.type), title: row.type + " · " + (row.place || "") });
        marker.bindPopup(popup(row));
        events.push({ id: row.id, type: row.type, lat: row.lat, lon: row.lon, place: row.place,
                      date_start: row.date_start, marker: marker });
        bounds.push([row.lat, row.lon]);
      });
      days = Array.from(new Set(events.map(function (e) { return e.date_start; }).filter(Boolean))).sort();
      slider.max = Math.max(days.length - 1, 0);
      slider.value = slider.max;
      slider.disabled = days.length < 2;
      document.getElementById("total-count").textContent = events.length;
      show();
      if (bounds.length) { map.fitBounds(bounds, { padding: [40, 40], maxZoom: 7, animate: false }); }
      window.claimwireMap.ready = true;
    });
  slider.addEventListener("input", show);
})();
