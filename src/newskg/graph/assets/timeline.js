// newskg timeline page: vis-timeline (inlined) with zoom and pan, grouping by type or by
// participant, dates shown with their precision, details with the evidence sentence and the
// article, filters shared with the network page through the address. Article text is only
// ever set as text (textContent, or elements built here), never as markup.
(function () {
  "use strict";
  var NKG = JSON.parse(document.getElementById("nkg-data").textContent);
  var byId = {};
  NKG.dated.concat(NKG.undated).forEach(function (e) { byId[e.id] = e; });

  var el = nkgPage.el, fold = nkgPage.fold;
  var PRECISION = { year: "year only", month: "month only", day: "" };
  function when(e) {
    return e.date ? e.date + (PRECISION[e.precision] ? " (" + PRECISION[e.precision] + ")" : "") : "";
  }
  // A year or a month is a span on the axis, a day a point.
  function span(e) {
    var p = e.date.split("-").map(Number);
    if (p.length === 1) { return [new Date(Date.UTC(p[0], 0, 1)), new Date(Date.UTC(p[0] + 1, 0, 1))]; }
    if (p.length === 2) { return [new Date(Date.UTC(p[0], p[1] - 1, 1)), new Date(Date.UTC(p[0], p[1], 1))]; }
    return [new Date(Date.UTC(p[0], p[1] - 1, p[2])), null];
  }

  // --- details -------------------------------------------------------------------------------
  var details = document.getElementById("nkg-details");
  function show(id) {
    var e = byId[id];
    if (!e) { return; }
    details.textContent = "";
    details.hidden = false;
    details.appendChild(el("h3", e.label));
    details.appendChild(el("div", e.type + (e.date ? " · " + when(e) : e.date_text ? " · as written: " + e.date_text : " · no date")));
    if (e.place) { details.appendChild(el("div", "place: " + e.place)); }
    if (e.participants.length) {
      details.appendChild(el("div", "participants: " + e.participants.map(function (p) { return p.name + " (" + p.role + ")"; }).join(", ")));
    }
    if (e.sentence) { details.appendChild(el("blockquote", e.sentence)); }
    var source = [e.headline, e.outlet, e.published].filter(Boolean).join(" — ");
    details.appendChild(el("div", (source ? source + " " : "") + "(" + e.article + ")", "nkg-source"));
    var link = el("a", "show it in the network");
    link.href = NKG.network + "#node=" + encodeURIComponent(e.id);
    details.appendChild(link);
  }

  // --- items, groups, filters ---------------------------------------------------------------------
  var items = new vis.DataSet();
  var groups = new vis.DataSet();
  var form = document.getElementById("nkg-filters");
  var who = document.getElementById("nkg-who");
  function build() {
    var types = {};
    form.querySelectorAll("input[name=type]").forEach(function (box) { types[box.value] = box.checked; });
    var wanted = fold(who.value.trim());
    var byEntity = document.getElementById("nkg-group").value === "entity";
    var keep = NKG.dated.filter(function (e) {
      return types[e.type] !== false && (!wanted || fold(e.label + " " + e.place + " " +
        e.participants.map(function (p) { return p.name; }).join(" ")).indexOf(wanted) >= 0);
    });
    var rows = [], names = {};
    keep.forEach(function (e) {
      var s = span(e);
      // one item per event and participant: a person with two roles in one event is one
      // item listing both (two items of one id would stop the timeline drawing)
      var roles = {};
      if (byEntity) {
        e.participants.forEach(function (p) { (roles[p.name] = roles[p.name] || []).push(p.role); });
        if (!e.participants.length) { roles["(no participant)"] = []; }
      } else {
        roles[e.type] = [];
      }
      Object.keys(roles).forEach(function (k) {
        names[k] = true;
        var item = { id: e.id + "\u0000" + k, event: e.id, group: k, start: s[0], label: e.label, precision: e.precision, roles: roles[k] };
        if (s[1]) { item.end = s[1]; item.type = "range"; } else { item.type = "box"; }
        rows.push(item);
      });
    });
    groups.clear();
    groups.add(Object.keys(names).sort().map(function (k) { return { id: k, content: k }; }));
    items.clear();
    items.add(rows);
    document.getElementById("nkg-count").textContent = keep.length + " of " + NKG.dated.length + " dated events";
    return keep.length;
  }
  var container = document.getElementById("nkg-timeline");
  var timeline = new vis.Timeline(container, items, groups, {
    stack: true,
    zoomable: true,
    moveable: true,
    orientation: "top",
    maxHeight: 520,
    cluster: { maxItems: 4, titleTemplate: "{count} events: zoom in" },
    // labels are built as elements with text, never parsed as markup
    template: function (item) {
      if (!item || item.isCluster) { return el("span", item && item.items ? item.items.length + " events" : ""); }
      var box = el("span", item.label);
      if (item.roles && item.roles.length) { box.appendChild(el("span", " as " + item.roles.join(", "), "nkg-roles")); }
      if (item.precision && item.precision !== "day") { box.appendChild(el("span", " (" + item.precision + ")", "nkg-precision")); }
      return box;
    },
    groupTemplate: function (group) { return el("span", group ? group.content : ""); },
    xss: { disabled: false },
  });
  timeline.on("select", function (props) {
    var item = items.get(props.items[0]);
    if (item) { show(item.event); }
  });
  form.addEventListener("input", function () { build(); timeline.fit({ animation: false }); });
  form.addEventListener("change", function () { build(); timeline.fit({ animation: false }); });
  // the network page with the dates now in view
  timeline.on("rangechanged", function (range) {
    var a = range.start.toISOString().slice(0, 10), b = range.end.toISOString().slice(0, 10);
    document.getElementById("nkg-to-network").href = NKG.network + "#since=" + a + "&until=" + b;
  });

  // --- events with no date on the axis ---------------------------------------------------------------
  var list = document.getElementById("nkg-undated");
  NKG.undated.forEach(function (e) {
    var li = el("li");
    var button = el("button", e.label);
    button.addEventListener("click", function () { show(e.id); });
    li.appendChild(button);
    li.appendChild(el("span", " " + e.type + (e.date_text ? " · as written: " + e.date_text + " (year unknown)" : " · no date")));
    list.appendChild(li);
  });
  if (!NKG.undated.length) { list.appendChild(el("li", "none")); }

  // --- filters from the address (#since=…&until=…&types=…&event=…) --------------------------------
  var wanted = nkgPage.addressed();
  if (wanted.types) {
    var only = wanted.types.split(",");
    form.querySelectorAll("input[name=type]").forEach(function (box) { box.checked = only.indexOf(box.value) >= 0; });
  }
  build();
  var from = new Date(wanted.since), to = new Date(wanted.until);
  if (!isNaN(from) && !isNaN(to)) {
    if (!(to > from)) { to = new Date(from.getTime() + 86400000); }  // a single day: show it whole
    var pad = (to - from) * 0.05;
    // as options too: the first draw would otherwise fit every item instead
    timeline.setOptions({ start: new Date(from.getTime() - pad), end: new Date(to.getTime() + pad) });
    timeline.setWindow(new Date(from.getTime() - pad), new Date(to.getTime() + pad), { animation: false });
  } else {
    timeline.fit({ animation: false });
  }
  if (wanted.event && byId[wanted.event]) { show(wanted.event); }
  document.body.setAttribute("data-nkg-ready", "1");
  window.nkg = { timeline: timeline, items: items, show: show, build: build };
})();
