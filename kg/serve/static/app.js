// The kg query page. Results come from untrusted articles: every piece of data reaches the page
// through textContent on elements made with createElement, never through innerHTML or attributes
// that the browser would interpret (no styles built from data); the one link, to a person's profile,
// is a fixed path with the IRI URL-encoded as its parameter.
"use strict";

(function () {
  const MAX_ROWS = 2000; // rows drawn in the table; the rest are counted
  const ACCEPT = "application/sparql-results+json, text/turtle;q=0.9, text/plain;q=0.1";
  const LONG = 120; // characters beyond which a cell is clamped to three lines until clicked
  let prefixes = {};
  let named = {}; // name -> named query from /queries
  let chosen = null; // the named query in the editor, while its text is unchanged
  let last = null; // {request: URLSearchParams, data: SPARQL JSON} of the last table shown

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function compact(iri) {
    let best = null;
    for (const [prefix, ns] of Object.entries(prefixes)) {
      if (iri.startsWith(ns) && (best === null || ns.length > best[1].length)) best = [prefix, ns];
    }
    return best ? best[0] + ":" + iri.slice(best[1].length) : iri;
  }

  function termCell(term) {
    const td = el("td");
    const cell = el("div", "cell");
    td.appendChild(cell);
    if (!term) {
      td.className = "unbound";
      return td;
    }
    if (term.type === "uri") {
      td.className = "iri";
      td.dataset.iri = term.value;
      cell.textContent = compact(term.value);
      td.title = term.value; // a tooltip is plain text
    } else if (term.type === "bnode") {
      td.className = "iri";
      cell.textContent = "_:" + term.value;
    } else {
      cell.appendChild(document.createTextNode(term.value));
      if (term["xml:lang"]) cell.appendChild(el("span", "lang", "@" + term["xml:lang"]));
      else if (term.datatype) cell.appendChild(el("span", "datatype", compact(term.datatype)));
      if (term.value.length > LONG || term.value.split("\n").length > 3) {
        td.classList.add("long");
        td.title = "click to show all of it";
        td.addEventListener("click", function () { td.classList.toggle("expanded"); });
      }
    }
    return td;
  }

  // Names instead of IRIs: the server's /labels gives each IRI's label (the ontology's for its terms,
  // a node's preferred label, a document's title) and whether it is a person, linked to their profile.
  async function label(table) {
    const cells = Array.from(table.querySelectorAll("td.iri[data-iri]"));
    const iris = Array.from(new Set(cells.map(function (td) { return td.dataset.iri; }))).slice(0, 5000);
    if (!iris.length) return;
    let names = {};
    try {
      const response = await fetch("/labels", {
        method: "POST", body: JSON.stringify(iris), credentials: "omit", cache: "no-store",
        headers: { "Content-Type": "application/json" },
      });
      if (!response.ok) return;
      names = await response.json();
    } catch (err) {
      return;
    }
    for (const td of cells) {
      const known = names[td.dataset.iri];
      if (!known) continue;
      const cell = td.firstChild;
      td.classList.add("labelled");
      td.title = compact(td.dataset.iri) + "\n" + td.dataset.iri;
      if (known.person) {
        const a = el("a", "person", known.label);
        a.href = "/profile?iri=" + encodeURIComponent(td.dataset.iri);
        cell.replaceChildren(a);
      } else {
        cell.replaceChildren(document.createTextNode(known.label));
      }
    }
  }

  function renderTable(data) {
    const vars = (data.head && data.head.vars) || [];
    const rows = (data.results && data.results.bindings) || [];
    const table = el("table", "results");
    const thead = el("thead");
    const headRow = el("tr");
    for (const v of vars) headRow.appendChild(el("th", null, "?" + v));
    thead.appendChild(headRow);
    table.appendChild(thead);
    const tbody = el("tbody");
    for (const binding of rows.slice(0, MAX_ROWS)) {
      const tr = el("tr");
      for (const v of vars) tr.appendChild(termCell(binding[v]));
      tbody.appendChild(tr);
    }
    table.appendChild(tbody);
    const out = [table];
    if (rows.length > MAX_ROWS) out.push(el("p", "hint", `showing the first ${MAX_ROWS} of ${rows.length} rows`));
    return { nodes: out, count: rows.length, table: table };
  }

  // The request for what the editor holds: the chosen named query with its parameters, or the text.
  function currentRequest() {
    const text = document.getElementById("query").value;
    if (chosen && text === chosen.text) {
      const request = new URLSearchParams({ named: chosen.name });
      for (const input of document.querySelectorAll("#param-fields input")) {
        request.append("param." + input.dataset.param, input.value);
      }
      return request;
    }
    return new URLSearchParams({ query: text });
  }

  // The page's own URL says what it runs (as the Wikidata Query Service's does): share it, reload it.
  function share(request) {
    const url = "/?" + request.toString();
    history.replaceState(null, "", url);
    const link = document.getElementById("share");
    link.href = url;
    link.hidden = false;
  }

  function save(blob, name) {
    const a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
  }

  async function download(kind) {
    if (!last) return;
    if (kind === "json") {
      save(new Blob([JSON.stringify(last.data, null, 1)], { type: "application/json" }), "kg-results.json");
      return;
    }
    // CSV as the server writes it (cells a spreadsheet would run as formulas are quoted there)
    const response = await fetch("/sparql", {
      method: "POST", body: last.request.toString(), credentials: "omit", cache: "no-store",
      headers: { "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8", "Accept": "text/csv" },
    });
    if (!response.ok) {
      setStatus("the CSV could not be made: " + response.status);
      return;
    }
    save(new Blob([await response.text()], { type: "text/csv" }), "kg-results.csv");
  }

  function setDownloads(enabled) {
    document.getElementById("download-csv").disabled = !enabled;
    document.getElementById("download-json").disabled = !enabled;
  }

  function show(nodes) {
    document.getElementById("results").replaceChildren(...nodes);
  }

  function setStatus(text) {
    document.getElementById("status").textContent = text;
  }

  async function run(event) {
    if (event) event.preventDefault();
    const button = document.getElementById("run");
    const request = currentRequest();
    last = null;
    setDownloads(false);
    share(request);
    button.disabled = true;
    setStatus("running…");
    show([el("p", "hint", "running…")]);
    const started = performance.now();
    try {
      const response = await fetch("/sparql", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8", "Accept": ACCEPT },
        body: request.toString(),
        credentials: "omit",
        cache: "no-store",
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
      if (!response.ok) {
        const message = await response.text();
        show([el("pre", "error", `${response.status} ${response.statusText}\n${message}`)]);
        setStatus(`error after ${seconds} s`);
        return;
      }
      if (type === "application/sparql-results+json") {
        const data = await response.json();
        if (typeof data.boolean === "boolean") {
          show([el("p", "boolean", data.boolean ? "yes" : "no")]);
          setStatus(`ASK answered in ${seconds} s`);
        } else {
          const { nodes, count, table } = renderTable(data);
          show(nodes);
          last = { request: request, data: data };
          setDownloads(true);
          label(table);
          setStatus(`${count} row${count === 1 ? "" : "s"} in ${seconds} s`);
        }
      } else {
        const text = await response.text();
        show([el("pre", "graph", text)]);
        setStatus(`graph (${type}) in ${seconds} s`);
      }
    } catch (err) {
      show([el("pre", "error", "the request failed: " + err)]);
      setStatus("");
    } finally {
      button.disabled = false;
    }
  }

  async function loadNamed() {
    const list = document.getElementById("named-list");
    try {
      const response = await fetch("/queries", { credentials: "omit" });
      if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
      const queries = await response.json();
      const items = queries.map(function (q) {
        const li = el("li");
        const button = el("button", null, q.title || q.name);
        button.type = "button";
        button.dataset.name = q.name;
        button.addEventListener("click", function () {
          choose(q, {});
          setStatus(`loaded “${q.title || q.name}”`);
          document.getElementById("query").focus();
        });
        li.appendChild(button);
        if (q.description) li.appendChild(el("p", "desc", q.description));
        if (q.params && q.params.length) {
          li.appendChild(el("p", "desc", "parameters: " +
            q.params.map(function (p) { return p.name + " (" + p.type + ")"; }).join(", ")));
        }
        named[q.name] = q;
        return li;
      });
      if (!items.length) items.push(el("li", "hint", "no named queries"));
      list.replaceChildren(...items);
    } catch (err) {
      list.replaceChildren(el("li", "hint", "could not load the named queries: " + err.message));
    }
  }

  const HINTS = { person: "a name in any script, or an id", entity: "a place or organization",
                  date: "YYYY-MM-DD", text: "text", iri: "an IRI" };

  // Put named query `q` in the editor with a field per declared parameter, filled from `values`.
  function choose(q, values) {
    chosen = q;
    document.getElementById("query").value = q.text;
    const fields = (q.params || []).map(function (p) {
      const label = el("label", null, p.name + " (" + p.type + ")");
      const input = el("input");
      input.type = "text";
      input.id = "param-" + p.name;
      input.dataset.param = p.name;
      input.placeholder = HINTS[p.type] || p.type;
      input.value = values[p.name] || "";
      input.required = true;
      label.appendChild(input);
      return label;
    });
    document.getElementById("param-fields").replaceChildren(...fields);
    document.getElementById("params-legend").textContent = "Parameters of “" + (q.title || q.name) + "”";
    document.getElementById("params").hidden = fields.length === 0;
  }

  function edited() {
    if (chosen && document.getElementById("query").value !== chosen.text) {
      chosen = null;
      document.getElementById("params").hidden = true;
    }
  }

  // A shared URL: ?query=TEXT, or ?named=NAME&param.P=VALUE; run what it says.
  function openShared() {
    const given = new URLSearchParams(location.search);
    if (given.has("named") && named[given.get("named")]) {
      const values = {};
      for (const [key, value] of given) if (key.startsWith("param.")) values[key.slice(6)] = value;
      choose(named[given.get("named")], values);
      run();
    } else if (given.has("query")) {
      document.getElementById("query").value = given.get("query");
      run();
    }
  }

  async function loadPrefixes() {
    try {
      const response = await fetch("/prefixes", { credentials: "omit" });
      if (response.ok) prefixes = await response.json();
    } catch (err) {
      prefixes = {};
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.getElementById("query-form").addEventListener("submit", run);
    document.getElementById("query").addEventListener("keydown", function (e) {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run(e);
    });
    document.getElementById("query").addEventListener("input", edited);
    document.getElementById("download-csv").addEventListener("click", function () { download("csv"); });
    document.getElementById("download-json").addEventListener("click", function () { download("json"); });
    Promise.all([loadPrefixes(), loadNamed()]).then(openShared);
  });
})();
