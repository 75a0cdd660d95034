"""report_check.py - loads a netprofile report in headless Chromium
(tests/lib/cdp.py) and checks it as tests/report.sh asks, printing one line
per check: "PASS name" or "FAIL name: what was seen". The suite counts them.

  report_check.py page FILE SERVERS [SCREENSHOT]   the tables, sorting, filter, clients
  report_check.py hostile FILE TEXT...             hostile names stay text
  report_check.py nochart FILE                     the SVG charts without Chart.js
  report_check.py anomalies FILE N CHECK TEXT...   the findings table: N rows, the filter
                                                   on CHECK, hostile TEXT shown as text
Every mode also checks: no console error, no exception, no request of any
kind but the file itself, no Content-Security-Policy violation.
"""
import sys
import time

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import cdp  # noqa: E402


def result(name, ok, detail=""):
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + str(detail)), flush=True)


def common(b, url):
    ready = b.wait_for("window.npReport && npReport.ready", 120)
    result("page ready", ready)
    errors = b.errors()
    result("no console errors", not errors, errors[:5])
    reqs = b.requests(url)
    result("no network requests", not reqs, reqs[:5])
    csp = b.eval("window.__csp || []")
    result("no CSP violations", not csp, csp[:5])
    dialogs = [e for e in b.events if e["method"] == "Page.javascriptDialogOpening"]
    result("no dialogs", not dialogs, dialogs[:1])
    return ready


def visible_rows(b, table):
    return b.eval("Array.from(document.querySelectorAll('#%s .vt-row:not([hidden])'))"
                  ".map(r => [+r.dataset.row, r.textContent])" % table)


def check_page(b, servers):
    n = b.eval("npReport.servers.view.length")
    result("servers table has every server", n == servers, "%s rows, inventory has %s" % (n, servers))
    count = b.eval("document.getElementById('server-count').textContent")
    result("server count shown", count.replace(",", "").startswith("%d of %d" % (servers, servers)), count)
    dom = b.eval("document.querySelectorAll('#servers .vt-row').length")
    result("rows virtualised", dom <= 60 and (servers == 0 or dom > 0), "%d row elements" % dom)
    # the last server is reachable by scrolling
    b.eval("(() => { const t = npReport.servers; t.body.scrollTop = t.body.scrollHeight; t.render(); })()")
    rows = visible_rows(b, "servers")
    last = b.eval("npReport.servers.view[npReport.servers.view.length - 1]")
    result("scrolling reaches the last server", servers == 0 or any(r[0] == last for r in rows), rows[-1:])
    # sort by bytes: the largest first
    b.eval("Array.from(document.querySelectorAll('#servers .vt-head > div')).find(h => h.textContent == 'Bytes').click()")
    top = visible_rows(b, "servers")
    max_bytes = b.eval("Math.max(...npReport.data.servers.bytes)")
    first_bytes = b.eval("npReport.data.servers.bytes[%d]" % top[0][0]) if top else None
    result("sorting by bytes puts the largest first", first_bytes == max_bytes, "%s vs max %s" % (first_bytes, max_bytes))
    result("status shown", all(("confirmed" in r[1]) for r in top), top[:1])
    ordered = b.eval("(() => { const v = npReport.servers.view, b = npReport.data.servers.bytes;"
                     " for (let i = 1; i < v.length; i++) if (b[v[i - 1]] < b[v[i]]) return false; return true; })()")
    result("sorted by bytes all the way down", ordered)
    # the filter narrows the rows, and every row left matches
    b.eval("(() => { const f = document.getElementById('server-filter'); f.value = 'ssh';"
           " f.dispatchEvent(new Event('input')); })()")
    time.sleep(0.5)
    nf = b.eval("npReport.servers.view.length")
    rows = visible_rows(b, "servers")
    result("filter narrows the rows", 0 < nf < servers, "%s of %s" % (nf, servers))
    result("filtered rows match", rows and all("ssh" in r[1] for r in rows), rows[:2])
    shown = b.eval("document.getElementById('server-count').textContent").replace(",", "")
    result("filtered count shown", shown.startswith("%d of %d" % (nf, servers)), shown)
    # a row opens the server's clients
    b.eval("document.querySelector('#servers .vt-row:not([hidden])').click()")
    sid = rows[0][0] if rows else -1
    listed = b.eval("npReport.data.servers.cl[%d + 1] - npReport.data.servers.cl[%d]" % (sid, sid))
    stored = b.eval("Math.min(npReport.data.servers.clients[%d], npReport.data.maxClients)" % sid)
    panel = b.eval("!document.getElementById('clients-panel').hidden && npReport.clients.view.length")
    result("a row opens its clients", panel == listed == stored and listed > 0,
           "panel %s, listed %s, stored %s" % (panel, listed, stored))
    b.eval("(() => { const f = document.getElementById('server-filter'); f.value = '';"
           " f.dispatchEvent(new Event('input')); })()")
    time.sleep(0.3)
    charts = b.eval("typeof Chart !== 'undefined' ? Object.keys(Chart.instances).length : -1")
    want = b.eval("npReport.data.traffic ? 2 : 1")  # traffic over time only from captures
    result("charts drawn by Chart.js", charts == want, "%s of %s" % (charts, want))


def check_hostile(b, texts):
    result("no script ran from the data", b.eval("window.__pwned === undefined"))
    result("no image element", b.eval("document.querySelectorAll('img').length") == 0)
    result("three script elements", b.eval("document.scripts.length") == 3, b.eval("document.scripts.length"))
    page_text = b.eval("(() => { const t = npReport.servers; t.body.style.height = '100000px'; t.render();"
                       " return document.body.innerText; })()")
    for t in texts:
        result("shown as text: %r" % t[:30], t in page_text or t.replace("\u2028", "\n") in page_text)


def check_nochart(b):
    result("no Chart.js inlined", b.eval("typeof Chart") == "undefined")
    svgs = b.eval("document.querySelectorAll('#services-chart svg rect').length")
    result("services drawn as SVG", svgs > 0, svgs)
    result("traffic drawn as SVG", b.eval("document.querySelectorAll('#traffic-chart svg').length") == 1)


def check_anomalies(b, n, check, texts):
    shown = b.eval("!document.getElementById('anomalies-section').hidden")
    result("anomalies section shown", shown)
    rows = b.eval("npReport.anomalies ? npReport.anomalies.view.length : -1")
    result("findings table has %d rows" % n, rows == n, rows)
    dom = b.eval("document.querySelectorAll('#anomalies .vt-row:not([hidden])').length")
    result("findings rows in the page", dom == min(n, 12 + 10) or (n > 12 and 12 <= dom <= 60), dom)
    count = b.eval("document.getElementById('anomaly-count').textContent").replace(",", "")
    result("findings count shown", count.startswith("%d of %d" % (n, n)), count)
    b.eval("(() => { const f = document.getElementById('anomaly-filter'); f.value = %r;"
           " f.dispatchEvent(new Event('input')); })()" % check)
    time.sleep(0.5)
    nf = b.eval("npReport.anomalies.view.length")
    want = b.eval("npReport.data.anomalies.check.filter(c => npReport.data.anomalies.checks[c] === %r).length" % check)
    vis = visible_rows(b, "anomalies")
    result("filter on %s leaves its %d findings" % (check, want), nf == want and 0 < nf < n and
           all(check in r[1] for r in vis), "%s rows" % nf)
    b.eval("(() => { const f = document.getElementById('anomaly-filter'); f.value = '';"
           " f.dispatchEvent(new Event('input')); })()")
    time.sleep(0.3)
    b.eval("Array.from(document.querySelectorAll('#anomalies .vt-head > div')).find(h => h.textContent == 'Packet').click()")
    first = b.eval("npReport.data.anomalies.packet[npReport.anomalies.view[0]]")
    result("sorting by packet puts the last first", first == b.eval("Math.max(...npReport.data.anomalies.packet)"), first)
    summary = b.eval("document.getElementById('summary').innerText")
    result("summary counts the findings by check", "Anomalies" in summary and check in summary, summary[-200:])
    hosts = b.eval("npReport.hostSteps ? npReport.hostSteps.view.length : -1")
    want = b.eval("npReport.data.hostSteps.n")
    result("host steps table has its %d rows" % want, hosts == want > 0, hosts)
    result("no script ran from the data", b.eval("window.__pwned === undefined"))
    result("no image element", b.eval("document.querySelectorAll('img').length") == 0)
    page_text = b.eval("(() => { const t = npReport.anomalies; t.body.style.height = '100000px'; t.render();"
                       " return document.body.innerText; })()")
    for t in texts:
        result("shown as text: %r" % t[:30], t in page_text)


def main():
    mode, path = sys.argv[1], sys.argv[2]
    b = cdp.Browser()
    try:
        url = b.open(path)
        if not common(b, url):
            return
        if mode == "page":
            check_page(b, int(sys.argv[3]))
            if len(sys.argv) > 4:
                b.screenshot(sys.argv[4])
        elif mode == "hostile":
            check_hostile(b, sys.argv[3:])
        elif mode == "nochart":
            check_nochart(b)
        elif mode == "anomalies":
            check_anomalies(b, int(sys.argv[3]), sys.argv[4], sys.argv[5:])
        # anything the checks themselves provoked
        errors = b.errors()
        result("no errors while used", not errors, errors[:5])
        result("no requests while used", not b.requests(url), b.requests(url)[:5])
    finally:
        b.close()


main()
