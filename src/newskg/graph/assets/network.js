// newskg network page: details with evidence, search, filters, focus, communities,
// export. Everything from the articles is set as text (textContent, and the drawing's
// labels and plain-text tooltips), never parsed as markup. Nothing is fetched. How the
// graph is drawn is the view's (view-canvas.js: vis-network; view-webgl.js: sigma), inlined
// before this script as nkgView(data).
(function () {
  "use strict";
  var NKG = JSON.parse(document.getElementById("nkg-data").textContent);
  var view = nkgView(NKG);
  var byId = {};
  NKG.nodes.forEach(function (n) { byId[n.id] = n; });
  var edgeById = {};
  var incident = {};
  NKG.edges.forEach(function (e) {
    edgeById[e.id] = e;
    (incident[e.from] = incident[e.from] || []).push(e);
    (incident[e.to] = incident[e.to] || []).push(e);
  });
  var state = { focus: null, selected: null };
  var outletsOf = {};  // node → the outlets of the facts about it
  NKG.edges.forEach(function (e) {
    e.facts.forEach(function (f) {
      if (!f.outlet) { return; }
      [e.from, e.to].forEach(function (id) { (outletsOf[id] = outletsOf[id] || {})[f.outlet] = true; });
    });
  });

  var el = nkgPage.el, fold = nkgPage.fold;
  function other(e, id) { return e.from === id ? e.to : e.from; }
  function labelOf(id) { return byId[id] ? byId[id].label : id; }

  // --- details panel ---------------------------------------------------------------------
  var details = document.getElementById("nkg-details");
  function factBlock(f) {
    var box = el("div", null, "nkg-fact");
    // the fact in words, from its subject ("X is a child of Y"), and its date
    box.appendChild(el("div", [f.statement || [f.relation, f.role].filter(Boolean).join(" · "), f.date].filter(Boolean).join(" · "), "nkg-what"));
    if (f.evidence) { box.appendChild(el("blockquote", f.evidence)); }
    var source = [f.headline, f.outlet, f.published].filter(Boolean).join(" — ");
    if (source || f.article) {
      box.appendChild(el("div", (source ? source + " " : "") + (f.article ? "(" + f.article + ")" : ""), "nkg-source"));
    }
    return box;
  }
  function resized() { view.resized(); }  // the canvas changed width with a panel
  function clearDetails() {
    details.textContent = "";
    details.hidden = true;
    if (document.body.classList.contains("nkg-details-open")) {
      document.body.classList.remove("nkg-details-open");
      resized();
    }
    state.selected = null;
    dim(null);
  }
  function header(title, kind) {
    details.textContent = "";
    details.hidden = false;
    details.scrollTop = 0;  // a new selection reads from its top
    if (!document.body.classList.contains("nkg-details-open")) {
      document.body.classList.add("nkg-details-open");
      resized();
    }
    var close = el("button", "×", "nkg-close");
    close.setAttribute("aria-label", "close details");
    close.addEventListener("click", function () { view.unselect(); clearDetails(); });
    details.appendChild(close);
    details.appendChild(el("h2", title));
    if (kind) { details.appendChild(el("div", kind, "nkg-kind")); }
  }
  function showNode(id) {
    var n = byId[id];
    if (!n) { return; }
    state.selected = id;
    header(n.label, n.type);
    if (n.aliases && n.aliases.length) { details.appendChild(el("div", "also: " + n.aliases.join(", "))); }
    if (n.date) { details.appendChild(el("div", "date: " + n.date)); }
    if (n.reports) { details.appendChild(el("div", "reported by " + n.reports + " articles")); }
    (n.disagreements || []).forEach(function (d) { details.appendChild(el("div", "the reports differ on " + d, "nkg-differ")); });
    if (n.roles && n.roles.length) {
      details.appendChild(el("h3", "roles"));
      var ul = el("ul");
      n.roles.forEach(function (r) { ul.appendChild(el("li", r)); });
      details.appendChild(ul);
    }
    var mine = incident[id] || [];
    var events = mine.filter(function (e) { return byId[other(e, id)] && byId[other(e, id)].type === "event"; });
    if (events.length && n.type !== "event") {
      details.appendChild(el("h3", "events"));
      var list = el("ul");
      events.forEach(function (e) {
        var ev = byId[other(e, id)];
        list.appendChild(el("li", ev.label + (e.role ? " (" + e.role + ")" : "") + (ev.date ? ", " + ev.date : "")));
      });
      details.appendChild(list);
    }
    details.appendChild(el("h3", "facts (" + mine.reduce(function (k, e) { return k + e.facts.length; }, 0) + ")"));
    mine.forEach(function (e) {
      details.appendChild(el("div", "with " + labelOf(other(e, id)), "nkg-with"));
      e.facts.forEach(function (f) { details.appendChild(factBlock(f)); });
    });
    var tools = el("div", null, "nkg-tools");
    var only = el("button", "show its neighbours only");
    only.addEventListener("click", function () { focusOn(id, false); });
    var expand = el("button", "expand: add its neighbours");
    expand.addEventListener("click", function () { focusOn(id, true); });
    var all = el("button", "show all");
    all.addEventListener("click", function () { state.focus = null; applyFilters(); });
    tools.appendChild(only); tools.appendChild(expand); tools.appendChild(all);
    details.appendChild(tools);
    dim(id);
  }
  function showEdge(id) {
    var e = edgeById[id];
    if (!e) { return; }
    header(labelOf(e.from) + " — " + labelOf(e.to), e.label);
    e.facts.forEach(function (f) { details.appendChild(factBlock(f)); });
    dim(null, [e.from, e.to]);
  }

  // --- highlight: the chosen node's neighbourhood, the rest dimmed ------------------------
  function dim(id, keep) {
    var near = {};
    if (id) { near[id] = true; (incident[id] || []).forEach(function (e) { near[other(e, id)] = true; }); }
    (keep || []).forEach(function (k) { near[k] = true; });
    var any = Object.keys(near).length > 0;
    // the only links that can stay lit: those of the chosen node, or of the kept ones
    var candidates = [];
    (id ? [id] : keep || []).forEach(function (k) { candidates = candidates.concat(incident[k] || []); });
    view.dim(any ? near : null, function (e) {
      return !any || (near[e.from] && near[e.to] && (!id || e.from === id || e.to === id));
    }, candidates);
  }

  // --- filters -----------------------------------------------------------------------------
  var form = document.getElementById("nkg-filters");
  function checked(name) {
    var on = {};
    form.querySelectorAll("input[name=" + name + "]").forEach(function (box) { on[box.value] = box.checked; });
    return on;
  }
  var dates = NKG.dates;  // every event date and dated fact, sorted
  var since = document.getElementById("nkg-since");
  var until = document.getElementById("nkg-until");
  var rangeText = document.getElementById("nkg-range");
  function dateRange() {
    if (!dates.length) { return [null, null]; }
    var a = Math.min(+since.value, +until.value), b = Math.max(+since.value, +until.value);
    return [dates[a], dates[b]];
  }
  function inRange(date, range) {
    if (!date || !range[0]) { return true; }
    return date.slice(0, range[0].length) >= range[0].slice(0, date.length) &&
      date.slice(0, range[1].length) <= range[1];
  }
  function applyFilters() {
    var types = checked("type"), relations = checked("relation");
    var range = dateRange();
    rangeText.textContent = range[0] ? range[0] + " – " + range[1] : "no dates";
    var article = document.getElementById("nkg-article").value;
    var outlet = document.getElementById("nkg-outlet").value;
    var minWeight = +document.getElementById("nkg-weight").value || 0;
    var hideLonely = document.getElementById("nkg-lonely").checked;
    // "<Name> said" alone is kept in the graph, drawn only when asked for
    var lone = document.getElementById("nkg-statements");
    var showLone = !lone || lone.checked;
    var nodeOn = {};
    NKG.nodes.forEach(function (n) {
      nodeOn[n.id] = types[n.type] !== false && (showLone || !n.lone || (state.focus && state.focus[n.id])) &&
        (n.type !== "event" || inRange(n.date, range)) &&
        (!article || (n.articles || []).indexOf(article) >= 0) &&
        (!outlet || (outletsOf[n.id] || {})[outlet]) &&
        (!state.focus || state.focus[n.id]);
    });
    var edgeOn = {}, linked = {};
    NKG.edges.forEach(function (e) {
      var on = nodeOn[e.from] && nodeOn[e.to] && relations[e.relation] !== false && e.weight >= minWeight &&
        e.facts.some(function (f) {
          return inRange(f.date, range) && (!article || f.article === article) && (!outlet || f.outlet === outlet);
        });
      edgeOn[e.id] = on;
      if (on) { linked[e.from] = linked[e.to] = true; }
    });
    var shown = [], shownOn = {};
    NKG.nodes.forEach(function (n) {
      var on = nodeOn[n.id] && (!hideLonely || linked[n.id] || (state.focus && state.focus[n.id]));
      if (on) { shown.push(n.id); shownOn[n.id] = true; }
    });
    view.show(shownOn, edgeOn);
    document.getElementById("nkg-shown").textContent = shown.length + " of " + NKG.nodes.length + " nodes shown";
    // the timeline page with the same dates (filters shared through the address)
    var link = document.getElementById("nkg-to-timeline");
    var base = link.getAttribute("href").split("#")[0];
    link.setAttribute("href", range[0] ? base + "#since=" + encodeURIComponent(range[0]) +
      "&until=" + encodeURIComponent(range[1]) : base);
    view.fit(shown);
    return shown;
  }
  function focusOn(id, add) {
    var keep = add && state.focus ? state.focus : {};
    keep[id] = true;
    (incident[id] || []).forEach(function (e) { keep[other(e, id)] = true; });
    state.focus = keep;
    applyFilters();
  }
  form.addEventListener("input", function () { applyFilters(); });
  form.addEventListener("change", function () { applyFilters(); });

  // --- search with suggestions ----------------------------------------------------------------
  var search = document.getElementById("nkg-search");
  var matches = document.getElementById("nkg-matches");
  function choose(id) {
    matches.textContent = "";
    view.reveal(id);  // out of the collapsed community that holds it
    if (view.isHidden(id)) { state.focus = null; focusOn(id, false); }
    view.choose(id);
    showNode(id);
  }
  search.addEventListener("input", function () {
    var wanted = fold(search.value.trim());
    matches.textContent = "";
    if (!wanted) { return; }
    // ranked: the exact name first, then names that start with it, then any that hold it;
    // people, organizations and places before events (whose labels hold their names too)
    function rank(n) {
      var names = [n.label].concat(n.aliases || []).map(fold);
      var how = names.indexOf(wanted) >= 0 ? 0 : names.some(function (a) { return a.indexOf(wanted) === 0; }) ? 1 : 2;
      return how * 2 + (n.type === "event" ? 1 : 0);
    }
    var found = NKG.nodes.filter(function (n) {
      return fold(n.label).indexOf(wanted) >= 0 || (n.aliases || []).some(function (a) { return fold(a).indexOf(wanted) >= 0; });
    }).map(function (n, i) { return { n: n, r: rank(n), i: i }; })
      .sort(function (a, b) { return a.r - b.r || a.i - b.i; })
      .map(function (x) { return x.n; });
    if (!found.length) { matches.appendChild(el("li", "no match for “" + search.value.trim() + "”", "nkg-none")); return; }
    found.slice(0, 50).forEach(function (n) {
      var li = el("li");
      var button = el("button", n.label);
      button.appendChild(el("span", " " + n.type, "nkg-type"));
      button.addEventListener("click", function () { choose(n.id); });
      li.appendChild(button);
      matches.appendChild(li);
    });
    if (found.length > 50) { matches.appendChild(el("li", (found.length - 50) + " more: type more letters", "nkg-none")); }
  });

  var foldButton = document.getElementById("nkg-fold");
  if (foldButton) {
    foldButton.addEventListener("click", function () {
      var folded = document.body.classList.toggle("nkg-controls-folded");
      foldButton.textContent = folded ? "›" : "‹";
      foldButton.setAttribute("aria-label", folded ? "show the controls" : "fold the controls");
      resized();
    });
  }

  // --- clicks ------------------------------------------------------------------------------------
  view.onClick(function (hit) {
    if (hit.community) { view.fit(hit.members); } else if (hit.node) { showNode(hit.node); } else if (hit.edge) { showEdge(hit.edge); } else { clearDetails(); }
  });

  // --- communities (large graphs) ------------------------------------------------------------------
  // the communities of `only` (community numbers; default: every one of two or more nodes)
  function communityGroups(only) {
    var seen = {}, members = {};
    NKG.nodes.forEach(function (n) {
      if (n.community === undefined) { return; }
      seen[n.community] = (seen[n.community] || 0) + 1;
      (members[n.community] = members[n.community] || []).push(n);
    });
    var wanted = only ? only.map(String) : Object.keys(seen);
    var groups = [];
    wanted.forEach(function (c) {
      if (!seen[c] || seen[c] < 2) { return; }
      // a community is named by its most connected members: "A, B +12"
      var named = members[c].slice().sort(function (a, b) { return (b.degree || 0) - (a.degree || 0); }).slice(0, 2);
      var label = named.map(function (n) { return n.label; }).join(", ") + (seen[c] > 2 ? " +" + (seen[c] - 2) : "");
      groups.push({ id: "community-" + c, community: c, label: label, members: members[c].map(function (n) { return n.id; }) });
    });
    return groups;
  }
  var group = document.getElementById("nkg-communities");
  if (group) {
    group.addEventListener("click", function () { view.collapse(communityGroups()); });
  }

  // --- export of what is shown ---------------------------------------------------------------------
  function download(name, type, text) {
    var link = document.createElement("a");
    link.download = name;
    link.href = typeof text === "string" && text.indexOf("data:") === 0 ? text : URL.createObjectURL(new Blob([text], { type: type }));
    document.body.appendChild(link); link.click(); link.remove();
  }
  function visible() {
    var ns = NKG.nodes.filter(function (n) { return !view.isHidden(n.id); });
    var on = {}; ns.forEach(function (n) { on[n.id] = true; });
    var es = NKG.edges.filter(function (e) { return !view.isEdgeHidden(e.id) && on[e.from] && on[e.to]; });
    return { nodes: ns, edges: es };
  }
  // The page's CSV is for spreadsheets: a cell that a spreadsheet would read as a formula
  // (it begins with = + - @, a tab or a carriage return) gets a leading apostrophe, as the
  // OWASP guidance on CSV injection says; `newskg query --format csv` stays plain SPARQL CSV.
  function csvCell(v) {
    v = String(v === undefined || v === null ? "" : v);
    if (/^[=+\-@\t\r]/.test(v)) v = "'" + v;
    return /[",\n\r']/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  document.getElementById("nkg-png").addEventListener("click", function () {
    download("network.png", "image/png", view.png());
  });
  document.getElementById("nkg-csv").addEventListener("click", function () {
    var v = visible();
    var rows = [["id", "label", "type"]].concat(v.nodes.map(function (n) { return [n.id, n.label, n.type]; }));
    download("nodes.csv", "text/csv", rows.map(function (r) { return r.map(csvCell).join(","); }).join("\n") + "\n");
    var links = [["source", "target", "relation", "weight"]].concat(v.edges.map(function (e) { return [e.from, e.to, e.label, e.weight]; }));
    download("edges.csv", "text/csv", links.map(function (r) { return r.map(csvCell).join(","); }).join("\n") + "\n");
  });
  document.getElementById("nkg-gexf").addEventListener("click", function () {
    var v = visible();
    var ns = "http://gexf.net/1.3";
    var doc = document.implementation.createDocument(ns, "gexf", null);
    doc.documentElement.setAttribute("version", "1.3");
    var graph = doc.createElementNS(ns, "graph");
    graph.setAttribute("defaultedgetype", "directed");  // from each fact's subject
    doc.documentElement.appendChild(graph);
    var nodeList = doc.createElementNS(ns, "nodes"), edgeList = doc.createElementNS(ns, "edges");
    graph.appendChild(nodeList); graph.appendChild(edgeList);
    v.nodes.forEach(function (n) {
      var x = doc.createElementNS(ns, "node");
      x.setAttribute("id", n.id); x.setAttribute("label", n.label);
      nodeList.appendChild(x);
    });
    v.edges.forEach(function (e, i) {
      var x = doc.createElementNS(ns, "edge");
      x.setAttribute("id", String(i)); x.setAttribute("source", e.from); x.setAttribute("target", e.to);
      x.setAttribute("label", e.label); x.setAttribute("weight", String(e.weight));
      edgeList.appendChild(x);
    });
    download("network.gexf", "application/xml", '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(doc));
  });

  // --- start: filters from the address (#node=…&since=…&until=…&types=…) -----------------------------
  var wanted = nkgPage.addressed();
  function nearest(date, fallback) {
    if (!date) { return fallback; }
    for (var i = 0; i < dates.length; i++) { if (dates[i] >= date) { return i; } }
    return dates.length - 1;
  }
  if (dates.length) {
    since.value = nearest(wanted.since, 0);
    until.value = wanted.until ? Math.max(0, dates.filter(function (d) { return d.slice(0, wanted.until.length) <= wanted.until; }).length - 1) : dates.length - 1;
  }
  if (wanted.types) {
    var types = wanted.types.split(",");
    form.querySelectorAll("input[name=type]").forEach(function (box) { box.checked = types.indexOf(box.value) >= 0; });
  }
  view.onReady(function () { document.body.setAttribute("data-nkg-ready", "1"); });
  applyFilters();
  // a graph too big to draw node by node opens with its largest communities collapsed
  if ((NKG.collapsed || []).length) { view.collapse(communityGroups(NKG.collapsed)); }
  if (wanted.node && byId[wanted.node]) { choose(wanted.node); } else if (NKG.focus && byId[NKG.focus]) { choose(NKG.focus); }
  window.nkg = {
    showNode: showNode, showEdge: showEdge, applyFilters: applyFilters, choose: choose, data: NKG, view: view,
    // what tests and scripts read, whichever view draws the page
    hiddenNodes: function () { return NKG.nodes.filter(function (n) { return view.isHidden(n.id); }).map(function (n) { return n.id; }); },
    shownEdges: function () { return NKG.edges.filter(function (e) { return !view.isEdgeHidden(e.id); }).map(function (e) { return e.id; }); },
    selected: function () { return view.selected(); },
  };
})();
