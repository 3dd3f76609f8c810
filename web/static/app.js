// corroborate web UI: one page, hash routes, plain DOM.
//
// Every text that comes from the database (article text, titles, names, notes) is hostile
// input: it is only ever put in the page as a text node or through textContent, never as
// markup, and links from data are kept only when they are http(s). The server also sends a
// Content-Security-Policy that forbids inline script.

const main = document.getElementById("main");
const PAGE_SIZE = 50;
const PRECISION_COLOURS = {
  exact: "#c0392b", near: "#e67e22", region: "#8e44ad", country: "#2471a3",
  sea_area: "#16a085", unknown: "#7f8c8d",
};

// ---------------------------------------------------------------- DOM helpers

/** An element with properties and children; strings become text nodes, never markup. */
function h(tag, props, ...children) {
  const node = document.createElement(tag);
  applyProps(node, props);
  appendAll(node, children);
  return node;
}

/** An SVG element with attributes and children. */
function s(tag, attrs, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined) node.setAttribute(key, String(value));
  }
  appendAll(node, children);
  return node;
}

function applyProps(node, props) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "on") {
      for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    } else if (key === "href") {
      const href = safeHref(value);
      if (href) node.setAttribute("href", href);
    } else if (key === "class") {
      node.className = value;
    } else if (key === "value") {
      node.value = value;
    } else if (/^(id|name|type|title|for|placeholder|size|selected|disabled|rel|target|min|max|data-[a-z-]+|aria-[a-z]+)$/.test(key)) {
      node.setAttribute(key, value === true ? "" : String(value));
    } else {
      throw new Error(`attribute ${key} is not allowed`);
    }
  }
}

function appendAll(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** `url` when it is an in-app route or an http(s) address; `null` otherwise (javascript:, data:…). */
function safeHref(url) {
  if (typeof url !== "string") return null;
  if (url.startsWith("#/")) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

function show(...children) {
  main.replaceChildren(...children.flat().filter(Boolean));
}

function label(id) {
  return String(id ?? "").replaceAll("_", " ");
}

function range(r) {
  if (!r || (r.min == null && r.max == null)) return "unknown";
  if (r.min === r.max) return String(r.min);
  return `${r.min ?? "?"}–${r.max ?? "?"}`;
}

function when(time) {
  if (!time || (!time.earliest && !time.latest)) return "date unknown";
  if (time.earliest === time.latest) return time.earliest;
  return `${time.earliest ?? "?"} – ${time.latest ?? "?"}`;
}

function where(place) {
  const parts = [place?.name, place?.country_code].filter(Boolean);
  return parts.length ? `${parts.join(", ")} (${label(place.precision)})` : "place unknown";
}

// ---------------------------------------------------------------- API

function credentials() {
  return {
    token: sessionStorage.getItem("corroborate.token") || "",
    reviewer: localStorage.getItem("corroborate.reviewer") || "",
  };
}

async function api(path, options = {}) {
  const headers = { Accept: "application/json", ...(options.headers || {}) };
  const { token } = credentials();
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, { ...options, headers });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body?.error?.message || `${response.status} ${response.statusText}`;
    throw new Error(message);
  }
  return body;
}

let vocabularyCache = null;
async function vocabulary() {
  vocabularyCache ??= await api("/api/vocabulary");
  return vocabularyCache;
}

// ---------------------------------------------------------------- list page

const FILTERS = ["type", "country", "grade", "status", "source_kind", "from", "to"];

async function listPage(params, render) {
  const filters = new URLSearchParams();
  for (const key of FILTERS) if (params.get(key)) filters.set(key, params.get(key));
  const offset = Math.max(0, Number(params.get("offset")) || 0);
  const query = new URLSearchParams(filters);
  query.set("limit", PAGE_SIZE);
  query.set("offset", offset);
  // The list, the map and the pager need no facts, claims or timeline: summaries are a quarter
  // of the bytes.
  query.set("view", "summary");
  const [vocab, page, counts] = await Promise.all([
    vocabulary(),
    api(`/api/incidents?${query}`),
    api(`/api/incidents/counts?${filters}`),
  ]);

  const select = (name, ids) =>
    h("label", {}, label(name),
      h("select", { name },
        h("option", { value: "" }, "any"),
        ids.map((id) => h("option", { value: id, selected: params.get(name) === id }, label(id)))));
  const input = (name, type, placeholder) =>
    h("label", {}, label(name), h("input", { name, type, placeholder, value: params.get(name) || "", size: 10 }));

  const form = h("form", { class: "filters", id: "filters", on: { submit: (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of new FormData(event.target)) if (value) next.set(key, value);
    location.hash = `#/?${next}`;
  } } },
    select("type", vocab.type), input("country", "text", "VE"), select("grade", vocab.grade),
    select("status", vocab.status), select("source_kind", vocab.source_kind),
    input("from", "date"), input("to", "date"),
    h("button", { type: "submit" }, "Filter"),
    h("a", { href: "#/" }, "clear"));

  const facetLinks = ["type", "country", "grade"].map((facet) => {
    const items = counts.filter((c) => c.facet === facet);
    return h("div", { class: "counts", "data-facet": facet },
      h("span", { class: "facet" }, `${facet}:`),
      items.map((c) => {
        if (!c.value) return h("span", {}, `unknown (${c.count})`);
        const next = new URLSearchParams(filters);
        next.set(facet, c.value);
        return h("a", { href: `#/?${next}` }, `${label(c.value)} (${c.count})`);
      }));
  });

  const first = page.total === 0 ? 0 : offset + 1;
  const last = offset + page.items.length;
  const pageLink = (to, text) => {
    const next = new URLSearchParams(filters);
    next.set("offset", to);
    return h("a", { href: `#/?${next}` }, text);
  };
  const pager = h("div", { class: "pager" },
    offset > 0 ? pageLink(Math.max(0, offset - PAGE_SIZE), "← previous") : null,
    h("span", { id: "page-range" }, `${first}–${last} of ${page.total}`),
    last < page.total ? pageLink(offset + PAGE_SIZE, "next →") : null);

  const table = h("table", { id: "incidents" },
    h("thead", {}, h("tr", {}, ["incident", "type", "when", "where", "grade", "reports", "killed"].map((t) => h("th", {}, t)))),
    h("tbody", {}, page.items.map((incident) => h("tr", {},
      h("td", {}, h("a", { href: `#/incident/${incident.id}` }, incident.id)),
      h("td", {}, label(incident.type)),
      h("td", {}, when(incident.time)),
      h("td", {}, where(incident.place)),
      h("td", {}, h("span", { class: `grade grade-${incident.grade}` }, incident.grade)),
      h("td", {}, String(incident.documents.length)),
      h("td", {}, range(incident.casualties.killed))))));

  const mapPanel = h("div", { class: "panel" }, h("h2", {}, "Map (this page)"));
  const timelinePanel = h("div", { class: "panel" }, h("h2", {}, "Timeline (all matching, by month)"));
  render(
    h("h1", {}, `Incidents (${page.total})`),
    form, facetLinks,
    h("div", { class: "panels" }, mapPanel, timelinePanel),
    pager, table);
  timelinePanel.append(timeline(counts.filter((c) => c.facet === "month" && c.value)));
  drawMap(mapPanel, page.items).catch((error) => mapPanel.append(h("p", { class: "error" }, `map unavailable: ${error.message}`)));
}

let worldCache = null;
async function drawMap(panel, incidents) {
  if (!window.d3?.geoPath || !window.topojson) throw new Error("map libraries not installed (npm ci in web/)");
  worldCache ??= await fetch("/vendor/world-atlas/countries-110m.json").then((r) => {
    if (!r.ok) throw new Error("country outlines not installed (npm ci in web/)");
    return r.json();
  });
  const width = 640, height = 330;
  const countries = topojson.feature(worldCache, worldCache.objects.countries);
  const projection = d3.geoNaturalEarth1().fitSize([width, height], { type: "Sphere" });
  const path = d3.geoPath(projection);
  const placed = incidents.filter((i) => i.place?.lat != null && i.place?.lon != null);
  const svg = s("svg", { class: "map", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "map of incidents" },
    countries.features.map((feature) => s("path", { class: "country", d: path(feature) })),
    placed.map((incident) => {
      const [x, y] = projection([incident.place.lon, incident.place.lat]);
      const precision = incident.place.precision;
      const radius = precision === "exact" ? 3 : precision === "near" ? 4 : precision === "country" ? 7 : 5;
      return s("a", { href: `#/incident/${incident.id}` },
        s("circle", { class: "dot", cx: x.toFixed(1), cy: y.toFixed(1), r: radius, fill: PRECISION_COLOURS[precision] || PRECISION_COLOURS.unknown, "fill-opacity": 0.75 },
          s("title", {}, `${incident.id}: ${where(incident.place)}`)));
    }));
  const legend = h("div", { class: "legend" },
    Object.entries(PRECISION_COLOURS).map(([precision, colour]) => {
      const swatch = h("span", { class: "swatch" });
      swatch.style.background = colour;
      return h("span", {}, swatch, label(precision));
    }),
    h("span", {}, `${placed.length} of ${incidents.length} placed`));
  panel.append(svg, legend);
}

function timeline(months) {
  const sorted = [...months].sort((a, b) => a.value.localeCompare(b.value));
  const width = 400, height = 160, bottom = 20;
  if (!sorted.length) return h("p", { class: "meta" }, "no dated incidents");
  const max = Math.max(...sorted.map((m) => m.count));
  const bar = width / sorted.length;
  return s("svg", { class: "timeline", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "incidents per month" },
    sorted.map((m, i) => {
      const barHeight = ((height - bottom - 4) * m.count) / max;
      return s("rect", { x: (i * bar + 1).toFixed(1), y: (height - bottom - barHeight).toFixed(1), width: Math.max(1, bar - 2).toFixed(1), height: barHeight.toFixed(1) },
        s("title", {}, `${m.value}: ${m.count}`));
    }),
    s("text", { x: 0, y: height - 6 }, sorted[0].value),
    s("text", { x: width, y: height - 6, "text-anchor": "end" }, sorted[sorted.length - 1].value));
}

// ---------------------------------------------------------------- incident page

async function incidentPage(id, render) {
  const [incident, claims, history] = await Promise.all([
    api(`/api/incidents/${encodeURIComponent(id)}`),
    api(`/api/incidents/${encodeURIComponent(id)}/claims`),
    api(`/api/incidents/${encodeURIComponent(id)}/reviews`),
  ]);
  const byId = new Map(claims.map((c) => [c.claim.id, c]));
  const claimLine = (claimId) => {
    const c = byId.get(claimId);
    if (!c) return h("div", { class: "claim-line meta" }, `${claimId} (report not stored)`);
    return h("div", { class: "claim-line", "data-claim": claimId, "data-form": c.claim.form },
      h("strong", {}, c.claim.source.name || c.claim.source.surface || "the outlet"), " ",
      h("span", { class: "meta" }, `${label(c.claim.stance)} · ${label(c.claim.source.kind)}`), ": ",
      h("span", { class: "quote" }, `“${c.quote}”`), " ",
      h("a", { href: `#/document/${c.claim.document}?claim=${claimId}` }, "in context"), " ",
      h("button", { type: "button", "data-action": "accept", on: { click: () => prefill(claimId, "accept") } }, "Accept"), " ",
      h("button", { type: "button", "data-action": "reject", on: { click: () => prefill(claimId, "reject") } }, "Reject"));
  };

  const facts = h("table", { id: "facts" },
    h("thead", {}, h("tr", {}, ["attribute", "value", "status", "for", "against"].map((t) => h("th", {}, t)))),
    h("tbody", {}, incident.facts.map((fact) => h("tr", { class: fact.oppose.length && fact.support.length ? "contested-fact" : null },
      h("td", {}, label(fact.attribute)),
      h("td", {}, fact.value, fact.inferred ? h("span", { class: "meta" }, " (inferred)") : null),
      h("td", {}, h("span", { class: `status status-${fact.status}` }, label(fact.status)), h("div", { class: "meta" }, `${fact.independent_sources} independent`)),
      h("td", { class: "claims-for" }, fact.support.map(claimLine)),
      h("td", { class: "claims-against" }, fact.oppose.map(claimLine))))));

  const casualties = h("table", { id: "casualties" },
    h("tbody", {}, Object.entries(incident.casualties).map(([what, r]) => h("tr", {}, h("th", {}, label(what)), h("td", {}, range(r))))));

  const documents = [...new Map(claims.map((c) => [c.claim.document, c])).values()];
  const sources = h("ul", { id: "sources" }, incident.documents.map((docId) => {
    const c = documents.find((d) => d.claim.document === docId);
    const external = c?.url && safeHref(c.url);
    return h("li", {},
      h("a", { href: `#/document/${docId}` }, c?.title || docId), " ",
      h("span", { class: "meta" }, [c?.publisher, c?.published].filter(Boolean).join(", ")), " ",
      external ? h("a", { href: external, rel: "noopener noreferrer", target: "_blank" }, "original") : null);
  }));

  const reviewForm = h("form", { class: "review-form", id: "review-form", on: { submit: (event) => submitReview(event, incident) } },
    h("label", {}, "about", h("select", { name: "target" },
      h("option", { value: incident.id }, `incident ${incident.id}`),
      incident.claims.map((claimId) => h("option", { value: claimId }, `claim ${claimId}: ${byId.get(claimId)?.quote?.slice(0, 60) ?? ""}`)))),
    h("label", {}, "action", h("select", { name: "action" },
      ["accept", "reject", "note", "merge", "split"].map((a) => h("option", { value: a }, a)))),
    h("label", {}, "merge with", h("input", { name: "other", size: 14, placeholder: "incident id" })),
    h("label", {}, "why", h("input", { name: "note", size: 32, placeholder: "what you checked" })),
    h("button", { type: "submit" }, "Record review"),
    h("span", { id: "review-status" }));

  render(
    h("h1", {}, `${label(incident.type)} — ${incident.id}`),
    h("p", {}, h("span", { class: `grade grade-${incident.grade}` }, incident.grade), " ", incident.grade_reason),
    h("p", {}, `When: ${when(incident.time)} · Where: ${where(incident.place)}`),
    incident.flags.length ? h("ul", { class: "flags" }, incident.flags.map((f) => h("li", {}, h("strong", {}, f.code), ": ", f.message))) : null,
    h("h2", {}, "Contradictions"),
    incident.contradictions.length
      ? incident.contradictions.map((c) => h("div", { class: "contradiction" },
          h("strong", {}, `${label(c.attribute)} = ${c.value}`),
          h("div", { class: "claims-for" }, h("span", { class: "meta" }, "for"), c.support.map(claimLine)),
          h("div", { class: "claims-against" }, h("span", { class: "meta" }, "against"), c.oppose.map(claimLine))))
      : h("p", { class: "meta" }, "none"),
    h("h2", {}, "Facts and the claims for and against them"), facts,
    h("h2", {}, "Casualties"), casualties,
    h("h2", {}, "Sources"), sources,
    h("h2", {}, "How the story developed"),
    h("ol", { id: "story" }, incident.timeline.map((t) => h("li", {},
      h("span", { class: "meta" }, t.date || "undated"), " ", t.summary, " ",
      h("a", { href: `#/document/${t.document}` }, "report")))),
    h("h2", {}, "Review"), reviewForm,
    h("h2", {}, "History"),
    h("ul", { class: "history", id: "history" }, history.length ? history.map(historyLine) : h("li", { class: "meta" }, "no reviews yet")));
}

function historyLine(review) {
  return h("li", { "data-review": review.id },
    h("span", { class: "meta" }, review.at.replace("T", " ").replace(/\..*$|Z$/, "")), " ",
    h("strong", {}, review.reviewer), ` ${review.action} `, h("code", {}, review.target),
    review.other ? [" with ", h("code", {}, review.other)] : null, ": ", review.note);
}

function prefill(target, action) {
  const form = document.getElementById("review-form");
  if (!form) return;
  form.elements.target.value = target;
  form.elements.action.value = action;
  form.elements.note.focus();
}

async function submitReview(event, incident) {
  event.preventDefault();
  const form = event.target;
  const status = document.getElementById("review-status");
  const { reviewer } = credentials();
  const target = form.elements.target.value;
  const body = { action: form.elements.action.value, reviewer, note: form.elements.note.value };
  if (body.action === "merge") body.other = form.elements.other.value;
  const path = target === incident.id
    ? `/api/incidents/${encodeURIComponent(target)}/reviews`
    : `/api/claims/${encodeURIComponent(target)}/reviews`;
  try {
    const stored = await api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    // The history is refreshed before the status says the review is recorded, so that whoever
    // reads "recorded" (an analyst or a test) finds the review in the history already.
    const history = await api(`/api/incidents/${encodeURIComponent(incident.id)}/reviews`);
    document.getElementById("history").replaceChildren(...history.map(historyLine));
    status.className = "ok";
    status.textContent = `recorded review ${stored.id}`;
    form.elements.note.value = "";
  } catch (error) {
    status.className = "error";
    status.textContent = error.message;
  }
}

// ---------------------------------------------------------------- document page

async function documentPage(id, params, render) {
  const view = await api(`/api/documents/${encodeURIComponent(id)}/view`);
  const doc = view.document;
  const claimSentences = new Set(view.claims.filter((c) => c.form !== "narration").map((c) => c.sentence));
  const claimsById = new Map(view.claims.map((c) => [c.id, c]));
  const incidentsOf = new Map();
  for (const [claim, incident] of view.incidents) {
    if (!incidentsOf.has(claim)) incidentsOf.set(claim, []);
    incidentsOf.get(claim).push(incident);
  }
  const focus = params.get("claim");
  const article = h("article", { class: "article", id: "article" });
  let focusPlaced = false;
  view.segments.forEach((segment, index) => {
    // Attributed claims are marked; the outlet's own narration only lightly, since it covers
    // most of an article.
    const attributed = segment.claims.filter((c) => claimsById.get(c)?.form !== "narration");
    const marked = attributed.length ? attributed : segment.claims;
    let node;
    if (marked.length) {
      node = h("mark", {
        class: attributed.length ? "claim" : "narration",
        "data-claims": marked.join(" "),
        title: marked.map((c) => {
          const claim = claimsById.get(c);
          return `${claim.source.name || claim.source.surface || "the outlet"}: ${label(claim.stance)}`;
        }).join("; "),
      }, segment.text);
      if (focus && segment.claims.includes(focus)) {
        // A claim split into pieces by claims inside it is marked in every piece; the id, which
        // must be unique, goes to the first piece, where the view scrolls to.
        if (!focusPlaced) {
          node.id = "focused-claim";
          focusPlaced = true;
        }
        node.classList.add("focused");
      }
    } else {
      node = document.createTextNode(segment.text);
    }
    const wrapped = segment.sentence != null && claimSentences.has(segment.sentence)
      ? h("span", { class: "claim-sentence", "data-sentence": segment.sentence }, node)
      : node;
    article.append(wrapped);
    // After the last piece of a claim, link the incidents it bears on.
    const next = view.segments[index + 1];
    for (const claim of attributed) {
      if (next && next.claims.includes(claim)) continue;
      for (const incident of incidentsOf.get(claim) || []) {
        article.append(h("a", { class: "incident-link", href: `#/incident/${incident}`, title: `incident ${incident}` }, `[${incident}]`));
      }
    }
  });
  const external = doc.url && safeHref(doc.url);
  render(
    h("h1", {}, doc.title || doc.id),
    h("p", { class: "meta" }, [doc.publisher, doc.published, doc.author].filter(Boolean).join(" · "), " ",
      external ? h("a", { href: external, rel: "noopener noreferrer", target: "_blank" }, "original") : null),
    h("p", { class: "meta" }, `${view.claims.length} claims; highlighted: what each source is said to claim, in its sentence`),
    article);
  document.getElementById("focused-claim")?.scrollIntoView({ block: "center" });
}

// ---------------------------------------------------------------- search page

async function searchPage(params, render) {
  const q = params.get("q") || "";
  const form = h("form", { class: "filters", on: { submit: (event) => {
    event.preventDefault();
    location.hash = `#/search?${new URLSearchParams({ q: event.target.elements.q.value })}`;
  } } }, h("label", {}, "words", h("input", { name: "q", value: q, size: 40 })), h("button", { type: "submit" }, "Search"));
  if (!q) return render(h("h1", {}, "Search"), form);
  const page = await api(`/api/search?${new URLSearchParams({ q, limit: PAGE_SIZE })}`);
  render(h("h1", {}, `Search: ${page.total} hits`), form,
    h("ul", { id: "hits" }, page.items.map((hit) => h("li", {},
      h("span", { class: "meta" }, hit.kind), " ",
      h("a", { href: hit.kind === "claim" ? `#/document/${hit.document}?claim=${hit.id}` : `#/document/${hit.document}` }, hit.excerpt || hit.id)))));
}

// ---------------------------------------------------------------- routing

let navigations = 0;

async function route() {
  // A page that finishes loading after the reader moved on must not replace the newer page.
  const ticket = ++navigations;
  const render = (...nodes) => {
    if (ticket === navigations) show(...nodes);
  };
  const hash = location.hash || "#/";
  const [path, query = ""] = hash.slice(1).split("?");
  const params = new URLSearchParams(query);
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  try {
    if (parts[0] === "incident" && parts[1]) await incidentPage(parts[1], render);
    else if (parts[0] === "document" && parts[1]) await documentPage(parts[1], params, render);
    else if (parts[0] === "search") await searchPage(params, render);
    else await listPage(params, render);
  } catch (error) {
    render(h("h1", {}, "Something went wrong"), h("p", { class: "error" }, error.message));
  }
  if (ticket !== navigations) return;
  document.body.dataset.page = parts[0] || "list";
  document.body.dataset.ready = hash;
}

function setUpCredentials() {
  const token = document.getElementById("token");
  const reviewer = document.getElementById("reviewer");
  token.value = credentials().token;
  reviewer.value = credentials().reviewer;
  token.addEventListener("change", () => sessionStorage.setItem("corroborate.token", token.value.trim()));
  reviewer.addEventListener("change", () => localStorage.setItem("corroborate.reviewer", reviewer.value.trim()));
  document.getElementById("credentials").addEventListener("submit", (event) => event.preventDefault());
}

setUpCredentials();
window.addEventListener("hashchange", route);
route();
