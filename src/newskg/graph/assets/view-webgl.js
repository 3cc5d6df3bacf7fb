// The network page drawn by sigma on WebGL, for graphs of thousands to tens of thousands of
// nodes: positions come from Python (the page only draws), hiding and dimming are sigma
// reducers (no per-node updates), and sigma's label grid keeps labels apart. network.js
// asks it to show, dim, fit and choose, as it asks view-canvas.js.
function nkgView(NKG) {
  "use strict";
  var container = document.getElementById("mynetwork");
  var graph = new graphology.Graph({ type: "undirected", multi: false, allowSelfLoops: true });
  NKG.nodes.forEach(function (n) {
    graph.addNode(n.id, { x: n.x, y: n.y, size: n.size, color: n.color, label: n.label, kind: n.type });
  });
  NKG.edges.forEach(function (e) {
    if (graph.hasNode(e.from) && graph.hasNode(e.to) && !graph.hasEdge(e.from, e.to)) {
      graph.addEdgeWithKey(e.id, e.from, e.to, { color: e.color, size: Math.min(1 + e.weight / 2, 4) });
    }
  });
  var hiddenNode = {}, hiddenEdge = {}, near = null, edgeLit = null, chosen = null;
  var communities = {};  // community node → its members, while collapsed
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
  var camera = renderer.getCamera();
  var clickHandler = function () {};
  renderer.on("clickNode", function (event) {
    var id = event.node;
    if (communities[id]) { expand(id); clickHandler({ community: id }); return; }
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
    communities[id].forEach(function (m) { delete hiddenNode[m]; });
    delete communities[id];
    graph.dropNode(id);
  }
  // every change waits for the next frame, so that several (filters, dimming, the camera)
  // cost one drawing: at tens of thousands of nodes a frame is the expensive part
  function refresh() { renderer.scheduleRefresh({ skipIndexation: true }); }

  return {
    show: function (nodeOn, edgeOn) {
      hiddenNode = {}; hiddenEdge = {};
      NKG.nodes.forEach(function (n) { if (!nodeOn[n.id]) { hiddenNode[n.id] = true; } });
      NKG.edges.forEach(function (e) { if (!edgeOn[e.id]) { hiddenEdge[e.id] = true; } });
      Object.keys(communities).forEach(function (c) { communities[c].forEach(function (m) { hiddenNode[m] = true; }); });
      refresh();
    },
    dim: function (nearIds, edgeOn) {
      near = nearIds;
      edgeLit = null;
      if (nearIds) {
        edgeLit = {};
        NKG.edges.forEach(function (e) { if (edgeOn(e)) { edgeLit[e.id] = true; } });
      }
      refresh();
    },
    fit: function (ids) {
      // the camera over the nodes given, in sigma's framed coordinates (the graph is 0–1)
      var xs = [], ys = [];
      ids.forEach(function (id) {
        var d = renderer.getNodeDisplayData(id);
        if (d) { xs.push(d.x); ys.push(d.y); }
      });
      if (!xs.length) { return; }
      var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
      var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
      var ratio = Math.max(x1 - x0, y1 - y0, 0.02) * 1.15;
      camera.setState({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio: Math.min(ratio, 1.1), angle: 0 });
    },
    choose: function (id) {
      chosen = id;
      var d = renderer.getNodeDisplayData(id);
      if (d) { camera.setState({ x: d.x, y: d.y, ratio: Math.min(camera.getState().ratio, 0.08) }); }
      refresh();
    },
    unselect: function () { chosen = null; refresh(); },
    selected: function () { return chosen ? [chosen] : []; },
    isHidden: function (id) { return !graph.hasNode(id) || !!hiddenNode[id]; },
    isEdgeHidden: function (id) { return !graph.hasEdge(id) || !!hiddenEdge[id]; },
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
        var members = g.members.filter(function (m) { return graph.hasNode(m) && !hiddenNode[m]; });
        if (members.length < 2) { return; }
        var x = 0, y = 0;
        members.forEach(function (m) { x += graph.getNodeAttribute(m, "x"); y += graph.getNodeAttribute(m, "y"); hiddenNode[m] = true; });
        communities[g.id] = members;
        graph.addNode(g.id, { x: x / members.length, y: y / members.length, size: 12, color: "#bab0ac", label: g.label });
      });
      refresh();
    },
    renderer: renderer,
    graph: graph,
  };
}
