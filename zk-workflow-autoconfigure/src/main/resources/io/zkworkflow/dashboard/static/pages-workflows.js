// Workflows: listed by state and definition, and one workflow's page with its DAG.
(function (C) {
  'use strict';
  const { el, svg } = C;
  const COLORS = { SUCCEEDED: '#2e7d32', COMPLETED: '#2e7d32', RUNNING: '#9a6700', FAILED: '#c62828', DEAD: '#c62828',
    CANCELLED: '#5d4037', SKIPPED: '#8d6e63', PENDING: '#546e7a', WAITING: '#546e7a', COMPENSATING: '#6a1b9a' };
  const W = 180;
  const H = 46;
  const GAP_X = 60;
  const GAP_Y = 16;

  function depths(steps, edges) {
    const parents = {};
    steps.forEach((s) => { parents[s] = []; });
    edges.forEach(([from, to]) => { (parents[to] = parents[to] || []).push(from); });
    const depth = {};
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

  function short(text, max) {
    return text.length > max ? text.slice(0, max - 1) + '…' : text;
  }

  // layered left-to-right drawing: a column per depth, curved edges, each box names its step, state and attempts
  function dag(wf) {
    const stepStates = wf.steps || {};
    const steps = Object.keys(stepStates);
    const edges = wf.edges || [];
    const depth = depths(steps, edges);
    const columns = {};
    steps.forEach((s) => { (columns[depth[s]] = columns[depth[s]] || []).push(s); });
    const rows = Math.max(1, ...Object.values(columns).map((c) => c.length));
    const width = Math.max(1, Object.keys(columns).length) * (W + GAP_X) - GAP_X + 20;
    const height = rows * (H + GAP_Y) - GAP_Y + 20;
    const pos = {};
    Object.entries(columns).forEach(([d, names]) => names.forEach((n, i) => {
      const offset = (rows - names.length) * (H + GAP_Y) / 2;
      pos[n] = { x: Number(d) * (W + GAP_X) + 10, y: 10 + offset + i * (H + GAP_Y) };
    }));
    const picture = svg('svg', { class: 'dag', viewBox: '0 0 ' + width + ' ' + height, 'data-workflow': wf.id || '',
      role: 'img', 'aria-label': 'Steps of workflow ' + (wf.id || '') + ': '
        + steps.map((s) => s + ' ' + ((stepStates[s] && stepStates[s].state) || 'PENDING')).join(', ') });
    picture.style.maxWidth = width * 1.3 + 'px';
    edges.forEach(([from, to]) => {
      if (!pos[from] || !pos[to]) return;
      const x1 = pos[from].x + W; const y1 = pos[from].y + H / 2; const x2 = pos[to].x; const y2 = pos[to].y + H / 2;
      picture.append(svg('path', { class: 'edge', d: 'M' + x1 + ',' + y1 + ' C' + (x1 + GAP_X / 2) + ',' + y1 + ' '
        + (x2 - GAP_X / 2) + ',' + y2 + ' ' + x2 + ',' + y2 }));
    });
    steps.forEach((name) => {
      const s = stepStates[name] || {};
      const state = s.state || 'PENDING';
      const group = svg('g', { class: 'step', 'data-step': name, 'data-state': state });
      group.append(svg('title', {}, name + ': ' + state + (s.error ? ' — ' + s.error : '')));
      group.append(svg('rect', { x: pos[name].x, y: pos[name].y, width: W, height: H, rx: 6, fill: COLORS[state] || '#607d8b' }));
      group.append(svg('text', { x: pos[name].x + 8, y: pos[name].y + 19 }, short(name, 24)));
      group.append(svg('text', { class: 'sub', x: pos[name].x + 8, y: pos[name].y + 36 },
        state.toLowerCase() + (s.attempts ? ' · ' + s.attempts + ' attempt' + (s.attempts > 1 ? 's' : '') : '')));
      picture.append(group);
    });
    return picture;
  }

  const STATES = ['RUNNING', 'CANCELLING', 'COMPENSATING', 'FAILING', 'COMPLETED', 'FAILED', 'CANCELLED'];

  function rows(items, caption) {
    return C.table(caption, items, [
      ['workflow', (w) => C.link('#/workflow/' + w.id, w.id)], ['definition', (w) => w.name || w.definition],
      ['version', (w) => w.version || ''], ['state', (w) => C.badge(w.state)], ['started', (w) => C.when(w.startedAt)], ['finished', (w) => C.when(w.finishedAt)],
      ['error', (w) => w.error || '']], (w) => w.id);
  }

  // with a definition chosen the list is read through workflows/list with a cursor; without one the page
  // shows the running and recent workflows the section reports, paged here
  C.pages.workflows = {
    title: 'Workflows',
    mount(container, arg, state) {
      const list = state.list = C.lists.create();
      const changed = () => { list.name = definition.value; list.state = stateSelect.value; C.lists.restart(list); C.refresh(); };
      const stateSelect = el('select', { id: 'wf-state', onchange: () => { state.state = stateSelect.value; changed(); } },
        ['', ...STATES].map((s) => el('option', { value: s }, s ? s.toLowerCase() : 'any state')));
      const definition = el('select', { id: 'wf-definition', onchange: () => { state.definition = definition.value; changed(); } },
        el('option', { value: '' }, 'any definition (running and recent)'));
      state.definitionSelect = definition;
      container.append(C.section('Find workflows', true, el('div', { class: 'toolbar' },
        el('label', { for: 'wf-definition' }, 'Definition'), definition, el('label', { for: 'wf-state' }, 'State'), stateSelect,
        C.lists.sizeSelect('wf-size', list)),
        el('p', { class: 'note' }, 'Choose a definition to list all of its workflows, oldest first, page by page from ZooKeeper. '
          + 'Without one the page shows the running workflows (up to 50) and the last finished ones.')));
    },
    load(arg, data, state) {
      return C.lists.load('workflows', state.list);
    },
    render(container, data, extra, arg, state) {
      const wfs = data.workflows || {};
      const select = state.definitionSelect;
      (wfs.definitions || []).forEach((d) => {
        if (![...select.options].some((o) => o.value === d.name)) select.append(el('option', { value: d.name }, d.name));
      });
      const region = C.region(container, 'wf-data');
      let shown = region.querySelector('#workflows');
      if (state.definition) {
        if (!shown || !shown.dataset.listed) {
          shown = el('div', { id: 'workflows', 'data-listed': 'yes' });
          region.replaceChildren(C.section('Workflows', true, shown), definitions(wfs));
        }
        C.lists.draw(shown, 'wf', state.list, extra, (items) => rows(items, 'Workflows of ' + state.definition + ', oldest first'));
        return;
      }
      const list = (wfs.running || []).concat(wfs.recent || []).filter((w) => !state.state || w.state === state.state);
      region.replaceChildren(C.section('Workflows', true, el('div', { id: 'workflows' },
        C.paged(list, state, (items) => rows(items, 'Running and recent workflows')))), definitions(wfs));
    }
  };

  function definitions(wfs) {
    return C.section('Definitions', true, C.table('Workflow definitions', wfs.definitions || [], [
      ['definition', (d) => d.name], ['steps', (d) => (d.steps || []).join(', ')], ['compensation', (d) => C.fmt(d.compensation)]]));
  }

  // the signal form is built once, so what is being typed survives refreshes; it shows while the workflow runs
  function signalForm(id, state) {
    const name = el('input', { id: 'signal-name', type: 'text', required: true, maxlength: 200, autocomplete: 'off',
      placeholder: 'payment-confirmed' });
    const value = el('textarea', { id: 'signal-value', rows: 3, placeholder: '{"card": "visa"}  (empty for null)',
      'aria-describedby': 'signal-help' });
    const result = el('p', { id: 'signal-result', role: 'status' });
    // the answer stays on the page even when the workflow moves on and the form hides
    const show = (text, error) => { result.textContent = text; result.className = error ? 'error-text' : 'note'; state.answered = true; };
    const send = async (event) => {
      event.preventDefault();
      const key = name.value.trim();
      const json = value.value.trim();
      if (!key) { show('Give the signal\'s name, as its waitFor step declares it.', true); name.focus(); return; }
      if (json) {
        try { JSON.parse(json); } catch (error) {
          show('The payload is not JSON (' + error.message + '); a string needs its quotes.', true);
          value.focus();
          return;
        }
      }
      const answer = await C.act('Send signal ' + key + ' to workflow ' + id + '?', 'workflows', 'signal',
        json ? { id, key, value: json } : { id, key }, true);
      if (answer == null) return;
      if (answer.error) show('Refused: ' + answer.error, true);
      else show('Signal ' + answer.signal + ': ' + answer.delivery, false);
    };
    state.form = el('form', { id: 'signal-form', onsubmit: send },
      el('div', { class: 'toolbar' }, el('label', { for: 'signal-name' }, 'Signal name'), name),
      el('div', { class: 'toolbar' }, el('label', { for: 'signal-value' }, 'Payload (JSON)'), value),
      el('p', { id: 'signal-help', class: 'note' }, 'The payload becomes the output of the waiting step. Only the first '
        + 'signal of a name counts: a second one answers DUPLICATE.'),
      el('button', { type: 'submit', 'data-action': 'send signal' }, 'send signal'));
    return C.section('Send a signal', true, state.form, result);
  }

  C.pages.workflow = {
    title: 'Workflow', nav: 'workflows',
    mount(container, id, state) {
      container.append(el('div', { id: 'wf-view', class: 'region' }));
      if (C.settings().canWrite) {
        state.signal = signalForm(id, state);
        state.signal.hidden = true;
        container.append(state.signal);
      }
    },
    async load(id) {
      return C.view('workflows', 'workflow', id).catch((e) => ({ error: e.message }));
    },
    render(container, data, wf, id, state) {
      const view = container.querySelector('#wf-view');
      if (state.signal) {
        state.form.hidden = wf.state !== 'RUNNING';
        state.signal.hidden = state.form.hidden && !state.answered;
      }
      if (wf.error && !wf.state) {
        view.replaceChildren(C.section('Workflow ' + id, true, el('p', { class: 'empty' }, wf.error)));
        return;
      }
      const finished = ['COMPLETED', 'FAILED', 'CANCELLED'].includes(wf.state);
      view.replaceChildren(
        C.section('Workflow ' + id, true, C.facts([['definition', wf.name], ['version', wf.version], ['state', C.badge(wf.state)],
          ['started', C.when(wf.startedAt)], ['finished', C.when(wf.finishedAt)], ['error', wf.error], ['input', wf.input]]),
        el('div', { class: 'toolbar' }, finished ? '' : C.button('cancel workflow', () => C.act('Cancel workflow ' + id
          + '? Running steps finish, nothing new starts.', 'workflows', 'cancel', { id }), true)),
        el('div', { id: 'workflow-dag', class: 'scroll' }, dag(wf))),
        C.section('Steps', true, el('div', { id: 'steps' }, C.table('Steps with their state, output and attempts',
          Object.entries(wf.steps || {}), [['step', ([n]) => n], ['state', ([, s]) => C.badge(s.state)], ['attempts', ([, s]) => s.attempts],
            ['task', ([, s]) => C.taskLink(s.taskId)], ['output', ([, s]) => C.fmt(s.output)], ['error', ([, s]) => s.error || ''],
            ['finished', ([, s]) => C.when(s.finishedAt)]], ([n]) => n))));
    }
  };
}(window.ZkConsole));
