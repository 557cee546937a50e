"use strict";
// The live page: one snapshot a second from /api/live (server-sent events). Reads only.
// Everything kept here is bounded: POINTS samples per chart, MARKERS markers, the server's tail.
const POINTS = 600;
const MARKERS = 300;
const MARKER_KINDS = new Set(["connected", "closed", "login_refused", "unreadable_line", "not_a_request"]);
const COLORS = ["#2a2", "#c33", "#e90", "#93c", "#36c", "#0aa", "#a52", "#c3a", "#777", "#6a0", "#05a", "#f60", "#909", "#088", "#b00"];

const $ = (id) => document.getElementById(id);
let previous = null;
let sharesChart = null;
let jobsChart = null;
let shareSeries = [];      // [{name, value(snapshot)}]
const shareData = [[]];    // x, then one array per series
const jobData = [[], [], []];
const markers = [];        // {t, color, label}
const seenMarkers = new Set();
let tail = [];

function cell(row, text) {
  const td = document.createElement("td");
  td.textContent = text;
  row.appendChild(td);
  return td;
}

function rate(hashesPerSecond) {
  const units = ["H/s", "kH/s", "MH/s", "GH/s", "TH/s"];
  let v = hashesPerSecond, i = 0;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return v.toFixed(1) + " " + units[i];
}

function sum(object) {
  return Object.values(object).reduce((a, b) => a + b, 0);
}

function push(data, values) {
  values.forEach((v, i) => data[i].push(v));
  if (data[0].length > POINTS) data.forEach((a) => a.shift());
}

function addMarker(key, t, color, label) {
  if (seenMarkers.has(key)) return;
  seenMarkers.add(key);
  markers.push({ key, t, color, label });
  if (markers.length > MARKERS) markers.shift();
  // Forget the keys of markers no longer drawn; those still in the server's tail come back as new ones at worst once.
  if (seenMarkers.size > 4 * MARKERS) { seenMarkers.clear(); markers.forEach((m) => seenMarkers.add(m.key)); }
}

// Draws the markers as vertical lines across a chart's plot area.
function drawMarkers(u) {
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.lineWidth = 1.5 * devicePixelRatio;
  for (const m of markers) {
    const x = u.valToPos(m.t, "x", true);
    if (x < left || x > left + width) continue;
    ctx.strokeStyle = m.color;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
  }
  ctx.restore();
}

function chart(element, series, data, yAxes) {
  const opts = {
    width: Math.max(400, element.clientWidth || 900),
    height: 220,
    series: [{}].concat(series),
    axes: [{}].concat(yAxes),
    hooks: { draw: [drawMarkers] },
  };
  return new uPlot(opts, data, element);
}

function makeCharts(snapshot) {
  const shares = snapshot.stats.shares;
  shareSeries = [{ name: "accepted", value: (s) => s.stats.shares.accepted }];
  for (const verdict of Object.keys(shares.rejected)) {
    shareSeries.push({ name: verdict, value: (s) => s.stats.shares.rejected[verdict] });
  }
  for (const flag of Object.keys(shares.flagged)) {
    shareSeries.push({ name: "flag " + flag, value: (s) => s.stats.shares.flagged[flag], dash: [4, 3] });
  }
  shareSeries.forEach(() => shareData.push([]));
  sharesChart = chart($("shares-chart"), shareSeries.map((s, i) => ({
    label: s.name, stroke: COLORS[i % COLORS.length], dash: s.dash, width: 1.5,
  })), shareData, [{ label: "shares/s" }]);
  jobsChart = chart($("jobs-chart"), [
    { label: "job switches", stroke: "#36c", width: 1.5, paths: uPlot.paths.bars({ size: [0.6, 8] }), fill: "#36c4" },
    { label: "first share (s, mean)", stroke: "#c33", width: 1.5, scale: "s", points: { show: true } },
  ], jobData, [{ label: "switches" }, { label: "seconds", scale: "s", side: 1, grid: { show: false } }]);
}

function showTiles(s) {
  const shares = s.stats.shares;
  $("dialect").textContent = "(" + s.stats.dialect + ")";
  $("job").textContent = "job " + s.stats.job.id + " at height " + s.stats.job.height + ", target " + s.stats.job.target;
  $("sessions-count").textContent = s.stats.sessions;
  $("accepted-total").textContent = shares.accepted;
  $("rejected-total").textContent = sum(shares.rejected);
  $("flagged-total").textContent = sum(shares.flagged);
  $("job-switches").textContent = s.job_switches;
  $("faults-injected").textContent = s.faults_injected;
  const first = s.first_shares;
  $("first-share-mean").textContent = first.count === 0 ? "–" : (1000 * first.seconds / first.count).toFixed(1) + " ms";
}

function showSessions(s) {
  const body = $("sessions").tBodies[0];
  body.replaceChildren();
  for (const session of s.sessions) {
    const row = body.insertRow();
    row.dataset.session = session.id;
    cell(row, session.id);
    cell(row, session.login ?? "(not logged in)").className = "login";
    cell(row, session.remote);
    cell(row, s.stats.dialect);
    cell(row, session.target).className = "target";
    cell(row, session.jobs_remembered).className = "jobs";
    cell(row, rate(session.hashrate)).className = "hashrate";
    // Stratum for Bytom carries no hashrate report: the miner's own figure is on its --api port.
    cell(row, "not sent over stratum").className = "reported";
  }
}

function showTail() {
  const session = $("filter-session").value;
  const method = $("filter-method").value;
  const body = $("tail").tBodies[0];
  body.replaceChildren();
  for (const line of tail) {
    if (session !== "" && String(line.session) !== session) continue;
    if (method !== "" && (line.method ?? "") !== method) continue;
    const row = body.insertRow();
    row.dataset.session = line.session;
    row.dataset.method = line.method ?? "";
    cell(row, new Date(line.time).toISOString().substring(11, 23));
    cell(row, line.session);
    cell(row, line.worker ?? "");
    cell(row, line.method ?? "");
    cell(row, line.kind);
    cell(row, line.text);
  }
  $("tail-scroll").scrollTop = $("tail-scroll").scrollHeight;
}

function refreshOptions(select, values) {
  const have = new Set(Array.from(select.options).map((o) => o.value));
  for (const v of values) {
    if (v === "" || have.has(v)) continue;
    const option = document.createElement("option");
    option.value = option.textContent = v;
    select.appendChild(option);
  }
}

function onSnapshot(s) {
  const t = s.time / 1000;
  showTiles(s);
  showSessions(s);
  tail = s.tail;
  refreshOptions($("filter-session"), tail.map((l) => String(l.session)));
  refreshOptions($("filter-method"), tail.map((l) => l.method ?? ""));
  showTail();
  for (const line of tail) {
    if (MARKER_KINDS.has(line.kind)) {
      addMarker(line.kind + line.time + line.session, line.time / 1000, "#c33", line.kind + " " + line.session);
    }
  }
  if (sharesChart === null) {
    makeCharts(s);
  }
  if (previous !== null) {
    const seconds = Math.max(0.001, (s.time - previous.time) / 1000);
    push(shareData, [t].concat(shareSeries.map((series) => (series.value(s) - series.value(previous)) / seconds)));
    const switches = s.job_switches - previous.job_switches;
    const firsts = s.first_shares.count - previous.first_shares.count;
    const latency = firsts > 0 ? (s.first_shares.seconds - previous.first_shares.seconds) / firsts : null;
    push(jobData, [t, switches, latency]);
    if (switches > 0) addMarker("job" + s.job_switches, t, "#36c", "job switch");
    if (s.faults_injected > previous.faults_injected) addMarker("fault" + s.faults_injected, t, "#e90", "fault");
    sharesChart.setData(shareData);
    jobsChart.setData(jobData);
  }
  previous = s;
  document.body.dataset.snapshots = String(Number(document.body.dataset.snapshots ?? 0) + 1);
}

function connect() {
  const feed = new EventSource("api/live");
  feed.onopen = () => { $("feed-state").textContent = "live"; $("feed-state").className = "state live"; };
  feed.onerror = () => { $("feed-state").textContent = "reconnecting…"; $("feed-state").className = "state"; };
  feed.onmessage = (message) => onSnapshot(JSON.parse(message.data));
}

$("filter-session").addEventListener("change", showTail);
$("filter-method").addEventListener("change", showTail);
connect();
