// The console's operations view: the hub's state for everyone on duty; dead letters' replay and
// route groups for admins (docs/console.md, "Operations view"). Everything is built with
// textContent: nothing from the hub is parsed as HTML.
(function () {
  'use strict';

  const TEXT = {
    en: {
      title: 'Operations', node: 'This node', role: 'Role', epoch: 'Epoch', peer: 'Standby / peer', noPeer: 'no peer configured',
      reachable: 'reachable', unreachable: 'unreachable', lag: 'replication lag', queues: 'Queues',
      circuits: 'Circuits', deadLetters: 'Dead letters', none: 'none', replay: 'Replay', routes: 'Route groups',
      suspend: 'Suspend', resume: 'Resume', paused: 'Workers paused', yes: 'yes', no: 'no',
      failed: 'The hub refused: ', alerts: 'Latest alerts', pending: 'pending', undelivered: 'not delivered', guest: 'guest', costs: 'Costs this month', adminOnly: 'Admins only',
    },
    it: {
      title: 'Operazioni', node: 'Questo nodo', role: 'Ruolo', epoch: 'Epoca', peer: 'Nodo di riserva', noPeer: 'nessun nodo di riserva',
      reachable: 'raggiungibile', unreachable: 'non raggiungibile', lag: 'ritardo di replica', queues: 'Code',
      circuits: 'Circuiti', deadLetters: 'Messaggi non consegnati', none: 'nessuno', replay: 'Riprova',
      routes: 'Gruppi di rotte', suspend: 'Sospendi', resume: 'Riprendi', paused: 'Lavori in pausa', yes: 'sì',
      no: 'no', failed: 'L\u2019hub ha rifiutato: ', alerts: 'Ultimi avvisi', pending: 'in attesa', undelivered: 'non consegnato', guest: 'ospite', costs: 'Costi del mese', adminOnly: 'Solo amministratori',
    },
    de: {
      title: 'Betrieb', node: 'Dieser Knoten', role: 'Rolle', epoch: 'Epoche', peer: 'Standby-Knoten', noPeer: 'kein Standby konfiguriert',
      reachable: 'erreichbar', unreachable: 'nicht erreichbar', lag: 'Replikationsverzug', queues: 'Warteschlangen',
      circuits: 'Schaltkreise', deadLetters: 'Unzustellbare Nachrichten', none: 'keine', replay: 'Erneut senden',
      routes: 'Routengruppen', suspend: 'Anhalten', resume: 'Fortsetzen', paused: 'Arbeit pausiert', yes: 'ja',
      no: 'nein', failed: 'Der Hub hat abgelehnt: ', alerts: 'Letzte Meldungen', pending: 'ausstehend', undelivered: 'nicht zugestellt', guest: 'Gast', costs: 'Kosten diesen Monat', adminOnly: 'Nur Administratoren',
    },
  };
  const hub = window.ConsoleHub;
  const t = TEXT[hub.lang] || TEXT.en;

  function el(tag, text, className) {
    return hub.el(tag, className, text);
  }

  async function call(method, path) {
    const answer = await hub.api(method, path);
    if (answer.status < 200 || answer.status >= 300) {
      throw new Error((answer.body && answer.body.error) || String(answer.status));
    }
    return answer.body;
  }

  function row(list, label, value) {
    const item = el('div', null, 'ops-row');
    item.append(el('span', label, 'ops-label'), el('span', value, 'ops-value'));
    list.append(item);
  }

  function section(root, title) {
    const box = el('section', null, 'ops-section');
    box.append(el('h3', title));
    root.append(box);
    return box;
  }

  function button(label, action, onError) {
    const b = el('button', label);
    b.type = 'button';
    b.addEventListener('click', async () => {
      b.disabled = true;
      try {
        await action();
      } catch (e) {
        onError(e);
      } finally {
        b.disabled = false;
      }
    });
    return b;
  }

  /** Renders the view into container; isAdmin: whether to offer replay and route control. */
  async function render(container, isAdmin) {
    const message = el('p', null, 'ops-message');
    const onError = (e) => { message.textContent = t.failed + e.message; };
    const state = await call('GET', '/api/console/operations');
    const root = el('div', null, 'ops');
    root.append(el('h2', t.title), message);

    const node = section(root, t.node);
    row(node, t.role, state.role + (state.active ? ' \u2713' : ''));
    row(node, t.epoch, state.epoch);
    const peer = state.peer || {};
    if (!peer.configured) {
      row(node, t.peer, t.noPeer);
    } else {
      row(node, t.peer, (peer.reachable ? t.reachable : t.unreachable) + (peer.role ? ' \u00b7 ' + peer.role : ''));
      row(node, t.lag, (peer.lagMillis || 0) + ' ms');
    }
    row(node, t.paused, state.workersPaused ? t.yes : t.no);

    const queues = section(root, t.queues);
    Object.entries(state.queues || {}).forEach(([name, depth]) => row(queues, name, depth));
    const circuits = section(root, t.circuits);
    Object.entries(state.circuits || {}).forEach(([name, circuit]) => row(circuits, name, circuit));
    if (state.costs && state.costs.spent !== undefined) {
      row(section(root, t.costs), state.costs.month, state.costs.spent + (state.costs.budget ? ' / ' + state.costs.budget : ''));
    }

    const alerts = section(root, t.alerts);
    const latest = (await call('GET', '/api/console/operations/alerts')).alerts || [];
    if (latest.length === 0) {
      alerts.append(el('p', t.none));
    }
    latest.forEach((alert) => {
      const what = [alert.subject || alert.reason, alert.guestId ? t.guest + ' #' + alert.guestId : null,
        alert.failed ? t.undelivered : (alert.pending ? t.pending : null)].filter(Boolean).join(' \u00b7 ');
      const item = el('div', null, 'ops-row ops-alert');
      item.append(el('span', new Date(alert.at).toLocaleString(), 'ops-label'), el('span', what, 'ops-value'));
      alerts.append(item);
    });

    const letters = section(root, t.deadLetters + ' (' + (state.deadLetters || 0) + ')');
    const waiting = (await call('GET', '/api/console/operations/dead-letters')).deadLetters || [];
    if (waiting.length === 0) {
      letters.append(el('p', t.none));
    }
    waiting.forEach((letter) => {
      const item = el('div', null, 'ops-row ops-dead-letter');
      item.dataset.id = letter.id;
      item.append(el('span', letter.source + ' #' + letter.id, 'ops-label'), el('span', letter.error, 'ops-value'));
      if (isAdmin) {
        item.append(button(t.replay, async () => {
          await call('POST', '/api/console/operations/dead-letters/' + encodeURIComponent(letter.id) + '/replay');
          await refresh(container, isAdmin);
        }, onError));
      }
      letters.append(item);
    });

    const groups = section(root, t.routes);
    if (!isAdmin) {
      groups.append(el('p', t.adminOnly));
    } else {
      const routes = await call('GET', '/api/console/operations/routes');
      const byGroup = new Map();
      routes.forEach((route) => {
        const states = byGroup.get(route.group) || [];
        states.push(route.state);
        byGroup.set(route.group, states);
      });
      [...byGroup.keys()].sort().forEach((group) => {
        const states = byGroup.get(group);
        const suspended = states.filter((s) => s === 'Suspended').length;
        const item = el('div', null, 'ops-row ops-group');
        item.dataset.group = group;
        item.append(el('span', group, 'ops-label'), el('span', (states.length - suspended) + '/' + states.length, 'ops-value'));
        if (group !== 'api') {
          const verb = suspended > 0 ? 'resume' : 'suspend';
          item.append(button(t[verb], async () => {
            await call('POST', '/api/console/operations/routes/groups/' + encodeURIComponent(group) + '/' + verb);
            await refresh(container, isAdmin);
          }, onError));
        }
        groups.append(item);
      });
    }
    container.replaceChildren(root);
  }

  async function refresh(container, isAdmin) {
    try {
      await render(container, isAdmin);
    } catch (e) {
      container.replaceChildren(el('p', t.failed + e.message, 'ops-message'));
    }
  }

  // The view opens and closes with its button; while open it reads the hub's state every 5 s.
  document.addEventListener('DOMContentLoaded', () => {
    const toggle = document.getElementById('ops-toggle');
    const view = document.getElementById('operations');
    let timer = null;
    toggle.textContent = t.title;
    // Offered while the inbox is shown, that is while logged in.
    const app = document.getElementById('app');
    new MutationObserver(() => {
      toggle.hidden = app.hidden;
      if (app.hidden) {
        view.hidden = true;
        clearInterval(timer);
      }
    }).observe(app, { attributes: true, attributeFilter: ['hidden'] });
    toggle.addEventListener('click', async () => {
      view.hidden = !view.hidden;
      clearInterval(timer);
      if (!view.hidden) {
        const me = hub.me();
        const admin = Boolean(me && me.role === 'admin');
        await refresh(view, admin);
        timer = setInterval(() => { if (!view.hidden) { refresh(view, admin); } }, 5000);
      }
    });
  });
})();
