// The kg query page. Results come from untrusted articles: every piece of data reaches the page
// through textContent on elements made with createElement, never through innerHTML or attributes
// that the browser would interpret (no links, no styles built from data).
"use strict";

(function () {
  const MAX_ROWS = 2000; // rows drawn in the table; the rest are counted
  const ACCEPT = "application/sparql-results+json, text/turtle;q=0.9, text/plain;q=0.1";
  let prefixes = {};

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
    if (!term) {
      td.className = "unbound";
      return td;
    }
    if (term.type === "uri") {
      td.className = "iri";
      td.textContent = compact(term.value);
      td.title = term.value; // a tooltip is plain text
    } else if (term.type === "bnode") {
      td.className = "iri";
      td.textContent = "_:" + term.value;
    } else {
      td.appendChild(document.createTextNode(term.value));
      if (term["xml:lang"]) td.appendChild(el("span", "lang", "@" + term["xml:lang"]));
      else if (term.datatype) td.appendChild(el("span", "datatype", compact(term.datatype)));
    }
    return td;
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
    return { nodes: out, count: rows.length };
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
    const query = document.getElementById("query").value;
    button.disabled = true;
    setStatus("running…");
    show([el("p", "hint", "running…")]);
    const started = performance.now();
    try {
      const response = await fetch("/sparql", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8", "Accept": ACCEPT },
        body: new URLSearchParams({ query: query }).toString(),
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
          const { nodes, count } = renderTable(data);
          show(nodes);
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
          document.getElementById("query").value = q.text;
          setStatus(`loaded “${q.title || q.name}”`);
          document.getElementById("query").focus();
        });
        li.appendChild(button);
        if (q.description) li.appendChild(el("p", "desc", q.description));
        if (q.params && q.params.length) {
          li.appendChild(el("p", "desc", "parameters (unbound here): " +
            q.params.map(function (p) { return "?" + p.name + " (" + p.type + ")"; }).join(", ")));
        }
        return li;
      });
      if (!items.length) items.push(el("li", "hint", "no named queries"));
      list.replaceChildren(...items);
    } catch (err) {
      list.replaceChildren(el("li", "hint", "could not load the named queries: " + err.message));
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
    loadPrefixes();
    loadNamed();
  });
})();
