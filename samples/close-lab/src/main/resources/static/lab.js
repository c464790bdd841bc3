// The close-code lab page: opens sockets to /lab/socket?id=..., closes them from either side, and shows the
// browser's CloseEvent next to the server's WebSocketSessionClosedEvent pushed over /lab/events.
// Everything that came from a peer is rendered with textContent, never as HTML.
'use strict';

(function () {
	const sockets = new Map();
	let opened = 0;

	// What tests (and curious people, in the console) can read: socket id -> { browser, server, ... }.
	const lab = { sockets: {}, handshakes: {}, lastId: null, live: false };
	window.closeLab = lab;

	const $ = (id) => document.getElementById(id);

	function newId() {
		opened += 1;
		return opened + '-' + Math.random().toString(36).slice(2, 6);
	}

	function socketUrl(id, host, path) {
		const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
		return scheme + '//' + (host || location.host) + (path || '/lab/socket') + '?id=' + encodeURIComponent(id);
	}

	// The same server under its other loopback name: a page of http://localhost:8080 is not of the origin
	// http://127.0.0.1:8080, so Spring's default same-origin check refuses the page's Origin there.
	function otherHost() {
		return (location.hostname === 'localhost' ? '127.0.0.1' : 'localhost') + (location.port ? ':' + location.port : '');
	}

	// A connection that should be refused: its browser side (error, CloseEvent or HTTP status) and, from
	// /lab/events, the server's rejected-handshake event, keyed by the id in the request's query.
	function attempt(kind) {
		const id = newId();
		const entry = { id: id, kind: kind, browser: null, server: null };
		lab.handshakes[id] = entry;
		lab.lastHandshake = id;
		renderHandshakes();
		return entry;
	}

	function connectRefused(kind, host, path) {
		const entry = attempt(kind);
		const ws = new WebSocket(socketUrl(entry.id, host, path));
		let error = false;
		ws.onerror = () => {
			error = true;
		};
		ws.onopen = () => {
			entry.browser = { text: 'open: not refused' };
			ws.close();
			renderHandshakes();
		};
		ws.onclose = (event) => {
			entry.browser = { error: error, code: event.code, wasClean: event.wasClean,
				text: (error ? 'error event, then ' : '') + 'CloseEvent ' + event.code + ', wasClean ' + event.wasClean };
			log('attempt ' + entry.id + ' (' + kind + '): ' + entry.browser.text, true);
			renderHandshakes();
		};
	}

	async function plainGet() {
		const entry = attempt('plain GET');
		try {
			const response = await fetch('/lab/socket?id=' + encodeURIComponent(entry.id));
			entry.browser = { status: response.status, text: 'HTTP ' + response.status };
		}
		catch (error) {
			entry.browser = { text: 'fetch failed: ' + error.message };
		}
		log('attempt ' + entry.id + ' (plain GET): ' + entry.browser.text, true);
		renderHandshakes();
	}

	function renderHandshakes() {
		const body = $('handshakes').tBodies[0];
		body.replaceChildren();
		const entries = Object.values(lab.handshakes).reverse();
		$('handshakes-empty').hidden = entries.length > 0;
		for (const entry of entries) {
			const row = document.createElement('tr');
			row.dataset.id = entry.id;
			row.className = 'unclean';
			cell(row, '', span('id', entry.id), document.createTextNode(' '), span('sid', entry.kind));
			cell(row, 'browser', entry.browser ? entry.browser.text : dim('…'));
			const s = entry.server;
			cell(row, 'server', s ? span('code', s.outcome) : dim('…'));
			cell(row, 'server num', s ? String(s.status) : '');
			cell(row, 'server reason', s && s.origin ? s.origin : dim('—'));
			cell(row, 'server', s ? s.endpoint : '');
			body.append(row);
		}
	}

	function log(text, error) {
		const item = document.createElement('li');
		if (error) {
			item.className = 'error';
		}
		const time = document.createElement('time');
		time.textContent = new Date().toLocaleTimeString();
		item.append(time, document.createTextNode(text));
		$('log').prepend(item);
	}

	function track(id, ws, inFrame) {
		const entry = { id: id, ws: ws, inFrame: inFrame, state: 'connecting', browser: null, server: null, sessionId: null };
		sockets.set(id, entry);
		lab.sockets[id] = entry;
		lab.lastId = id;
		render();
		return entry;
	}

	function openSocket(onSession) {
		const id = newId();
		const ws = new WebSocket(socketUrl(id));
		const entry = track(id, ws, false);
		ws.onopen = () => {
			entry.state = 'open';
			log('socket ' + id + ' open');
			refreshChoices(id);
			render();
		};
		ws.onmessage = (message) => {
			const text = String(message.data);
			if (text.startsWith('session:')) {
				entry.sessionId = text.slice('session:'.length);
				render();
				if (onSession) {
					onSession(entry);
				}
			}
			else if (text.startsWith('error:')) {
				log('server: ' + text.slice('error:'.length), true);
			}
		};
		ws.onerror = () => log('socket ' + id + ': error event (a close follows)', true);
		ws.onclose = (event) => {
			entry.state = 'closed';
			entry.browser = { code: event.code, reason: event.reason, wasClean: event.wasClean };
			log('socket ' + id + ' CloseEvent: code ' + event.code + (event.reason ? ' "' + event.reason + '"' : '')
				+ ', wasClean ' + event.wasClean);
			refreshChoices();
			render();
		};
		return entry;
	}

	// A page that goes away closes its sockets (1001, Going Away) and never sees their CloseEvent:
	// open a socket in a hidden frame, then navigate the frame to about:blank.
	function openInFrameAndLeave() {
		const id = newId();
		const entry = track(id, null, true);
		const frame = document.createElement('iframe');
		frame.title = 'socket ' + id;
		frame.src = '/frame.html?id=' + encodeURIComponent(id);
		const onMessage = (message) => {
			if (message.origin !== location.origin || !message.data || message.data.id !== id) {
				return;
			}
			window.removeEventListener('message', onMessage);
			entry.state = 'left';
			log('socket ' + id + ' open in a frame; navigating the frame away');
			frame.src = 'about:blank';
			setTimeout(() => frame.remove(), 2000);
			render();
		};
		window.addEventListener('message', onMessage);
		$('frames').append(frame);
	}

	// One way to end a socket per cause the lab can provoke: each runs once the server has said hello.
	const provokers = {
		peer_closed: (entry) => entry.ws.close(1000),
		application: (entry) => entry.ws.send('close:1008:closed by the application'),
		handler_error: (entry) => entry.ws.send('throw:from the cause button'),
		idle_timeout: (entry) => entry.ws.send('idle:1000'),
		message_too_big: (entry) => entry.ws.send('x'.repeat(16 * 1024)),
		send_limit: (entry) => entry.ws.send('flood'),
		connection_lost: (entry) => entry.ws.send('drop'),
	};

	function provoke(cause) {
		const entry = openSocket((opened) => {
			log('socket ' + opened.id + ': provoking ' + cause);
			provokers[cause](opened);
		});
		entry.provoked = cause;
		render();
	}

	function selected() {
		const entry = sockets.get($('socket').value);
		if (!entry || !entry.ws || entry.ws.readyState !== WebSocket.OPEN) {
			log('open a socket first', true);
			return null;
		}
		return entry;
	}

	function closeFromBrowser() {
		const entry = selected();
		if (!entry) {
			return;
		}
		const codeText = $('browser-code').value.trim();
		const reason = $('browser-reason').value;
		try {
			if (codeText === '') {
				entry.ws.close();
				log('socket ' + entry.id + ': ws.close() with no code');
			}
			else {
				entry.ws.close(Number(codeText), reason);
				log('socket ' + entry.id + ': ws.close(' + codeText + (reason ? ', "' + reason + '"' : '') + ')');
			}
			entry.state = 'closing';
			render();
		}
		catch (error) {
			log('ws.close(' + codeText + ') threw ' + error.name + ': ' + error.message, true);
		}
	}

	function askServer(command, description) {
		const entry = selected();
		if (!entry) {
			return;
		}
		entry.ws.send(command);
		log('socket ' + entry.id + ': asked the server to ' + description);
	}

	function refreshChoices(prefer) {
		const select = $('socket');
		const current = prefer || select.value;
		select.replaceChildren();
		const open = [...sockets.values()].filter((entry) => entry.ws && entry.ws.readyState === WebSocket.OPEN);
		if (open.length === 0) {
			select.append(new Option('no open socket', ''));
		}
		for (const entry of open.reverse()) {
			select.append(new Option('socket ' + entry.id, entry.id, false, entry.id === current));
		}
	}

	function cell(row, className, ...content) {
		const td = document.createElement('td');
		if (className) {
			td.className = className;
		}
		td.append(...content);
		row.append(td);
		return td;
	}

	function span(className, text) {
		const element = document.createElement('span');
		element.className = className;
		element.textContent = text;
		return element;
	}

	function badge(clean) {
		return span('badge ' + (clean ? 'clean' : 'unclean'), String(clean));
	}

	function dim(text) {
		return span('dim', text);
	}

	function millis(ms) {
		return ms < 1000 ? ms + ' ms' : (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + ' s';
	}

	// java.nio.channels.ClosedChannelException: x -> ClosedChannelException: x
	function shortError(text) {
		const colon = text.indexOf(':');
		const type = colon < 0 ? text : text.slice(0, colon);
		return type.slice(type.lastIndexOf('.') + 1) + (colon < 0 ? '' : text.slice(colon));
	}

	// Actuator writes durations as ISO-8601, PT1.234S.
	function isoMillis(iso) {
		const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(iso || '');
		if (!match) {
			return null;
		}
		return Math.round(((Number(match[1] || 0) * 60 + Number(match[2] || 0)) * 60 + Number(match[3] || 0)) * 1000);
	}

	// Where both sides know, they must agree; the rest is said plainly.
	function verdict(entry) {
		const b = entry.browser;
		const s = entry.server;
		if (b && s) {
			const differences = [];
			if (b.code !== s.code) {
				differences.push('code ' + b.code + ' vs ' + s.code);
			}
			if (b.wasClean !== s.clean) {
				differences.push('clean ' + b.wasClean + ' vs ' + s.clean);
			}
			return differences.length === 0
				? { kind: 'agree', text: '✓ agree' }
				: { kind: 'differ', text: '≠ ' + differences.join(', ') };
		}
		if (s && entry.inFrame) {
			return { kind: 'unknowable', text: 'the page left: no CloseEvent to compare' };
		}
		if (b && !s) {
			return { kind: 'unknowable', text: 'waiting for the server…' };
		}
		if (s && !b) {
			return { kind: 'unknowable', text: 'waiting for the browser…' };
		}
		return { kind: 'unknowable', text: entry.state };
	}

	function render() {
		const body = $('closes').tBodies[0];
		body.replaceChildren();
		const entries = [...sockets.values()].reverse();
		$('closes-empty').hidden = entries.length > 0;
		for (const entry of entries) {
			const row = document.createElement('tr');
			row.dataset.id = entry.id;
			const b = entry.browser;
			const s = entry.server;
			if (b || s) {
				row.className = ((b && !b.wasClean) || (s && !s.clean)) ? 'unclean' : 'clean';
			}
			const id = span('id', entry.id);
			const state = span('badge' + (entry.state === 'closed' || s ? '' : ' wait'), s && b ? 'closed' : entry.state);
			const sessionId = span('sid', entry.sessionId ? 'server ' + entry.sessionId.slice(0, 8) : (entry.inFrame ? 'in a frame' : ''));
			if (entry.sessionId) {
				sessionId.title = 'server session ' + entry.sessionId;
			}
			const first = cell(row, '', id, document.createTextNode(' '), state, sessionId);
			if (entry.provoked) {
				const provoked = span('sid', 'button ' + entry.provoked);
				provoked.title = 'opened by the cause button ' + entry.provoked;
				first.append(provoked);
			}
			if (b) {
				cell(row, 'browser code', String(b.code));
				cell(row, 'browser reason', b.reason ? b.reason : dim('—'));
				cell(row, 'browser', badge(b.wasClean));
			}
			else {
				const text = entry.inFrame ? 'page gone' : '…';
				cell(row, 'browser', dim(text));
				cell(row, 'browser reason', dim(''));
				cell(row, 'browser', dim(''));
			}
			if (s) {
				const code = cell(row, 'server wrap', span('code', String(s.code)), document.createTextNode(' '), span('name', s.name));
				if (s.reason) {
					code.append(span('sid', '“' + s.reason + '”'));
				}
				if (s.transportError) {
					const error = span('sid', shortError(s.transportError));
					error.title = s.transportError;
					code.append(error);
				}
				cell(row, 'server', s.category);
				cell(row, 'server', badge(s.clean));
				cell(row, 'server', s.initiator + ' · ' + s.cause);
				cell(row, 'server num', millis(s.durationMillis));
			}
			else {
				cell(row, 'server', dim('…'));
				for (let i = 0; i < 4; i++) {
					cell(row, 'server', dim(''));
				}
			}
			const v = verdict(entry);
			entry.verdict = v.kind;
			cell(row, 'verdict ' + v.kind, v.text);
			body.append(row);
		}
	}

	async function refreshCounts() {
		try {
			const response = await fetch('/lab/counts');
			const rows = await response.json();
			const body = $('counts').tBodies[0];
			body.replaceChildren();
			$('counts-empty').hidden = rows.length > 0;
			for (const count of rows) {
				const row = document.createElement('tr');
				row.className = count.clean === 'true' ? 'clean' : 'unclean';
				cell(row, '', count.endpoint);
				cell(row, 'code', count.code);
				cell(row, '', count.status);
				cell(row, '', count.category);
				cell(row, '', badge(count.clean === 'true'));
				cell(row, '', count.initiator);
				cell(row, '', count.cause);
				cell(row, 'num', String(count.count));
				body.append(row);
			}
		}
		catch (error) {
			log('could not read /lab/counts: ' + error.message, true);
		}
	}

	async function refreshReport() {
		try {
			const response = await fetch('/actuator/websocketcloses');
			const report = await response.json();
			const parts = Object.entries(report.endpoints).map(([endpoint, closes]) => endpoint + ': '
				+ closes.closes + ' closed, ' + closes.unclean + ' unclean ('
				+ Math.round(closes.uncleanShare * 100) + ' %)');
			$('report-summary').textContent = parts.join(' · ');
			const body = $('report').tBodies[0];
			body.replaceChildren();
			$('report-empty').hidden = report.recentUnclean.length > 0;
			for (const close of report.recentUnclean) {
				const row = document.createElement('tr');
				row.className = 'unclean';
				cell(row, '', new Date(close.time).toLocaleTimeString());
				cell(row, '', close.endpoint);
				cell(row, '', span('code', String(close.code)), document.createTextNode(' '), span('name', close.name));
				cell(row, 'reason', close.reason ? close.reason : dim('—'));
				const error = cell(row, 'reason', close.transportError ? shortError(close.transportError) : dim('—'));
				error.title = close.transportError || '';
				cell(row, '', close.initiator);
				cell(row, '', close.cause);
				const lived = isoMillis(close.duration);
				cell(row, 'num', lived === null ? close.duration : millis(lived));
				body.append(row);
			}
		}
		catch (error) {
			log('could not read /actuator/websocketcloses: ' + error.message, true);
		}
	}

	function listen() {
		const events = new EventSource('/lab/events');
		events.onopen = () => {
			lab.live = true;
			$('live').textContent = 'live';
			$('live').classList.add('on');
		};
		events.onerror = () => {
			lab.live = false;
			$('live').textContent = 'reconnecting…';
			$('live').classList.remove('on');
		};
		events.addEventListener('open', (message) => {
			const open = JSON.parse(message.data);
			const entry = sockets.get(open.id);
			if (entry) {
				entry.sessionId = open.sessionId;
				render();
			}
		});
		events.addEventListener('rejected', (message) => {
			const rejected = JSON.parse(message.data);
			let entry = lab.handshakes[rejected.id];
			if (!entry) {
				// A refused client elsewhere: show it too, with no browser side.
				entry = { id: rejected.id || ('elsewhere-' + rejected.time), kind: 'elsewhere', browser: null, server: null };
				lab.handshakes[entry.id] = entry;
			}
			entry.server = rejected;
			log('server: handshake ' + entry.id + ' ' + rejected.outcome + ' (' + rejected.status + ') on '
				+ rejected.endpoint);
			renderHandshakes();
		});
		events.addEventListener('close', (message) => {
			const close = JSON.parse(message.data);
			let entry = sockets.get(close.id);
			if (!entry) {
				// A socket of another tab or client: show it too, with no browser side.
				entry = { id: close.id || close.sessionId, ws: null, inFrame: false, state: 'elsewhere', browser: null,
					server: null, sessionId: close.sessionId };
				sockets.set(entry.id, entry);
				lab.sockets[entry.id] = entry;
			}
			entry.server = close;
			log('server event for ' + entry.id + ': ' + close.code + ' ' + close.name + ', clean ' + close.clean
				+ ', initiator ' + close.initiator + ', cause ' + close.cause);
			render();
			refreshCounts();
			refreshReport();
		});
	}

	$('open').addEventListener('click', () => openSocket());
	$('open-away').addEventListener('click', openInFrameAndLeave);
	$('browser-close').addEventListener('click', closeFromBrowser);
	$('server-close').addEventListener('click', () => {
		const code = $('server-code').value.trim();
		const reason = $('server-reason').value;
		askServer('close:' + code + ':' + reason, 'close with ' + code + (reason ? ' "' + reason + '"' : ''));
	});
	$('server-throw').addEventListener('click', () => askServer('throw:from the lab page', 'throw from its handler'));
	$('server-drop').addEventListener('click', () => askServer('drop', 'drop the TCP connection'));
	$('connect-other-origin').addEventListener('click', () => connectRefused('other origin', otherHost()));
	$('connect-refused').addEventListener('click', () => connectRefused('interceptor', null, '/lab/refused'));
	$('plain-get').addEventListener('click', plainGet);
	for (const button of document.querySelectorAll('button[data-cause]')) {
		button.addEventListener('click', () => provoke(button.dataset.cause));
	}

	render();
	renderHandshakes();
	listen();
	refreshCounts();
	refreshReport();
})();
