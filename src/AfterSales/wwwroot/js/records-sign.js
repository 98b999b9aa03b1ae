// REC-2: the customer signs on the screen (signature_pad, vendored in lib/signature_pad); the drawing goes to the
// server as a PNG data URL in a hidden field.
(function () {
  const form = document.querySelector("form[data-sign-form]");
  if (!form || typeof SignaturePad === "undefined") return;
  const canvas = form.querySelector("canvas");
  const field = form.querySelector("#signature-data");
  const error = form.querySelector("#signature-error");
  const pad = new SignaturePad(canvas, { penColor: "#111", minWidth: 1, maxWidth: 2.8 });

  // The canvas is drawn at the screen's pixel density; resizing clears it, so keep what was drawn.
  function resize() {
    const data = pad.toData();
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext("2d").scale(ratio, ratio);
    pad.clear();
    pad.fromData(data);
  }
  pad.addEventListener("beginStroke", () => { error.textContent = ""; });
  window.addEventListener("resize", resize);
  resize();

  form.querySelector("[data-clear-signature]").addEventListener("click", () => {
    pad.clear();
    field.value = "";
  });

  form.addEventListener("submit", (event) => {
    if (pad.isEmpty()) {
      event.preventDefault();
      error.textContent = form.dataset.empty;
      canvas.focus();
      return;
    }
    field.value = pad.toDataURL("image/png");
  });
})();
