// Site form: on a phone at the site, fill latitude and longitude from the device's position.
// Progressive enhancement only: without it the fields are typed by hand. Texts come from data attributes.
(function () {
  var box = document.getElementById('coordinates');
  var lat = document.getElementById('Input_Latitude');
  var lng = document.getElementById('Input_Longitude');
  if (!box || !lat || !lng || !('geolocation' in navigator)) return;
  var label = box.getAttribute('data-use-location');
  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'secondary';
  button.textContent = label;
  var status = document.createElement('span');
  status.className = 'hint';
  status.setAttribute('role', 'status');
  var row = document.createElement('div');
  row.className = 'actions';
  row.appendChild(button);
  row.appendChild(status);
  box.appendChild(row);
  button.addEventListener('click', function () {
    button.disabled = true;
    status.textContent = box.getAttribute('data-locating');
    navigator.geolocation.getCurrentPosition(function (position) {
      lat.value = position.coords.latitude.toFixed(6);
      lng.value = position.coords.longitude.toFixed(6);
      status.textContent = '±' + Math.round(position.coords.accuracy) + ' m';
      button.disabled = false;
    }, function () {
      status.textContent = box.getAttribute('data-location-failed');
      button.disabled = false;
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  });
})();
