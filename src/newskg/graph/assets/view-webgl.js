// The network page drawn by sigma on WebGL, for graphs of thousands to tens of thousands of
// nodes: positions come from Python (the page only draws), hiding and dimming are sigma
// reducers, and sigma's label grid keeps labels apart. network.js asks it to show, dim, fit
// and choose, as it asks view-canvas.js.
//
// A frame costs time in proportion to what it draws (without a GPU, about 55 µs a node), so
// the view draws at most DRAWN nodes at once: those in view, most connected first, with the
// links between them, and always the chosen node and its neighbours. Zooming in draws the
// rest of what is in view; the filters, search, details and exports read every node.
function nkgView(NKG) {
  "use strict";
  var DRAWN = 350;  // at 55 µs a node a frame, about 20 ms without a GPU
  var container = document.getElementById("mynetwork");
  var byId = {}, links = {};
  NKG.nodes.forEach(function (n) { byId[n.id] = n; links[n.id] = []; });
  NKG.edges.forEach(function (e) {
    if (byId[e.from] && byId[e.to]) { links[e.from].push(e); links[e.to].push(e); }
  });
  var ranked = NKG.nodes.slice().sort(function (a, b) {
    return (b.degree || 0) - (a.degree || 0) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
  });
  var graph = new graphology.Graph({ type: "undirected", multi: false, allowSelfLoops: true });
  var hiddenNode = {}, hiddenEdge = {}, near = null, edgeLit = null, chosen = null;
  var filteredOut = {};  // the nodes the filters hide (a community opened keeps them hidden)
  var communities = {};  // community node → its members, while collapsed
  var holder = {};  // a node → the collapsed community that holds it
  var extent = { x: [Infinity, -Infinity], y: [Infinity, -Infinity] };
  NKG.nodes.forEach(function (n) {
    extent.x = [Math.min(extent.x[0], n.x), Math.max(extent.x[1], n.x)];
    extent.y = [Math.min(extent.y[0], n.y), Math.max(extent.y[1], n.y)];
  });
  if (!NKG.nodes.length) { extent = { x: [0, 1], y: [0, 1] }; }

  function addNodes(into, ids) {  // then the links between what is drawn
    ids.forEach(function (id) {
      var n = byId[id];
      if (!into.hasNode(id)) { into.addNode(id, { x: n.x, y: n.y, size: n.size, color: n.color, label: n.label }); }
    });
    ids.forEach(function (id) {
      links[id].forEach(function (e) {
        if (!hiddenEdge[e.id] && into.hasNode(e.from) && into.hasNode(e.to) && !into.hasEdge(e.from, e.to)) {
          into.addEdgeWithKey(e.id, e.from, e.to, { color: e.color, size: Math.min(1 + e.weight / 2, 4) });
        }
      });
    });
  }
  addNodes(graph, ranked.slice(0, DRAWN).map(function (n) { return n.id; }));

  var renderer = new Sigma(graph, container, {
    enableEdgeEvents: true,
    renderEdgeLabels: false,
    labelRenderedSizeThreshold: 6,
    labelDensity: 0.6,
    zIndex: true,
    nodeReducer: function (id, data) {
      var out = Object.assign({}, data);
      if (hiddenNode[id]) { out.hidden = true; }
      if (near && !near[id]) { out.color = "#e4e4e4"; out.label = ""; out.zIndex = 0; } else { out.zIndex = 1; }
      if (id === chosen) { out.highlighted = true; out.zIndex = 2; }
      return out;
    },
    edgeReducer: function (id, data) {
      var out = Object.assign({}, data);
      if (hiddenEdge[id]) { out.hidden = true; }
      if (edgeLit && !edgeLit[id]) { out.color = "#f0f0f0"; }
      return out;
    },
  });
  renderer.setCustomBBox(extent);  // the same frame whichever nodes are drawn
  var camera = renderer.getCamera();
  var status = document.createElement("div");
  status.id = "nkg-drawn";
  document.body.appendChild(status);

  // what to draw: the chosen node and its neighbours, then what is in view, most connected
  // first, up to DRAWN nodes
  function wanted() {
    var want = {}, count = 0;
    function take(id) { if (!want[id] && byId[id] && !hiddenNode[id]) { want[id] = true; count++; } }
    if (chosen) { take(chosen); links[chosen].forEach(function (e) { take(e.from); take(e.to); }); }
    if (near) { Object.keys(near).forEach(take); }
    var a = renderer.viewportToGraph({ x: 0, y: 0 });
    var b = renderer.viewportToGraph({ x: container.clientWidth, y: container.clientHeight });
    var x0 = Math.min(a.x, b.x), x1 = Math.max(a.x, b.x), y0 = Math.min(a.y, b.y), y1 = Math.max(a.y, b.y);
    var inView = 0;
    for (var i = 0; i < ranked.length; i++) {
      var n = ranked[i];
      // the position first: at 100,000 nodes a lookup in hiddenNode costs more
      if (n.x < x0 || n.x > x1 || n.y < y0 || n.y > y1 || hiddenNode[n.id]) { continue; }
      inView++;
      if (count < DRAWN) { take(n.id); }
    }
    return { ids: want, inView: inView };
  }
  var swapped = false;  // a new graph was handed to sigma, which drew it at once
  function update() {
    var w = wanted(), ids = Object.keys(w.ids), leaving = 0;
    graph.forEachNode(function (id) { if (!w.ids[id] && !communities[id]) { leaving++; } });
    var arriving = ids.filter(function (id) { return !graph.hasNode(id); }).length;
    if (leaving + arriving > 20) {
      // more than a few nodes change (a pan, a jump, a zoom out): a new graph handed over
      // at once costs sigma far less than as many single additions and removals
      var fresh = new graphology.Graph({ type: "undirected", multi: false, allowSelfLoops: true });
      Object.keys(communities).forEach(function (c) { fresh.addNode(c, graph.getNodeAttributes(c)); });
      addNodes(fresh, ids);
      graph = fresh;
      renderer.setGraph(graph);
      swapped = true;
      window.requestAnimationFrame(function () { swapped = false; });
    } else {
      graph.forEachNode(function (id) {
        if (!w.ids[id] && !communities[id]) { graph.dropNode(id); }
      });
      graph.forEachEdge(function (id) { if (hiddenEdge[id]) { graph.dropEdge(id); } });
      addNodes(graph, ids);
    }
    var drawn = graph.order - Object.keys(communities).length;
    status.textContent = w.inView > drawn
      ? "drawing the " + drawn + " most connected of the " + w.inView + " nodes in view: zoom in for more"
      : "";
    document.body.setAttribute("data-nkg-drawn", String(drawn));
  }
  var pending = null;
  function updateSoon() {
    if (pending !== null) { return; }
    pending = window.requestAnimationFrame(function () { pending = null; update(); });
  }
  // the nodes of a new view are put in before sigma draws it (one frame, not two); while
  // the camera keeps moving, at most one update every two frames, and one after the last
  var lastUpdate = 0;
  camera.on("updated", function () {
    var now = performance.now();
    if (now - lastUpdate > 30) { lastUpdate = now; update(); } else { updateSoon(); }
  });

  var clickHandler = function () {};
  renderer.on("clickNode", function (event) {
    var id = event.node;
    if (communities[id]) {
      var members = communities[id];
      expand(id);
      clickHandler({ community: id, members: members });
      return;
    }
    chosen = id;
    refresh();
    clickHandler({ node: id });
  });
  renderer.on("clickEdge", function (event) { clickHandler({ edge: event.edge }); });
  renderer.on("clickStage", function () { chosen = null; clickHandler({}); });
  // the labels drawn, as boxes on screen (what the canvas view reports too)
  renderer.on("afterRender", function () {
    var boxes = [];
    renderer.getNodeDisplayedLabels().forEach(function (id) {
      var d = renderer.getNodeDisplayData(id);
      if (!d) { return; }
      var p = renderer.framedGraphToViewport(d);
      var text = String(graph.getNodeAttribute(id, "label") || "");
      boxes.push({ id: id, x: p.x + d.size, y: p.y - 7, w: text.length * 7.2 + 6, h: 14 });
    });
    window.nkgLabelBoxes = boxes;
    document.body.setAttribute("data-nkg-labels", String(boxes.length));
  });

  function expand(id) {
    communities[id].forEach(function (m) {
      if (!filteredOut[m]) { delete hiddenNode[m]; }
      delete holder[m];
    });
    delete communities[id];
    graph.dropNode(id);
    update();
  }
  // every change waits for the next frame, so that several (filters, dimming, the camera)
  // cost one drawing: at tens of thousands of nodes a frame is the expensive part
  function refresh() { update(); renderer.scheduleRefresh({ skipIndexation: true }); }
  function same(a, b) {
    if (!a || !b) { return a === b; }
    var ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every(function (k) { return b[k]; });
  }
  function framed(n) { return renderer.normalizationFunction({ x: n.x, y: n.y }); }

  return {
    show: function (nodeOn, edgeOn) {
      hiddenNode = {}; hiddenEdge = {}; filteredOut = {};
      NKG.nodes.forEach(function (n) { if (!nodeOn[n.id]) { hiddenNode[n.id] = filteredOut[n.id] = true; } });
      NKG.edges.forEach(function (e) { if (!edgeOn[e.id]) { hiddenEdge[e.id] = true; } });
      Object.keys(communities).forEach(function (c) { communities[c].forEach(function (m) { hiddenNode[m] = true; }); });
      refresh();
    },
    // candidates: the links that can be lit (all of them when not given)
    dim: function (nearIds, edgeOn, candidates) {
      var lit = null;
      if (nearIds) {
        lit = {};
        (candidates || NKG.edges).forEach(function (e) { if (edgeOn(e)) { lit[e.id] = true; } });
      }
      if (same(near, nearIds) && same(edgeLit, lit)) { return; }  // choose() lit it already
      near = nearIds;
      edgeLit = lit;
      refresh();
    },
    fit: function (ids) {
      // the camera over the nodes given, in sigma's framed coordinates (the graph is 0–1)
      var xs = [], ys = [];
      ids.forEach(function (id) {
        if (byId[id]) { var f = framed(byId[id]); xs.push(f.x); ys.push(f.y); }
      });
      if (!xs.length) { return; }
      var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
      var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
      var ratio = Math.max(x1 - x0, y1 - y0, 0.02) * 1.15;
      camera.setState({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio: Math.min(ratio, 1.1), angle: 0 });
    },
    choose: function (id) {
      // the node and its neighbourhood lit before the camera moves, so that the new view is
      // drawn once, already as the details panel will dim it (network.js's dim says the same)
      chosen = id;
      near = {};
      near[id] = true;
      edgeLit = {};
      (links[id] || []).forEach(function (e) { near[e.from] = near[e.to] = true; edgeLit[e.id] = true; });
      if (byId[id]) {
        var f = framed(byId[id]);
        camera.setState({ x: f.x, y: f.y, ratio: Math.min(camera.getState().ratio, 0.08) });
      }
      if (!swapped) { refresh(); }
    },
    unselect: function () { chosen = null; refresh(); },
    reveal: function (id) { if (holder[id]) { expand(holder[id]); } },
    selected: function () { return chosen ? [chosen] : []; },
    isHidden: function (id) { return !byId[id] || !!hiddenNode[id]; },
    isEdgeHidden: function (id) { return !!hiddenEdge[id]; },
    resized: function () { renderer.resize(); refresh(); },
    onClick: function (handler) { clickHandler = handler; },
    onReady: function (callback) {
      renderer.once("afterRender", callback);
      refresh();
    },
    png: function () {
      // sigma's WebGL canvases keep their picture only until the frame is shown: draw, then
      // copy every layer at once onto one canvas
      renderer.refresh();
      var layers = renderer.getCanvases(), first = layers[Object.keys(layers)[0]];
      var out = document.createElement("canvas");
      out.width = first.width; out.height = first.height;
      var context = out.getContext("2d");
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, out.width, out.height);
      Object.keys(layers).forEach(function (name) { context.drawImage(layers[name], 0, 0); });
      return out.toDataURL("image/png");
    },
    collapse: function (groups) {
      groups.forEach(function (g) {
        var members = g.members.filter(function (m) { return byId[m] && !hiddenNode[m]; });
        if (members.length < 2) { return; }
        var x = 0, y = 0;
        members.forEach(function (m) { x += byId[m].x; y += byId[m].y; hiddenNode[m] = true; holder[m] = g.id; });
        communities[g.id] = members;
        // sized by how many it holds: 2 nodes 8.5, 100 about 23, from 200 on 25
        var size = Math.min(25, 6 + 2.5 * Math.log2(members.length));
        graph.addNode(g.id, { x: x / members.length, y: y / members.length, size: size, color: "#bab0ac", label: g.label });
      });
      refresh();
    },
    renderer: renderer,
    get graph() { return graph; },
  };
}
