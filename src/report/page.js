/*
 * page.js - draws the netprofile report from the JSON in #np-data.
 * Everything is rendered with textContent and DOM nodes, never innerHTML,
 * so no name in the data can become markup. Tables are virtualised: only
 * the rows in view exist in the DOM, whatever the number of servers.
 * Charts use Chart.js when the report inlined it, else plain SVG.
 * State for tests and the curious: window.npReport.
 */
"use strict";
(function () {
	const t_start = performance.now();
	const D = JSON.parse(document.getElementById("np-data").textContent);
	const S = D.servers, C = D.clients, A = D.alerts;
	const str = (i) => (i >= 0 ? D.strs[i] : "");
	const host = (i) => (i >= 0 ? D.hosts[i] : "");

	/* ---- formatting -------------------------------------------------------------- */
	const pad = (n, w) => String(n).padStart(w || 2, "0");
	function fmtTime(ms, withMs) {
		const d = new Date(D.t0 + ms);
		const s = d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) + " " +
			pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + ":" + pad(d.getUTCSeconds());
		return withMs ? s + "." + pad(d.getUTCMilliseconds(), 3) : s;
	}
	function fmtDuration(ms) {
		const s = ms / 1000;
		if (s < 1) return ms + " ms";
		if (s < 120) return s.toFixed(1) + " s";
		if (s < 7200) return (s / 60).toFixed(1) + " min";
		if (s < 172800) return (s / 3600).toFixed(1) + " h";
		return (s / 86400).toFixed(1) + " days";
	}
	function fmtBytes(b) {
		const u = ["B", "kB", "MB", "GB", "TB", "PB"];
		let i = 0;
		while (b >= 1000 && i < u.length - 1) { b /= 1000; i++; }
		return (i ? b.toFixed(b < 10 ? 2 : b < 100 ? 1 : 0) : String(b)) + " " + u[i];
	}
	/* 1234567 -> "1,234,567" (toLocaleString is slow by the hundred thousand) */
	const fmtInt = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
	function el(tag, cls, text) {
		const e = document.createElement(tag);
		if (cls) e.className = cls;
		if (text !== undefined) e.textContent = text;
		return e;
	}
	/* An IPv4 address sorts by its number, before IPv6 (which sorts as text). */
	function addrKey(a) {
		const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
		return m ? "4" + m.slice(1).map((x) => pad(x, 3)).join(".") : "6" + a;
	}

	/* ---- a virtualised, sortable, filterable table -------------------------------- */
	const ROW_H = 24;
	function VTable(box, cols, n, opts) {
		this.box = box;
		this.cols = cols;
		this.n = n;
		this.opts = opts || {};
		this.all = new Uint32Array(n);
		for (let i = 0; i < n; i++) this.all[i] = i;
		this.view = this.all;
		this.sortCol = -1;
		this.sortDir = 1;
		this.filterText = "";
		this.selected = -1;
		this.search = null;
		/* the filter reads the text columns; numbers and times are for sorting */
		this.searched = cols.filter((c) => !c.num && !c.time);
		const tmpl = cols.map((c) => c.width || "1fr").join(" ");
		this.head = el("div", "vt-head");
		this.head.style.gridTemplateColumns = tmpl;
		this.head.setAttribute("role", "row");
		cols.forEach((c, ci) => {
			const h = el("div", c.num ? "num" : "", c.label);
			h.setAttribute("role", "columnheader");
			h.title = "Sort by " + c.label;
			h.addEventListener("click", () => this.sortBy(ci));
			this.head.appendChild(h);
		});
		this.body = el("div", "vt-body");
		this.spacer = el("div", "vt-spacer");
		this.rows = el("div", "vt-rows");
		this.spacer.appendChild(this.rows);
		this.body.appendChild(this.spacer);
		box.textContent = "";
		box.setAttribute("role", "table");
		box.appendChild(this.head);
		box.appendChild(this.body);
		this.pool = [];
		this.tmpl = tmpl;
		this.body.addEventListener("scroll", () => this.render());
		this.rows.addEventListener("click", (e) => {
			const r = e.target.closest(".vt-row");
			if (r && this.opts.onOpen) this.open(+r.dataset.row);
		});
		this.rows.addEventListener("keydown", (e) => {
			const r = e.target.closest(".vt-row");
			if (r && e.key === "Enter" && this.opts.onOpen) this.open(+r.dataset.row);
		});
	}
	VTable.prototype.open = function (id) {
		this.selected = id;
		this.render();
		this.opts.onOpen(id);
	};
	VTable.prototype.rowEl = function (k) {
		while (this.pool.length <= k) {
			const r = el("div", "vt-row" + (this.opts.onOpen ? " clickable" : ""));
			r.style.gridTemplateColumns = this.tmpl;
			r.setAttribute("role", "row");
			if (this.opts.onOpen) r.tabIndex = 0;
			this.cols.forEach((c) => r.appendChild(el("div", c.num ? "num" : "")));
			this.rows.appendChild(r);
			this.pool.push(r);
		}
		return this.pool[k];
	};
	VTable.prototype.render = function () {
		const total = this.view.length;
		this.spacer.style.height = total * ROW_H + "px";
		this.body.style.height = Math.max(2, Math.min(total, this.opts.rows || 18)) * ROW_H + 2 + "px";
		const top = this.body.scrollTop;
		const first = Math.max(0, Math.floor(top / ROW_H) - 5);
		const count = Math.min(total - first, Math.ceil(this.body.clientHeight / ROW_H) + 10);
		this.rows.style.transform = "translateY(" + first * ROW_H + "px)";
		for (let k = 0; k < Math.max(count, 0); k++) {
			const id = this.view[first + k];
			const r = this.rowEl(k);
			r.hidden = false;
			r.dataset.row = id;
			r.classList.toggle("selected", id === this.selected);
			const cells = r.children;
			for (let c = 0; c < this.cols.length; c++) {
				const col = this.cols[c];
				cells[c].textContent = col.text(id);
				if (col.cls) cells[c].className = (col.num ? "num " : "") + col.cls(id);
				if (col.title) cells[c].title = col.title(id);
			}
		}
		for (let k = Math.max(count, 0); k < this.pool.length; k++) this.pool[k].hidden = true;
		if (this.opts.onChange) this.opts.onChange(this);
	};
	VTable.prototype.sortBy = function (ci, dir) {
		const col = this.cols[ci];
		this.sortDir = dir || (this.sortCol === ci ? -this.sortDir : col.num ? -1 : 1);
		this.sortCol = ci;
		const n = this.n, keys = new Array(n);
		for (let i = 0; i < n; i++) keys[i] = col.key(i);
		const d = this.sortDir;
		const sorted = Uint32Array.from(this.all).sort((a, b) =>
			keys[a] < keys[b] ? -d : keys[a] > keys[b] ? d : a - b);
		this.all = sorted;
		Array.from(this.head.children).forEach((h, i) =>
			h.setAttribute("aria-sort", i === ci ? (d > 0 ? "ascending" : "descending") : "none"));
		this.applyFilter();
	};
	VTable.prototype.filter = function (text) {
		this.filterText = text.trim().toLowerCase();
		this.applyFilter();
	};
	VTable.prototype.applyFilter = function () {
		const words = this.filterText.split(/\s+/).filter((w) => w);
		if (!words.length) {
			this.view = this.all;
		} else {
			if (!this.search) {
				this.search = new Array(this.n);
				for (let i = 0; i < this.n; i++)
					this.search[i] = this.searched.map((c) => c.text(i)).join(" ").toLowerCase() +
						(this.opts.extraSearch ? " " + this.opts.extraSearch(i).toLowerCase() : "");
			}
			const s = this.search;
			this.view = this.all.filter((i) => words.every((w) => s[i].includes(w)));
		}
		this.body.scrollTop = 0;
		this.render();
	};
	function debounce(fn, ms) {
		let t = 0;
		return function () {
			const args = arguments;
			clearTimeout(t);
			t = setTimeout(() => fn.apply(null, args), ms);
		};
	}

	/* ---- summary ---------------------------------------------------------------------- */
	let tMin = Infinity, tMax = -Infinity;
	for (let i = 0; i < S.n; i++) {
		if (S.first[i] < tMin) tMin = S.first[i];
		if (S.last[i] > tMax) tMax = S.last[i];
	}
	if (D.traffic) {
		tMin = Math.min(tMin, D.traffic.start);
		tMax = Math.max(tMax, D.traffic.start + D.traffic.step * D.traffic.flows.length);
	}
	if (!isFinite(tMin)) { tMin = 0; tMax = 0; }
	const services = new Map();
	for (let i = 0; i < S.n; i++) {
		const k = S.svc[i];
		const v = services.get(k) || { servers: 0, bytes: 0, flows: 0 };
		v.servers++;
		v.bytes += S.bytes[i];
		v.flows += S.flows[i];
		services.set(k, v);
	}
	const alertKinds = new Map();
	for (let i = 0; i < A.n; i++) alertKinds.set(str(A.kind[i]), (alertKinds.get(str(A.kind[i])) || 0) + 1);
	const serverHosts = new Set(S.host).size;
	const F = D.anomalies; /* from captures only */

	function summary() {
		document.title = D.title;
		document.getElementById("title").textContent = D.title;
		document.getElementById("subtitle").textContent = "From " + D.source + ", written " + D.generated +
			" by netprofile. Times are UTC.";
		const dl = document.getElementById("summary");
		const a = fmtTime(tMin), b = fmtTime(tMax), sameDay = a.slice(0, 10) === b.slice(0, 10);
		const items = [S.n || D.traffic
			? ["Time span", sameDay ? a.slice(11) + " – " + b.slice(11) : a.slice(0, 16) + " – " + b.slice(0, 16),
			   (sameDay ? a.slice(0, 10) + ", " : "") + fmtDuration(tMax - tMin)]
			: ["Time span", "–"]];
		if (D.packets !== undefined) items.push(["Packets", fmtInt(D.packets)]);
		if (D.flows !== undefined) items.push(["Flows", fmtInt(D.flows)]);
		items.push(["Servers", fmtInt(S.n), "on " + fmtInt(serverHosts) + " addresses"],
			["Services", fmtInt(services.size)],
			["Alerts", fmtInt(A.n), Array.from(alertKinds, (kv) => kv[1] + " " + kv[0]).join(", ")]);
		if (F) items.push(["Anomalies", fmtInt(F.counts.reduce((a, b) => a + b, 0)),
			F.checks.map((c, i) => [F.counts[i], c]).filter((kv) => kv[0] > 0).map((kv) => fmtInt(kv[0]) + " " + kv[1]).join(", ")]);
		for (const it of items) {
			const div = el("div");
			div.appendChild(el("dt", "", it[0]));
			const dd = el("dd", "", it[1]);
			div.appendChild(dd);
			if (it[2]) div.appendChild(el("dd", "note", it[2]));
			dl.appendChild(div);
		}
		document.getElementById("footer").textContent = "Written by netprofile. Self-contained: this file " +
			"makes no network request. " + (D.chartjs ? "Charts by Chart.js." : "Charts drawn as plain SVG.");
	}

	/* ---- servers and their clients ----------------------------------------------------------- */
	const serverName = (i) => host(S.host[i]) + " " + str(S.proto[i]) + "/" + S.port[i];
	const num = (arr, fmt) => ({ key: (i) => arr[i], text: (i) => (fmt ? fmt(arr[i]) : fmtInt(arr[i])), num: true });
	const serverCols = [
		{ label: "Address", width: "minmax(120px,1.6fr)", key: (i) => addrKey(host(S.host[i])), text: (i) => host(S.host[i]) },
		{ label: "Protocol/port", width: "95px", key: (i) => str(S.proto[i]) + pad(S.port[i], 5), text: (i) => str(S.proto[i]) + "/" + S.port[i] },
		{ label: "Service", width: "minmax(70px,0.9fr)", key: (i) => str(S.svc[i]), text: (i) => str(S.svc[i]) },
		{ label: "Status", width: "90px", key: (i) => str(S.status[i]), text: (i) => str(S.status[i]),
		  cls: (i) => (S.status[i] >= 0 ? "status-" + str(S.status[i]) : "") },
		Object.assign({ label: "Clients", width: "70px" }, num(S.clients)),
		Object.assign({ label: "Flows", width: "75px" }, num(S.flows)),
		Object.assign({ label: "Bytes", width: "85px" }, num(S.bytes, fmtBytes)),
		{ label: "First seen", width: "150px", time: true, key: (i) => S.first[i], text: (i) => fmtTime(S.first[i]) },
		{ label: "Last seen", width: "150px", time: true, key: (i) => S.last[i], text: (i) => fmtTime(S.last[i]) },
		Object.assign({ label: "Confidence", width: "80px" }, num(S.conf, (v) => (v / 1000).toFixed(2))),
		{ label: "Evidence", width: "minmax(140px,3fr)", key: (i) => str(S.ev[i]),
		  text: (i) => str(S.ev[i]) + (S.ties[i] >= 0 ? "; ties " + str(S.ties[i]) : ""),
		  title: (i) => str(S.ev[i]) + (S.ties[i] >= 0 ? "; ties " + str(S.ties[i]) : "") },
	];
	const serversTable = new VTable(document.getElementById("servers"), serverCols, S.n, {
		onOpen: openClients,
		onChange: (t) => {
			document.getElementById("server-count").textContent = fmtInt(t.view.length) + " of " +
				fmtInt(S.n) + " servers";
			scheduleTimeline();
		},
	});
	let clientsTable = null;
	function openClients(id) {
		const panel = document.getElementById("clients-panel");
		panel.hidden = false;
		const from = S.cl[id], to = S.cl[id + 1];
		document.getElementById("clients-title").textContent = "Clients of " + serverName(id) +
			(S.svc[id] >= 0 ? " (" + str(S.svc[id]) + ")" : "");
		document.getElementById("clients-note").textContent = to - from < S.clients[id]
			? "The " + fmtInt(to - from) + " with the most flows of its " + fmtInt(S.clients[id]) + " clients."
			: fmtInt(to - from) + " clients" + (S.clients[id] === 0 ? " (none stored: flows without a completed handshake)." : ".");
		const ids = (i) => from + i;
		const cols = [
			{ label: "Client", width: "2fr", key: (i) => addrKey(host(C.host[ids(i)])), text: (i) => host(C.host[ids(i)]) },
			{ label: "Flows", width: "1fr", num: true, key: (i) => C.flows[ids(i)], text: (i) => fmtInt(C.flows[ids(i)]) },
			{ label: "First seen", width: "1.5fr", key: (i) => C.first[ids(i)], text: (i) => fmtTime(C.first[ids(i)]) },
			{ label: "Last seen", width: "1.5fr", key: (i) => C.last[ids(i)], text: (i) => fmtTime(C.last[ids(i)]) },
		];
		clientsTable = new VTable(document.getElementById("clients"), cols, to - from, { rows: 10 });
		clientsTable.render();
		window.npReport.clients = clientsTable;
	}
	document.getElementById("server-filter").addEventListener("input",
		debounce((e) => serversTable.filter(e.target.value), 120));

	/* ---- alerts --------------------------------------------------------------------------- */
	const alertCols = [
		{ label: "Time", width: "190px", time: true, key: (i) => A.t[i], text: (i) => fmtTime(A.t[i], true) },
		{ label: "Kind", width: "100px", key: (i) => str(A.kind[i]), text: (i) => str(A.kind[i]), cls: (i) => "kind-" + str(A.kind[i]) },
		{ label: "Address", width: "minmax(120px,1.4fr)", key: (i) => addrKey(host(A.host[i])), text: (i) => host(A.host[i]) },
		{ label: "Protocol/port", width: "95px", key: (i) => str(A.proto[i]) + pad(A.port[i], 5), text: (i) => str(A.proto[i]) + "/" + A.port[i] },
		{ label: "Service", width: "minmax(70px,0.8fr)", key: (i) => str(A.svc[i]), text: (i) => str(A.svc[i]) },
		{ label: "Evidence", width: "minmax(140px,3fr)", key: (i) => str(A.ev[i]), text: (i) => str(A.ev[i]), title: (i) => str(A.ev[i]) },
	];
	const alertsTable = new VTable(document.getElementById("alerts"), alertCols, A.n, {
		rows: 12,
		onOpen: (i) => { if (A.srv[i] >= 0) { serversTable.open(A.srv[i]); document.getElementById("clients-panel").scrollIntoView(); } },
		onChange: (t) => { document.getElementById("alert-count").textContent = fmtInt(t.view.length) + " of " + fmtInt(A.n) + " alerts"; },
	});
	document.getElementById("alert-filter").addEventListener("input",
		debounce((e) => alertsTable.filter(e.target.value), 120));

	/* ---- anomalies (the checks of netprofile anomalies, over the captures) ------------------- */
	let anomaliesTable = null, hostStepsTable = null;
	function anomalies() {
		if (!F) return;
		document.getElementById("anomalies-section").hidden = false;
		const total = F.counts.reduce((a, b) => a + b, 0);
		document.getElementById("anomaly-note").textContent = "What netprofile anomalies finds in the captures" +
			(total > F.n ? ": the first " + fmtInt(F.n) + " of " + fmtInt(total) + " findings are listed (at most " +
			 fmtInt(F.max) + "); the summary counts them all." : ".") + " Times are UTC.";
		const when = (i) => fmtTime(F.t[i]) + "." + pad(F.us[i], 6);
		const cols = [];
		if (F.files.length > 1)
			cols.push({ label: "Capture", width: "minmax(80px,1fr)", key: (i) => F.files[F.file[i]], text: (i) => F.files[F.file[i]] });
		cols.push(
			Object.assign({ label: "Packet", width: "80px" }, num(F.packet)),
			{ label: "Time", width: "200px", time: true, key: (i) => F.t[i] * 1e6 + F.us[i], text: when },
			{ label: "Check", width: "130px", key: (i) => F.checks[F.check[i]], text: (i) => F.checks[F.check[i]] },
			{ label: "Source", width: "minmax(120px,1.3fr)", key: (i) => addrKey(F.src[i]), text: (i) => F.src[i] },
			{ label: "Destination", width: "minmax(120px,1.3fr)", key: (i) => addrKey(F.dst[i]), text: (i) => F.dst[i] },
			{ label: "Detail", width: "minmax(160px,3fr)", key: (i) => F.detail[i], text: (i) => F.detail[i], title: (i) => F.detail[i] });
		anomaliesTable = new VTable(document.getElementById("anomalies"), cols, F.n, {
			rows: 12,
			onChange: (t) => { document.getElementById("anomaly-count").textContent = fmtInt(t.view.length) + " of " + fmtInt(F.n) + " findings"; },
		});
		document.getElementById("anomaly-filter").addEventListener("input",
			debounce((e) => anomaliesTable.filter(e.target.value), 120));
		anomaliesTable.render();
		const H = D.hostSteps;
		document.getElementById("host-steps-note").textContent = "What netprofile explain says of each host's IP IDs " +
			"and TTLs" + (H.total > H.n ? ": the first " + fmtInt(H.n) + " of " + fmtInt(H.total) + " are listed." : ".");
		const hcols = [];
		if (F.files.length > 1)
			hcols.push({ label: "Capture", width: "minmax(80px,1fr)", key: (i) => F.files[H.file[i]], text: (i) => F.files[H.file[i]] });
		hcols.push(
			{ label: "Host", width: "minmax(120px,1.2fr)", key: (i) => addrKey(H.host[i]), text: (i) => H.host[i] },
			{ label: "Step", width: "60px", key: (i) => H.step[i], text: (i) => H.step[i] },
			{ label: "What it shows", width: "minmax(200px,5fr)", key: (i) => H.summary[i], text: (i) => H.summary[i], title: (i) => H.summary[i] });
		hostStepsTable = new VTable(document.getElementById("host-steps"), hcols, H.n, { rows: 10 });
		hostStepsTable.render();
	}

	/* ---- top talkers ------------------------------------------------------------------------ */
	function smallTable(id, heads, rows) {
		const t = document.getElementById(id);
		const tr = el("tr");
		heads.forEach((h, i) => tr.appendChild(el("th", i ? "num" : "", h)));
		t.appendChild(tr);
		for (const r of rows) {
			const row = el("tr");
			r.forEach((v, i) => row.appendChild(el("td", i ? "num" : "", v)));
			t.appendChild(row);
		}
	}
	function talkers() {
		const byHost = new Map();
		for (let i = 0; i < S.n; i++) {
			const v = byHost.get(S.host[i]) || { bytes: 0, flows: 0, ports: 0 };
			v.bytes += S.bytes[i];
			v.flows += S.flows[i];
			v.ports++;
			byHost.set(S.host[i], v);
		}
		const top = Array.from(byHost).sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 15);
		smallTable("top-servers", ["Address", "Services", "Flows", "Bytes"],
			top.map(([h, v]) => [host(h), fmtInt(v.ports), fmtInt(v.flows), fmtBytes(v.bytes)]));
		smallTable("top-clients", ["Address", "Servers used", "Flows"],
			D.topClients.slice(0, 15).map(([h, n, f]) => [host(h), fmtInt(n), fmtInt(f)]));
	}

	/* ---- charts ------------------------------------------------------------------------------- */
	const COLORS = ["#2a62c9", "#e07b22", "#2e9e5b", "#b3261e", "#7b4bc4"];
	function canvasIn(id) {
		const box = document.getElementById(id);
		const c = el("canvas");
		box.appendChild(c);
		return c;
	}
	/* Without Chart.js: bars (and a line) in SVG, one value axis per series. */
	function svgChart(id, labels, series) {
		const NS = "http://www.w3.org/2000/svg";
		const box = document.getElementById(id);
		const W = box.clientWidth || 800, H = box.clientHeight || 300, L = 10, B = 40, T = 24;
		const svg = document.createElementNS(NS, "svg");
		svg.setAttribute("viewBox", "0 0 " + W + " " + H);
		const add = (tag, attrs, text) => {
			const e = document.createElementNS(NS, tag);
			for (const k in attrs) e.setAttribute(k, attrs[k]);
			if (text !== undefined) e.textContent = text;
			svg.appendChild(e);
			return e;
		};
		const n = labels.length, bw = (W - 2 * L) / Math.max(n, 1);
		series.forEach((s, si) => {
			const max = Math.max(1, ...s.data);
			add("text", { x: L + si * 260, y: 14, fill: COLORS[si], "font-size": 12 }, s.label + " (max " + s.fmt(max) + ")");
			if (s.line) {
				const pts = s.data.map((v, i) => (L + (i + 0.5) * bw) + "," + (H - B - (H - B - T) * v / max)).join(" ");
				add("polyline", { points: pts, fill: "none", stroke: COLORS[si], "stroke-width": 2 });
			} else {
				const w = bw / series.filter((x) => !x.line).length;
				s.data.forEach((v, i) => add("rect", { x: L + i * bw + si * w, y: H - B - (H - B - T) * v / max,
					width: Math.max(w - 1, 1), height: (H - B - T) * v / max, fill: COLORS[si] }));
			}
		});
		const every = Math.ceil(n / 12);
		labels.forEach((lab, i) => { if (i % every === 0) add("text", { x: L + i * bw, y: H - B + 14, "font-size": 10 }, lab); });
		box.appendChild(svg);
	}
	function barChart(id, labels, series) {
		if (!D.chartjs || typeof Chart === "undefined") return svgChart(id, labels, series);
		new Chart(canvasIn(id), {
			type: "bar",
			data: {
				labels: labels,
				datasets: series.map((s, i) => ({
					type: s.line ? "line" : "bar", label: s.label, data: s.data, yAxisID: "y" + i,
					backgroundColor: COLORS[i], borderColor: COLORS[i], pointRadius: s.line ? 0 : undefined,
				})),
			},
			options: {
				animation: false, responsive: true, maintainAspectRatio: false,
				interaction: { mode: "index", intersect: false },
				scales: Object.assign({ x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 12 } } },
					Object.fromEntries(series.map((s, i) => ["y" + i, {
					position: i ? "right" : "left", beginAtZero: true, grid: { drawOnChartArea: i === 0 },
					title: { display: true, text: s.label }, ticks: { precision: 0, callback: (v) => s.fmt(v) },
				}]))),
				plugins: { tooltip: { callbacks: { label: (c) => series[c.datasetIndex].label + ": " + series[c.datasetIndex].fmt(c.raw) } } },
			},
		});
	}
	function servicesChart() {
		const list = Array.from(services).sort((a, b) => b[1].bytes - a[1].bytes || b[1].servers - a[1].servers);
		const top = list.slice(0, 20);
		if (list.length > 20) {
			const rest = { servers: 0, bytes: 0 };
			list.slice(20).forEach(([, v]) => { rest.servers += v.servers; rest.bytes += v.bytes; });
			top.push([-2, rest]);
		}
		barChart("services-chart", top.map(([k]) => (k === -2 ? "(others)" : k >= 0 ? str(k) : "(unnamed)")), [
			{ label: "Servers", data: top.map(([, v]) => v.servers), fmt: fmtInt },
			{ label: "Bytes", data: top.map(([, v]) => v.bytes), fmt: fmtBytes },
		]);
	}
	function trafficChart() {
		const T = D.traffic, note = document.getElementById("traffic-note");
		if (!T) {
			note.textContent = "Built from an inventory, which keeps no flows over time: build the report from " +
				"captures (netprofile report -r) or flow files (--flows) to see traffic over time.";
			document.getElementById("traffic-chart").hidden = true;
			return;
		}
		note.textContent = "Flows (by start time) and bytes per " + fmtDuration(T.step) + ".";
		const labels = T.flows.map((_, i) => fmtTime(T.start + i * T.step, T.step < 1000).slice(T.step < 86400000 ? 11 : 0));
		barChart("traffic-chart", labels, [
			{ label: "Flows", data: T.flows, fmt: fmtInt },
			{ label: "Bytes", data: T.bytes, fmt: fmtBytes, line: true },
		]);
	}

	/* The timeline: one line per server from first to last seen, for the
	 * servers at the top of the table as it is sorted and filtered, with
	 * their alerts marked; above them, every alert of the report. */
	const TL_ROWS = 40;
	const alertsOf = new Map();
	for (let i = 0; i < A.n; i++) if (A.srv[i] >= 0) {
		if (!alertsOf.has(A.srv[i])) alertsOf.set(A.srv[i], []);
		alertsOf.get(A.srv[i]).push(i);
	}
	const KIND_COLOR = { "new-server": "#2e9e5b", "new-service": "#2a62c9", "gone-quiet": "#b3261e" };
	let tlCanvas = null, tlPending = false;
	function scheduleTimeline() {
		if (tlPending) return;
		tlPending = true;
		requestAnimationFrame(() => { tlPending = false; drawTimeline(); });
	}
	function drawTimeline() {
		const box = document.getElementById("timeline-chart");
		if (!tlCanvas) { tlCanvas = el("canvas"); box.appendChild(tlCanvas); }
		const rows = Array.from(serversTable.view.slice(0, TL_ROWS));
		document.getElementById("timeline-note").textContent = "When each server was seen, first to last, for the " +
			(rows.length < serversTable.view.length ? "first " + rows.length + " servers of the table above (sort or filter it to choose)" : "servers of the table above") +
			". Marks: ▲ new-server, ◆ new-service, ✕ gone-quiet; the top strip holds every alert.";
		box.style.height = 34 + 24 + Math.max(rows.length, 3) * 18 + "px";
		const dpr = window.devicePixelRatio || 1, W = box.clientWidth || 1000, H = box.clientHeight;
		tlCanvas.width = W * dpr;
		tlCanvas.height = H * dpr;
		const g = tlCanvas.getContext("2d");
		g.scale(dpr, dpr);
		g.clearRect(0, 0, W, H);
		g.font = "11px system-ui, sans-serif";
		const L = 230, R = 16, top = 34, bottom = 24, span = Math.max(tMax - tMin, 1);
		const x = (t) => L + (W - L - R) * (t - tMin) / span;
		const rh = Math.min(18, (H - top - bottom) / Math.max(rows.length, 1));
		/* time axis */
		g.fillStyle = "#5d6778";
		g.strokeStyle = "#e6e9ef";
		for (let k = 0; k <= 6; k++) {
			const t = tMin + span * k / 6, xx = x(t);
			g.beginPath(); g.moveTo(xx, top - 8); g.lineTo(xx, H - bottom); g.stroke();
			const lab = span > 86400000 * 2 ? fmtTime(t).slice(0, 16) : fmtTime(t, span < 10000).slice(11);
			g.textAlign = k === 0 ? "left" : k === 6 ? "right" : "center";
			g.fillText(lab, xx, H - 8);
		}
		/* every alert, in the strip on top: one mark per pixel and kind */
		const kinds = D.strs.map((k) => KIND_COLOR[k] || "#888"), marked = new Set();
		for (let i = 0; i < A.n; i++) {
			const px = Math.round(x(A.t[i]));
			if (marked.has(px * 64 + A.kind[i] % 64)) continue;
			marked.add(px * 64 + A.kind[i] % 64);
			g.fillStyle = kinds[A.kind[i]];
			g.fillRect(px - 0.5, 6, 1.5, 14);
		}
		g.textAlign = "left";
		g.fillStyle = "#5d6778";
		g.fillText("alerts", 4, 17);
		rows.forEach((id, r) => {
			const y = top + r * rh + rh / 2;
			g.fillStyle = "#1d2330";
			g.fillText((serverName(id) + (S.svc[id] >= 0 ? " " + str(S.svc[id]) : "")).slice(0, 38), 4, y + 4);
			g.fillStyle = COLORS[0];
			g.fillRect(x(S.first[id]), y - rh * 0.3, Math.max(x(S.last[id]) - x(S.first[id]), 2), rh * 0.6);
			for (const a of alertsOf.get(id) || []) marker(g, str(A.kind[a]), x(A.t[a]), y);
		});
	}
	function marker(g, kind, xx, y) {
		g.fillStyle = g.strokeStyle = KIND_COLOR[kind] || "#888";
		g.beginPath();
		if (kind === "gone-quiet") {
			g.lineWidth = 2;
			g.moveTo(xx - 4, y - 4); g.lineTo(xx + 4, y + 4); g.moveTo(xx + 4, y - 4); g.lineTo(xx - 4, y + 4);
			g.stroke();
			g.lineWidth = 1;
		} else if (kind === "new-service") {
			g.moveTo(xx, y - 5); g.lineTo(xx + 5, y); g.lineTo(xx, y + 5); g.lineTo(xx - 5, y); g.fill();
		} else {
			g.moveTo(xx, y - 5); g.lineTo(xx + 5, y + 4); g.lineTo(xx - 5, y + 4); g.fill();
		}
	}

	/* ---- first render ------------------------------------------------------------------------- */
	summary();
	serversTable.render();
	alertsTable.render();
	anomalies();
	talkers();
	window.npReport = { data: D, servers: serversTable, alerts: alertsTable, anomalies: anomaliesTable, hostSteps: hostStepsTable, clients: null, ready: false };
	servicesChart();
	trafficChart();
	drawTimeline();
	window.addEventListener("resize", debounce(scheduleTimeline, 150));
	window.npReport.renderMs = performance.now() - t_start; /* this script's own time */
	window.npReport.readyAt = performance.now(); /* since the navigation started */
	window.npReport.ready = true;
})();
