// Lists read page by page through the endpoint's {section}/list with a cursor. The server's
// cursor only goes forward, so Previous goes back through a stack of the cursors already used.
(function (C) {
  'use strict';
  const { el } = C;
  const SIZES = [10, 25, 50, 100];

  // list: { name, state, size, cursor, back: [cursors of the pages before], next }
  function create() {
    return { name: '', state: '', size: 25, cursor: null, back: [], next: null };
  }

  function restart(list) {
    list.cursor = null;
    list.back = [];
    list.next = null;
  }

  function query(list) {
    return [list.name, list.state, list.size, list.cursor].join('\n');
  }

  function sizeSelect(id, list) {
    const select = el('select', { id, onchange: () => { list.size = Number(select.value); restart(list); C.refresh(); } },
      SIZES.map((n) => el('option', { value: n, selected: n === list.size }, String(n))));
    return [el('label', { for: id }, 'Rows per page'), select];
  }

  // the page as the endpoint returns it, tagged with the query it answers
  async function load(section, list) {
    if (!list || !list.name) return null;
    const params = new URLSearchParams({ name: list.name, size: String(list.size) });
    if (list.state) params.set('state', list.state);
    if (list.cursor) params.set('cursor', list.cursor);
    try {
      return { query: query(list), page: await C.read('/' + section + '/list?' + params) };
    } catch (error) {
      return { query: query(list), error: error.message };
    }
  }

  // draws one page with its pager into region; a page read for an earlier query is not drawn
  function draw(region, prefix, list, result, render) {
    if (!result || result.query !== query(list)) return;
    const focused = document.activeElement && region.contains(document.activeElement) ? document.activeElement.id : null;
    if (result.error) {
      region.replaceChildren(el('p', { class: 'empty', role: 'alert' }, result.error));
      return;
    }
    const items = result.page.items || [];
    list.next = result.page.nextCursor || null;
    const previous = el('button', { type: 'button', id: prefix + '-previous', disabled: list.back.length === 0,
      onclick: () => { list.cursor = list.back.pop() || null; C.refresh(); } }, 'previous');
    const next = el('button', { type: 'button', id: prefix + '-next', disabled: !list.next,
      onclick: () => { list.back.push(list.cursor); list.cursor = list.next; C.refresh(); } }, 'next');
    const where = 'page ' + (list.back.length + 1) + ' · ' + items.length + ' row' + (items.length === 1 ? '' : 's');
    region.replaceChildren(render(items), el('div', { class: 'pager', role: 'navigation', 'aria-label': 'pages of the list' },
      previous, el('span', { id: prefix + '-page' }, where), next));
    // keyboard users stay on the control they pressed, or the one beside it when it became disabled
    const again = focused && document.getElementById(focused);
    if (again && !again.disabled) again.focus();
    else if (focused === prefix + '-next' || focused === prefix + '-previous') (previous.disabled ? next : previous).focus();
  }

  C.lists = { create, restart, sizeSelect, load, draw };
}(window.ZkConsole));
