// Weak networks: a submit that fails on the phone is kept on the device and sent again when the connection returns.
// Every submit carries an Idempotency-Key made once and kept with it, so a retry never does the change twice
// (the server answers a repeated key with the first answer). Forms marked data-offline are sent with fetch;
// without this file they are ordinary form posts. AfterSales.send(url, body) does the same for JSON API calls.
(function () {
  'use strict';
  var script = document.currentScript;
  var text = (script && script.dataset) || {};
  var user = text.user || '';
  var STORE = 'aftersales.outbox.v1';
  var RETRY_EVERY = 30000;
  var flushing = false;
  // Submits this page is sending right now: the timer's flush leaves them alone, or it would send the same key twice and
  // one of the two would only hear "still in progress" (seen in a browser test: a refusal shown beside a stray banner).
  var sending = {};
  var sentHere = 0;

  function format(template, args) {
    return String(template || '').replace(/\{(\d+)\}/g, function (_, i) { return args[i] === undefined ? '' : args[i]; });
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  // ---- the queue, in localStorage: it survives a closed tab or a dead battery ----
  function load() {
    try { return JSON.parse(localStorage.getItem(STORE) || '[]') || []; } catch (e) { return []; }
  }
  function save(items) {
    try { localStorage.setItem(STORE, JSON.stringify(items)); } catch (e) { /* storage full or disabled: nothing more we can do */ }
  }
  function put(item) {
    var items = load().filter(function (i) { return i.key !== item.key; });
    items.push(item);
    save(items);
  }
  function remove(key) {
    save(load().filter(function (i) { return i.key !== key; }));
  }
  function mine() {
    return load().filter(function (i) { return i.user === user; });
  }

  // ---- the banner: how many are waiting, and what the server refused ----
  function banner() {
    var el = document.getElementById('offline-banner');
    var items = user ? mine() : [];
    var pending = items.filter(function (i) { return i.state !== 'failed'; });
    var failed = items.filter(function (i) { return i.state === 'failed'; });
    if (!pending.length && !failed.length && !sentHere) {
      if (el) el.remove();
      return;
    }
    if (!el) {
      el = document.createElement('div');
      el.id = 'offline-banner';
      el.setAttribute('role', 'status');
      el.setAttribute('aria-live', 'polite');
      var main = document.getElementById('main') || document.body;
      main.insertBefore(el, main.firstChild);
    }
    el.className = pending.length || failed.length ? 'alert' : 'flash';
    el.textContent = '';
    if (pending.length) {
      var p = add(el, 'p');
      add(p, 'strong', format(text.pending, [pending.length]));
      p.appendChild(document.createTextNode(' '));
      var retry = add(p, 'button', text.retry);
      retry.type = 'button';
      retry.className = 'link';
      retry.addEventListener('click', function () { flush(); });
      var list = add(el, 'ul');
      pending.forEach(function (i) { add(list, 'li', i.label + ' · ' + new Date(i.created).toLocaleTimeString(document.documentElement.lang || [], { hour: '2-digit', minute: '2-digit' })); });
      if (pending.some(function (i) { return i.state === 'login'; })) add(el, 'p', text.login);
    }
    failed.forEach(function (i) {
      var f = add(el, 'p', format(text.failed, [i.label, i.message || '']) + ' ');
      f.setAttribute('data-failed', i.key);
      var dismiss = add(f, 'button', text.dismiss);
      dismiss.type = 'button';
      dismiss.className = 'link';
      dismiss.addEventListener('click', function () { remove(i.key); banner(); });
    });
    if (sentHere && !pending.length) {
      var s = add(el, 'p', format(text.sent, [sentHere]) + ' ');
      var a = add(s, 'a', text.reload);
      a.href = location.pathname + location.search;
    }
  }
  function add(parent, tag, content) {
    var el = document.createElement(tag);
    if (content !== undefined) el.textContent = content;
    parent.appendChild(el);
    return el;
  }

  // ---- sending one item ----
  // Resolves to { response } when the server answered, or { queued: true } when it could not be reached.
  async function send(item, csrf) {
    if (navigator.onLine === false) return { queued: true };
    var headers = { 'Idempotency-Key': item.key };
    var body;
    if (item.kind === 'json') {
      headers['Content-Type'] = 'application/json';
      body = item.body;
    } else {
      body = new URLSearchParams(item.fields.map(function (f) {
        return csrf && f[0] === '__RequestVerificationToken' ? [f[0], csrf.token] : f;
      }));
    }
    if (csrf) headers[csrf.headerName] = csrf.token;
    var response;
    try {
      response = await fetch(item.url, { method: item.method, headers: headers, body: body, credentials: 'same-origin', redirect: 'follow' });
    } catch (e) {
      return { queued: true };
    }
    // Behind a proxy the phone may get "bad gateway" while the app is out of reach: that is not an answer either.
    if (response.status === 502 || response.status === 503 || response.status === 504) return { queued: true };
    // A page form whose anti-forgery token went stale (logged in again since): renew it once and try again.
    if (response.status === 400 && !csrf && item.kind !== 'json' && !isJson(response)) {
      try {
        var tokens = await fetch('/api/auth/antiforgery', { credentials: 'same-origin' });
        if (tokens.ok) return send(item, await tokens.json());
      } catch (e) {
        return { queued: true };
      }
    }
    return { response: response };
  }

  function isJson(response) {
    return /json/.test(response.headers.get('Content-Type') || '');
  }
  function loggedOut(response) {
    return response.status === 401 || (response.redirected && /\/Identity\/Login/i.test(new URL(response.url).pathname));
  }
  async function inProgress(response) {
    if (response.status !== 409 || !isJson(response)) return false;
    try { return (await response.clone().json()).code === 'RequestInProgress'; } catch (e) { return false; }
  }
  // What the server said when it refused: a ProblemDetails title, or the page's own error box.
  async function refusal(response) {
    try {
      if (isJson(response)) {
        var problem = await response.clone().json();
        var fields = problem.errors ? Object.keys(problem.errors).map(function (k) { return problem.errors[k].join(' '); }) : [];
        return [problem.title].concat(fields.filter(function (f) { return f !== problem.title; })).filter(Boolean).join(' ');
      }
      var doc = new DOMParser().parseFromString(await response.clone().text(), 'text/html');
      var box = ['main .alert', 'main .validation-summary-errors', '.field-validation-error', 'main h1']
        .map(function (selector) { return doc.querySelector(selector); })
        .filter(Boolean)[0];
      return (box ? box.textContent : response.statusText || String(response.status)).replace(/\s+/g, ' ').trim();
    } catch (e) {
      return String(response.status);
    }
  }
  // A page form is done when the server redirected (post, redirect, get); a page shown again carries its errors.
  function done(item, response) {
    if (!response.ok) return false;
    return item.kind === 'json' || response.redirected;
  }

  // ---- the queue is sent in order, on load, when the phone comes back online, and every 30 s ----
  async function flush() {
    if (flushing || !user) return;
    flushing = true;
    try {
      var items = mine().filter(function (i) { return i.state !== 'failed' && !sending[i.key]; });
      for (var n = 0; n < items.length; n++) {
        var item = items[n];
        var outcome = await send(item);
        if (outcome.queued) break; // still no connection: keep the rest for later, in order
        var response = outcome.response;
        if (loggedOut(response)) {
          item.state = 'login';
          put(item);
          break;
        }
        if (await inProgress(response)) continue; // the first attempt is still running on the server: ask again later
        if (done(item, response)) {
          remove(item.key);
          if (item.page === location.pathname) sentHere++;
        } else {
          item.state = 'failed';
          item.message = await refusal(response);
          put(item);
        }
      }
    } finally {
      flushing = false;
      banner();
    }
  }

  // Replaces this page with the page the server answered (the form shown again, or where it redirected to).
  async function show(response) {
    var html = await response.text();
    if (response.redirected) history.replaceState(null, '', response.url);
    document.open();
    document.write(html);
    document.close();
  }

  function label(form, submitter) {
    var own = form.getAttribute('data-offline-label');
    var button = submitter || form.querySelector('button[type=submit], button:not([type])');
    var what = own || (button && button.textContent.replace(/\s+/g, ' ').trim()) || form.getAttribute('action') || '';
    var where = document.title.split(' · ')[0];
    return where && where !== what ? where + ' · ' + what : what;
  }

  async function onSubmit(e) {
    var form = e.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-offline') || e.defaultPrevented || !user) return;
    var method = (form.getAttribute('method') || 'get').toUpperCase();
    if (method === 'GET' || form.querySelector('input[type=file]')) return; // files go the ordinary way
    e.preventDefault();
    var data;
    try { data = new FormData(form, e.submitter); } catch (x) { data = new FormData(form); }
    var fields = [];
    data.forEach(function (value, name) { if (typeof value === 'string') fields.push([name, value]); });
    var item = {
      key: newKey(), user: user, kind: 'form', url: form.action, method: method, fields: fields,
      created: Date.now(), label: label(form, e.submitter), page: location.pathname, state: 'pending',
    };
    // Kept before it is sent: if the phone loses the page meanwhile, the submit is still on the device.
    put(item);
    var buttons = form.querySelectorAll('button, input[type=submit]');
    buttons.forEach(function (b) { b.disabled = true; });
    sending[item.key] = true;
    var outcome;
    try {
      outcome = await send(item);
    } finally {
      delete sending[item.key];
    }
    buttons.forEach(function (b) { b.disabled = false; });
    if (outcome.queued) {
      form.reset();
      banner();
      return;
    }
    var response = outcome.response;
    if (loggedOut(response)) {
      item.state = 'login';
      put(item);
      banner();
      return;
    }
    if (await inProgress(response)) {
      banner();
      return;
    }
    remove(item.key);
    if (/html/.test(response.headers.get('Content-Type') || '')) {
      await show(response);
    } else if (!done(item, response)) {
      item.state = 'failed';
      item.message = await refusal(response);
      put(item);
      banner();
    } else {
      location.reload();
    }
  }

  // document.open() (used to show an answered page) clears listeners; the page's copy of this file adds them again.
  if (window.__afterSalesOffline) {
    clearInterval(window.__afterSalesOffline.timer);
    document.removeEventListener('submit', window.__afterSalesOffline.onSubmit);
    window.removeEventListener('online', window.__afterSalesOffline.flush);
  }
  document.addEventListener('submit', onSubmit);
  window.addEventListener('online', flush);
  window.__afterSalesOffline = { timer: setInterval(flush, RETRY_EVERY), onSubmit: onSubmit, flush: flush };

  window.AfterSales = window.AfterSales || {};
  /**
   * Sends a JSON body to the API with an idempotency key. Resolves to the Response when the server answered, or
   * to { queued: true } when it could not be reached: the call is then kept and sent again later.
   */
  window.AfterSales.send = async function (url, body, method) {
    var item = {
      key: newKey(), user: user, kind: 'json', url: url, method: (method || 'POST').toUpperCase(), body: JSON.stringify(body),
      created: Date.now(), label: document.title.split(' · ')[0], page: location.pathname, state: 'pending',
    };
    put(item);
    var outcome = await send(item);
    if (outcome.queued) {
      banner();
      return { queued: true };
    }
    if (loggedOut(outcome.response) || await inProgress(outcome.response)) {
      banner();
      return outcome.response;
    }
    remove(item.key);
    return outcome.response;
  };

  banner();
  flush();
})();
