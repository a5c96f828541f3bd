// Overview: throughput per minute, pending per task name, serving instances, the coordinator.
(function (C) {
  'use strict';
  const { el, svg } = C;

  // succeeded (green) and failed (red) attempts per minute as stacked SVG bars, last hour
  function chart(minutes) {
    const width = 600;
    const height = 140;
    const bottom = height - 16;
    const max = Math.max(1, ...minutes.map((m) => m.succeeded + m.failed));
    const bar = width / minutes.length;
    const picture = svg('svg', { class: 'chart', viewBox: '0 0 ' + width + ' ' + height, preserveAspectRatio: 'none',
      role: 'img', 'aria-label': 'Attempts per minute over the last hour: ' + minutes.reduce((s, m) => s + m.succeeded, 0)
        + ' succeeded, ' + minutes.reduce((s, m) => s + m.failed, 0) + ' failed' });
    minutes.forEach((m, i) => {
      const ok = (m.succeeded / max) * (bottom - 10);
      const bad = (m.failed / max) * (bottom - 10);
      const x = i * bar + 1;
      const title = new Date(m.minute).toLocaleTimeString() + ': ' + m.succeeded + ' succeeded, ' + m.failed + ' failed';
      const group = svg('g', { 'data-minute': m.minute });
      group.append(svg('title', {}, title));
      group.append(svg('rect', { class: 'ok', x, y: bottom - ok, width: Math.max(1, bar - 2), height: ok }));
      group.append(svg('rect', { class: 'bad', x, y: bottom - ok - bad, width: Math.max(1, bar - 2), height: bad }));
      picture.append(group);
    });
    picture.append(svg('text', { x: 2, y: 9 }, 'max ' + max + '/min'));
    picture.append(svg('text', { x: 2, y: height - 3 }, '60 min ago'));
    picture.append(svg('text', { x: width - 28, y: height - 3 }, 'now'));
    return picture;
  }

  function capacity(tasks) {
    return Object.entries(tasks || {}).map(([name, c]) => name + ': ' + c.free + '/' + c.concurrency + ' free').join(', ');
  }

  C.pages.overview = {
    title: 'Overview',
    async load() {
      try { return await C.view('tasks', 'throughput'); } catch (error) { return null; }
    },
    render(container, data, throughput) {
      const tasks = data.tasks || {};
      const names = Object.entries(tasks.names || {});
      const instances = Array.isArray(data.instances) ? data.instances : [];
      const minutes = (throughput && throughput.minutes) || [];
      container.replaceChildren(
        C.section('Throughput', true,
          el('p', { class: 'legend' }, 'Attempts per minute that ', el('span', { class: 'ok' }, 'succeeded'), ' and ',
            el('span', { class: 'bad' }, 'failed'), ' on this instance (' + ((throughput && throughput.instance) || 'unknown')
            + '); each instance counts its own work.'),
          minutes.length ? chart(minutes) : el('p', { class: 'empty' }, 'no attempt journal (needs an ObservationRegistry)')),
        C.section('Pending per task name', false, C.table('Ready and delayed tasks per name', names, [
          ['task name', ([name]) => C.link('#/tasks/' + encodeURIComponent(name), name)],
          ['pending', ([, q]) => q.pending], ['running', ([, q]) => q.running], ['dead', ([, q]) => q.dead],
          ['serving instances', ([, q]) => Object.keys(q.servingInstances || {}).length]], ([name]) => name)),
        C.section('Instances', false, C.table('Instances registered in discovery', instances, [
          ['instance', (r) => r.instanceId + (r.self ? ' (this one)' : '')], ['address', (r) => r.address],
          ['free capacity', (r) => capacity(r.tasks)]], (r) => r.member || r.instanceId)),
        C.section('Coordinator', false, C.facts([
          ['this instance', tasks.instance],
          ['coordinator', tasks.coordinator ? 'this instance is the coordinator' : 'another instance is the coordinator'],
          ['unserved submissions', C.fmt(tasks.unservedSubmissions)],
          ['session', data.session ? (data.session.connected ? 'connected' : 'disconnected') : '']])));
    }
  };
}(window.ZkConsole));
