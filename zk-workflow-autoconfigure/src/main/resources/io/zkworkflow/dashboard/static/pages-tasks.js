// Tasks: counts per name, the tasks of a name listed by state with a cursor, dead letters with bulk actions,
// and one task's page.
(function (C) {
  'use strict';
  const { el } = C;

  function pretty(json) {
    if (json == null) return '';
    try { return JSON.stringify(JSON.parse(json), null, 2); } catch (error) { return String(json); }
  }

  const STATES = ['PENDING', 'SCHEDULED', 'RUNNING', 'FAILED', 'DEAD', 'SUCCEEDED', 'CANCELLED'];
  const WAITING = ['PENDING', 'SCHEDULED', 'FAILED'];

  function mount(container, name, state) {
    state.selected = new Set();
    const filter = el('input', { id: 'task-filter', type: 'search', value: name || '', placeholder: 'task name',
      oninput: () => { state.filter = filter.value.trim(); state.page = 0; C.refresh(); } });
    const search = el('input', { id: 'task-search', type: 'search', placeholder: 'name/uid' });
    const go = (event) => { event.preventDefault(); if (search.value.trim()) location.hash = '#/task/' + search.value.trim(); };
    state.filter = name || '';
    const list = state.list = C.lists.create();
    const restart = () => { C.lists.restart(list); C.refresh(); };
    const names = el('select', { id: 'task-name', onchange: () => { list.name = names.value; restart(); } },
      el('option', { value: '' }, 'choose a task name'));
    const states = el('select', { id: 'task-state', onchange: () => { list.state = states.value; restart(); } },
      el('option', { value: '' }, 'any state'), STATES.map((s) => el('option', { value: s }, s.toLowerCase())));
    state.nameSelect = names;
    container.append(C.section('Find tasks', true,
      el('form', { class: 'toolbar', role: 'search', onsubmit: go },
        el('label', { for: 'task-filter' }, 'Filter by name'), filter,
        el('label', { for: 'task-search' }, 'Task id'), search, el('button', { type: 'submit' }, 'open'))),
    C.section('List tasks', true,
      el('div', { class: 'toolbar' }, el('label', { for: 'task-name' }, 'Task name'), names,
        el('label', { for: 'task-state' }, 'State'), states, C.lists.sizeSelect('task-size', list)),
      el('p', { class: 'note' }, 'Oldest first (by the second of submit), read from ZooKeeper page by page, however many there are. Scheduled '
        + 'tasks wait for their start time; failed ones wait for their retry.'),
      el('div', { id: 'task-list' }, el('p', { class: 'empty' }, 'Choose a task name to list its tasks.'))));
  }

  function selection(state, ids) {
    return ids.filter((id) => state.selected.has(id));
  }

  // retry and delete of the selected dead letters among ids; prefix keeps the controls' ids apart
  function bulk(prefix, ids, state, extra) {
    const selected = selection(state, ids);
    const all = el('input', { type: 'checkbox', id: prefix + 'select-all', 'aria-label': 'select every dead letter shown',
      checked: selected.length > 0 && selected.length === ids.length,
      onchange: (e) => { ids.forEach((id) => (e.target.checked ? state.selected.add(id) : state.selected.delete(id))); C.refresh(); } });
    // the selection is read when the button is pressed, not when it was drawn
    const withSelection = (verb, operation) => () => {
      const now = selection(state, ids);
      if (now.length === 0) { C.notice('Select dead letters first', true); return; }
      C.act(verb + ' ' + now.length + ' dead letters?', 'tasks', operation, { ids: now.join('\n') })
        .then((done) => { if (done) state.selected.clear(); });
    };
    return C.settings().canWrite && ids.length ? el('div', { class: 'toolbar' },
      el('label', { for: prefix + 'select-all' }, all, ' select all dead letters shown'),
      el('span', { id: prefix + 'selected-count' }, selected.length + ' selected'),
      C.button('retry selected', withSelection('Retry', 'retry-dead-letters')),
      C.button('delete selected', withSelection('Delete for good', 'delete-dead-letters'), true), extra || '') : '';
  }

  function pick(state, id) {
    return el('input', { type: 'checkbox', class: 'pick', 'aria-label': 'select ' + id, checked: state.selected.has(id),
      onchange: (e) => { if (e.target.checked) state.selected.add(id); else state.selected.delete(id); C.refresh(); } });
  }

  function deadLetters(letters, state) {
    const purge = state.filter ? C.button('purge all of ' + state.filter, () => C.act('Delete every dead letter of '
      + state.filter + '?', 'tasks', 'purge-dead-letters', { id: state.filter }), true) : '';
    return el('div', {}, bulk('', letters.map((d) => d.id), state, purge), C.paged(letters, state, (rows) => C.table('Dead letters', rows, [
      ['', (d) => (C.settings().canWrite ? pick(state, d.id) : '')],
      ['task', (d) => C.taskLink(d.id)], ['attempts', (d) => d.attempts], ['error', (d) => d.error],
      ['dead since', (d) => C.when(d.deadAt)]], (d) => d.id)));
  }

  function listed(items, state) {
    const dead = items.filter((t) => t.state === 'DEAD').map((t) => t.id);
    return el('div', {}, bulk('list-', dead, state), C.table('Tasks of ' + state.list.name + ', oldest first', items, [
      ['', (t) => (C.settings().canWrite && t.state === 'DEAD' ? pick(state, t.id) : '')],
      ['task', (t) => C.taskLink(t.id)], ['state', (t) => C.badge(t.state)], ['attempts', (t) => t.attempts],
      ['submitted', (t) => C.when(t.submittedAt)], ['due', (t) => (t.notBefore ? C.when(t.notBefore) : '')]], (t) => t.id));
  }

  C.pages.tasks = {
    title: 'Tasks',
    mount,
    load(arg, data, state) {
      return C.lists.load('tasks', state.list);
    },
    render(container, data, extra, arg, state) {
      const tasks = data.tasks || {};
      const match = (name) => !state.filter || name.includes(state.filter);
      const names = Object.entries(tasks.names || {}).filter(([name]) => match(name));
      const letters = (tasks.deadLetters || []).filter((d) => match(d.name));
      Object.keys(tasks.names || {}).forEach((n) => {
        if (![...state.nameSelect.options].some((o) => o.value === n)) state.nameSelect.append(el('option', { value: n }, n));
      });
      C.lists.draw(document.getElementById('task-list'), 'task', state.list, extra, (items) => listed(items, state));
      C.region(container, 'task-data').replaceChildren(
        C.section('Tasks by state', true, C.table('Tasks per name and state', names, [
          ['task name', ([name]) => name], ['pending (ready and scheduled)', ([, q]) => q.pending],
          ['of which scheduled or awaiting a retry', ([, q]) => (q.delayed == null ? '' : q.delayed)],
          ['running', ([, q]) => q.running], ['dead', ([, q]) => q.dead],
          ['done here', ([, q]) => (q.completedHere ? q.completedHere.succeeded : '')]], ([name]) => name)),
        C.section('Dead letters', true, el('div', { id: 'dead-letters' }, deadLetters(letters, state))));
    }
  };

  // the error of an attempt as text, its stack trace folded in a <details> element
  function attemptError(a) {
    const error = [a.errorClass, a.error].filter((part) => part).join(': ');
    return a.stackTrace ? el('details', {}, el('summary', {}, error || 'stack trace'), el('pre', { class: 'stack' }, a.stackTrace))
      : error;
  }

  C.pages.task = {
    title: 'Task', nav: 'tasks',
    async load(id) {
      return { detail: await C.view('tasks', 'task', id).catch((e) => ({ error: e.message })) };
    },
    render(container, data, extra, id) {
      const t = extra.detail;
      if (t.error) {
        container.replaceChildren(C.section('Task ' + id, true, el('p', { class: 'empty' }, t.error)));
        return;
      }
      const actions = el('div', { class: 'toolbar' },
        WAITING.includes(t.state) ? C.button('cancel', () => C.act('Cancel task ' + id + '?', 'tasks', 'cancel', { id })) : '',
        t.state === 'DEAD' ? C.button('retry', () => C.act('Retry ' + id + '?', 'tasks', 'retry', { id })) : '',
        t.state === 'DEAD' ? C.button('delete', () => C.act('Delete dead letter ' + id + '?', 'tasks', 'purge', { id }), true) : '');
      container.replaceChildren(
        C.section('Task ' + id, true, el('div', { id: 'task-detail' }, C.facts([
          ['state', C.badge(t.state)], ['attempts', t.attempts], ['running on', t.owner],
          ['fencing token', t.fencingToken], ['lease held', t.leaseHeld == null ? '' : String(t.leaseHeld)],
          ['where', t.where], ['idempotency key', t.idempotencyKey],
          ['attributes', t.attributes && Object.keys(t.attributes).length ? JSON.stringify(t.attributes) : ''],
          ['last error', t.lastError]]), actions)),
        C.section('Timeline', false, C.table('Times of this task', Object.entries(t.timeline || {}), [
          ['event', ([k]) => k], ['at', ([, v]) => C.when(v)]])),
        C.section('Payload', false, el('pre', { id: 'payload', tabindex: 0, 'aria-label': 'payload as JSON' }, pretty(t.payload)),
          t.output != null ? el('h3', {}, 'Output') : '', t.output != null ? el('pre', { tabindex: 0 }, pretty(t.output)) : ''),
        C.section('Attempts', true, el('div', { id: 'attempts' },
          el('p', { class: 'note' }, 'The task\'s record in ZooKeeper keeps its last 10 attempts, from whichever instance ran them, '
            + 'oldest first; a running attempt appears once it ends.'),
          C.table('Attempts', t.history || [], [['#', (a) => a.attempt], ['outcome', (a) => C.badge(a.outcome)],
            ['instance', (a) => a.instance], ['started', (a) => C.when(a.startedAt)],
            ['duration', (a) => (a.durationMillis == null ? '' : a.durationMillis + ' ms')],
            ['fencing token', (a) => (a.fencingToken == null ? '' : a.fencingToken)],
            ['error', (a) => attemptError(a)]]))));
    }
  };
}(window.ZkConsole));
