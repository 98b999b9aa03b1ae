// Signature pads (Features/Shared/_SignaturePad.cshtml): a canvas sized to the screen's pixels, drawn on with a finger
// or the mouse (signature_pad 5.1.4), copied as a PNG data URL into the hidden field before the form is sent.
(function () {
  'use strict';
  function setUp(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = '1';
    var canvas = root.querySelector('canvas');
    var field = root.querySelector('[data-signature-value]');
    var pad = new window.SignaturePad(canvas, { minWidth: 1, maxWidth: 3, penColor: '#111', backgroundColor: 'rgb(255,255,255)' });

    function resize() {
      var ratio = Math.max(window.devicePixelRatio || 1, 1);
      var data = pad.toData();
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext('2d').scale(ratio, ratio);
      pad.clear();
      pad.fromData(data);
    }

    function store() { field.value = pad.isEmpty() ? '' : pad.toDataURL('image/png'); }

    pad.addEventListener('endStroke', store);
    root.querySelector('[data-signature-clear]').addEventListener('click', function () { pad.clear(); store(); });
    var form = root.closest('form');
    if (form) form.addEventListener('submit', store);
    window.addEventListener('resize', resize);
    resize();
  }
  function all() { document.querySelectorAll('[data-signature-pad]').forEach(setUp); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', all); else all();
})();
