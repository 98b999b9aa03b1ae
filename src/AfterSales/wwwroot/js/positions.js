// On duty (the technician's job pages): the phone's position every minute or so, kept on the device and sent in
// batches to POST /api/positions through the offline queue (offline.js), so a weak network loses nothing (ATT-1).
(function () {
  'use strict';
  if (!navigator.geolocation || !window.AfterSales || !window.AfterSales.send) return;
  var KEY = 'aftersales.positions.v1';
  var EVERY = 60000;      // at most one fix a minute
  var SEND_EVERY = 300000; // a batch every five minutes, or when the page is left
  var BATCH = 10;
  function load() { try { return JSON.parse(localStorage.getItem(KEY) || '[]') || []; } catch (e) { return []; } }
  function save(items) { try { localStorage.setItem(KEY, JSON.stringify(items.slice(-500))); } catch (e) { /* storage full: keep going */ } }
  function flush() {
    var items = load();
    if (!items.length) return;
    save([]);
    window.AfterSales.send('/api/positions', { positions: items });
  }
  var last = 0;
  navigator.geolocation.watchPosition(function (p) {
    var now = Date.now();
    if (now - last < EVERY) return;
    last = now;
    var items = load();
    items.push({
      at: new Date(p.timestamp || now).toISOString(), lat: p.coords.latitude, lng: p.coords.longitude,
      accuracy: Math.round((p.coords.accuracy || 0) * 10) / 10,
    });
    save(items);
    if (items.length >= BATCH) flush();
  }, function () { /* no permission or no fix: nothing to send; the server notices the silence */ },
  { enableHighAccuracy: true, maximumAge: 30000, timeout: 30000 });
  setInterval(flush, SEND_EVERY);
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') flush(); });
  flush();
})();
