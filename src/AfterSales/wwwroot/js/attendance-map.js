// Today's map (ATT-1): one marker per technician at their latest position, labelled with the name, fitted to the
// markers. No tile layer: the app must work with no internet, so the markers stand on a plain background with a scale,
// and the table beside the map says the same in words.
(function () {
  'use strict';
  var script = document.currentScript;
  var text = (script && script.dataset) || {};
  var box = document.getElementById('attendance-map');
  var empty = document.getElementById('attendance-map-empty');
  var data = document.getElementById('attendance-markers');
  if (!box || !data || !window.L) return;
  var markers;
  try { markers = JSON.parse(data.textContent || '[]'); } catch (e) { return; }
  if (!markers.length) return;
  box.hidden = false;
  if (empty) empty.hidden = true;
  var map = L.map(box, { attributionControl: false, zoomSnap: 0.5 });
  L.control.scale({ imperial: false }).addTo(map);
  var bounds = [];
  markers.forEach(function (m) {
    var late = m.anomalies > 0;
    if (m.accuracy > 0) L.circle([m.lat, m.lng], { radius: m.accuracy, weight: 1, color: '#5b7db1', fillOpacity: 0.1, interactive: false }).addTo(map);
    var dot = L.circleMarker([m.lat, m.lng], {
      radius: 8, weight: 2, color: '#fff', fillColor: late ? '#b3261e' : '#1d5fa8', fillOpacity: 1,
    }).addTo(map);
    dot.bindTooltip(m.name + ' ' + m.at, { permanent: true, direction: 'top', offset: [0, -8], className: 'attendance-label' });
    dot.bindPopup('<strong></strong><br><span></span>');
    dot.on('popupopen', function (e) {
      // Text, not HTML: names come from the database.
      var el = e.popup.getElement();
      el.querySelector('strong').textContent = m.name + ' · ' + m.number;
      el.querySelector('span').textContent = m.at + ' · ' + (text.accuracy || '±') + ' ' + Math.round(m.accuracy) + ' m'
        + (late ? ' · ' + (text.anomalies || '') + ' ' + m.anomalies : '');
    });
    bounds.push([m.lat, m.lng]);
  });
  if (bounds.length === 1) map.setView(bounds[0], 14);
  else map.fitBounds(bounds, { padding: [40, 40], maxZoom: 15 });
})();
