// Shared by newskg's network and timeline pages (inlined before each page's own script).
var nkgPage = (function () {
  "use strict";
  // An element whose text is set as text: article text never becomes markup.
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }
  // Case- and accent-insensitive form, for search as you type.
  function fold(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  // The filters one page hands the other in its address: #node=…&since=…&until=…&types=…
  function addressed() {
    var wanted = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var kv = part.split("=");
      if (kv[0]) { wanted[decodeURIComponent(kv[0])] = decodeURIComponent(kv.slice(1).join("=")); }
    });
    return wanted;
  }
  return { el: el, fold: fold, addressed: addressed };
})();
