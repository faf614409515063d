// The staff console's page (docs/console.md "The page"). No library, no build step. Guest text is
// untrusted: it is only ever set with textContent, never as HTML. Nothing is kept in the browser's
// storage: the session lives in HttpOnly cookies, the rest in this page's memory.
(function () {
  'use strict';

  var TEXTS = {
    en: {
      title: 'Concierge Hub', offline: 'offline', live: 'live', connecting: 'connecting…', logout: 'Log out',
      loginTitle: 'Staff login', name: 'Name', password: 'Password', login: 'Log in',
      loginFailed: 'The name or the password is wrong.', tooMany: 'Too many attempts; try again later.',
      failed: 'Something went wrong; try again.', inbox: 'Conversations', activity: 'Live activity',
      back: 'Back', take: 'Take', resolve: 'Resolve', send: 'Send', template: 'Template',
      fields: 'Fields (name=value, one a line)', replyPlaceholder: 'Your answer to the guest',
      windowClosed: 'Outside the 24-hour window: only a template can be sent.',
      noList: 'The conversation list is not available on this hub yet; live activity below.',
      empty: 'No conversations yet.', needsStaff: 'needs staff', takenBy: 'taken by {0}', resolved: 'resolved',
      optedOut: 'opted out', passive: 'This is the standby node: read-only. The active node is {0}.',
      passiveUnknown: 'This is the standby node: read-only.', queued: 'queued', sentOk: 'Sent: queued.',
      conflict: 'Taken by {0}.', kind_message: 'message', kind_status: 'state', kind_flag: 'flag',
      kind_take: 'taken', kind_resolve: 'resolved', guest: 'guest {0}', in: 'guest', out: 'hub',
      language: 'language {0}', windowOpen: 'window open until {0}', events: '{0} events',
      choose: 'Choose a conversation.', templateSent: 'Template “{0}”',
      more: 'Older conversations'
    },
    it: {
      title: 'Concierge Hub', offline: 'non in linea', live: 'in diretta', connecting: 'connessione…', logout: 'Esci',
      loginTitle: 'Accesso staff', name: 'Nome', password: 'Password', login: 'Accedi',
      loginFailed: 'Nome o password errati.', tooMany: 'Troppi tentativi; riprova più tardi.',
      failed: 'Qualcosa è andato storto; riprova.', inbox: 'Conversazioni', activity: 'Attività in diretta',
      back: 'Indietro', take: 'Prendi in carico', resolve: 'Risolto', send: 'Invia', template: 'Modello',
      fields: 'Campi (nome=valore, uno per riga)', replyPlaceholder: 'La tua risposta all\'ospite',
      windowClosed: 'Fuori dalla finestra di 24 ore: si può inviare solo un modello.',
      noList: 'L\'elenco delle conversazioni non è ancora disponibile; sotto l\'attività in diretta.',
      empty: 'Nessuna conversazione.', needsStaff: 'serve lo staff', takenBy: 'in carico a {0}', resolved: 'risolto',
      optedOut: 'disiscritto', passive: 'Questo è il nodo di riserva: sola lettura. Il nodo attivo è {0}.',
      passiveUnknown: 'Questo è il nodo di riserva: sola lettura.', queued: 'in coda', sentOk: 'Inviato: in coda.',
      conflict: 'In carico a {0}.', kind_message: 'messaggio', kind_status: 'stato', kind_flag: 'segnalazione',
      kind_take: 'preso in carico', kind_resolve: 'risolto', guest: 'ospite {0}', in: 'ospite', out: 'hub',
      language: 'lingua {0}', windowOpen: 'finestra aperta fino a {0}', events: '{0} eventi',
      choose: 'Scegli una conversazione.', templateSent: 'Modello «{0}»',
      more: 'Conversazioni precedenti'
    },
    de: {
      title: 'Concierge Hub', offline: 'offline', live: 'live', connecting: 'verbinde…', logout: 'Abmelden',
      loginTitle: 'Anmeldung für Mitarbeiter', name: 'Name', password: 'Passwort', login: 'Anmelden',
      loginFailed: 'Name oder Passwort ist falsch.', tooMany: 'Zu viele Versuche; bitte später erneut.',
      failed: 'Etwas ist schiefgegangen; bitte erneut versuchen.', inbox: 'Unterhaltungen', activity: 'Live-Aktivität',
      back: 'Zurück', take: 'Übernehmen', resolve: 'Erledigt', send: 'Senden', template: 'Vorlage',
      fields: 'Felder (Name=Wert, eines pro Zeile)', replyPlaceholder: 'Ihre Antwort an den Gast',
      windowClosed: 'Außerhalb des 24-Stunden-Fensters: nur eine Vorlage kann gesendet werden.',
      noList: 'Die Liste der Unterhaltungen ist hier noch nicht verfügbar; unten die Live-Aktivität.',
      empty: 'Noch keine Unterhaltungen.', needsStaff: 'braucht Personal', takenBy: 'übernommen von {0}',
      resolved: 'erledigt', optedOut: 'abgemeldet',
      passive: 'Dies ist der Standby-Knoten: nur lesen. Der aktive Knoten ist {0}.',
      passiveUnknown: 'Dies ist der Standby-Knoten: nur lesen.', queued: 'in Warteschlange',
      sentOk: 'Gesendet: in Warteschlange.', conflict: 'Übernommen von {0}.', kind_message: 'Nachricht',
      kind_status: 'Status', kind_flag: 'Markierung', kind_take: 'übernommen', kind_resolve: 'erledigt',
      guest: 'Gast {0}', in: 'Gast', out: 'Hub', language: 'Sprache {0}', windowOpen: 'Fenster offen bis {0}',
      events: '{0} Ereignisse', choose: 'Wählen Sie eine Unterhaltung.', templateSent: 'Vorlage „{0}“',
      more: 'Ältere Unterhaltungen'
    }
  };

  var lang = (function () {
    var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i]).slice(0, 2).toLowerCase();
      if (TEXTS[code]) { return code; }
    }
    return 'en';
  })();

  function t(key) {
    var text = TEXTS[lang][key] || TEXTS.en[key] || key;
    for (var i = 1; i < arguments.length; i++) { text = text.replace('{' + (i - 1) + '}', String(arguments[i])); }
    return text;
  }

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function when(iso) {
    if (!iso) { return ''; }
    var date = new Date(iso);
    return isNaN(date) ? '' : date.toLocaleString(lang, { dateStyle: 'short', timeStyle: 'short' });
  }

  // Conversations the list shows at first; "Older conversations" shows as many more each time, up
  // to the API's most in one request (older ones: the API's nextBefore, or the guest query).
  var LIST_PAGE = 50;
  var LIST_MAX = 200;

  var state = {
    me: null, socket: null, lastSeq: 0, events: 0, attempts: 0, reconnectTimer: null, refreshTimer: null,
    watchdog: null, lastFrameAt: 0, passive: false, open: null, shown: null, refetchTimer: null, replyKey: null,
    replyDraft: null, loggedOut: false, listStale: false, conversationStale: false, seen: new Set(),
    refreshing: null, listWanted: LIST_PAGE, resumedAfter: 0, numbering: 0
  };

  // --- HTTP -------------------------------------------------------------------------------------

  function request(method, path, body, headers) {
    var options = { method: method, credentials: 'same-origin', cache: 'no-store', headers: headers || {} };
    if (method !== 'GET' && method !== 'HEAD') { options.headers['X-Console-Request'] = '1'; }
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(function (response) {
      return response.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        return { status: response.status, body: json };
      });
    });
  }

  // A request of the console's API; a 401 is answered by one refresh of the session, then a retry.
  function api(method, path, body, headers) {
    return request(method, path, body, headers).then(function (answer) {
      if (answer.status !== 401) { return answer; }
      return refresh().then(function (ok) {
        if (!ok) { showLogin(); return answer; }
        return request(method, path, body, headers);
      });
    });
  }

  // One refresh at a time: the refresh token rotates, and the replaced one presented again (two
  // requests racing with the same cookie) would end the session. Within the page a refresh under
  // way is shared; across the hub's pages in this browser the Web Locks API orders them (where the
  // browser offers it: HTTPS or this machine), so each presents the token the one before it set.
  function refresh() {
    if (state.refreshing) { return state.refreshing; }
    var run = function () {
      return request('POST', '/console/session/refresh').then(function (answer) {
        return answer.status === 200;
      }, function () { return false; });
    };
    state.refreshing = (navigator.locks ? navigator.locks.request('concierge-console-refresh', run) : run())
      .then(function (ok) { state.refreshing = null; return ok; });
    return state.refreshing;
  }

  // --- Login, logout ----------------------------------------------------------------------------

  // The next person at this desk starts from nothing of the last one's: no conversation open, no
  // draft, template or reply key that Send could queue under their name, no guest's text on screen.
  function showLogin() {
    state.me = null;
    stopLive();
    clearTimeout(state.refetchTimer);
    state.refetchTimer = null;
    closeConversation();
    clearConversation();
    $('conversations').replaceChildren();
    $('inbox-note').textContent = '';
    $('app').hidden = true;
    $('logout').hidden = true;
    $('who').textContent = '';
    $('login').hidden = false;
    $('login-name').focus();
  }

  function start() {
    translate();
    $('login-form').addEventListener('submit', onLogin);
    $('logout').addEventListener('click', onLogout);
    $('back').addEventListener('click', closeConversation);
    $('take').addEventListener('click', function () { command('take', {}); });
    $('resolve').addEventListener('click', function () { command('resolve', {}); });
    $('reply-form').addEventListener('submit', onReply);
    $('reply-text').addEventListener('input', function () { state.replyKey = null; });
    $('inbox-more').addEventListener('click', function () {
      state.listWanted = Math.min(LIST_MAX, state.listWanted + LIST_PAGE);
      loadList();
    });
    api('GET', '/api/console/me').then(function (answer) {
      if (answer.status === 200) { startApp(answer.body); } else { showLogin(); }
    }, showLogin);
  }

  function translate() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach(function (node) { node.textContent = t(node.dataset.i18n); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach(function (node) {
      node.placeholder = t(node.dataset.i18nPlaceholder);
    });
    document.title = t('title');
  }

  function onLogin(event) {
    event.preventDefault();
    var error = $('login-error');
    error.textContent = '';
    $('login-submit').disabled = true;
    request('POST', '/console/session', { name: $('login-name').value, password: $('login-password').value })
      .then(function (answer) {
        $('login-submit').disabled = false;
        $('login-password').value = '';
        if (answer.status === 200) {
          startApp(answer.body);
        } else {
          error.textContent = answer.status === 429 ? t('tooMany') : answer.status === 401 ? t('loginFailed') : t('failed');
        }
      }, function () {
        $('login-submit').disabled = false;
        error.textContent = t('failed');
      });
  }

  function onLogout() {
    state.loggedOut = true;
    stopLive();
    request('DELETE', '/console/session').then(showLogin, showLogin);
  }

  function startApp(me) {
    state.me = me;
    state.loggedOut = false;
    $('login').hidden = true;
    $('app').hidden = false;
    $('logout').hidden = false;
    $('who').textContent = me && me.name ? me.name : '';
    $('events-count').textContent = t('events', state.events);
    // The session token lives minutes; it is refreshed well before it ends.
    clearInterval(state.refreshTimer);
    state.refreshTimer = setInterval(refresh, 4 * 60 * 1000);
    loadList();
    connectLive();
  }

  // --- Live feed --------------------------------------------------------------------------------

  function setLive(label, on) {
    var live = $('live');
    live.textContent = t(label);
    live.className = 'live ' + (on ? 'on' : 'off');
  }

  function connectLive() {
    clearTimeout(state.reconnectTimer);
    if (!state.me || state.loggedOut) { return; }
    setLive('connecting', false);
    var socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/console/live');
    state.socket = socket;
    var opened = false;
    socket.onopen = function () {
      opened = true;
      state.attempts = 0;
      state.lastFrameAt = Date.now();
      state.resumedAfter = state.lastSeq;
      if (state.lastSeq > 0) { socket.send(JSON.stringify({ type: 'resume', after: state.lastSeq })); }
      setLive('live', true);
      // Whatever happened while away: the list and the open conversation again.
      scheduleRefetch(null);
    };
    socket.onmessage = function (message) {
      state.lastFrameAt = Date.now();
      var frame;
      try { frame = JSON.parse(message.data); } catch (e) { return; }
      if (frame.type === 'event') { onEvent(frame); }
      else if (frame.type === 'node') { onNode(frame); }
    };
    socket.onclose = function (closed) {
      if (state.socket !== socket) { return; }
      state.socket = null;
      setLive('offline', false);
      if (state.loggedOut || !state.me) { return; }
      if (closed.code === 4401 || !opened) {
        // The session ended, or the upgrade was refused: an expired token (refreshed, else the login
        // form), or a passing refusal (the account's rate limit, a hub restarting): try again later.
        api('GET', '/api/console/me').then(function (answer) {
          if (answer.status !== 401) { reconnectLater(); }
        }, reconnectLater);
      } else {
        reconnectLater();
      }
    };
    clearInterval(state.watchdog);
    // No frame for three heartbeats: the connection is dead without knowing it.
    state.watchdog = setInterval(function () {
      if (state.socket === socket && socket.readyState === 1 && Date.now() - state.lastFrameAt > 16000) {
        socket.close();
      }
    }, 4000);
  }

  // 0.5 s, 1 s, 2 s … at most 30 s, with jitter so that many consoles do not return at once.
  function reconnectLater() {
    var delay = Math.min(30000, 500 * Math.pow(2, state.attempts)) * (0.75 + Math.random() * 0.5);
    state.attempts++;
    clearTimeout(state.reconnectTimer);
    state.reconnectTimer = setTimeout(connectLive, delay);
  }

  function stopLive() {
    clearTimeout(state.reconnectTimer);
    clearInterval(state.watchdog);
    clearInterval(state.refreshTimer);
    var socket = state.socket;
    state.socket = null;
    if (socket) { socket.close(); }
    setLive('offline', false);
  }

  // Events come in seq order, except that a resume may bring some older than those the new
  // connection sent before the hub read it: each seq is shown once, in its place.
  //
  // The hub sends a seq once per connection, and after a resume only those above it. One at or
  // below the resume's, or one this page already has and older than its newest, means the node
  // numbers its events afresh (another node after a failover; a standby's database replaced by a
  // snapshot, which lowers the numbering under an open connection): what was seen is forgotten, the
  // list and the open conversation are fetched again, and the new events go above the old ones.
  function onEvent(frame) {
    if (typeof frame.seq !== 'number') { return; }
    if (frame.seq <= state.resumedAfter || (frame.seq < state.lastSeq && state.seen.has(frame.seq))) {
      renumbered();
    }
    if (state.seen.has(frame.seq)) { return; }
    state.seen.add(frame.seq);
    if (state.seen.size > 2000) { state.seen.delete(state.seen.values().next().value); }
    state.lastSeq = Math.max(state.lastSeq, frame.seq);
    state.events++;
    $('events-count').textContent = t('events', state.events);
    var item = el('li', 'event kind-' + String(frame.kind).replace(/[^a-z]/g, ''));
    item.dataset.seq = String(frame.seq);
    item.dataset.numbering = String(state.numbering);
    item.dataset.kind = String(frame.kind);
    item.dataset.guest = frame.guestId === null || frame.guestId === undefined ? '' : String(frame.guestId);
    item.dataset.shownAt = String(Date.now());
    item.appendChild(el('time', null, when(frame.at)));
    item.appendChild(el('span', 'kind', t('kind_' + frame.kind)));
    if (item.dataset.guest) { item.appendChild(el('span', 'guest', t('guest', item.dataset.guest))); }
    var list = $('activity');
    var before = list.firstChild;
    while (before && before.dataset.numbering === item.dataset.numbering && Number(before.dataset.seq) > frame.seq) {
      before = before.nextSibling;
    }
    list.insertBefore(item, before);
    while (list.children.length > 50) { list.removeChild(list.lastChild); }
    scheduleRefetch(frame.guestId);
  }

  function renumbered() {
    state.seen = new Set();
    state.lastSeq = 0;
    state.resumedAfter = 0;
    state.numbering++;
    scheduleRefetch(null);
  }

  function onNode(frame) {
    state.passive = frame.role === 'passive';
    document.body.classList.toggle('passive', state.passive);
    var banner = $('banner');
    banner.hidden = !state.passive;
    banner.textContent = state.passive ? (frame.peer ? t('passive', frame.peer) : t('passiveUnknown')) : '';
    updateWrites();
  }

  // Several events in a moment (a message, its answer, their states): one refetch, and at most one
  // every REFETCH_GAP ms: at the busiest 30 list and 30 conversation requests a minute, inside the
  // API's rate limit per account (api.rate-limit, 100).
  var REFETCH_GAP = 2000;
  var lastRefetch = 0;

  function scheduleRefetch(guestId) {
    if (guestId === null || guestId === undefined || guestId === state.open) { state.conversationStale = true; }
    state.listStale = true;
    if (state.refetchTimer) { return; }
    var wait = Math.max(100, lastRefetch + REFETCH_GAP - Date.now());
    state.refetchTimer = setTimeout(function () {
      state.refetchTimer = null;
      lastRefetch = Date.now();
      if (state.listStale) { state.listStale = false; loadList(); }
      if (state.conversationStale && state.open !== null) { loadConversation(state.open); }
      state.conversationStale = false;
    }, wait);
  }

  // --- Inbox ------------------------------------------------------------------------------------

  // As many conversations as the staff member asked to see (up to the API's 200), in one request:
  // a refetch costs one request however far the list was opened.
  function loadList() {
    var note = $('inbox-note');
    api('GET', '/api/console/conversations?limit=' + state.listWanted).then(function (answer) {
      if (answer.status !== 200 || !answer.body || !Array.isArray(answer.body.conversations)) {
        note.textContent = answer.status === 404 ? t('noList') : (answer.status === 401 ? '' : t('failed'));
        return;
      }
      note.textContent = answer.body.conversations.length ? '' : t('empty');
      var list = $('conversations');
      list.replaceChildren.apply(list, answer.body.conversations.map(conversationItem));
      $('inbox-more').hidden = !answer.body.nextBefore || state.listWanted >= LIST_MAX;
    }, function () { note.textContent = t('failed'); });
  }

  function conversationItem(c) {
    var item = el('li', 'conversation-item' + (c.needsStaff ? ' needs-staff' : ''));
    item.dataset.guest = String(c.guestId);
    var button = el('button', 'pick');
    button.type = 'button';
    var head = el('span', 'head');
    head.appendChild(el('strong', 'name', c.name || t('guest', c.guestId)));
    head.appendChild(el('time', null, when(c.lastMessageAt)));
    button.appendChild(head);
    if (c.needsStaff) { button.appendChild(el('span', 'badge', t('needsStaff') + (c.reason ? ': ' + c.reason : ''))); }
    if (c.takenBy) { button.appendChild(el('span', 'taken', t('takenBy', c.takenBy))); }
    if (c.optedOut) { button.appendChild(el('span', 'taken', t('optedOut'))); }
    button.appendChild(el('span', 'last ' + (c.lastDirection === 'out' ? 'out' : 'in'), c.lastText || ''));
    button.addEventListener('click', function () { openConversation(c.guestId); });
    item.appendChild(button);
    return item;
  }

  // Nothing of the conversation shown before stays on screen, and nothing can be sent, until this
  // guest's own view has arrived: a reply always goes to the guest whose messages are shown.
  function openConversation(guestId) {
    state.open = guestId;
    clearConversation();
    document.body.classList.add('reading');
    $('placeholder').hidden = true;
    $('conversation').hidden = false;
    loadConversation(guestId);
  }

  // Empties the conversation pane and the reply box; nothing can be sent until a guest's view arrives.
  function clearConversation() {
    state.shown = null;
    emptyReplyBox();
    ['guest-name', 'guest-meta', 'reply-status', 'action-status'].forEach(function (id) { $(id).textContent = ''; });
    ['bookings', 'journey', 'messages'].forEach(function (id) { $(id).replaceChildren(); });
    $('guest-flag').hidden = true;
    updateWrites();
  }

  // The text, or the template and its fields, and the key of the attempt: gone once sent.
  function emptyReplyBox() {
    state.replyKey = null;
    state.replyDraft = null;
    ['reply-text', 'reply-template', 'reply-fields'].forEach(function (id) { $(id).value = ''; });
  }

  function closeConversation() {
    state.open = null;
    state.shown = null;
    document.body.classList.remove('reading');
    $('conversation').hidden = true;
    $('placeholder').hidden = false;
  }

  function loadConversation(guestId) {
    var failed = function (answer) {
      if (state.open === guestId && state.shown !== guestId) { $('action-status').textContent = answer ? refusal(answer) : t('failed'); }
    };
    api('GET', '/api/console/conversations/' + encodeURIComponent(guestId)).then(function (answer) {
      if (state.open !== guestId) { return; }
      if (answer.status !== 200 || !answer.body || !answer.body.guest) { failed(answer); return; }
      renderConversation(guestId, answer.body);
    }, function () { failed(null); });
  }

  function renderConversation(guestId, view) {
    var g = view.guest;
    if (state.shown !== guestId) { $('action-status').textContent = ''; }
    state.shown = guestId;
    updateWrites();
    $('guest-name').textContent = g.name || t('guest', g.guestId);
    var meta = [];
    if (g.language) { meta.push(t('language', g.language)); }
    if (g.windowOpenUntil) { meta.push(t('windowOpen', when(g.windowOpenUntil))); }
    if (g.takenBy) { meta.push(t('takenBy', g.takenBy)); }
    if (g.resolvedAt) { meta.push(t('resolved') + ' ' + when(g.resolvedAt)); }
    if (g.optedOut) { meta.push(t('optedOut')); }
    $('guest-meta').textContent = meta.join(' · ');
    var flag = $('guest-flag');
    flag.hidden = !g.needsStaff;
    flag.textContent = g.needsStaff ? t('needsStaff') + (g.reason ? ': ' + g.reason : '') : '';
    var closed = !g.windowOpenUntil;
    $('window-note').hidden = !closed;
    $('template-fields').hidden = !closed;
    $('reply-text').hidden = closed;
    $('bookings').replaceChildren.apply($('bookings'), (view.bookings || []).map(function (b) {
      // A booking may reach the hub before its dates (a sync that sends them later).
      var dates = b.checkIn || b.checkOut ? (b.checkIn || '?') + ' → ' + (b.checkOut || '?') : '';
      return el('li', null, [b.reference, dates, b.status].filter(Boolean).join(' · '));
    }));
    $('journey').replaceChildren.apply($('journey'), (view.journey || []).map(function (s) {
      // A guest with two bookings has two sets of steps: each names its booking.
      return el('li', null, [s.reference, s.step, when(s.dueAt), s.state].filter(Boolean).join(' · '));
    }));
    $('messages').replaceChildren.apply($('messages'), (view.messages || []).map(function (m) {
      var item = el('li', 'message ' + (m.direction === 'out' ? 'out' : 'in'));
      item.dataset.id = String(m.id);
      // A template's text is the provider's: the page names the template.
      item.appendChild(m.text === null && m.template ? el('p', 'text template', t('templateSent', m.template))
        : el('p', 'text', m.text));
      var line = [when(m.at), m.direction === 'out' ? (m.sentBy || t('out')) : t('in'), m.state];
      if (m.reason) { line.push(m.reason); }
      var status = el('span', 'state state-' + String(m.state).replace(/[^a-z]/g, ''), line.filter(Boolean).join(' · '));
      item.appendChild(status);
      return item;
    }));
  }

  // --- Commands ---------------------------------------------------------------------------------

  // The guest whose conversation is on screen (state.shown is the open guest once its view has
  // arrived, null until then), when a change may be sent to them.
  function writableGuest() {
    return state.passive ? null : state.shown;
  }

  function updateWrites() {
    var locked = writableGuest() === null;
    document.querySelectorAll('.writes, #reply-text, #reply-template, #reply-fields').forEach(function (node) {
      node.disabled = locked;
    });
  }

  function command(action, body) {
    var guestId = writableGuest();
    if (guestId === null) { return; }
    var status = $('action-status');
    status.textContent = '';
    api('POST', '/api/console/conversations/' + encodeURIComponent(guestId) + '/' + action, body)
      .then(function (answer) {
        if (answer.status >= 300 && state.open === guestId) { status.textContent = refusal(answer); }
        scheduleRefetch(guestId);
      }, function () { if (state.open === guestId) { status.textContent = t('failed'); } });
  }

  function onReply(event) {
    event.preventDefault();
    var guestId = writableGuest();
    if (guestId === null) { return; }
    var body;
    if ($('template-fields').hidden) {
      var text = $('reply-text').value.trim();
      if (!text) { return; }
      body = { text: text };
    } else {
      var fields = {};
      $('reply-fields').value.split('\n').forEach(function (line) {
        var at = line.indexOf('=');
        if (at > 0) { fields[line.slice(0, at).trim()] = line.slice(at + 1).trim(); }
      });
      var template = $('reply-template').value.trim();
      if (!template) { return; }
      body = { template: template, fields: fields };
    }
    // One key per attempt: pressing Send again after a lost answer cannot send the reply twice.
    var draft = JSON.stringify(body);
    if (!state.replyKey || state.replyDraft !== draft) {
      state.replyKey = newKey();
      state.replyDraft = draft;
    }
    var status = $('reply-status');
    status.textContent = '';
    $('reply-send').disabled = true;
    api('POST', '/api/console/conversations/' + encodeURIComponent(guestId) + '/reply', body,
      { 'Idempotency-Key': state.replyKey }).then(function (answer) {
      updateWrites();
      if (state.open !== guestId) { return; }
      if (answer.status === 202) {
        emptyReplyBox();
        status.textContent = t('sentOk');
      } else {
        status.textContent = refusal(answer);
      }
      scheduleRefetch(guestId);
    }, function () {
      updateWrites();
      if (state.open === guestId) { status.textContent = t('failed'); }
    });
  }

  // What a refused command says: taken by someone else, or this node is passive, or the hub's error.
  function refusal(answer) {
    if (answer.status === 409 && answer.body && answer.body.takenBy) { return t('conflict', answer.body.takenBy); }
    if (answer.status === 503 && answer.body && answer.body.active) {
      onNode({ role: 'passive', peer: String(answer.body.active) });
      return t('passive', String(answer.body.active));
    }
    return answer.body && answer.body.error ? String(answer.body.error) : t('failed');
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  document.addEventListener('DOMContentLoaded', start);

  // For the operations view (operations.js): the same requests (CSRF header, one refresh on 401),
  // elements and language, and who is logged in.
  window.ConsoleHub = { api: api, el: el, lang: lang, me: function () { return state.me; } };
})();
