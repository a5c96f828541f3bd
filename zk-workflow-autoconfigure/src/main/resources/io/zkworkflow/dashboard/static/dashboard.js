// The zk-workflow console: hash-routed pages over the zkworkflow actuator endpoint.
// No build step and no framework: plain DOM and SVG; data is only ever written as text.
window.ZkConsole = (function () {
  'use strict';
  const pages = {};
  let settings = { endpoint: '../actuator/zkworkflow', refreshMillis: 2000, canWrite: false };
  let current = null; // { name, arg, page, container }
  let timer = null;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v == null || v === false) return;
      if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : v);
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

  function when(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return isNaN(d) ? String(iso) : d.toLocaleString();
  }

  function badge(state) {
    return state ? el('span', { class: 'state ' + state }, state) : '';
  }

  // columns: [label, (row) => text or node]; rows get data-row from key(row)
  function table(caption, rows, columns, key) {
    if (!rows || rows.length === 0) return el('p', { class: 'empty' }, 'none');
    return el('div', { class: 'scroll' }, el('table', {},
      el('caption', { class: 'note' }, caption),
      el('thead', {}, el('tr', {}, columns.map(([label]) => el('th', { scope: 'col' }, label)))),
      el('tbody', {}, rows.map((row) => el('tr', { 'data-row': key ? key(row) : null },
        columns.map(([, value]) => el('td', {}, value(row))))))));
  }

  function section(title, wide, ...children) {
    const id = 'panel-' + title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    return el('section', { class: wide ? 'wide' : null, 'aria-labelledby': id }, el('h2', { id }, title), children);
  }

  function facts(pairs) {
    return el('dl', { class: 'facts' }, pairs.filter(([, v]) => v != null && v !== '')
      .flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  }

  function link(href, text) {
    return el('a', { href }, text);
  }

  function taskLink(id) {
    return id ? link('#/task/' + id, id) : '';
  }

  // client-side paging of what the endpoint returned; state lives in the page so it survives refreshes
  function paged(rows, state, render) {
    const size = 25;
    const pagesTotal = Math.max(1, Math.ceil(rows.length / size));
    state.page = Math.min(state.page || 0, pagesTotal - 1);
    const shown = rows.slice(state.page * size, (state.page + 1) * size);
    const pager = el('div', { class: 'pager' },
      el('button', { type: 'button', disabled: state.page === 0, onclick: () => { state.page--; ZkConsole.refresh(); } }, 'previous'),
      el('span', {}, 'page ' + (state.page + 1) + ' of ' + pagesTotal + ' (' + rows.length + ' rows)'),
      el('button', { type: 'button', disabled: state.page >= pagesTotal - 1, onclick: () => { state.page++; ZkConsole.refresh(); } }, 'next'));
    return el('div', {}, render(shown), rows.length > size ? pager : '');
  }

  function notice(text, error) {
    const box = document.getElementById('notice');
    box.textContent = text;
    box.className = 'notice' + (error ? ' error' : '');
    box.hidden = false;
    clearTimeout(notice.timer);
    notice.timer = setTimeout(() => { box.hidden = true; }, 6000);
  }

  async function read(path) {
    const response = await fetch(settings.endpoint + path, { credentials: 'same-origin' });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.error || ('HTTP ' + response.status));
    return body;
  }

  function view(section, name, id) {
    return read('/' + section + '/' + name + (id != null ? '?id=' + encodeURIComponent(id) : ''));
  }

  // Spring Security's cookie-based CSRF token (CookieCsrfTokenRepository), sent back as a header.
  function csrfHeaders() {
    const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
    return match ? { 'X-XSRF-TOKEN': decodeURIComponent(match[1]) } : {};
  }

  // every write is confirmed first; the answer (or the refusal) is shown in the notice
  // withRefusal: a refusal is returned as { error } instead of null, for a page that shows it itself
  async function act(question, section, operation, body, withRefusal) {
    if (!window.confirm(question)) return null;
    const response = await fetch(settings.endpoint + '/' + section + '/' + operation, {
      method: 'POST', headers: Object.assign({ 'Content-Type': 'application/json' }, csrfHeaders()),
      body: JSON.stringify(body || {}), credentials: 'same-origin'
    });
    const result = await response.json().catch(() => ({}));
    if (!response.ok) notice('Refused: ' + (result.error || response.status), true);
    else notice(section + '/' + operation + ': ' + JSON.stringify(result));
    refresh();
    if (response.ok) return result;
    return withRefusal ? { error: String(result.error || ('HTTP ' + response.status)) } : null;
  }

  function button(label, handler, danger) {
    return settings.canWrite ? el('button', { type: 'button', class: danger ? 'danger' : null, 'data-action': label, onclick: handler }, label) : '';
  }

  function route() {
    const hash = location.hash.replace(/^#\/?/, '');
    const slash = hash.indexOf('/');
    const name = (slash < 0 ? hash : hash.slice(0, slash)) || 'overview';
    const arg = slash < 0 ? null : decodeURIComponent(hash.slice(slash + 1));
    const page = pages[name] || pages.overview;
    const container = document.getElementById('page');
    current = { name, arg, page, container, state: {} };
    document.querySelectorAll('nav a').forEach((a) => {
      const active = a.dataset.page === (page.nav || name);
      if (active) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    });
    container.replaceChildren();
    document.title = 'zk-workflow · ' + (page.title || name);
    if (page.mount) page.mount(container, arg, current.state);
    refresh();
  }

  async function refresh() {
    const at = current;
    if (!at) return;
    const status = document.getElementById('status');
    try {
      const data = await read('');
      const connected = data.session && data.session.connected;
      status.textContent = connected ? 'connected' : 'disconnected';
      status.className = 'status ' + (connected ? 'up' : 'down');
      const extra = at.page.load ? await at.page.load(at.arg, data, at.state) : null;
      if (current !== at) return;
      // unchanged data is not drawn again, so an opened stack trace or a focused control stays as it is
      const key = JSON.stringify([data, extra]);
      if (key === at.lastKey) return;
      at.lastKey = key;
      at.page.render(at.container, data, extra, at.arg, at.state);
      document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
    } catch (error) {
      status.textContent = 'unreachable: ' + error.message;
      status.className = 'status down';
    }
  }

  async function start() {
    try {
      const response = await fetch('settings.json', { credentials: 'same-origin' });
      if (response.ok) settings = await response.json();
    } catch (error) { /* keep defaults */ }
    window.addEventListener('hashchange', route);
    route();
    timer = setInterval(refresh, settings.refreshMillis);
  }

  // a page keeps its controls (filters, selection) and replaces only its data region on refresh
  function region(container, id) {
    let node = container.querySelector('#' + id);
    if (!node) { node = el('div', { id }); container.append(node); }
    return node;
  }

  return { pages, el, svg, fmt, when, badge, table, section, facts, link, taskLink, paged, notice, read, view, act, button,
    region, refresh: () => { if (current) current.lastKey = null; return refresh(); }, start, settings: () => settings, stop: () => clearInterval(timer) };
}());
