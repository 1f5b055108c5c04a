// Tenure live pages (docs/dashboards/README.md, "Live updates"; ADR 0150).
// On a page whose layout marks its content with <main data-live="/live/events">, listens to the tenant's change
// events (Server-Sent Events, the sign-in cookie) and, on each, re-reads the page's own URL and brings the content up
// to date in place: parts that did not change keep their DOM, the scroll position stays, and a form the user is
// filling in (focused or typed in) is left as it is. No script, no EventSource: the page stays as loaded.
// State for tests and curious eyes: <html data-live="connecting|open|reconnecting|closed" data-live-updates="N">.
(() => {
    'use strict';
    const main = document.querySelector('main[data-live]');
    if (!main || !window.EventSource || !window.fetch || !window.DOMParser) return;

    const root = document.documentElement;
    const streamUrl = main.getAttribute('data-live');
    // A stream refused (429 past the caps, 401 after sign-out) is tried again this much later.
    const refusedRetryMs = 60000;
    const touched = new WeakSet(); // forms the user typed in since the page loaded
    let source = null;
    let missed = false; // the stream was down: changes may have been missed
    let running = false;
    let again = false;
    let hiddenChange = false;

    document.addEventListener('input', (e) => { const form = e.target.form || e.target.closest?.('form'); if (form) touched.add(form); }, true);
    document.addEventListener('change', (e) => { const form = e.target.form || e.target.closest?.('form'); if (form) touched.add(form); }, true);
    document.addEventListener('visibilitychange', () => { if (!document.hidden && hiddenChange) { hiddenChange = false; refresh(); } });
    window.addEventListener('pagehide', () => source?.close());

    function connect() {
        root.dataset.live = 'connecting';
        source = new EventSource(streamUrl);
        source.addEventListener('open', () => {
            root.dataset.live = 'open';
            if (missed) { missed = false; changed(); }
        });
        // Every kind of change (data, usage, survey, task, note, alert, and any added later) re-reads the page: the
        // page knows what it shows, the event only that something of the tenant's changed.
        source.addEventListener('change', changed);
        source.addEventListener('error', () => {
            missed = true;
            if (source.readyState === EventSource.CLOSED) {
                // Refused or not an event stream: the browser gives up; try again much later.
                root.dataset.live = 'closed';
                source.close();
                setTimeout(connect, refusedRetryMs);
            } else {
                root.dataset.live = 'reconnecting'; // the browser reconnects by itself (the stream's retry field)
            }
        });
    }

    function changed() {
        if (document.hidden) { hiddenChange = true; return; } // a background tab catches up when shown
        refresh();
    }

    // Re-reads the page; one at a time, and once more if a change came in meanwhile.
    async function refresh() {
        if (running) { again = true; return; }
        running = true;
        try {
            const response = await fetch(location.href, { credentials: 'same-origin', cache: 'no-store', headers: { 'X-Tenure-Live': '1' } });
            // Signed out (redirected to /signin) or an error page: leave the page as it is.
            if (!response.ok || response.redirected) return;
            const next = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('main[data-live]');
            if (!next) return;
            const x = window.scrollX, y = window.scrollY;
            morph(main, next);
            if (window.scrollX !== x || window.scrollY !== y) window.scrollTo(x, y);
            root.dataset.liveUpdates = String(Number(root.dataset.liveUpdates || 0) + 1);
        } catch {
            // Offline or the server restarting: the next change tries again.
        } finally {
            running = false;
            if (again) { again = false; refresh(); }
        }
    }

    // Makes `current` look like `next`, touching only what differs.
    function morph(current, next) {
        if (current.isEqualNode(next)) return;
        if (current.nodeType === Node.TEXT_NODE && next.nodeType === Node.TEXT_NODE) { current.nodeValue = next.nodeValue; return; }
        const inUse = holdsUserInput(current);
        if (inUse && current.nodeName === 'FORM') return;
        const sameShape = current.nodeType === Node.ELEMENT_NODE && current.nodeName === next.nodeName
            && current.childNodes.length === next.childNodes.length;
        if (!sameShape) {
            if (!inUse) current.replaceWith(document.importNode(next, true));
            return; // a changed part holding the user's input waits for a later change
        }
        syncAttributes(current, next);
        const a = Array.from(current.childNodes), b = Array.from(next.childNodes);
        for (let i = 0; i < a.length; i++) morph(a[i], b[i]);
    }

    // Whether the node holds the focused field or a form the user typed in.
    function holdsUserInput(node) {
        if (node.nodeType !== Node.ELEMENT_NODE) return false;
        const active = document.activeElement;
        if (active && active !== document.body && node.contains(active) && active.matches('input, select, textarea, [contenteditable]')) return true;
        if (node.nodeName === 'FORM') return touched.has(node);
        for (const form of node.querySelectorAll('form')) if (touched.has(form)) return true;
        return false;
    }

    function syncAttributes(current, next) {
        for (const { name } of Array.from(current.attributes)) {
            if (!next.hasAttribute(name) && !(name === 'open' && current.nodeName === 'DETAILS')) current.removeAttribute(name);
        }
        for (const { name, value } of Array.from(next.attributes)) {
            if (name === 'open' && current.nodeName === 'DETAILS') continue; // the user opened or closed it
            if (current.getAttribute(name) !== value) current.setAttribute(name, value);
        }
    }

    connect();
})();
