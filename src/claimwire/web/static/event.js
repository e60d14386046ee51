// The event page's inset map: the event's place on the offline base layer, drawn as the
// map draws it (filled: a town or site; hollow ring: a region's or country's centre).
(function () {
  "use strict";
  var element = document.getElementById("event-map");
  if (!element) { return; }
  var lat = Number(element.getAttribute("data-lat"));
  var lon = Number(element.getAttribute("data-lon"));
  var precision = element.getAttribute("data-precision") || "point";
  var color = element.getAttribute("data-color");
  var zoom = { point: 7, region: 6, area: 5, country: 4 }[precision] || 6;
  var map = L.map(element, { zoomControl: true, attributionControl: true, scrollWheelZoom: false })
    .setView([lat, lon], zoom);
  map.attributionControl.setPrefix("Leaflet");
  var basemap = window.claimwireBasemap.add(map, element);
  var filled = precision === "point";
  L.circleMarker([lat, lon], {
    radius: filled ? 8 : 14, color: color, weight: filled ? 2 : 3,
    fillColor: color, fillOpacity: filled ? 0.9 : 0, dashArray: precision === "country" ? "4 3" : null,
  }).addTo(map);
  window.claimwireEventMap = { map: map, basemap: basemap };
})();
