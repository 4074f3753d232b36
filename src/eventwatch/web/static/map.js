// The maps: an offline base map of country outlines (Natural Earth via world-atlas), optional tiles,
// and event markers sized by the number of reports. Settings come from the #map element's data
// attributes; popups are built with textContent, never HTML strings, because place names are data.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) { return; }
  var map = L.map(el, { worldCopyJump: true, minZoom: 1 });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  map.attributionControl.addAttribution("Natural Earth");
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.tilesAttribution || "" }).addTo(map);
  }
  map.setView([30, 10], 1);

  fetch(el.dataset.countries).then(function (r) { return r.json(); }).then(function (geo) {
    var outlines = L.geoJSON(geo, {
      interactive: false,
      style: { color: "#8a8f98", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: el.dataset.tiles ? 0 : 1 }
    }).addTo(map);
    outlines.bringToBack();
  });

  function popup(props) {
    var box = document.createElement("div");
    box.className = "ew-popup";
    var title = document.createElement("strong");
    title.textContent = (props.place || "?") + (props.country ? " (" + props.country + ")" : "");
    box.appendChild(title);
    var counts = document.createElement("div");
    counts.textContent = props.reports + " report" + (props.reports === 1 ? "" : "s") + ": " +
      Object.keys(props.types || {}).map(function (t) { return t + " " + props.types[t]; }).join(", ");
    box.appendChild(counts);
    if (props.first_id !== undefined) {
      var link = document.createElement("a");
      link.href = "/events/" + encodeURIComponent(props.first_id);
      link.textContent = "open an event";
      box.appendChild(link);
    }
    return box;
  }

  if (el.dataset.lat && el.dataset.lon) {
    var here = [parseFloat(el.dataset.lat), parseFloat(el.dataset.lon)];
    var marker = L.circleMarker(here, { radius: 8, color: "#b3261e", fillColor: "#d62728", fillOpacity: 0.8 });
    var label = document.createElement("span");
    label.textContent = el.dataset.label || "";
    marker.bindTooltip(label).addTo(map);
    map.setView(here, 5);
  }

  if (el.dataset.points) {
    fetch(el.dataset.points).then(function (r) { return r.json(); }).then(function (data) {
      var layer = L.featureGroup();
      data.features.forEach(function (f) {
        var c = f.geometry.coordinates;
        var n = f.properties.reports || 1;
        L.circleMarker([c[1], c[0]], {
          radius: Math.min(4 + 3 * Math.sqrt(n), 30), color: "#1f4e8c", weight: 1,
          fillColor: "#2f6fc0", fillOpacity: 0.6
        }).bindPopup(popup(f.properties)).addTo(layer);
      });
      layer.addTo(map);
      el.dataset.markers = String(data.features.length);
      if (data.features.length) { map.fitBounds(layer.getBounds().pad(0.3), { maxZoom: 6 }); }
    });
  }
}());
