/* auditor report: graph explorer, evidence waterfall, pairs table.
   All data comes from the JSON block #audit-data and reaches the DOM via textContent. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("audit-data").textContent);
  var A = data.accounts, P = data.pairs, V = data.views, K = data.kinds;
  var ROLE_COLORS = {
    suspended: "#d62728", at_risk: "#f28e2b", clustered: "#3f4a5a", linked: "#a3adb8", unlinked: "#c9ced4"
  };
  var LEVEL_COLORS = { high: "#b3261e", medium: "#b86e00", low: "#5b7a91", none: "#9aa5b1" };
  var FONT = getComputedStyle(document.body).fontFamily;
  var byId = {};
  A.forEach(function (a, i) { byId[a.id] = i; });
  var clusterView = {};
  V.forEach(function (v, i) { if (v.cluster) clusterView[v.cluster] = i; });

  // ---- small DOM helpers (text only, never HTML) ----
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      parent.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return parent;
  }
  function badge(level) { return el("span", "badge lvl-" + level, level); }
  function chip(kind) {
    var c = el("span", "chip", K[kind] ? K[kind][0] : kind);
    c.style.setProperty("--kind", kindColor(kind));
    return c;
  }
  function kindColor(k) { return K[k] ? K[k][2] : "#555555"; }
  function name(i) { return A[i].n || A[i].id; }
  function pct(p) {
    var x = p * 100;
    if (x >= 99.95) return ">99.9%";
    if (x < 0.05) return "<0.1%";
    return x.toFixed(1) + "%";
  }
  function signed(x) { return (x >= 0 ? "+" : "\u2212") + Math.abs(x).toFixed(2); }
  function shortLabel(s, max) {
    // CJK characters are about twice as wide as Latin ones.
    var width = 0, out = "";
    for (var ch of s) {
      width += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
      if (width > max) return out + "\u2026";
      out += ch;
    }
    return out;
  }
  function accButton(i) {
    var b = el("button", "acc-link", name(i));
    b.type = "button";
    b.title = A[i].id;
    b.addEventListener("click", function () { selectAccount(i, true); });
    return b;
  }
  function joinButtons(parent, list, max) {
    var shown = max ? list.slice(0, max) : list;
    shown.forEach(function (i, n) { if (n) add(parent, ", "); add(parent, accButton(i)); });
    if (shown.length < list.length) add(parent, el("span", "muted", " and " + (list.length - shown.length) + " more"));
    return parent;
  }

  // ---- graph ----
  var cy = null, current = -1, filterByCluster = null;
  var graphBox = document.getElementById("graph");
  var panel = document.getElementById("panel");

  var STYLE = [
    { selector: "node.acc", style: {
      "background-color": "data(color)", "label": "data(label)", "font-family": FONT, "font-size": 11,
      "color": "#1d2733", "text-valign": "bottom", "text-margin-y": 4, "text-outline-color": "#ffffff",
      "text-outline-width": 2, "width": 22, "height": 22, "border-width": 2, "border-color": "#ffffff",
      "min-zoomed-font-size": 8 } },
    { selector: "node.bridge", style: { "shape": "diamond", "width": 30, "height": 30 } },
    { selector: "node.outside", style: { "border-color": "#6b7785", "border-style": "dashed", "opacity": 0.6 } },
    { selector: "edge.ext", style: { "opacity": 0.4 } },
    { selector: "node.group", style: {
      "shape": "round-rectangle", "background-color": "#eef2f6", "background-opacity": 0.55,
      "border-width": 1, "border-color": "#c3ccd6", "label": "data(label)", "font-family": FONT,
      "font-size": 13, "font-weight": "bold", "color": "#33414e", "text-valign": "top",
      "text-halign": "center", "text-margin-y": -4, "padding": 22, "min-zoomed-font-size": 6,
      "text-wrap": "ellipsis" } },
    { selector: "node.group.risk", style: { "border-color": "#f28e2b", "border-width": 2 } },
    { selector: "edge", style: {
      "line-color": "data(color)", "width": "data(width)", "curve-style": "straight", "opacity": 0.85 } },
    { selector: "edge.lvl-low", style: { "line-style": "dashed", "line-dash-pattern": [6, 4] } },
    { selector: ".faded", style: { "opacity": 0.12 } },
    { selector: "node.acc.focus", style: { "border-color": "#111111", "border-width": 4 } },
    { selector: "edge.focus", style: { "opacity": 1, "underlay-color": "#111111", "underlay-opacity": 0.2,
      "underlay-padding": 4 } }
  ];

  function edgeWidth(w) { return 1.5 + Math.max(0, Math.min(w, 12)) * 0.6; }

  function initGraph() {
    if (!graphBox) return;
    if (typeof cytoscape !== "function") {
      add(graphBox, el("p", "note", "The graph library did not load."));
      return;
    }
    cy = cytoscape({
      container: graphBox, elements: [], style: STYLE, layout: { name: "preset" },
      minZoom: 0.05, maxZoom: 4, boxSelectionEnabled: false, autoungrabify: false
    });
    cy.on("tap", "node.acc", function (ev) { selectAccount(ev.target.data("acc"), false); });
    cy.on("tap", "node.group", function (ev) { showView(clusterView[ev.target.data("cluster")]); });
    cy.on("tap", "edge", function (ev) { selectPair(ev.target.data("pair"), false); });
    var hover = document.getElementById("graph-hover");
    cy.on("mouseover", "node.acc", function (ev) {
      var a = A[ev.target.data("acc")];
      hover.textContent = (a.n || a.id) + " \u00b7 " + a.id + " \u00b7 " + (data.roles[a.r] || a.r);
    });
    cy.on("mouseover", "edge", function (ev) {
      var q = P[ev.target.data("pair")];
      hover.textContent = name(q.a) + " \u2194 " + name(q.b) + " \u00b7 " + q.l + " \u00b7 " + pct(q.s);
    });
    cy.on("mouseout", "node.acc, edge", function () { hover.textContent = ""; });
    cy.on("tap", function (ev) {
      if (ev.target === cy) { clearFocus(); viewPanel(current); }
    });
    document.getElementById("graph-fit").addEventListener("click", function () { cy.fit(undefined, 40); });
  }

  function showView(vi) {
    if (vi === undefined || vi === null || !V[vi]) return;
    var v = V[vi];
    current = vi;
    if (cy) {
      var els = [];
      v.groups.forEach(function (g, gi) {
        var cv = V[clusterView[g[0]]];
        var label = g[0] + (cv && g[1] < cv.members ? " (" + g[1] + " of " + cv.members + ")" : "");
        els.push({ group: "nodes", classes: "group" + (cv && cv.risk ? " risk" : ""),
          data: { id: "g" + gi, cluster: g[0], label: label } });
      });
      v.nodes.forEach(function (n) {
        var a = A[n[0]];
        var d = { id: "n" + n[0], acc: n[0], label: shortLabel(a.n || a.id, 22), color: ROLE_COLORS[a.r] || "#a3adb8" };
        if (n[3] >= 0) d.parent = "g" + n[3];
        els.push({ group: "nodes", data: d, position: { x: n[1], y: n[2] },
          classes: "acc" + (a.b ? " bridge" : "") + (n[4] ? " outside" : "") });
      });
      var outside = {};
      v.nodes.forEach(function (n) { if (n[4]) outside[n[0]] = true; });
      v.edges.forEach(function (pi) {
        var p = P[pi];
        els.push({ group: "edges", classes: "lvl-" + p.l + (outside[p.a] || outside[p.b] ? " ext" : ""),
          data: { id: "e" + pi, source: "n" + p.a, target: "n" + p.b, pair: pi, color: kindColor(p.k), width: edgeWidth(p.w) } });
      });
      cy.startBatch();
      cy.elements().remove();
      cy.add(els);
      cy.endBatch();
      cy.fit(undefined, 40);
      if (cy.zoom() > 1.4) { cy.zoom(1.4); cy.center(); }
      // Cluster boxes in the overview keep a readable title at the zoom the view opens with.
      var groupFont = Math.max(13, 12 / cy.zoom());
      cy.nodes(".group").forEach(function (g) {
        g.style({ "font-size": groupFont, "text-max-width": Math.max(g.width(), 10) + "px" });
      });
    }
    var drawn = v.nodes.length;
    document.body.dataset.view = v.id;
    document.body.dataset.nodes = String(cy ? cy.nodes(".acc").length : 0);
    document.body.dataset.edges = String(cy ? cy.edges().length : 0);
    document.getElementById("graph-title").textContent = v.t === "cluster" ? "Cluster " + v.label : v.label;
    document.getElementById("graph-count").textContent = drawn + " accounts, " + v.edges.length + " links drawn" +
      (v.hidden ? " \u00b7 " + v.hidden + (v.t === "overview" ? " more in other clusters" : " more not drawn") : "");
    var items = document.querySelectorAll(".view-btn");
    for (var i = 0; i < items.length; i++) {
      items[i].classList.toggle("active", Number(items[i].dataset.view) === vi);
    }
    viewPanel(vi);
  }

  function clearFocus() { if (cy) cy.elements().removeClass("faded focus"); }

  function focusElements(keep) {
    if (!cy) return;
    cy.elements().removeClass("focus").addClass("faded");
    keep.removeClass("faded");
    cy.nodes(".group").removeClass("faded");
  }

  function inView(vi, acc) {
    return V[vi] && V[vi].nodes.some(function (n) { return n[0] === acc; });
  }

  function selectAccount(i, scroll) {
    if (!inView(current, i) && A[i].v !== null && A[i].v !== undefined) showView(A[i].v);
    if (cy) {
      var node = cy.getElementById("n" + i);
      if (node.nonempty()) {
        focusElements(node.closedNeighborhood());
        node.addClass("focus");
        if (scroll) cy.animate({ center: { eles: node } }, { duration: 200 });
      } else {
        clearFocus();
      }
    }
    accountPanel(i);
    if (scroll) document.getElementById("explorer").scrollIntoView();
  }

  function selectPair(pi, scroll) {
    var p = P[pi];
    if (!(inView(current, p.a) && inView(current, p.b))) {
      var target = p.c ? clusterView[p.c] : A[p.a].v;
      if (target !== undefined && target !== null) showView(target);
    }
    if (cy) {
      var edge = cy.getElementById("e" + pi);
      if (edge.nonempty()) {
        focusElements(edge.union(edge.connectedNodes()));
        edge.addClass("focus");
      } else {
        clearFocus();
      }
    }
    pairPanel(pi);
    if (scroll) document.getElementById("explorer").scrollIntoView();
  }

  // ---- side panel ----
  function resetPanel() {
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    panel.scrollTop = 0;
    return panel;
  }

  function viewPanel(vi) {
    if (!panel) return;
    var v = V[vi], p = resetPanel();
    var title = add(el("h3"), badge(v.l), " ", v.t === "cluster" ? "Cluster " + v.label : v.label);
    add(p, title);
    if (v.t === "overview") {
      add(p, el("p", "meta", "The " + v.groups.length + (v.groups.length === 1 ? " riskiest cluster" : " riskiest clusters") +
        " side by side; large ones show their suspended, bridge and most connected accounts. Click a box to open a cluster."));
      var ul = el("ul");
      v.groups.forEach(function (g) {
        var cv = V[clusterView[g[0]]];
        var b = el("button", "acc-link", g[0]);
        b.type = "button";
        b.addEventListener("click", function () { showView(clusterView[g[0]]); });
        add(ul, add(el("li"), b, " ", badge(cv.l), " " + cv.members + " accounts", cv.risk ? el("span", "flag", " at risk") : null));
      });
      add(p, ul);
    } else if (v.t === "cluster") {
      add(p, el("p", "meta", v.members + " accounts" + (v.hidden ? " (" + (v.members - v.hidden) + " most connected drawn)" : "")));
      var members = [], suspended = [], bridges = [], outside = [];
      v.nodes.forEach(function (n) {
        if (n[4]) { outside.push(n[0]); return; }
        members.push(n[0]);
        if (A[n[0]].r === "suspended") suspended.push(n[0]);
        if (A[n[0]].b) bridges.push(n[0]);
      });
      if (suspended.length) {
        add(p, add(el("p", "callout-inline"), joinButtons(el("span"), suspended),
          suspended.length === 1 ? " is suspended: every account in this cluster is at risk." : " are suspended: every account in this cluster is at risk."));
      }
      if (bridges.length) add(p, add(el("p"), el("strong", null, "Bridges: "), joinButtons(el("span"), bridges, 20)));
      if (v.shared.length) {
        add(p, el("h4", null, "Shared identifiers"));
        v.shared.slice(0, 40).forEach(function (s) {
          var item = add(el("div", "sv"), add(el("div"), chip(s[0]), el("span", "muted small", " \u00b7 " + (data.matches[s[1]] || s[1]))));
          s[2].forEach(function (x) { add(item, el("div", "val", x)); });
          add(p, add(item, joinButtons(add(el("div", "held"), el("span", "muted small", "held by ")), s[3], 30)));
        });
        if (v.shared.length > 40) add(p, el("p", "muted small", (v.shared.length - 40) + " more shared values: see the cluster in the Clusters section or clusters.csv."));
      }
      add(p, el("h4", null, "Members"));
      add(p, joinButtons(el("p"), members, 60));
      if (outside.length) {
        add(p, el("h4", null, "Linked from outside the cluster"));
        add(p, joinButtons(el("p"), outside, 30));
      }
    } else {
      add(p, el("p", "meta", "Accounts linked only below the cluster level (weak signals such as a similar address or the same network range)."));
    }
    add(p, el("p", "hint", "Click an account for its identifiers, a line for the evidence behind it."));
  }

  function accountPanel(i) {
    if (!panel) return;
    var a = A[i], p = resetPanel();
    var dot = el("span", "dot role-" + a.r);
    add(p, add(el("h3"), dot, a.n || a.id));
    var kv = el("dl", "kv");
    function row(k, v) { if (v !== null && v !== undefined && v !== "") add(kv, el("dt", null, k), typeof v === "string" ? el("dd", null, v) : add(el("dd"), v)); }
    row("Account id", a.id);
    row("Status", a.s);
    row("Marketplace", a.m);
    row("Risk", data.roles[a.r] || a.r);
    if (a.c) {
      var cb = el("button", "acc-link", a.c);
      cb.type = "button";
      cb.addEventListener("click", function () { showView(clusterView[a.c]); });
      row("Cluster", cb);
    }
    if (a.b) row("Bridge", "yes: it holds its cluster together");
    add(p, kv);
    add(p, el("h4", null, "Identifiers (" + a.ids.length + ")"));
    if (a.ids.length) {
      var t = el("table", "plain"), tb = el("tbody");
      a.ids.forEach(function (x) {
        var note = x[2] !== "ok" ? el("div", "muted small", x[2] + (x[3] ? ": " + x[3] : "")) : null;
        add(tb, add(el("tr"), add(el("td"), chip(x[0])), add(el("td", "val"), el("div", null, x[1]), note)));
      });
      add(p, add(t, tb));
    } else {
      add(p, el("p", "muted", "No identifier rows for this account."));
    }
    if (a.p.length) {
      add(p, el("h4", null, "Linked to (" + a.p.length + ")"));
      var ul = el("ul");
      a.p.slice(0, 200).forEach(function (pi) {
        var q = P[pi], other = q.a === i ? q.b : q.a;
        var b = el("button", "acc-link", name(other));
        b.type = "button";
        b.addEventListener("click", function () { selectPair(pi, false); });
        add(ul, add(el("li"), badge(q.l), " ", b, el("span", "muted small", " " + pct(q.s) + " \u00b7 " + (K[q.k] ? K[q.k][0] : q.k || ""))));
      });
      add(p, ul);
    }
  }

  function pairPanel(pi) {
    if (!panel) return;
    var q = P[pi], p = resetPanel();
    add(p, add(el("h3"), accButton(q.a), " \u2194 ", accButton(q.b)));
    add(p, add(el("p", "wf-sum"), badge(q.l), " ", el("strong", null, pct(q.s)), " probability that one operator runs both accounts"));
    add(p, waterfall(q, true));
  }

  // ---- evidence waterfall: prior, then each piece of evidence, then the total ----
  function waterfall(q, stacked) {
    var box = el("div", stacked ? "wf stacked" : "wf");
    var sum = q.e.reduce(function (s, e) { return s + e[5]; }, 0);
    var prior = q.w - sum;
    var steps = [], cum = prior;
    q.e.forEach(function (e) { steps.push({ e: e, from: cum, to: cum + e[5] }); cum += e[5]; });
    var values = [0, prior, q.w];
    steps.forEach(function (s) { values.push(s.from, s.to); });
    var th = data.thresholds || {};
    Object.keys(th).forEach(function (k) { values.push(th[k]); });
    var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values);
    var pad = (hi - lo) * 0.06 || 1;
    lo -= pad; hi += pad;
    function x(v) { return ((v - lo) / (hi - lo)) * 100; }
    function track(from, to, color, neg) {
      var t = el("div", "wf-track");
      add(t, markAt(0, "zero"));
      Object.keys(th).forEach(function (k) { add(t, markAt(th[k], "")); });
      var bar = el("div", "wf-bar" + (neg ? " neg" : ""));
      bar.style.left = x(Math.min(from, to)) + "%";
      bar.style.width = Math.abs(x(to) - x(from)) + "%";
      bar.style.background = color;
      add(t, bar);
      return t;
    }
    function markAt(v, cls) {
      var m = el("div", "wf-mark " + cls);
      m.style.left = x(v) + "%";
      return m;
    }
    add(box, add(el("div", "wf-row"),
      add(el("div", "wf-label"), el("strong", null, "Starting point"), el("div", "why", "before any evidence")),
      track(0, prior, "#9aa5b1", prior < 0), el("div", "wf-val", prior.toFixed(2))));
    steps.forEach(function (s) {
      var e = s.e;
      var label = add(el("div", "wf-label"), chip(e[0]), el("span", "muted", " " + (data.matches[e[1]] || e[1])));
      var vals = e[2] === e[3] ? e[2] : e[2] + "  \u2194  " + e[3];
      add(label, el("div", "vals", vals));
      var why = [];
      if (e[7]) why.push(e[7]);
      if (e[1] === "fuzzy" && e[4] < 1) why.push("similarity " + Math.round(e[4] * 100) + "%");
      if (e[6] > 2 && e[7].indexOf(String(e[6])) < 0) why.push("held by " + e[6] + " accounts, so it weighs less");
      if (e[8]) why.push("seen " + e[8] + (e[9] && e[9] !== e[8] ? " to " + e[9] : ""));
      if (e[5] === 0) why.push("adds nothing");
      if (why.length) add(label, el("div", "why", why.join(" \u00b7 ")));
      add(box, add(el("div", "wf-row"), label, track(s.from, s.to, kindColor(e[0]), e[5] < 0),
        add(el("div", "wf-val", signed(e[5])), el("span", "cum", "= " + s.to.toFixed(2)))));
    });
    add(box, add(el("div", "wf-row total"),
      add(el("div", "wf-label"), "Total \u2192 " + pct(q.s) + " ", badge(q.l)),
      track(0, q.w, LEVEL_COLORS[q.l] || "#5b7a91", false), el("div", "wf-val", q.w.toFixed(2))));
    // Axis labels: 0 and the level thresholds; a label that would touch the one before
    // it drops to a second line.
    var axis = el("div", "wf-axis");
    var marks = [{ v: 0, text: "0" }];
    Object.keys(th).forEach(function (k) { marks.push({ v: th[k], text: k }); });
    marks.sort(function (m1, m2) { return m1.v - m2.v; });
    var lastX = [-100, -100];
    marks.forEach(function (m) {
      var pos = x(m.v), line = pos - lastX[0] >= 14 ? 0 : pos - lastX[1] >= 14 ? 1 : -1;
      if (line < 0) return;
      lastX[line] = pos;
      var label = el("span", null, m.text);
      label.style.left = pos + "%";
      label.style.top = line * 12 + "px";
      add(axis, label);
    });
    add(box, add(el("div", "wf-row axis"), el("div", "wf-label"), axis, el("div")));
    add(box, el("p", "muted small", "Weights are log-odds: each bar adds its weight to the running total (= \u2026); the total maps to the probability." +
      (Object.keys(th).length ? " Dashed marks: where a pair becomes medium / high." : "")));
    return box;
  }

  // ---- view list: filter by account, id or cluster ----
  function initViewList() {
    var list = document.getElementById("view-list");
    if (!list) return;
    list.addEventListener("click", function (ev) {
      var b = ev.target.closest("button[data-view]");
      if (b) showView(Number(b.dataset.view));
    });
    var find = document.getElementById("view-find");
    find.addEventListener("input", function () {
      var q = find.value.trim().toLowerCase();
      var items = list.querySelectorAll("li[data-view-index]");
      for (var i = 0; i < items.length; i++) {
        var v = V[Number(items[i].dataset.viewIndex)];
        items[i].hidden = q !== "" && v.find.indexOf(q) < 0;
      }
    });
    find.addEventListener("keydown", function (ev) {
      if (ev.key !== "Enter") return;
      var q = find.value.trim().toLowerCase();
      if (!q) return;
      for (var i = 0; i < A.length; i++) {
        if (A[i].id.toLowerCase() === q || (A[i].n || "").toLowerCase() === q) { selectAccount(i, false); return; }
      }
      for (var j = 0; j < A.length; j++) {
        if ((A[j].id + " " + (A[j].n || "")).toLowerCase().indexOf(q) >= 0) { selectAccount(j, false); return; }
      }
    });
  }

  // ---- pairs table: sort, filter, expand ----
  function initTable() {
    var table = document.getElementById("pairs-table");
    if (!table) return;
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var text = document.getElementById("f-text"), kind = document.getElementById("f-kind");
    var cluster = document.getElementById("f-cluster"), count = document.getElementById("pair-count");
    var levels = Array.prototype.slice.call(document.querySelectorAll(".f-level"));

    function closeDetails() {
      var open = tbody.querySelectorAll("tr.detail");
      for (var i = 0; i < open.length; i++) open[i].remove();
      rows.forEach(function (r) { r.classList.remove("open"); });
    }
    function applyFilter() {
      closeDetails();
      var q = text.value.trim().toLowerCase(), k = kind.value, c = cluster.value, shown = 0;
      var on = {};
      levels.forEach(function (l) { on[l.value] = l.checked; });
      rows.forEach(function (r) {
        var ok = on[r.dataset.level] !== false &&
          (!q || r.dataset.search.indexOf(q) >= 0) &&
          (!k || (" " + r.dataset.kinds + " ").indexOf(" " + k + " ") >= 0) &&
          (!c || r.dataset.cluster === c);
        r.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = "Showing " + shown + " of " + rows.length + " pairs";
    }
    [text, kind, cluster].concat(levels).forEach(function (input) {
      input.addEventListener("input", applyFilter);
      input.addEventListener("change", applyFilter);
    });
    table.tHead.addEventListener("click", function (ev) {
      var th = ev.target.closest("th[data-sort]");
      if (!th) return;
      var col = heads.indexOf(th), numeric = th.dataset.sort === "num";
      var dir = th.getAttribute("aria-sort") === "descending" ? 1 : -1;
      if (!th.hasAttribute("aria-sort") && !numeric) dir = 1;
      heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      closeDetails();
      var collator = new Intl.Collator(undefined, { numeric: true });
      var keyed = rows.map(function (r) {
        var v = r.cells[col].dataset.v || "";
        return { row: r, key: numeric ? Number(v) : v, index: Number(r.dataset.pair) };
      });
      keyed.sort(function (x, y) {
        var d = numeric ? x.key - y.key : collator.compare(x.key, y.key);
        return d * dir || x.index - y.index;
      });
      rows = keyed.map(function (k) { return k.row; });
      var frag = document.createDocumentFragment();
      rows.forEach(function (r) { frag.appendChild(r); });
      tbody.appendChild(frag);
    });
    function toggle(r) {
      var next = r.nextElementSibling;
      if (next && next.classList.contains("detail")) { next.remove(); r.classList.remove("open"); return; }
      var pi = Number(r.dataset.pair), q = P[pi];
      var td = el("td");
      td.colSpan = heads.length;
      var grid = el("div", "detail-grid");
      var showBtn = el("button", "acc-link", "Show in the graph");
      showBtn.type = "button";
      showBtn.addEventListener("click", function () { selectPair(pi, true); });
      add(grid, add(el("p", "wf-sum"), badge(q.l), " ", el("strong", null, pct(q.s)),
        " probability that one operator runs " + name(q.a) + " and " + name(q.b) + " \u00b7 ", showBtn), waterfall(q));
      add(td, grid);
      var tr = add(el("tr", "detail"), td);
      r.after(tr);
      r.classList.add("open");
    }
    tbody.addEventListener("click", function (ev) {
      if (ev.target.closest("button")) return;
      var r = ev.target.closest("tr[data-pair]");
      if (r) toggle(r);
    });
    tbody.addEventListener("keydown", function (ev) {
      var r = ev.target.closest && ev.target.closest("tr[data-pair]");
      if (r && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); toggle(r); }
    });
    filterByCluster = function (id) {
      cluster.value = id;
      applyFilter();
    };
    applyFilter();
  }

  // ---- links from the static sections into the explorer ----
  function initLinks() {
    document.addEventListener("click", function (ev) {
      var t = ev.target.closest ? ev.target.closest("[data-goto-account],[data-goto-cluster],[data-filter-cluster]") : null;
      if (!t) return;
      if (t.dataset.gotoAccount !== undefined) {
        var i = byId[t.dataset.gotoAccount];
        if (i !== undefined) selectAccount(i, true);
      } else if (t.dataset.gotoCluster !== undefined) {
        showView(clusterView[t.dataset.gotoCluster]);
        document.getElementById("explorer").scrollIntoView();
      } else if (t.dataset.filterCluster !== undefined && filterByCluster) {
        filterByCluster(t.dataset.filterCluster);
        document.getElementById("pairs").scrollIntoView();
      }
    });
  }

  initGraph();
  initViewList();
  initTable();
  initLinks();
  if (V.length) showView(0);
  document.body.dataset.ready = "1";
})();
