// The zk-workflow dashboard: polls the zkworkflow actuator endpoint and renders each section.
// No build step and no framework: plain DOM and SVG.
(function () {
  'use strict';
  const KNOWN = ['session', 'instances', 'locks', 'config', 'tasks', 'workflows', 'schedules'];
  const STATE_COLORS = { HELD: '#2e7d32', SUCCEEDED: '#2e7d32', COMPLETED: '#2e7d32', RUNNING: '#f9a825',
    SUSPECT: '#f9a825', FAILED: '#c62828', DEAD: '#c62828', LOST: '#c62828', CANCELLED: '#5d4037',
    SKIPPED: '#8d6e63', PENDING: '#90a4ae', WAITING: '#90a4ae', COMPENSATING: '#6a1b9a' };
  let settings = { endpoint: '../actuator/zkworkflow', refreshMillis: 2000, canWrite: false };
  const throughput = [];
  let lastCompleted = null;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'class') node.className = v; else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    });
    children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text != null) node.textContent = text;
    return node;
  }

  function fmt(value) {
    if (value == null) return '';
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  }

  function stateBadge(state) {
    return el('span', { class: 'state ' + state }, state);
  }

  function table(rows, columns, extra) {
    if (!rows || rows.length === 0) return el('div', { class: 'empty' }, 'none');
    const cols = columns || Object.keys(rows[0]);
    const head = el('tr', {}, cols.map((c) => el('th', {}, c)), extra ? el('th', {}, '') : []);
    const body = rows.map((row) => el('tr', { 'data-row': fmt(row.id || row.name || row.key || '') },
      cols.map((c) => el('td', {}, /state|status|outcome/i.test(c) && row[c] ? stateBadge(row[c]) : fmt(row[c]))),
      extra ? el('td', {}, extra(row)) : []));
    return el('table', {}, el('thead', {}, head), el('tbody', {}, body));
  }

  function asList(value, keyName) {
    if (Array.isArray(value)) return value;
    if (value && typeof value === 'object') {
      return Object.entries(value).map(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v))
        ? Object.assign({ [keyName]: k }, v) : { [keyName]: k, value: v });
    }
    return [];
  }

  function replace(id, content) {
    const target = document.getElementById(id);
    target.replaceChildren(content);
  }

  // Spring Security's cookie-based CSRF token (CookieCsrfTokenRepository): sent back as a header
  // with every write. Without the cookie (CSRF off, or the token kept in the session) nothing is added.
  function csrfHeaders() {
    const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
    return match ? { 'X-XSRF-TOKEN': decodeURIComponent(match[1]) } : {};
  }

  async function post(section, operation, body) {
    const response = await fetch(settings.endpoint + '/' + section + '/' + operation, {
      method: 'POST', headers: Object.assign({ 'Content-Type': 'application/json' }, csrfHeaders()),
      body: JSON.stringify(body || {}), credentials: 'same-origin'
    });
    if (!response.ok) alert('Refused: ' + (await response.text()));
    refresh();
  }

  function renderInstances(section) {
    const rows = asList(section, 'instanceId').map((row) => ({
      service: row.service,
      instance: row.instanceId + (row.self ? ' (this one)' : ''),
      address: row.address,
      tasks: Object.entries(row.tasks || {}).map(([name, c]) => name + ' ' + c.free + '/' + c.concurrency + ' free').join(', ')
    }));
    replace('instances', table(rows));
  }

  function renderLocks(section) {
    const list = asList(section && (section.held || section.locks || section), 'name');
    replace('locks', table(list));
  }

  function renderConfig(section) {
    const list = asList(section && (section.keys || section), 'key').map((row) => {
      const out = {};
      Object.entries(row).forEach(([k, v]) => { out[k] = (v != null && typeof v === 'object') ? JSON.stringify(v) : v; });
      return out;
    });
    const header = section && section.source ? el('div', { class: 'muted-dark' }, 'source: ' + section.source
      + (section.degraded ? ' (degraded)' : '')) : '';
    replace('config', el('div', {}, header, table(list)));
  }

  function renderTasks(section) {
    const names = asList(section && section.names, 'name');
    const rows = names.map((q) => ({
      name: q.name, pending: q.pending, running: q.running, dead: q.dead,
      'done here': q.completedHere ? q.completedHere.succeeded : '',
      instances: Object.keys(q.servingInstances || {}).length
    }));
    replace('tasks', table(rows));
    const completed = names.reduce((sum, q) => sum + ((q.completedHere && q.completedHere.succeeded) || 0), 0);
    if (lastCompleted != null) throughput.push(Math.max(0, completed - lastCompleted));
    lastCompleted = completed;
    while (throughput.length > 60) throughput.shift();
    const chart = document.getElementById('throughput');
    const max = Math.max(1, ...throughput);
    const points = throughput.map((v, i) => (i * 300 / 59).toFixed(1) + ',' + (58 - v * 56 / max).toFixed(1)).join(' ');
    chart.replaceChildren(svg('polyline', { points }));
    const dead = (section && (section.deadLetters || section.dead)) || [];
    replace('dead-letters', table(Array.isArray(dead) ? dead : asList(dead, 'id'), null,
      settings.canWrite ? (row) => el('button', { class: 'retry', onclick: () => post('tasks', 'retry', { id: row.id }) }, 'retry') : null));
  }

  function layers(steps, edges) {
    const depth = {};
    const parents = {};
    steps.forEach((s) => { parents[s] = []; });
    edges.forEach(([from, to]) => { (parents[to] = parents[to] || []).push(from); });
    const visit = (s, seen) => {
      if (depth[s] != null) return depth[s];
      if (seen.has(s)) return 0;
      seen.add(s);
      depth[s] = (parents[s] || []).reduce((d, p) => Math.max(d, visit(p, seen) + 1), 0);
      return depth[s];
    };
    steps.forEach((s) => visit(s, new Set()));
    return depth;
  }

  function dag(workflow) {
    const stepStates = workflow.steps || {};
    const steps = Array.isArray(stepStates) ? stepStates.map((s) => s.name) : Object.keys(stepStates);
    const stateOf = (name) => {
      const s = Array.isArray(stepStates) ? stepStates.find((x) => x.name === name) : stepStates[name];
      return (s && (s.state || s.status)) || (typeof s === 'string' ? s : 'PENDING');
    };
    const edges = workflow.edges || [];
    const depth = layers(steps, edges);
    const columns = {};
    steps.forEach((s) => { (columns[depth[s]] = columns[depth[s]] || []).push(s); });
    const maxRows = Math.max(1, ...Object.values(columns).map((c) => c.length));
    const width = Math.max(1, Object.keys(columns).length) * 185;
    const height = maxRows * 44 + 10;
    const pos = {};
    Object.entries(columns).forEach(([d, names]) => names.forEach((n, i) => { pos[n] = { x: Number(d) * 185 + 10, y: i * 44 + 10 }; }));
    const picture = svg('svg', { class: 'dag', viewBox: '0 0 ' + width + ' ' + height, 'data-workflow': workflow.id || '' });
    const defs = svg('defs');
    const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto' });
    marker.append(svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#90a4ae' }));
    defs.append(marker);
    picture.append(defs);
    edges.forEach(([from, to]) => {
      if (pos[from] && pos[to]) picture.append(svg('line', { x1: pos[from].x + 160, y1: pos[from].y + 15, x2: pos[to].x, y2: pos[to].y + 15 }));
    });
    steps.forEach((name) => {
      const state = stateOf(name);
      const group = svg('g', { class: 'step', 'data-step': name, 'data-state': state });
      group.append(svg('rect', { x: pos[name].x, y: pos[name].y, width: 160, height: 30, fill: STATE_COLORS[state] || '#78909c' }));
      group.append(svg('text', { x: pos[name].x + 6, y: pos[name].y + 19 }, name + ' · ' + state.toLowerCase()));
      picture.append(group);
    });
    return picture;
  }

  function renderWorkflows(section) {
    const running = (section && section.running) || [];
    const recent = (section && section.recent) || [];
    const container = el('div', {});
    if (running.length === 0) container.append(el('div', { class: 'empty' }, 'none running'));
    const list = running.concat(recent);
    if (recent.length > 0 && running.length > 0) container.append(el('div', { class: 'muted-dark' }, 'running, then recently finished'));
    list.forEach((wf) => {
      container.append(el('div', { class: 'wf-title' }, (wf.name || wf.definition || '') + ' ', el('code', {}, wf.id || ''), ' ',
        stateBadge(wf.state || wf.status || 'RUNNING')));
      container.append(dag(wf));
    });
    replace('workflows', container);
  }

  function renderOther(data) {
    const container = el('div', {});
    Object.entries(data).filter(([k]) => !KNOWN.includes(k) || k === 'session' || k === 'schedules')
      .forEach(([k, v]) => container.append(el('h3', {}, k), el('pre', {}, JSON.stringify(v, null, 2))));
    replace('other', container);
  }

  async function refresh() {
    try {
      const response = await fetch(settings.endpoint, { credentials: 'same-origin' });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      const data = await response.json();
      const connected = data.session && data.session.connected;
      const status = document.getElementById('status');
      status.textContent = connected ? 'connected' : 'disconnected';
      status.className = 'status ' + (connected ? 'up' : 'down');
      renderInstances(data.instances);
      renderLocks(data.locks);
      renderConfig(data.config);
      renderTasks(data.tasks);
      renderWorkflows(data.workflows);
      renderOther(data);
      document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
    } catch (error) {
      const status = document.getElementById('status');
      status.textContent = 'unreachable: ' + error.message;
      status.className = 'status down';
    }
  }

  async function start() {
    try {
      const response = await fetch('settings.json', { credentials: 'same-origin' });
      if (response.ok) settings = await response.json();
    } catch (error) { /* keep defaults */ }
    await refresh();
    setInterval(refresh, settings.refreshMillis);
  }

  start();
}());
