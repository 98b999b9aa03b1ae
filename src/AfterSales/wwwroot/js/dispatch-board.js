// The dispatch board (SCH-4): drag a job onto a technician's row (at the time where it should go) or back to the
// unplanned column. The server checks the move first (/api/dispatch/check-move) and every conflict is shown in a
// dialog before anything is saved: "save anyway" saves it, "cancel" leaves the plan as it was. Without this script
// the small form under each job does the same through the page.
(function () {
  'use strict';
  var board = document.getElementById('dispatch-board');
  if (!board) return;
  var dialog = document.getElementById('dispatch-dialog');
  var list = document.getElementById('dispatch-dialog-list');
  var pending = null;
  // Positions on the timelines (the page's CSP allows no inline styles): left and width as shares of the day's scale.
  board.querySelectorAll('[data-left]').forEach(function (el) {
    el.style.left = el.dataset.left;
    if (el.dataset.width) el.style.width = el.dataset.width;
    if (el.dataset.colour) el.style.borderColor = el.dataset.colour;
  });
  var dragged = null;

  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': board.dataset.token || '' },
      body: JSON.stringify(body),
    }).then(function (r) {
      return r.json().then(function (json) {
        if (!r.ok) throw new Error(json.detail || json.title || String(r.status));
        return json;
      });
    });
  }

  function save(move) {
    move.force = true;
    return post('/api/dispatch/move', move).then(function () { window.location.reload(); });
  }

  function fail(e) {
    list.textContent = '';
    var li = document.createElement('li');
    li.textContent = e.message;
    list.appendChild(li);
    document.getElementById('dispatch-save').hidden = true;
    dialog.showModal();
  }

  function check(move) {
    if (move.technicianId === null) { save(move).catch(fail); return; }
    post('/api/dispatch/check-move', move).then(function (result) {
      if (!result.conflicts.length) return save(move);
      pending = move;
      list.textContent = '';
      result.conflicts.forEach(function (c) {
        var li = document.createElement('li');
        li.textContent = c.message; // text, not HTML: names come from the database
        li.dataset.kind = c.kind;
        list.appendChild(li);
      });
      document.getElementById('dispatch-save').hidden = false;
      dialog.showModal();
    }).catch(fail);
  }

  document.getElementById('dispatch-save').addEventListener('click', function () {
    if (pending) save(pending).catch(fail);
  });
  document.getElementById('dispatch-cancel').addEventListener('click', function () {
    pending = null;
    dialog.close();
  });

  board.addEventListener('dragstart', function (e) {
    var job = e.target.closest && e.target.closest('[data-job]');
    if (!job) return;
    dragged = job.dataset.job;
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData('text/plain', dragged);
  });

  function zone(e) { return e.target.closest && e.target.closest('[data-technician]'); }

  board.addEventListener('dragover', function (e) {
    var z = zone(e);
    if (!z) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    z.classList.add('drop');
  });
  board.addEventListener('dragleave', function (e) {
    var z = zone(e);
    if (z) z.classList.remove('drop');
  });
  board.addEventListener('drop', function (e) {
    var z = zone(e);
    if (!z) return;
    e.preventDefault();
    z.classList.remove('drop');
    var job = Number(e.dataTransfer.getData('text/plain') || dragged);
    if (!job) return;
    var technician = z.dataset.technician ? Number(z.dataset.technician) : null;
    var position = null;
    var track = z.querySelector('.dispatch-track');
    if (technician !== null && track) {
      // The time under the pointer decides the place: after every job of the row that starts earlier.
      var box = track.getBoundingClientRect();
      var from = Number(track.dataset.from), to = Number(track.dataset.to);
      var minute = from + (e.clientX - box.left) / Math.max(1, box.width) * (to - from);
      position = 1;
      track.querySelectorAll('.block').forEach(function (b) {
        if (Number(b.dataset.job) !== job && Number(b.dataset.start) < minute) position++;
      });
    }
    check({ workOrderId: job, technicianId: technician, position: position });
  });
})();
