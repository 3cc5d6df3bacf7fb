// The network page drawn by vis-network on a canvas (pyvis's `network`, `nodes`, `edges`):
// up to a few thousand nodes. network.js asks it to show, dim, fit and choose; it places
// the labels so that they stay readable and never overlap.
function nkgView(NKG) {
  "use strict";
  var FONT = 16;
  var clickHandler = function () {};

  // --- labels readable at any zoom -------------------------------------------------------------
  // At every zoom the labels are placed most connected first, each at a readable size on
  // screen, and a label that would cover one already placed (or lie off screen) is left out:
  // the overview always names its main nodes, zooming in names more, and none overlap.
  var LABEL_PX = 12;
  var ranked = NKG.nodes.slice().sort(function (a, b) { return (b.degree || 0) - (a.degree || 0) || (a.label < b.label ? -1 : 1); });
  var drawnLabel = {};
  nodes.get({ fields: ["id", "label", "size"] }).forEach(function (n) { drawnLabel[n.id] = { text: String(n.label || ""), size: n.size || 10 }; });
  var labelSize = {}, edgeLabelsShown = null;
  window.nkgLabelBoxes = [];
  function placeLabels() {
    var scale = network.getScale();
    var positions = network.getPositions();
    var canvas = network.canvas.frame.canvas;
    var width = canvas.clientWidth, height = canvas.clientHeight;
    var hidden = {};
    nodes.get({ fields: ["id", "hidden"] }).forEach(function (n) { if (n.hidden) { hidden[n.id] = true; } });
    var placed = [], changes = [];
    ranked.forEach(function (n) {
      var show = false, drawn = drawnLabel[n.id], p = positions[n.id];
      if (drawn && p && !hidden[n.id] && drawn.text) {
        var dom = network.canvasToDOM(p);
        var w = drawn.text.length * LABEL_PX * 0.6 + 6, h = LABEL_PX * 1.4;
        var box = { x: dom.x - w / 2, y: dom.y + drawn.size * scale + 1, w: w, h: h };
        var inside = box.x >= 0 && box.y >= 0 && box.x + box.w <= width && box.y + box.h <= height;
        show = inside && !placed.some(function (o) {
          return box.x < o.x + o.w && o.x < box.x + box.w && box.y < o.y + o.h && o.y < box.y + box.h;
        });
        if (show) { box.id = n.id; placed.push(box); }
      }
      var size = show ? LABEL_PX / scale : 0;
      if (labelSize[n.id] !== size) { labelSize[n.id] = size; changes.push({ id: n.id, font: { size: size } }); }
    });
    if (changes.length) { nodes.update(changes); }
    window.nkgLabelBoxes = placed;
    document.body.setAttribute("data-nkg-labels", String(placed.length));
    var edgeLabels = scale >= 1.6;
    if (edgeLabels !== edgeLabelsShown) {
      network.setOptions({ edges: { font: { size: edgeLabels ? 10 : 0 } } });
      edgeLabelsShown = edgeLabels;
    }
  }
  var pending = null;
  function updateLabels() {
    if (pending !== null) { return; }
    pending = window.requestAnimationFrame(function () { pending = null; placeLabels(); });
  }
  network.setOptions({
    edges: { chosen: { label: function (values) { values.size = 11; } } },
    nodes: { chosen: { label: function (values) { values.size = Math.max(values.size, FONT); } } },
  });
  network.on("zoom", updateLabels);
  network.on("dragEnd", updateLabels);
  // the canvas may take its final size after the first frame (the panels laid out, the
  // window sized): labels placed for the old size would leave nodes now on screen unnamed
  network.on("resize", updateLabels);

  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0];
      if (network.isCluster(id)) {
        var members = network.getNodesInCluster(id);
        network.openCluster(id);
        clickHandler({ community: id, members: members });
        return;
      }
      clickHandler({ node: id });
    } else if (params.edges.length) {
      clickHandler({ edge: params.edges[0] });
    } else {
      clickHandler({});
    }
  });

  return {
    show: function (nodeOn, edgeOn) {
      nodes.update(NKG.nodes.map(function (n) { return { id: n.id, hidden: !nodeOn[n.id] }; }));
      edges.update(NKG.edges.map(function (e) { return { id: e.id, hidden: !edgeOn[e.id] }; }));
    },
    dim: function (near, edgeOn) {
      nodes.update(NKG.nodes.map(function (n) { return { id: n.id, opacity: !near || near[n.id] ? 1 : 0.15 }; }));
      edges.update(NKG.edges.map(function (e) { return { id: e.id, color: { color: e.color, opacity: edgeOn(e) ? 1 : 0.1 } }; }));
    },
    fit: function (ids) {
      if (ids.length) { network.fit({ nodes: ids, animation: false }); }
      updateLabels();
    },
    choose: function (id) {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
    },
    unselect: function () { network.unselectAll(); },
    reveal: function (id) {
      // findNode: the clusters holding the node, outermost first, then the node itself
      network.clustering.findNode(id).slice(0, -1).forEach(function (c) {
        if (network.isCluster(c)) { network.openCluster(c); }
      });
    },
    selected: function () { return network.getSelectedNodes(); },
    // a node inside a collapsed community is not drawn either
    isHidden: function (id) { var n = nodes.get(id); return !n || !!n.hidden || network.clustering.findNode(id).length > 1; },
    isEdgeHidden: function (id) { var e = edges.get(id); return !e || !!e.hidden; },
    resized: function () { network.setSize("100%", "100vh"); network.redraw(); updateLabels(); },
    onClick: function (handler) { clickHandler = handler; },
    onReady: function (callback) { network.once("afterDrawing", callback); },
    png: function () { return network.canvas.frame.canvas.toDataURL("image/png"); },
    collapse: function (groups) {
      groups.forEach(function (g) {
        network.cluster({
          joinCondition: function (n) { return String(n.community) === g.community && !n.hidden; },
          clusterNodeProperties: { id: g.id, label: g.label, shape: "hexagon", color: "#bab0ac", size: 30, font: { size: 14 / network.getScale() } },
        });
      });
      network.fit();
    },
  };
}
