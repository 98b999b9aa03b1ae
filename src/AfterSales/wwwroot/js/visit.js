// The job page on the phone: the position for check-in and check-out, and photos made smaller before they are sent.
(function () {
  // Runs before the offline queue's own submit handler (capture phase): the position is put in the form first,
  // so a submit kept on the phone while offline keeps the position and time it was taken at.
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (!form.hasAttribute || !form.hasAttribute('data-geolocate') || form.dataset.located === '1') return;
    e.preventDefault();
    e.stopImmediatePropagation();
    var status = form.querySelector('.geo-status');
    var submitter = e.submitter;
    function go() {
      form.dataset.located = '1';
      if (form.requestSubmit) form.requestSubmit(submitter && submitter.form === form ? submitter : undefined); else form.submit();
    }
    if (!navigator.geolocation) {
      if (status) status.textContent = form.dataset.noPosition || '';
      go();
      return;
    }
    if (status) status.textContent = form.dataset.locating || '';
    navigator.geolocation.getCurrentPosition(function (p) {
      form.elements.latitude.value = p.coords.latitude;
      form.elements.longitude.value = p.coords.longitude;
      form.elements.accuracy.value = Math.round(p.coords.accuracy * 10) / 10;
      go();
    }, function () {
      if (status) status.textContent = form.dataset.noPosition || '';
      go();
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  }, true);

  // Photos: at most 1600 px on the long side, JPEG at 80 %: a few hundred KB instead of several MB on a weak network.
  var MAX_SIDE = 1600;
  document.querySelectorAll('input[type=file][data-resize-for]').forEach(function (file) {
    var form = document.getElementById(file.getAttribute('data-resize-for'));
    var data = form && form.querySelector('input[name=photoData]');
    var preview = file.parentNode.querySelector('.photo-preview');
    if (!data || !window.HTMLCanvasElement) return;
    file.addEventListener('change', function () {
      data.value = '';
      var chosen = file.files && file.files[0];
      if (!chosen) return;
      var url = URL.createObjectURL(chosen);
      var img = new Image();
      img.onload = function () {
        var scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
        var canvas = document.createElement('canvas');
        canvas.width = Math.round(img.naturalWidth * scale);
        canvas.height = Math.round(img.naturalHeight * scale);
        canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
        data.value = canvas.toDataURL('image/jpeg', 0.8);
        URL.revokeObjectURL(url);
        // The small copy is what is sent, as text: the original stays on the phone.
        file.removeAttribute('name');
        file.required = false;
        form.enctype = 'application/x-www-form-urlencoded';
        if (preview) { preview.src = data.value; preview.hidden = false; }
      };
      img.src = url;
    });
  });
})();
