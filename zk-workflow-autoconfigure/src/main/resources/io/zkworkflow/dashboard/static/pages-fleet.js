// Schedules, locks and configuration.
(function (C) {
  'use strict';
  const { el } = C;

  C.pages.schedules = {
    title: 'Schedules',
    render(container, data) {
      const schedules = Array.isArray(data.schedules) ? data.schedules : [];
      container.replaceChildren(C.section('Schedules', true, el('div', { id: 'schedules' }, C.table('Cron schedules', schedules, [
        ['schedule', (s) => s.name], ['kind', (s) => s.kind], ['cron', (s) => s.cron + ' (' + s.zone + ')'],
        ['next fire', (s) => (s.paused ? 'paused' : C.when(s.nextFireTime))], ['last fired', (s) => C.when(s.lastFired)],
        ['misfire', (s) => s.misfire],
        ['', (s) => el('div', { class: 'toolbar' },
          s.paused ? C.button('resume', () => C.act('Resume schedule ' + s.name + '?', 'schedules', 'resume', { id: s.name }))
            : C.button('pause', () => C.act('Pause schedule ' + s.name + '?', 'schedules', 'pause', { id: s.name })),
          C.button('trigger now', () => C.act('Fire schedule ' + s.name + ' once now?', 'schedules', 'trigger', { id: s.name })))]],
      (s) => s.name))));
    }
  };

  function requests(list) {
    return (list || []).map((r) => r.holder + ' (token ' + r.token + ', since ' + C.when(r.since) + ')').join('; ');
  }

  C.pages.locks = {
    title: 'Locks',
    async load() {
      return C.view('locks', 'fleet').catch((e) => ({ error: e.message, locks: [] }));
    },
    render(container, data, fleet) {
      const here = Array.isArray(data.locks) ? data.locks : [];
      container.replaceChildren(
        C.section('Locks of the fleet', true, el('div', { id: 'fleet-locks' },
          fleet.error ? el('p', { class: 'empty' }, fleet.error) : '',
          fleet.truncated ? el('p', { class: 'note' }, 'More locks exist than one read shows.') : '',
          C.table('Held locks, holders, fencing tokens and waiters', fleet.locks, [
            ['lock', (l) => l.name], ['key', (l) => l.key || ''], ['mode', (l) => l.mode],
            ['holders', (l) => requests(l.holders)], ['waiters', (l) => (l.waiters.length ? l.waiters.length + ': ' + requests(l.waiters) : 'none')]],
          (l) => l.name + '/' + (l.key || '')))),
        C.section('Held by this instance', true, el('div', { id: 'locks' }, C.table('Locks this instance holds', here, [
          ['lock', (l) => l.name], ['key', (l) => l.key || ''], ['mode', (l) => l.mode], ['fencing token', (l) => l.token],
          ['state', (l) => C.badge(l.state)], ['since', (l) => C.when(l.since)]], (l) => l.name))));
    }
  };

  C.pages.config = {
    title: 'Configuration',
    render(container, data) {
      const config = data.config || {};
      const keys = Object.entries(config.keys || {});
      container.replaceChildren(C.section('Configuration', true, el('div', { id: 'config' },
        el('p', { class: 'note' }, 'Source: ' + (config.source || '') + (config.degraded ? ' (degraded: snapshot file)' : '')
          + '. Values are shown as management.endpoint.zkworkflow.show-values allows; masked otherwise.'),
        C.table('Configuration keys', keys, [['key', ([k]) => k], ['value', ([, e]) => C.fmt(e.value)],
          ['source', ([, e]) => e.source], ['version', ([, e]) => C.fmt(e.version)], ['last change', ([, e]) => C.when(e.lastApplied)],
          ['last rejection', ([, e]) => (e.lastRejection ? e.lastRejection.reason + ' (' + C.when(e.lastRejection.at) + ')' : '')],
          ['bound to', ([, e]) => (e.bindings || []).join(', ')]], ([k]) => k))));
    }
  };
}(window.ZkConsole));
