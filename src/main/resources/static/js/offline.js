// Offline center console: keeps today's list and the doses recorded on this device in IndexedDB,
// sends them when the server can be reached, and shows what became of each. No build step.
(function () {
  'use strict';
  const root = document.getElementById('offline-console');
  if (!root) { return; }
  const csrfHeader = root.dataset.csrfHeader;
  const csrfToken = root.dataset.csrfToken;
  const maxBatch = Number(root.dataset.maxBatch) || 50;
  const strings = {};
  document.querySelectorAll('#strings [data-k]').forEach(s => { strings[s.dataset.k] = s.textContent; });
  const text = (key, ...args) => (strings[key] || key).replace(/\{(\d+)\}/g, (m, i) => args[i] ?? '');
  const $ = id => document.getElementById(id);

  // --- storage: one database, three stores (meta: device id, list, key; queue: recorded doses by event id)
  const dbReady = new Promise((resolve, reject) => {
    const open = indexedDB.open('teeka-offline', 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('meta');
      open.result.createObjectStore('queue', { keyPath: 'eventId' });
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  function tx(store, mode, work) {
    return dbReady.then(db => new Promise((resolve, reject) => {
      const t = db.transaction(store, mode);
      const result = work(t.objectStore(store));
      t.oncomplete = () => resolve(result && 'result' in result ? result.result : result);
      t.onerror = () => reject(t.error);
    }));
  }
  const getMeta = key => tx('meta', 'readonly', s => s.get(key));
  const putMeta = (key, value) => tx('meta', 'readwrite', s => s.put(value, key));
  const allItems = () => tx('queue', 'readonly', s => s.getAll());
  const putItem = item => tx('queue', 'readwrite', s => s.put(item));

  // the date now in the platform's time zone (the list says its offset), whatever zone this device's clock is set to
  const today = (utcOffsetMinutes) => new Date(Date.now() + utcOffsetMinutes * 60000).toISOString().slice(0, 10);
  let day = null;      // { centerName, date, sessions, people }
  let key = null;      // CryptoKey, not extractable
  let deviceId = null;
  let found = null;
  let syncing = false;

  async function deviceIdentity() {
    let id = await getMeta('deviceId');
    if (!id) { id = crypto.randomUUID(); await putMeta('deviceId', id); }
    return id;
  }

  // --- the day's list: downloaded while online; yesterday's is dropped
  async function loadList() {
    day = await getMeta('day');
    key = await getMeta('key');
    if (day && day.date !== today(day.utcOffsetMinutes || 0)) {
      day = null; key = null;
      await putMeta('day', null); await putMeta('key', null);
    }
    showList();
  }

  async function downloadList() {
    try {
      const response = await fetch('/api/staff/center/day-list', { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' });
      if (!response.ok) { throw new Error(String(response.status)); }
      const list = await response.json();
      const raw = Uint8Array.from(atob(list.key), c => c.charCodeAt(0));
      // kept as a key the page can use but not read back: the raw bytes are not stored
      key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      day = { centerName: list.centerName, date: list.date, utcOffsetMinutes: list.utcOffsetMinutes, sessions: list.sessions, people: list.people };
      await putMeta('key', key);
      await putMeta('day', day);
      showList();
    } catch (e) {
      if (!day) { $('list-status').textContent = text('listFailed'); }
    }
  }

  function showList() {
    $('list-status').textContent = day ? text('listKept', day.centerName, day.date, String(day.people.length)) : text('listNone');
    const option = (value, label) => { const o = document.createElement('option'); o.value = value; o.textContent = label ?? ''; return o; };
    $('wi-session').replaceChildren(...(day ? day.sessions : []).map(s => option(s.id, s.vaccineName)));
    showWalkInLots();
  }
  function showWalkInLots() {
    const session = day && day.sessions.find(s => s.id === $('wi-session').value);
    $('wi-lots').replaceChildren(...(session ? session.lots : []).map(l => { const o = document.createElement('option'); o.value = l; return o; }));
  }
  $('wi-session').addEventListener('change', showWalkInLots);

  async function hmac(message) {
    const signature = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message));
    return Array.from(new Uint8Array(signature), b => b.toString(16).padStart(2, '0')).join('');
  }

  // --- finding a person: by reference id, or appointment code with its security code; only hashes are compared
  async function findBy(hashField, message, notFoundKey) {
    found = null;
    $('found').hidden = true;
    $('find-problem').hidden = true;
    if (!day || !key) { return problem(text('noList')); }
    const hash = await hmac(message);
    const person = day.people.find(p => p[hashField] === hash);
    if (!person) { return problem(text(notFoundKey)); }
    const items = await allItems();
    if (items.some(i => i.beneficiaryId === person.beneficiaryId && i.dose === person.dose)) { return problem(text('already')); }
    found = person;
    const session = day.sessions.find(s => s.id === person.sessionId);
    $('found-name').textContent = person.name;
    $('found-dose').textContent = String(person.dose);
    $('found-slot').textContent = person.slot;
    $('found-vaccine').textContent = session ? session.vaccineName : '';
    const lots = $('lots');
    lots.replaceChildren(...(session ? session.lots : []).map(l => { const o = document.createElement('option'); o.value = l; return o; }));
    $('found').hidden = false;
    $('lot').focus();
  }
  function problem(message) {
    $('find-problem').textContent = message;
    $('find-problem').hidden = false;
  }

  $('find-ref-form').addEventListener('submit', e => {
    e.preventDefault();
    const ref = $('find-ref').value.replace(/[\s-]/g, '');
    findBy('referenceHash', 'ref:' + ref, 'notFound');
  });
  $('find-code-form').addEventListener('submit', e => {
    e.preventDefault();
    const code = $('find-code').value.replace(/[\s-]/g, '').toUpperCase().slice(0, 8);
    findBy('codeHash', 'code:' + code + ':' + $('find-security').value.trim(), 'codeNotFound');
  });

  // --- recording: kept first, sent when possible
  $('found').addEventListener('submit', async e => {
    e.preventDefault();
    if (!found) { return; }
    const lot = $('lot').value.trim().toUpperCase();
    if (!lot) { return problem(text('lotRequired')); }
    const session = day.sessions.find(s => s.id === found.sessionId);
    const item = {
      eventId: crypto.randomUUID(), beneficiaryId: found.beneficiaryId, dose: found.dose,
      vaccineCode: session ? session.vaccineCode : '', lotNumber: lot, sessionId: found.sessionId,
      administeredAt: new Date().toISOString(), name: found.name, outcome: null, message: null
    };
    await putItem(item);
    found = null;
    $('found').hidden = true;
    $('find-ref').value = ''; $('find-code').value = ''; $('find-security').value = ''; $('lot').value = '';
    await render();
    sync();
  });

  // --- a walk-in (not on the list): kept like a dose, registered + booked + recorded by the server in one go
  $('walk-in-form').addEventListener('submit', async e => {
    e.preventDefault();
    const value = id => $(id).value.trim();
    const gender = document.querySelector('input[name="wi-gender"]:checked');
    const session = day && day.sessions.find(s => s.id === value('wi-session'));
    const lot = value('wi-lot').toUpperCase();
    if (!value('wi-name') || !/^[0-9]{4}$/.test(value('wi-birth-year')) || !gender || !value('wi-id-type') || !value('wi-id-number') || !session || !lot) {
      $('walk-in-problem').textContent = text('walkInIncomplete');
      $('walk-in-problem').hidden = false;
      return;
    }
    await putItem({
      kind: 'walk-in', eventId: crypto.randomUUID(), name: value('wi-name'), birthYear: Number(value('wi-birth-year')),
      gender: gender.value, mobile: value('wi-mobile'), idType: value('wi-id-type'), idNumber: value('wi-id-number'), dose: 1,
      vaccineCode: session.vaccineCode, lotNumber: lot, sessionId: session.id, administeredAt: new Date().toISOString(),
      outcome: null, message: null
    });
    $('walk-in-problem').hidden = true;
    ['wi-name', 'wi-birth-year', 'wi-id-number', 'wi-mobile', 'wi-lot'].forEach(id => { $(id).value = ''; });
    gender.checked = false;
    $('wi-id-type').value = '';
    await render();
    sync();
  });

  async function render() {
    const items = (await allItems()).sort((a, b) => a.administeredAt.localeCompare(b.administeredAt));
    const rows = items.map(i => {
      const tr = document.createElement('tr');
      tr.dataset.eventId = i.eventId;
      const cells = [i.name, String(i.dose), i.lotNumber, new Date(i.administeredAt).toLocaleTimeString(document.documentElement.lang)];
      cells.forEach(c => { const td = document.createElement('td'); td.textContent = c; tr.appendChild(td); });
      const outcome = document.createElement('td');
      outcome.className = 'outcome';
      outcome.dataset.outcome = i.outcome || 'PENDING';
      outcome.textContent = i.outcome ? text(i.outcome) + (i.message ? ': ' + i.message : '') : text('pending');
      tr.appendChild(outcome);
      return tr;
    });
    document.querySelector('#recorded tbody').replaceChildren(...rows);
    const waiting = items.filter(i => !i.outcome).length;
    $('queue-status').textContent = waiting ? text('queueWaiting', String(waiting)) : text('queueEmpty');
    $('queue-status').dataset.waiting = String(waiting);
  }

  // --- sending: in batches; each answered item is marked, the rest stay for the next try
  async function upload(items) {
    const response = await fetch('/api/staff/center/sync', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', [csrfHeader]: csrfToken },
      body: JSON.stringify({ deviceId, items: items.map(i => ({
        kind: i.kind, eventId: i.eventId, beneficiaryId: i.beneficiaryId, dose: i.dose, vaccineCode: i.vaccineCode,
        lotNumber: i.lotNumber, sessionId: i.sessionId, administeredAt: i.administeredAt, name: i.kind ? i.name : undefined,
        birthYear: i.birthYear, gender: i.gender, mobile: i.mobile, idType: i.idType, idNumber: i.idNumber })) })
    });
    if (!response.ok) {
      const problemDetail = await response.json().catch(() => ({}));
      const error = new Error(response.status === 401 || response.status === 403 ? text('signIn') : (problemDetail.detail || text('syncFailed')));
      error.status = response.status;
      throw error;
    }
    return (await response.json()).results;
  }

  async function sync() {
    if (syncing) { return; }
    syncing = true;
    try {
      const waiting = (await allItems()).filter(i => !i.outcome);
      for (let start = 0; start < waiting.length; start += maxBatch) {
        const batch = waiting.slice(start, start + maxBatch);
        const results = await upload(batch);
        for (const result of results) {
          const item = batch.find(i => i.eventId === result.eventId);
          if (item) { item.outcome = result.outcome; item.message = result.message; await putItem(item); }
        }
        await render();
      }
      $('sync-problem').hidden = true;
      setOnline(true);
    } catch (e) {
      if (e.status) {
        $('sync-problem').textContent = e.message;
        $('sync-problem').hidden = false;
      } else {
        setOnline(false);  // the server could not be reached: keep everything, try again later
      }
    } finally {
      syncing = false;
    }
  }

  function setOnline(online) {
    $('net-status').dataset.online = String(online);
    $('net-status').textContent = text(online ? 'online' : 'offline');
  }

  $('refresh').addEventListener('click', downloadList);
  $('sync-now').addEventListener('click', sync);
  window.addEventListener('online', () => { setOnline(true); sync(); });
  window.addEventListener('offline', () => setOnline(false));
  setInterval(sync, 15000);

  window.teekaOffline = { items: allItems, upload, sync };

  (async function start() {
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register('/offline-sw.js', { scope: '/staff/center/offline' }).catch(() => {});
    }
    deviceId = await deviceIdentity();
    setOnline(navigator.onLine);
    await loadList();
    await render();
    if (navigator.onLine) {
      await downloadList();
      await sync();
    }
    root.dataset.ready = 'true';
  })();
})();
