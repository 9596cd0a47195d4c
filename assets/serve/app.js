// mokuhyo serve: the ward page's "make every PDF" button, and the division page: a form in
// the sheet's structure, the printed page beside it, saved with the version it was loaded at.
// No framework and no build step: the server embeds this file as it is.
"use strict";

const WORDS = JSON.parse(document.getElementById("words")?.textContent || "{}");
// Sent with every request that changes something: the server checks it came from its own page.
const CSRF = document.querySelector('meta[name="mokuhyo-csrf"]')?.content || "";

// A message by its id (without `web-`), with `{name}` filled in from `args`.
function w(id, args = {}) {
  let text = WORDS[id] ?? id;
  for (const [name, value] of Object.entries(args)) text = text.replaceAll(`{${name}}`, String(value));
  return text;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) if (child) node.append(child);
  return node;
}

// A new item's id: twelve hex digits of randomness, as the server gives them.
function newId() {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function segment(text) {
  return encodeURIComponent(text);
}

// Reads a file's keys and their version into `state`; false, with the reason shown, when the
// file cannot be shown as a form (not TOML: fixed in an editor).
async function loadDraft(state, url, { status, showProblems }) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) {
    status.textContent = body.message || w("failed");
    showProblems(body.problems || []);
    return false;
  }
  state.draft = body;
  state.etag = response.headers.get("ETag");
  state.dirty = false;
  return true;
}

// Saves `state.draft` with the version it started from (`state.etag`, sent as If-Match),
// telling how it went in `status`: `saved(body)` once written. Saved meanwhile by someone
// else, the server merges field by field; the fields others changed come back in
// `body.draft`, and `shown()` shows them. A field changed on both sides (409) is shown in
// `panel` alone, the rest saved at once. `conflict(current, etag)` when the version is not
// known (412, nothing written).
async function saveDraft(state, url, { status, button, saved, conflict, shown, panel }) {
  if (state.saving || !state.draft) return;
  state.saving = true;
  button.disabled = true;
  status.textContent = w("saving");
  try {
    const sent = JSON.stringify(state.draft);
    const base = state.etag;
    let { response, body } = await putDraft(url, base, sent, {});
    let conflicts = [];
    if (response.status === 409 && body.conflicts) {
      // Everything else saved now; each field in conflict stays as saved until chosen.
      conflicts = body.conflicts;
      const theirs = Object.fromEntries(conflicts.map((c) => [c.at, "theirs"]));
      ({ response, body } = await putDraft(url, base, sent, theirs));
    }
    if (response.status === 412) {
      conflict(body.current, body.etag);
    } else if (!response.ok) {
      status.textContent = body.message || w("failed");
    } else {
      const unchanged = JSON.stringify(state.draft) === sent;
      const merged = body.merged?.length || conflicts.length;
      // What was written, when nothing was typed meanwhile; else the next save merges again
      // from the version this one started from.
      if (unchanged || !merged) state.etag = body.etag;
      if (unchanged && merged) state.draft = body.draft;
      state.dirty = !unchanged;
      const errors = body.problems.filter((p) => p.severity === "error").length;
      // The fields in conflict are not others' changes taken: they are asked about.
      const taken = (body.merged?.length ?? 0) - conflicts.length;
      status.textContent = errors ? w("saved-with-errors", { count: errors })
        : conflicts.length ? w("merge-title")
          : taken ? w("merged", { count: taken }) : w("saved");
      saved(body);
      if (unchanged && merged) shown();
      if (conflicts.length) {
        showMergePanel(panel, { url, base, sent, conflicts }, { state, status, saved, shown });
      }
    }
  } catch (error) {
    status.textContent = w("failed");
  }
  state.saving = false;
  button.disabled = false;
}

// A PUT of a draft (`sent`, JSON) from the version `etag`, settling conflicts by `choices`.
async function putDraft(url, etag, sent, choices) {
  const response = await fetch(url, {
    method: "PUT",
    headers: {
      "Content-Type": "application/json", "If-Match": etag, "X-CSRF-Token": CSRF,
      "X-Mokuhyo-Choices": JSON.stringify(choices),
    },
    body: sent,
  });
  return { response, body: await response.json() };
}

// The fields changed on both sides, each with its place in the sheet's words, the value saved
// first and the person's own, and its own choice: keep what is saved, or put theirs back
// (the same save again, from the same version, with that field chosen as theirs).
function showMergePanel(panel, pending, { state, status, saved, shown }) {
  const chosen = {};
  const text = (value) => (value === null || value === undefined ? w("merge-deleted") : value);
  const settle = async (row, conflict, side) => {
    chosen[conflict.at] = side;
    row.remove();
    if (side === "mine") {
      const choices = Object.fromEntries(pending.conflicts.map((c) => [c.at, chosen[c.at] ?? "theirs"]));
      // Its own save is no change from elsewhere to the page's listener.
      state.saving = true;
      const { response, body } = await putDraft(pending.url, pending.base, pending.sent, choices).finally(() => { state.saving = false; });
      if (!response.ok) {
        status.textContent = body.message || w("failed");
        return;
      }
      state.etag = body.etag;
      state.draft = body.draft;
      state.dirty = false;
      saved(body);
      shown();
      status.textContent = w("merge-settled");
    }
    if (!panel.querySelector("tbody tr")) {
      panel.hidden = true;
      panel.replaceChildren();
    } else {
      panel.querySelector("tbody button")?.focus();
    }
  };
  // An item deleted on one side: what the other side changed in it, field by field, under
  // its words, so that keeping the deletion throws nothing away unseen.
  const changed = (conflict, value) => (value === null || value === undefined || !conflict.changed ? null
    : el("ul", { class: "changed" }, conflict.changed.map((c) =>
      el("li", {}, el("span", { class: "changed-place", text: `${c.place}：` }), el("span", { class: "changed-text", text: c.text })))));
  const rows = pending.conflicts.map((conflict) => {
    const row = el("tr", { "data-at": conflict.at, "data-key": conflict.key },
      el("th", { scope: "row", text: conflict.place }),
      el("td", { class: "theirs" }, text(conflict.saved), changed(conflict, conflict.saved)),
      el("td", { class: "mine" }, text(conflict.sent), changed(conflict, conflict.sent)));
    row.append(el("td", {},
      el("button", { type: "button", class: "keep-mine", text: w("merge-keep-mine"), onclick: () => settle(row, conflict, "mine") }),
      el("button", { type: "button", class: "keep-theirs", text: w("merge-keep-theirs"), onclick: () => settle(row, conflict, "theirs") })));
    return row;
  });
  panel.replaceChildren(
    el("h2", { id: "conflict-title", text: w("merge-title") }),
    el("p", { text: w("merge-help") }),
    el("table", {},
      el("thead", {}, el("tr", {}, el("th", { text: w("merge-place") }), el("th", { text: w("conflict-theirs") }), el("th", { text: w("conflict-mine") }), el("th", {}))),
      el("tbody", {}, rows)));
  panel.hidden = false;
  panel.querySelector("tbody button")?.focus();
}

// Someone else saved first (their draft `theirs`, at version `etag`): what differs, as rows
// `[label, mine, theirs]`, with the two ways on: save the person's own over it, or take theirs
// (`shown` then shows it). Nothing the person typed is lost until they choose theirs.
function showConflictPanel(panel, rows, state, { theirs, etag }, { save, shown, status }) {
  const close = () => { panel.hidden = true; panel.replaceChildren(); };
  const keepMine = () => {
    state.etag = etag;
    save();
  };
  const takeTheirs = () => {
    state.draft = theirs;
    state.etag = etag;
    state.dirty = false;
    shown();
  };
  panel.replaceChildren(
    el("h2", { id: "conflict-title", text: w("conflict-title") }),
    el("p", { text: w("conflict-help") }),
    el("table", {},
      el("thead", {}, el("tr", {}, el("th", {}), el("th", { text: w("conflict-mine") }), el("th", { text: w("conflict-theirs") }))),
      el("tbody", {}, rows.map(([label, mine, saved]) => el("tr", {},
        el("th", { scope: "row", text: label }),
        el("td", { class: "mine", text: mine }),
        el("td", { class: "theirs", text: saved }))))),
    el("button", { type: "button", id: "keep-mine", text: w("conflict-keep-mine"), onclick: () => { close(); keepMine(); } }),
    el("button", { type: "button", id: "take-theirs", text: w("conflict-take-theirs"), onclick: () => { close(); takeTheirs(); } }));
  panel.hidden = false;
  panel.querySelector("button").focus();
  status.textContent = w("conflict-title");
}

// Ctrl+S saves; leaving the page with unsaved text asks first.
function saveKeys(save, dirty) {
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "s") {
      event.preventDefault();
      save();
    }
  });
  window.addEventListener("beforeunload", (event) => {
    if (dirty()) event.preventDefault();
  });
}

// The list at the top of a form: how many errors and warnings, then each problem by its place
// in the sheet's words, a link that takes the person to its field (click or Enter). `find`
// gives the element a problem's key names, or null.
function problemSummary(problems, find) {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const counts = [errors ? w("problems-errors", { count: errors }) : "", warnings ? w("problems-warnings", { count: warnings }) : ""]
    .filter(Boolean).join(document.documentElement.lang === "ja" ? "、" : ", ");
  const heading = el("h2", { id: "problems-title" }, w("problems"), counts ? el("span", { class: "counts", text: counts }) : null);
  if (!problems.length) return [heading, el("p", { class: "problem-none", text: w("problems-none") })];
  const items = problems.map((problem) => {
    const words = problem.place ? `${problem.place}：${problem.message}` : problem.message;
    const mark = el("span", { class: "mark", text: w(`severity-${problem.severity}`) });
    const target = find(problem.key);
    if (!target) return el("li", { class: problem.severity }, mark, words);
    const field = target.matches("input, textarea, select, button") ? target : target.closest("fieldset")?.querySelector("input, textarea, select") ?? target;
    const go = (event) => {
      event.preventDefault();
      field.scrollIntoView({ block: "center" });
      field.focus();
    };
    return el("li", { class: problem.severity }, mark, el("a", { href: `#${field.id}`, title: w("problems-go"), onclick: go, text: words }));
  });
  return [heading, el("ul", { class: "problem-list", "aria-labelledby": "problems-title" }, items)];
}

// Text typed and not yet saved, kept in this browser (localStorage): a reload, a closed tab or
// a crashed browser loses nothing, and the page offers it back when it opens again. Kept per
// account (another account signing in on this browser is never offered it), per division and
// per tab: two tabs of one division keep two texts, neither overwriting the other. The tab's
// id is in sessionStorage, so a reloaded tab finds its own text again. Forgotten once saved.
const KEPT = "mokuhyo-unsaved:";
const ACCOUNT = JSON.parse(document.getElementById("config")?.textContent || "{}")?.account ?? "";
const newTabId = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
let TAB = (() => {
  try {
    const id = sessionStorage.getItem("mokuhyo-tab") || newTabId();
    sessionStorage.setItem("mokuhyo-tab", id);
    return id;
  } catch (error) {
    return newTabId();
  }
})();

// A duplicated tab starts with its original's sessionStorage: it takes an id of its own.
function renewTab() {
  TAB = newTabId();
  try {
    sessionStorage.setItem("mokuhyo-tab", TAB);
  } catch (error) {
    // No storage: the id lives as long as the page.
  }
}

const keptPrefix = (ward, division) => `${KEPT}${JSON.stringify([ACCOUNT, ward, division])}#`;

function keptKeys(ward, division) {
  const prefix = keptPrefix(ward, division);
  const keys = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(prefix)) keys.push(key);
    }
  } catch (error) {
    // No storage (turned off in the browser): nothing kept, nothing to offer.
  }
  return keys;
}

// Every text this account kept for the division, newest first: `{ key, tab, etag, draft, at }`.
function keptDrafts(ward, division) {
  const found = [];
  const prefix = keptPrefix(ward, division);
  for (const key of keptKeys(ward, division)) {
    try {
      const kept = JSON.parse(localStorage.getItem(key));
      if (kept?.draft) found.push({ ...kept, key, tab: key.slice(prefix.length) });
    } catch (error) {
      localStorage.removeItem(key);
    }
  }
  return found.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

function keepDraft(ward, division, etag, draft) {
  try {
    localStorage.setItem(keptPrefix(ward, division) + TAB, JSON.stringify({ etag, draft, at: new Date().toISOString() }));
  } catch (error) {
    // Storage full or turned off: the page still asks before it is left with unsaved text.
  }
}

// This tab's kept text (saved, or put aside): other tabs' texts stay theirs.
function forgetDraft(ward, division) {
  forgetKept(keptPrefix(ward, division) + TAB);
}

function forgetKept(key) {
  try {
    localStorage.removeItem(key);
  } catch (error) {
    // No storage: nothing was kept.
  }
}

// This tab's own kept text moved aside under a key of no open tab, so that what the tab keeps
// from now on does not overwrite it before the person has chosen.
function setAside(kept) {
  const key = kept.key.slice(0, kept.key.length - kept.tab.length) + newTabId();
  try {
    localStorage.setItem(key, localStorage.getItem(kept.key));
    localStorage.removeItem(kept.key);
    return { ...kept, key, tab: key.slice(key.length - kept.tab.length) };
  } catch (error) {
    return kept;
  }
}

// Texts kept by several tabs put together against the version they all started from (`base`),
// field by field: each field as the one tab that changed it has it. Null when two changed the
// same field to different values, or one added or removed items of a list.
function mergeKept(base, drafts) {
  const CLASH = Symbol("clash");
  const same = (x, y) => JSON.stringify(x) === JSON.stringify(y);
  const isList = Array.isArray;
  const branch = (x) => x !== null && typeof x === "object";
  function merge(o, a, b) {
    if (same(a, b) || same(b, o)) return a;
    if (same(a, o)) return b;
    if (!branch(o) || !branch(a) || !branch(b) || isList(o) !== isList(a) || isList(a) !== isList(b)) return CLASH;
    if (isList(o) && (a.length !== o.length || b.length !== o.length)) return CLASH;
    const out = isList(o) ? [] : {};
    for (const k of new Set([...Object.keys(o), ...Object.keys(a), ...Object.keys(b)])) {
      const v = merge(o[k], a[k], b[k]);
      if (v === CLASH) return CLASH;
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  let merged = base;
  for (const kept of drafts) {
    merged = merge(base, merged, kept.draft);
    if (merged === CLASH) return null;
  }
  return merged;
}

// The other tabs of this browser with the same division open (BroadcastChannel): `onChange`
// is told how many there are. Their kept text is theirs while they are open: not offered here.
function otherTabs(ward, division, onChange) {
  const open = new Set();
  let channel = null;
  try {
    channel = new BroadcastChannel("mokuhyo-tabs");
  } catch (error) {
    return open; // An old browser: nothing told.
  }
  const ours = (m) => m.ward === ward && m.division === division() && m.account === ACCOUNT;
  const say = (type) => channel.postMessage({ type, tab: TAB, ward, division: division(), account: ACCOUNT });
  channel.onmessage = ({ data: m }) => {
    if (m.type === "taken" && m.tab === TAB) return (renewTab(), say("open"));
    if (m.type === "open" && m.tab === TAB) return channel.postMessage({ type: "taken", tab: TAB });
    if (m.type === "closed" || !ours(m)) {
      if (open.delete(m.tab)) onChange(open.size);
      return;
    }
    if (m.type === "open") say("here");
    if (!open.has(m.tab)) {
      open.add(m.tab);
      onChange(open.size);
    }
  };
  say("open");
  window.addEventListener("pagehide", () => say("closed"));
  return open;
}

// `2026-04-10 09:30`, in the PC's time.
function shortTime(iso) {
  const d = new Date(iso);
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

// The printed page's size on screen: fitted to the pane's width (at first), a share of its
// size as printed (100 %: actual size), and the pane widened over the form. The choice is
// kept in the browser. `apply()` is called again whenever a new page is shown.
function pageZoom(page, split) {
  const STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];
  let zoom = Number(localStorage.getItem("mokuhyo-zoom")) || null; // null: fit to the width
  const level = el("span", { id: "zoom-level", "aria-live": "polite" });
  const natural = () => {
    const svg = page.querySelector("svg");
    const width = svg?.getAttribute("width") ?? "";
    const n = parseFloat(width);
    if (!n) return svg?.viewBox?.baseVal?.width * (4 / 3) || 0;
    return width.endsWith("pt") ? (n * 4) / 3 : n;
  };
  const shown = () => zoom ?? (natural() ? page.getBoundingClientRect().width / natural() : 1);
  const button = (id, text, onclick, attrs = {}) => el("button", { type: "button", id, onclick, text, ...attrs });
  const out = button("zoom-out", "－", () => step(-1), { "aria-label": w("zoom-out"), title: w("zoom-out") });
  const into = button("zoom-in", "＋", () => step(1), { "aria-label": w("zoom-in"), title: w("zoom-in") });
  const fit = button("zoom-fit", w("zoom-fit"), () => set(null));
  const full = button("zoom-full", w("zoom-full"), () => set(zoom === 1 ? null : 1));
  const wide = button("zoom-wide", w("zoom-wide"), () => {
    split.classList.toggle("wide");
    apply();
  });
  function set(value) {
    zoom = value;
    try {
      if (zoom) localStorage.setItem("mokuhyo-zoom", String(zoom));
      else localStorage.removeItem("mokuhyo-zoom");
    } catch (error) {
      // Not kept: the page opens fitted to the width next time.
    }
    apply();
  }
  function step(by) {
    const now = shown();
    const next = by > 0 ? STEPS.find((s) => s > now + 0.01) : [...STEPS].reverse().find((s) => s < now - 0.01);
    if (next) set(next);
  }
  function apply() {
    page.style.width = zoom && natural() ? `${Math.round(natural() * zoom)}px` : "";
    level.textContent = `${Math.round(shown() * 100)}%`;
    fit.setAttribute("aria-pressed", String(zoom === null));
    full.setAttribute("aria-pressed", String(zoom === 1));
    // Says what it will do: widen, or give the form its place back.
    wide.textContent = w(split.classList.contains("wide") ? "zoom-narrow" : "zoom-wide");
  }
  window.addEventListener("resize", apply);
  const bar = el("div", { class: "zoom", role: "group", "aria-label": w("zoom") }, out, level, into, fit, full, wide);
  apply(); // The zoom's share shown before any page is (a blank sheet has none yet).
  return { bar, apply };
}

// ---- The ward page -------------------------------------------------------------------------

const buildAll = document.getElementById("build-all");
if (buildAll) {
  buildAll.addEventListener("click", async () => {
    const result = document.getElementById("build-result");
    buildAll.disabled = true;
    result.textContent = w("building");
    try {
      const response = await fetch("/api/build", { method: "POST", headers: { "X-CSRF-Token": CSRF } });
      const body = await response.json();
      result.textContent = response.ok ? w("built", body) : body.message || w("failed");
      if (body.failures?.length) result.append(el("pre", { text: body.failures.join("\n") }));
    } catch (error) {
      result.textContent = w("failed");
    }
    buildAll.disabled = false;
  });
}

// The board's filter: only the divisions not done (kept across the page's reloads).
const onlyOpen = document.getElementById("only-open");
if (onlyOpen) {
  const apply = () => {
    for (const row of document.querySelectorAll("main.wards tr[data-state]")) {
      row.hidden = onlyOpen.checked && row.dataset.state === "done";
    }
  };
  onlyOpen.checked = sessionStorage.getItem("mokuhyo-only-open") === "1";
  onlyOpen.addEventListener("change", () => {
    sessionStorage.setItem("mokuhyo-only-open", onlyOpen.checked ? "1" : "0");
    apply();
  });
  apply();
}

// The ward page follows the files: a save anywhere (a browser, an editor, an import) shows in
// the table a moment later. Not while "make every PDF" is running, whose answer it would lose.
if (document.querySelector("main.wards")) {
  let timer = 0;
  new EventSource("/api/events").addEventListener("changed", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!buildAll?.disabled) location.reload();
    }, 500);
  });
}

// ---- The division page ---------------------------------------------------------------------

const root = document.getElementById("app");
if (root?.dataset.page === "division") divisionPage(JSON.parse(document.getElementById("config").textContent));
if (root?.dataset.page === "ward") wardPage(JSON.parse(document.getElementById("config").textContent));

function divisionPage(config) {
  const state = {
    draft: null, // what the form shows, as the file's keys
    etag: null, // the file's version the draft started from
    dirty: false,
    saving: false,
    problems: [],
    previewTimer: 0,
    previewAbort: null,
    removed: [], // goals, actions, indicators removed since the last save, to put back
    offering: false, // kept unsaved text is being offered: not overwritten meanwhile
  };
  const api = () => `/api/wards/${segment(config.ward)}/divisions/${segment(config.division)}`;
  // Why this account may only read the page (another division's sheet), or null.
  const READ_ONLY = config.read_only || null;

  const status = el("p", { id: "status", role: "status", "aria-live": "polite" });
  const saveButton = el("button", { type: "button", id: "save", onclick: save, text: w("save") });
  const pdfLink = el("a", { class: "button", id: "pdf", text: w("pdf") });
  const historyButton = el("button", { type: "button", id: "history-button", "aria-expanded": "false", onclick: () => toggleHistory(), text: w("history") });
  const historyPanel = el("section", { id: "history", hidden: true, role: "dialog", "aria-modal": "true", "aria-labelledby": "history-title" });
  const form = el("form", { id: "form", "aria-label": config.division, onsubmit: (e) => e.preventDefault() });
  const problemList = el("section", { id: "problems", "aria-label": w("problems") });
  const page = el("div", { id: "page", role: "img", "aria-label": w("preview") });
  const pageText = el("div", { id: "page-text", class: "visually-hidden" });
  const pageInfo = el("p", { id: "page-info" });
  const conflict = el("section", { id: "conflict", hidden: true, role: "alertdialog", "aria-labelledby": "conflict-title" });
  const undoButton = el("button", { type: "button", id: "undo", hidden: true, onclick: () => undo(), text: w("undo") });
  const keptPanel = el("section", { id: "kept", hidden: true, "aria-labelledby": "kept-title" });
  const readOnlyNote = READ_ONLY ? el("p", { class: "note", id: "read-only", text: READ_ONLY }) : null;
  const otherTabsNote = el("p", { class: "note", id: "other-tabs", role: "status", hidden: true, text: w("other-tabs") });
  const editor = el("section", { class: "editor", "aria-label": config.division }, readOnlyNote, otherTabsNote, keptPanel, problemList, form);
  const pane = el("section", { class: "preview", "aria-label": w("preview") }, pageInfo, page, pageText);
  const split = el("main", { class: "split" }, editor, pane);
  const zoom = pageZoom(page, split);
  pane.prepend(zoom.bar);
  const approval = el("section", { id: "approval", "aria-label": w("decision") });

  root.append(
    el("header", { class: "bar" },
      el("a", { href: "/", text: w("back") }),
      el("h1", { id: "title", text: config.division }),
      READ_ONLY ? null : saveButton, READ_ONLY ? null : undoButton, pdfLink, historyButton, status,
      // Who is signed in, in the bar: fixed at the corner it covered the printed page.
      document.querySelector("form.who")),
    approval,
    conflict,
    historyPanel,
    split,
  );

  function setTitle() {
    document.getElementById("title").textContent = config.division;
    pdfLink.href = `${api()}.pdf`;
    document.title = `${config.division} — ${w("title")}`;
  }
  setTitle();

  async function load() {
    showApproval(approval, api, status, () => preview(0));
    if (!(await loadDraft(state, api(), { status, showProblems }))) return;
    state.removed = [];
    showUndo();
    render();
    preview(0);
    offerKept();
  }

  // ---- Unsaved text kept in the browser, offered back when the page opens again.

  function keep() {
    if (!READ_ONLY && !state.offering) keepDraft(config.ward, config.division, state.etag, state.draft);
  }

  // Every text this account kept for the division, but those of tabs open now (theirs): one
  // offered as it is; several that started from the version shown and changed different
  // fields, put together; otherwise each, newest first, to choose from.
  function offerKept() {
    if (READ_ONLY) return;
    const unchanged = (kept) => JSON.stringify(kept.draft) === JSON.stringify(state.draft);
    const all = keptDrafts(config.ward, config.division).filter((kept) => !others.has(kept.tab));
    for (const kept of all.filter(unchanged)) forgetKept(kept.key);
    const offered = all.filter((kept) => !unchanged(kept)).map((kept) => (kept.tab === TAB ? setAside(kept) : kept));
    if (!offered.length) return;
    state.offering = true;
    state.offered = offered;
    const close = (words) => {
      keptPanel.hidden = true;
      keptPanel.replaceChildren();
      state.offering = false;
      form.querySelector("input, textarea, select")?.focus();
      status.textContent = words;
    };
    const take = (draft, etag, taken) => {
      state.draft = structuredClone(draft);
      state.etag = etag;
      state.offering = false;
      for (const kept of taken) forgetKept(kept.key);
      render();
      edited();
      close(w("kept-taken"));
    };
    const discard = () => {
      for (const kept of offered) forgetKept(kept.key);
      close(w("kept-discarded"));
    };
    const newest = offered[0];
    const merged = offered.length > 1 && offered.every((kept) => kept.etag === state.etag)
      ? mergeKept(state.draft, offered) : null;
    const button = (id, onclick, text, label) => el("button", { type: "button", id, onclick, text, "aria-label": label });
    let body;
    if (offered.length === 1 || merged) {
      body = [
        el("p", { text: offered.length === 1 ? w("kept-help", { when: shortTime(newest.at) }) : w("kept-merged", { count: offered.length, when: shortTime(newest.at) }) }),
        ...(newest.etag !== state.etag ? [el("p", { text: w("kept-older") })] : []),
        button("kept-take", () => take(merged ?? newest.draft, newest.etag, offered), w("kept-take")),
        button("kept-discard", discard, w("kept-discard")),
      ];
    } else {
      body = [
        el("p", { text: w("kept-several", { count: offered.length }) }),
        el("ul", { id: "kept-list" }, offered.map((kept, n) => el("li", {},
          el("span", { text: shortTime(kept.at) }),
          kept.etag !== state.etag ? el("span", { class: "older", text: ` ${w("kept-older-short")}` }) : null,
          " ",
          button(n === 0 ? "kept-take" : null, () => take(kept.draft, kept.etag, [kept]), w("kept-take"), w("kept-take-when", { when: shortTime(kept.at) }))))),
        button("kept-discard", discard, w("kept-discard-all")),
      ];
    }
    keptPanel.replaceChildren(el("h2", { id: "kept-title", text: w("kept-title") }), ...body);
    keptPanel.hidden = false;
    keptPanel.querySelector("button").focus();
  }

  // Told when this division is open in another tab of this browser too.
  function showOtherTabs(count) {
    otherTabsNote.hidden = count === 0;
    // A tab that answered after the offer was made: its text is its own, not offered here.
    if (state.offering && state.offered.some((kept) => others.has(kept.tab))) {
      keptPanel.hidden = true;
      state.offering = false;
      offerKept();
    }
  }

  // Signing out with unsaved text: asked first. The text stays kept for this account only.
  document.querySelector("form.who")?.addEventListener("submit", (event) => {
    if (!state.dirty) return;
    if (!window.confirm(w("sign-out-unsaved"))) event.preventDefault();
    else state.leaving = true;
  });

  // ---- The form: rebuilt whole when its structure changes, edited in place as one types.
  // It is built from the sheet's field table (`config.fields`: per level, each field's key,
  // kind, words and phase), so this script names no field of the sheet.

  const FIELDS = config.fields;
  // The level of each array of items, by its key (`goals` → `goal`).
  const LEVEL_OF = Object.fromEntries(Object.values(FIELDS).flat()
    .filter((f) => f.kind === "items").map((f) => [f.key, f.of]));
  const own = (level) => FIELDS[level].filter((f) => f.kind !== "items");
  const itemsOf = (level) => FIELDS[level].find((f) => f.kind === "items");

  function render(focusKey) {
    const top = itemsOf("division");
    const list = state.draft[top.key];
    form.replaceChildren(headerFields(), ...list.map((item, i) => itemFields(top.of, item, i, list, top.key)));
    if (!READ_ONLY) form.append(addButton("division", state.draft, ""));
    showProblems(state.problems);
    if (focusKey) form.querySelector(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
  }

  function field(label, key, value, { multiline = false, type = "text", onValue }) {
    const id = `f-${key.replace(/[^a-z0-9]/gi, "-")}`;
    const input = multiline
      ? el("textarea", { id, "data-key": key, readonly: Boolean(READ_ONLY), rows: Math.min(8, Math.max(2, String(value).split("\n").length)) })
      : el("input", { id, "data-key": key, type, readonly: Boolean(READ_ONLY) });
    input.value = value ?? "";
    input.addEventListener("input", () => {
      onValue(input.value);
      edited();
    });
    return el("div", { class: "field", "data-field": key }, el("label", { for: id, text: label }), input);
  }

  // One field of `item` (a division, goal, action or indicator) at key path `prefix`, as its
  // kind is written.
  function fieldOf(f, item, prefix) {
    const key = prefix ? `${prefix}.${f.key}` : f.key;
    const label = w(f.words);
    switch (f.kind) {
      case "rating":
        return ratingField(item, f, key);
      case "order":
      case "number":
        return field(label, key, item[f.key] ?? "", { type: "number", onValue: (v) => { item[f.key] = v === "" ? null : Number(v); } });
      case "lines":
        return field(label, key, item[f.key].join("\n"), {
          multiline: true,
          onValue: (v) => { item[f.key] = v.split("\n").filter((line) => line.trim() !== ""); },
        });
      default:
        // A one-line field whose value has line breaks (a target written over several lines)
        // is a textarea too: an <input> would drop them on the next save.
        return field(label, key, item[f.key], {
          multiline: f.kind === "text" || String(item[f.key] ?? "").includes("\n"),
          onValue: (v) => { item[f.key] = v; },
        });
    }
  }

  function headerFields() {
    return el("fieldset", { class: "header", "data-key": "" },
      el("legend", { text: w("header") }),
      own("division").map((f) => fieldOf(f, state.draft, "")));
  }

  function ratingField(item, f, key) {
    const id = `f-${key.replace(/[^a-z0-9]/gi, "-")}`;
    const select = el("select", { id, "data-key": key, disabled: Boolean(READ_ONLY) });
    const choices = [["", w("rating-none")], ["○", w("rating-achieved")], ["△", w("rating-partly")], ["×", w("rating-missed")]];
    if (!choices.some(([mark]) => mark === item[f.key])) choices.push([item[f.key], item[f.key]]);
    for (const [mark, label] of choices) select.append(el("option", { value: mark, text: label }));
    select.value = item[f.key];
    select.addEventListener("change", () => { item[f.key] = select.value; edited(); });
    return el("div", { class: "field", "data-field": key }, el("label", { for: id, text: w(f.words) }), select);
  }

  // Up, down and remove for item `i` of `list`, whose fields' keys start with `key` (none on a
  // page that is only read). A removed item can be put back until the next save.
  function itemButtons(list, i, key, label, level) {
    if (READ_ONLY) return null;
    const move = (by) => change(() => {
      const [item] = list.splice(i, 1);
      list.splice(i + by, 0, item);
    }, key.replace(/\[\d+\]$/, `[${i + 1 + by}]`));
    return el("div", { class: "item-buttons" },
      el("button", { type: "button", disabled: i === 0, "aria-label": `${label} ${w("move-up")}`, onclick: () => move(-1), text: w("move-up") }),
      el("button", { type: "button", disabled: i === list.length - 1, "aria-label": `${label} ${w("move-down")}`, onclick: () => move(1), text: w("move-down") }),
      el("button", { type: "button", class: "remove", "aria-label": `${label} ${w("remove")}`, onclick: () => remove(list, i, key, label, level), text: w("remove") }));
  }

  function remove(list, i, key, what, level) {
    const first = `${key}.${own(level)[0].key}`;
    change(() => state.removed.push({ list, i, item: list.splice(i, 1)[0], what, first }));
    showUndo();
    undoButton.focus();
    status.textContent = w("removed", { what });
  }

  // The last removal put back, where it was (or last, when the list has become shorter).
  // While more removals remain, the focus stays on 元に戻す, so that Ctrl+Z pressed again puts
  // back the one before (in a text field it would undo typing); after the last, it goes to
  // the item put back.
  function undo() {
    const last = state.removed.pop();
    if (!last) return;
    const at = Math.min(last.i, last.list.length);
    const item = last.first.replace(/\[\d+\](\.[^.\[]+)$/, `[${at + 1}]$1`);
    const more = state.removed.length > 0;
    change(() => last.list.splice(at, 0, last.item), more ? undefined : item);
    showUndo();
    if (more) undoButton.focus();
    status.textContent = w("undone", { what: last.what });
  }

  function showUndo() {
    const last = state.removed.at(-1);
    if (!last && document.activeElement === undoButton) form.querySelector("input, textarea, select")?.focus();
    undoButton.hidden = !last;
    if (last) undoButton.setAttribute("aria-label", w("undo-what", { what: last.what }));
  }

  // Ctrl+Z puts back what was removed, outside a text field (where it undoes the typing).
  document.addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey || event.key.toLowerCase() !== "z") return;
    if (!state.removed.length || event.target.matches?.("input:not([type=radio]):not([type=checkbox]), textarea")) return;
    event.preventDefault();
    undo();
  });

  // "Add" for the items below `item` (of `level`, at key path `prefix`): focus goes to the new
  // item's first field.
  function addButton(level, item, prefix) {
    const items = itemsOf(level);
    const below = LEVEL_OF[items.key];
    const list = item[items.key];
    const listKey = `${prefix ? `${prefix}.` : ""}${items.key}`;
    const at = `${listKey}[${list.length + 1}]`;
    return el("button", { type: "button", class: "add", id: `add-${listKey.replace(/[^a-z0-9]/gi, "-")}`, "data-add": listKey, onclick: () => change(() => {
      list.push(emptyItem(below));
    }, `${at}.${own(below)[0].key}`), text: w(`add-${below}`) });
  }

  // Item `i` of `list` (at `listKey`), of `level`: its plan's fields, the items below it with
  // their "add", then the year-end evaluation's fields; a level without items below shows its
  // fields in order, the year's figure beside its result.
  function itemFields(level, item, i, list, listKey) {
    const key = `${listKey}[${i + 1}]`;
    const legend = w(level, { no: i + 1 });
    const items = itemsOf(level);
    const fields = own(level);
    let body;
    if (items) {
      const below = LEVEL_OF[items.key];
      const children = item[items.key];
      body = [
        fields.filter((f) => f.phase !== "evaluation").map((f) => fieldOf(f, item, key)),
        children.map((child, j) => itemFields(below, child, j, children, `${key}.${items.key}`)),
        READ_ONLY ? null : addButton(level, item, key),
      ];
      const evaluation = fields.filter((f) => f.phase === "evaluation");
      if (evaluation.length) body.push(el("div", { class: "evaluation" }, evaluation.map((f) => fieldOf(f, item, key))));
    } else {
      const yearly = fields.findIndex((f) => f.yearly);
      const alone = yearly < 0 ? fields : fields.slice(0, yearly);
      const paired = yearly < 0 ? [] : fields.slice(yearly);
      body = [
        alone.map((f) => fieldOf(f, item, key)),
        paired.length ? el("div", { class: "pair" }, paired.map((f) => fieldOf(f, item, key))) : null,
      ];
    }
    return el("fieldset", { class: level, "data-key": key },
      el("legend", { text: legend }),
      itemButtons(list, i, key, legend, level),
      body);
  }

  // A new item of `level`: its fields empty, with one item of each level below.
  function emptyItem(level) {
    // Its own id, so that a save merged with others' knows it (the server keeps ids, never
    // writes them into the file).
    const item = { id: newId() };
    for (const f of FIELDS[level]) {
      if (f.kind === "items") item[f.key] = [emptyItem(f.of)];
      else if (f.kind === "lines") item[f.key] = [];
      else if (f.kind === "order" || f.kind === "number") item[f.key] = null;
      else item[f.key] = "";
    }
    return item;
  }

  function change(edit, focusKey) {
    edit();
    render(focusKey);
    edited();
  }

  function edited() {
    state.dirty = true;
    status.textContent = w("unsaved");
    keep();
    showProblems(state.problems);
    preview(250);
  }

  // ---- Problems, beside their fields, and listed at the top.

  // The names (部, 課) as typed, told at once: empty, with a space before or after (half- or
  // full-width), the division's own name but for widths, spaces or invisible characters, or
  // another name where the account may not rename. The server checks the rest as it previews.
  // As the server's `output::is_invisible`.
  const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/gu;
  const nameKey = (text) => text.normalize("NFKC").replace(/\s/gu, "").replace(INVISIBLE, "");
  // `U+200B` for each invisible character of `text`, once.
  const invisibleIn = (text) => [...new Set((text.match(INVISIBLE) ?? [])
    .map((c) => `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}`))].join("、");
  // The other division of the ward whose name `name` is, as the ward compares names; or null.
  const takenBy = (name) => (config.other_divisions ?? [])
    .find((other) => nameKey(other) === nameKey(name) && nameKey(other) !== nameKey(config.division)) ?? null;

  // The order in the volume: a whole number from 1, or the save would write none (the file
  // would keep its old one while the person believes it changed).
  function orderProblems() {
    if (READ_ONLY || !state.draft) return [];
    return own("division").filter((f) => f.kind === "order").flatMap((f) => {
      const value = state.draft[f.key];
      if (Number.isInteger(value) && value >= 1) return [];
      return [{ severity: "error", key: f.key, place: describe(f.key), message: w("order-needed"), block: true }];
    });
  }

  // What the page itself tells as it is typed, before the server sees it.
  const typedProblems = () => [...nameProblems(), ...orderProblems()];

  function nameProblems() {
    if (READ_ONLY || !state.draft) return [];
    const problems = [];
    for (const key of config.names ?? []) {
      const value = String(state.draft[key] ?? "");
      const own = key === config.name_key ? config.division : null;
      const problem = (severity, id, block = false, args = {}) =>
        problems.push({ severity, key, place: describe(key), message: w(id, { name: own, ...args }), block });
      // Empty, the division would go by its file's name: none of a division's account.
      if (value.trim() === "") problem("error", "name-empty", own !== null && !config.may_rename);
      // Spaces around a name, or an invisible character in it, would be written and make a
      // name (and a page address) that looks like the old one and is not: not sent.
      else if (value !== value.trim()) problem("error", "name-spaces", true);
      else if (invisibleIn(value)) problem("error", "name-invisible", true, { chars: invisibleIn(value) });
      else if (own !== null && value !== own && nameKey(value) === nameKey(own)) problem("warning", "name-look-alike");
      else if (own !== null && !config.may_rename && nameKey(value) !== nameKey(own)) problem("error", "name-not-yours", true);
      // Another division's of the ward: the server would refuse it (two divisions of one name).
      else if (own !== null && takenBy(value)) problem("error", "name-taken-here", true, { other: takenBy(value) });
    }
    return problems;
  }

  function showProblems(serverProblems) {
    state.problems = serverProblems;
    const named = typedProblems();
    const told = new Set(named.map((p) => p.key));
    const problems = [...named, ...serverProblems.filter((p) => !told.has(p.key)).map(toAddButton)];
    for (const old of root.querySelectorAll(".problem")) old.remove();
    for (const input of form.querySelectorAll("[aria-invalid], [aria-describedby]")) {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    }
    problems.forEach((problem, n) => {
      const note = el("p", { class: `problem ${problem.severity}`, id: `problem-${n}`, text: problem.message });
      const target = closestField(problem.key);
      if (target) {
        (target.closest(".field") ?? target).after(note);
        const input = target.matches("input, textarea, select") ? target : null;
        if (input) {
          if (problem.severity === "error") input.setAttribute("aria-invalid", "true");
          input.setAttribute("aria-describedby", note.id);
        }
      }
    });
    problemList.replaceChildren(...problemSummary(problems, closestField));
  }

  // A problem asking for the first item of a list the form shows empty (「主な取組 1 ›
  // 取組名称」 of a goal whose only action was removed): there is no such field, so it says to
  // press the list's add button, and leads there.
  function toAddButton(problem) {
    const first = /^(.*)\.(\w+)\[1\]\.[^.\[]+$/.exec(problem.key);
    if (!first || form.querySelector(`[data-key="${CSS.escape(problem.key)}"]`)) return problem;
    const button = form.querySelector(`[data-add="${CSS.escape(`${first[1]}.${first[2]}`)}"]`);
    if (!button) return problem;
    const what = w(LEVEL_OF[first[2]], { no: 1 });
    return { ...problem, key: `+${first[1]}.${first[2]}`, place: describe(first[1]), message: w("add-first", { button: button.textContent, what }) };
  }

  // The field a problem's key names, or the nearest item it is inside (`goals[2]` for
  // `goals[2].actions`); `+goals[2].actions`: the button adding to that list.
  function closestField(key) {
    if (key.startsWith("+")) return form.querySelector(`[data-add="${CSS.escape(key.slice(1))}"]`);
    for (let k = key; k; k = k.replace(/(\.[^.\[]+|\[\d+\])$/, "")) {
      const found = form.querySelector(`[data-key="${CSS.escape(k)}"]`);
      if (found) return found.matches("fieldset") ? found.querySelector("legend") : found;
      if (!/(\.[^.\[]+|\[\d+\])$/.test(k)) break;
    }
    return null;
  }

  // ---- The printed page, as the draft would print.

  function preview(delay) {
    clearTimeout(state.previewTimer);
    state.previewTimer = setTimeout(async () => {
      state.previewAbort?.abort();
      const abort = new AbortController();
      state.previewAbort = abort;
      try {
        const response = await fetch(`${api()}/preview`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": CSRF },
          body: JSON.stringify(state.draft),
          signal: abort.signal,
        });
        const body = await response.json();
        if (!response.ok) return;
        showPreview(body);
      } catch (error) {
        if (error.name !== "AbortError") pageInfo.textContent = w("failed");
      }
    }, delay);
  }

  function showPreview(body) {
    showProblems(body.problems);
    if (body.svg) {
      page.innerHTML = body.svg;
      zoom.apply();
      page.classList.remove("stale");
      pageText.textContent = body.text;
      const notes = [];
      if (body.size && body.size < 8) notes.push(w("preview-size", { size: body.size }));
      if (body.pages > 1) notes.push(w("preview-pages", { pages: body.pages }));
      pageInfo.textContent = notes.join(" ");
    } else {
      page.classList.add("stale");
      pageInfo.textContent = w("preview-waiting");
    }
  }

  // ---- Saving, and someone else's save.

  function save() {
    if (READ_ONLY) return;
    // A rename this account may not make: said at the name, nothing sent.
    const refused = typedProblems().find((p) => p.block);
    if (refused) {
      status.textContent = refused.message;
      form.querySelector(`[data-key="${CSS.escape(refused.key)}"]`)?.focus();
      return;
    }
    const name = config.division;
    return saveDraft(state, api(), {
      status,
      button: saveButton,
      saved: (body) => {
        forgetDraft(config.ward, name);
        renamed(body.division);
        // Typed while the save was on its way: kept against the version just written.
        if (state.dirty) keep();
        state.removed = [];
        showUndo();
        showProblems(body.problems);
      },
      conflict: showConflict,
      shown: () => {
        render();
        preview(0);
      },
      panel: conflict,
    });
  }

  function renamed(name) {
    if (!name || name === config.division) return;
    config.division = name;
    history.replaceState(null, "", `/wards/${segment(config.ward)}/divisions/${segment(name)}`);
    setTitle();
  }

  // Every value of a draft by its key, field by field as the field table has them (in the
  // file's order), for comparing two: lines joined, items by their place (`goals[2].text`).
  // `values.at` has each key's place by ids (`3fa1c2d4e5f6/next_steps`), as a restore of one
  // field names it.
  function flatten(draft) {
    const values = new Map();
    values.at = new Map();
    const walk = (item, level, prefix, at) => {
      for (const f of FIELDS[level]) {
        const key = prefix ? `${prefix}.${f.key}` : f.key;
        const value = item?.[f.key];
        values.at.set(key, at ? `${at}/${f.key}` : f.key);
        if (f.kind === "items") {
          (value ?? []).forEach((child, i) => {
            const itemAt = at ? `${at}/${child.id}` : child.id;
            values.at.set(`${key}[${i + 1}]`, itemAt);
            walk(child, f.of, `${key}[${i + 1}]`, itemAt);
          });
        }
        else if (Array.isArray(value)) values.set(key, value.join("\n"));
        else values.set(key, value === null || value === undefined ? "" : String(value));
      }
    };
    walk(draft, "division", "", "");
    return values;
  }

  // A key in the sheet's words: `goals[1].actions[2].name` → 組織目標 1 › 主な取組 2 › 取組名称（事業名）.
  function describe(key) {
    const words = [];
    let level = "division";
    for (const part of key.split(".")) {
      const item = part.match(/^(\w+)\[(\d+)\]$/);
      if (item && LEVEL_OF[item[1]]) {
        level = LEVEL_OF[item[1]];
        words.push(w(level, { no: item[2] }));
      } else {
        const f = FIELDS[level]?.find((f) => f.key === part);
        words.push(f ? w(f.words) : part);
      }
    }
    return words.join(" › ");
  }

  function showConflict(theirs, theirEtag) {
    const mine = flatten(state.draft);
    const saved = flatten(theirs);
    const keys = [...new Set([...mine.keys(), ...saved.keys()])].filter((k) => (mine.get(k) ?? "") !== (saved.get(k) ?? ""));
    const rows = keys.map((k) => [describe(k), mine.get(k) ?? "", saved.get(k) ?? ""]);
    const shown = () => {
      forgetDraft(config.ward, config.division);
      state.removed = [];
      showUndo();
      render();
      preview(0);
    };
    showConflictPanel(conflict, rows, state, { theirs, etag: theirEtag }, { save, shown, status });
  }

  // ---- Every saved version: who saved it and when, two compared, one put back.

  // Escape closes the history, the focus back on its button.
  historyPanel.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    toggleHistory();
    historyButton.focus();
  });

  // The history is a dialog over the page (aria-modal): while it is open the keyboard stays
  // in it. Focus leaving it (Tab past its last control, Shift+Tab before its first) comes back
  // round to its other end.
  let backwards = false;
  document.addEventListener("keydown", (event) => {
    if (event.key === "Tab") backwards = event.shiftKey;
  }, true);
  document.addEventListener("focusin", (event) => {
    if (historyPanel.hidden || historyPanel.contains(event.target)) return;
    const controls = [...historyPanel.querySelectorAll("button, input, a[href]")]
      .filter((c) => !c.disabled && c.getClientRects().length && (c.type !== "radio" || c.checked));
    (backwards ? controls.at(-1) : controls[0])?.focus();
  });

  async function toggleHistory() {
    if (!historyPanel.hidden) {
      historyPanel.hidden = true;
      historyButton.setAttribute("aria-expanded", "false");
      return;
    }
    const response = await fetch(`${api()}/history`);
    if (!response.ok) {
      status.textContent = w("failed");
      return;
    }
    showHistory(await response.json());
    historyPanel.hidden = false;
    historyButton.setAttribute("aria-expanded", "true");
    historyPanel.querySelector("input, button")?.focus();
  }

  function showHistory(versions) {
    const picked = { a: versions[1]?.id, b: versions[0]?.id };
    const diff = el("div", { id: "history-diff", "aria-live": "polite" });
    const byId = new Map(versions.map((v) => [v.id, v]));
    const compare = () => {
      const a = byId.get(picked.a);
      const b = byId.get(picked.b);
      if (!a || !b) return diff.replaceChildren(el("p", { text: w("history-compare") }));
      const before = flatten(a.data);
      const after = flatten(b.data);
      const keys = [...new Set([...before.keys(), ...after.keys()])].filter((k) => (before.get(k) ?? "") !== (after.get(k) ?? ""));
      if (!keys.length) return diff.replaceChildren(el("p", { text: w("history-same") }));
      // Each top-level item (a goal) that differs, put back whole as the earlier version has it.
      const items = [...new Set(keys.map((k) => k.match(/^\w+\[\d+\]/)?.[0]).filter((k) => k && before.at.has(k)))];
      diff.replaceChildren(
        ...items.map((item) => el("button", {
          type: "button", class: "restore-item", onclick: () => restore(a, before.at.get(item)),
          text: w("history-restore-item", { item: describe(item) }),
        })),
        el("table", {},
        el("thead", {}, el("tr", {}, el("th", {}), el("th", { text: when(a) }), el("th", { text: when(b) }))),
        el("tbody", {}, keys.map((k) => el("tr", {},
          el("th", { scope: "row", text: describe(k) }),
          el("td", { class: "mine", text: before.get(k) ?? "" }),
          el("td", { class: "theirs", text: after.get(k) ?? "" }),
          // One field put back as the earlier version has it, merged like a save.
          el("td", {}, before.at.has(k) ? el("button", {
            type: "button", class: "restore-field", "aria-label": `${describe(k)} ${w("history-restore-field")}`,
            onclick: () => restore(a, before.at.get(k)), text: w("history-restore-field"),
          }) : null))))));
    };
    const rows = versions.map((version) => {
      const radio = (side) => el("input", {
        type: "radio", name: `history-${side}`, value: version.id, checked: picked[side] === version.id,
        "aria-label": `${w(side === "a" ? "history-a" : "history-b")} ${when(version)}`,
        onchange: () => { picked[side] = version.id; compare(); },
      });
      return el("tr", {},
        el("td", {}, radio("a")), el("td", {}, radio("b")),
        el("td", { text: when(version) }),
        el("td", { text: version.saved_by ?? w("history-outside") }),
        el("td", {}, READ_ONLY ? null : el("button", { type: "button", class: "restore", "data-id": version.id, onclick: () => restore(version), text: w("history-restore") })));
    });
    historyPanel.replaceChildren(
      el("h2", { id: "history-title", text: w("history") }),
      el("table", { class: "versions" },
        el("thead", {}, el("tr", {}, el("th", { text: w("history-a") }), el("th", { text: w("history-b") }), el("th", { text: w("history-when") }), el("th", { text: w("history-who") }), el("th", {}))),
        el("tbody", {}, rows)),
      diff,
      el("button", { type: "button", onclick: () => toggleHistory(), text: w("close") }));
    compare();
  }

  function when(version) {
    return version.saved_at.replace("T", " ").replace(/([+-]\d\d:\d\d|Z)$/, "");
  }

  // The version put back whole, or one goal or field of it (`at`), merged like a save with
  // what was saved since; a field changed since both ways takes the version's (what the
  // person asked to put back).
  async function restore(version, at) {
    if (state.dirty && !confirm(w("unsaved"))) return;
    forgetDraft(config.ward, config.division);
    const url = `${api()}/history/${version.id}/restore${at ? `?at=${encodeURIComponent(at)}` : ""}`;
    const post = (choices) => fetch(url, {
      method: "POST",
      headers: { "If-Match": state.etag, "X-CSRF-Token": CSRF, "X-Mokuhyo-Choices": JSON.stringify(choices) },
    });
    let response = await post({});
    let body = await response.json();
    if (response.status === 409 && body.conflicts) {
      response = await post(Object.fromEntries(body.conflicts.map((c) => [c.at, "mine"])));
      body = await response.json();
    }
    if (response.status === 412) {
      showConflict(body.current, body.etag);
      return;
    }
    if (!response.ok) {
      status.textContent = body.message || w("failed");
      return;
    }
    await load();
    renamed(body.division);
    historyPanel.hidden = true;
    historyButton.setAttribute("aria-expanded", "false");
    status.textContent = w("history-restored", { when: when(version) });
  }

  // A save from elsewhere (another browser, an editor, an import): fetched again; shown
  // beside the person's own text when they have unsaved changes.
  function listen() {
    const events = new EventSource("/api/events");
    events.addEventListener("changed", async (event) => {
      const changed = JSON.parse(event.data);
      if (changed.ward !== config.ward || state.saving) return;
      // The ward's settings (dates, stamp boxes) are on every sheet of the ward.
      if (changed.file === "ward.toml") preview(0);
      const response = await fetch(api(), { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const etag = response.headers.get("ETag");
      if (etag === state.etag) return;
      const theirs = await response.json();
      if (state.dirty) {
        // Nothing to choose now: the person's save will be merged with it field by field.
        status.textContent = w("merged-elsewhere");
      } else {
        state.draft = theirs;
        state.etag = etag;
        state.removed = [];
        showUndo();
        render();
        preview(0);
        status.textContent = w("changed-on-disk");
      }
    });
  }

  const others = otherTabs(config.ward, () => config.division, showOtherTabs);
  saveKeys(save, () => state.dirty && !state.leaving);
  load().then(listen);
}

// ---- The ward's settings (ward.toml) ----------------------------------------------------------

// The same save as a division's: with the version it was loaded at, someone else's newer save
// shown beside the person's own. Only the planning section may change it; others read it.
function wardPage(config) {
  const api = `/api/wards/${segment(config.ward)}`;
  const state = { draft: null, etag: null, dirty: false, saving: false };
  const labels = { ward: "ward-name", fiscal_year: "fiscal-year", created: "created", evaluated: "evaluated-date",
    interim: "interim", approval: "approval" };
  const status = el("p", { id: "status", role: "status", "aria-live": "polite" });
  const saveButton = el("button", { type: "button", id: "save", onclick: save, text: w("save") });
  const form = el("form", { id: "form", onsubmit: (e) => { e.preventDefault(); save(); } });
  const problemList = el("section", { id: "problems", "aria-label": w("problems") });
  const conflict = el("section", { id: "conflict", hidden: true, role: "alertdialog", "aria-labelledby": "conflict-title" });
  root.append(
    el("header", { class: "bar" },
      el("a", { href: "/", text: w("back") }),
      el("h1", { id: "title", text: `${config.ward} ${w("ward-settings")}` }),
      config.may_change ? saveButton : null, status),
    conflict,
    el("main", { class: "settings" },
      config.may_change ? null : el("p", { class: "note", text: w("ward-read-only") }),
      problemList, form));

  function input(key, attrs, value, read) {
    const id = `f-${key}`;
    const node = el(attrs.multiline ? "textarea" : "input", { id, "data-key": key, ...attrs, multiline: null, disabled: !config.may_change });
    if (attrs.type === "checkbox") node.checked = value;
    else node.value = value;
    node.addEventListener(attrs.type === "checkbox" ? "change" : "input", () => {
      read(attrs.type === "checkbox" ? node.checked : node.value);
      state.dirty = true;
      status.textContent = w("unsaved");
    });
    const label = el("label", { for: id, text: w(labels[key]) });
    return el("div", { class: `field${attrs.type === "checkbox" ? " check" : ""}`, "data-field": key },
      ...(attrs.type === "checkbox" ? [node, label] : [label, node]));
  }

  function render() {
    const d = state.draft;
    form.replaceChildren(el("fieldset", {},
      el("legend", { text: w("ward-settings") }),
      input("ward", { type: "text" }, d.ward, (v) => { d.ward = v; }),
      input("fiscal_year", { type: "number", min: 1868, max: 9999 }, d.fiscal_year ?? "", (v) => { d.fiscal_year = v === "" ? null : Number(v); }),
      input("created", { type: /^\d{4}-\d{2}-\d{2}$/.test(d.created) ? "date" : "text" }, d.created, (v) => { d.created = v; }),
      input("evaluated", { type: d.evaluated === "" || /^\d{4}-\d{2}-\d{2}$/.test(d.evaluated) ? "date" : "text" }, d.evaluated, (v) => { d.evaluated = v; }),
      input("interim", { type: "checkbox" }, d.interim, (v) => { d.interim = v; }),
      input("approval", { multiline: true, rows: 3 }, d.approval.join("\n"), (v) => {
        d.approval = v.split("\n").map((line) => line.trim()).filter((line) => line !== "");
      })));
  }

  function showProblems(problems) {
    for (const old of root.querySelectorAll(".problem")) old.remove();
    const find = (key) => form.querySelector(`[data-key="${CSS.escape(key)}"]`);
    problems.forEach((problem, n) => {
      const note = el("p", { class: `problem ${problem.severity}`, id: `problem-${n}`, text: problem.message });
      const target = find(problem.key);
      if (target) {
        target.closest(".field").after(note);
        target.setAttribute("aria-describedby", note.id);
        if (problem.severity === "error") target.setAttribute("aria-invalid", "true");
      }
    });
    problemList.replaceChildren(...problemSummary(problems, find));
  }

  async function load() {
    if (!(await loadDraft(state, api, { status, showProblems }))) return;
    // The ward by its name (東区), as the sheets print it; the folder when it has none yet.
    const title = `${state.draft.ward || config.ward} ${w("ward-settings")}`;
    document.getElementById("title").textContent = title;
    document.title = `${title} — ${w("title")}`;
    render();
    showProblems(config.problems);
  }

  function save() {
    if (!config.may_change || !state.draft) return;
    // An emptied year would leave the file's year as it was: said here, nothing sent.
    if (state.draft.fiscal_year === null || Number.isNaN(state.draft.fiscal_year)) {
      showProblems([{ severity: "error", key: "fiscal_year", message: w("fiscal-year-needed") }, ...config.problems]);
      status.textContent = w("fiscal-year-needed");
      form.querySelector('[data-key="fiscal_year"]').focus();
      return;
    }
    saveDraft(state, api, {
      status,
      button: saveButton,
      saved: (body) => {
        config.problems = body.problems;
        showProblems(body.problems);
      },
      conflict: showConflict,
      shown: render,
      panel: conflict,
    });
  }

  function shown(value) {
    return Array.isArray(value) ? value.join("\n") : value === null || value === undefined ? "" : String(value);
  }

  function showConflict(theirs, theirEtag) {
    const keys = Object.keys(labels).filter((k) => shown(state.draft[k]) !== shown(theirs[k]));
    const rows = keys.map((k) => [w(labels[k]), shown(state.draft[k]), shown(theirs[k])]);
    showConflictPanel(conflict, rows, state, { theirs, etag: theirEtag }, { save, shown: render, status });
  }

  // Saved elsewhere (another browser, an editor): read again, or shown beside unsaved text.
  function listen() {
    new EventSource("/api/events").addEventListener("changed", async (event) => {
      const changed = JSON.parse(event.data);
      if (changed.ward !== config.ward || changed.file !== "ward.toml" || state.saving) return;
      const response = await fetch(api, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const etag = response.headers.get("ETag");
      if (etag === state.etag) return;
      if (state.dirty) status.textContent = w("merged-elsewhere");
      else location.reload();
    });
  }

  saveKeys(save, () => state.dirty);
  load().then(listen);
}

// ---- Submission and approval (提出・承認・差戻し) -------------------------------------------------

// A stage in words: 作成中, 提出済（課長承認済）, 差戻し, 承認済, 承認後に変更.
function stageWords(status) {
  if (status.changed) return w(status.stage === "submitted" ? "stage-submitted-changed" : "stage-changed");
  if (status.stage === "submitted" && status.stamps.length) return w("stage-submitted-step", { step: status.stamps[status.stamps.length - 1].step });
  return w(`stage-${status.stage}`);
}

function shortTime(at) {
  return (at || "").replace("T", " ").slice(0, 16);
}

// The division's place in the flow, with the steps the person may take: the division's own
// people submit and withdraw, its approvers approve or return with a comment. After a step
// `stepped()` (the printed page again: its seals and 「案」).
async function showApproval(panel, api, status, stepped) {
  const response = await fetch(`${api()}/approval`, { headers: { Accept: "application/json" } });
  if (!response.ok) return;
  const view = await response.json();
  const s = view.status;
  const take = async (action, body) => {
    if (action === "submit" && !window.confirm(w("submit-confirm"))) return;
    const answer = await fetch(`${api()}/${action}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": CSRF },
      body: JSON.stringify(body || {}),
    });
    const result = await answer.json();
    // Submitted, withdrawn or returned: the page opens again, read-only while submitted.
    if (answer.ok && action !== "approve") return location.reload();
    status.textContent = answer.ok ? stageWords(result.status) : result.message || w("failed");
    showApproval(panel, api, status, stepped);
    if (answer.ok) stepped();
  };
  const comment = el("textarea", { id: "return-comment", rows: 2, maxlength: config.comment_limit, "aria-label": w("return-comment"), placeholder: w("return-comment") });
  const stage = el("span", { id: "approval-stage", class: `stage ${s.changed ? "changed" : s.stage}`, text: stageWords(s) });
  panel.replaceChildren(...[
    el("strong", { text: w("decision") }), " ", stage,
    s.by ? el("span", { class: "approval-by", text: " " + w("approval-by", { by: s.by, at: shortTime(s.at) }) }) : null,
    s.next && !s.changed ? el("span", { class: "approval-next", text: " " + w("approval-next", { next: s.next }) }) : null,
    s.stage === "returned" ? el("p", { id: "returned-comment", class: "error", text: w("returned-comment", { comment: s.comment }) }) : null,
    el("span", { class: "approval-steps" },
      view.may.submit ? el("button", { type: "button", id: "submit", text: w("submit"), onclick: () => take("submit") }) : null,
      view.may.withdraw ? el("button", { type: "button", id: "withdraw", text: w("withdraw"), onclick: () => take("withdraw") }) : null,
      view.may.approve ? el("button", { type: "button", id: "approve", text: w("approve"), onclick: () => take("approve") }) : null,
      view.may.return ? comment : null,
      view.may.return ? el("button", { type: "button", id: "return", text: w("return"), onclick: () => take("return", { comment: comment.value }) }) : null),
    view.events.length ? record(view.events) : null,
  ].filter(Boolean));
}

// Every step of this edition: when, what, who, the version of the file (the start of its
// ETag) and a return's comment.
function record(events) {
  const line = (e) => w("event-line", {
    when: shortTime(e.at),
    what: w(`event-${e.action}`, { step: e.step }),
    by: e.name,
    version: e.etag.replaceAll('"', "").slice(0, 8),
    comment: e.comment,
  });
  return el("details", { id: "approval-record" },
    el("summary", { text: w("approval-record") }),
    el("ol", {}, events.map((e) => el("li", { text: line(e) }))));
}

// The ward list: each ward's board (the state of every division in the flow, who and when,
// overdue ones marked), a count of each state and a filter by state.
if (document.querySelector("main.wards")) {
  for (const section of document.querySelectorAll("section.ward")) approvalBoard(section);
}

async function approvalBoard(section) {
  const settings = section.querySelector('a[href^="/wards/"]');
  const table = section.querySelector("table");
  if (!settings || !table) return;
  const folder = decodeURIComponent(settings.getAttribute("href").slice("/wards/".length));
  const response = await fetch(`/api/wards/${segment(folder)}/status`, { headers: { Accept: "application/json" } });
  if (!response.ok) return;
  const board = await response.json();
  const rows = new Map(board.divisions.map((d) => [`/wards/${segment(folder)}/divisions/${segment(d.name)}`, d]));
  table.querySelector("thead tr").children[2].after(el("th", { text: w("decision") }));
  for (const tr of table.querySelectorAll("tbody tr")) {
    const d = rows.get(tr.querySelector("a")?.getAttribute("href"));
    const shown = !d ? "" : d.changed ? "draft" : d.stage;
    tr.dataset.stage = shown;
    tr.dataset.overdue = d?.overdue ? "yes" : "";
    tr.children[2].after(el("td", { class: `approval ${shown}` },
      d ? el("span", { class: "stage", text: stageWords(d) }) : null,
      d?.by ? el("small", { text: " " + w("approval-by", { by: d.by, at: shortTime(d.at) }) }) : null,
      d?.overdue ? el("strong", { class: "overdue", text: " " + w("overdue") }) : null,
      d?.stage === "returned" ? el("div", { class: "comment", text: w("returned-comment", { comment: d.comment }) }) : null));
  }
  const filter = el("select", { class: "approval-filter", "aria-label": w("filter") },
    ["", "draft", "submitted", "returned", "approved", "overdue"].map((value) =>
      el("option", { value, text: value === "" ? w("filter-all") : value === "overdue" ? w("overdue") : w(`stage-${value}`) })));
  filter.addEventListener("change", () => {
    for (const tr of table.querySelectorAll("tbody tr")) {
      const v = filter.value;
      tr.hidden = v !== "" && (v === "overdue" ? tr.dataset.overdue !== "yes" : tr.dataset.stage !== v);
    }
  });
  table.before(el("p", { class: "approval-summary" },
    el("label", { text: w("filter") }, filter), " ",
    el("span", { class: "approval-counts", text: w("approval-counts", board.counts) }),
    board.deadline ? el("span", { class: "deadline", text: " " + w("approval-deadline", { deadline: board.deadline }) }) : null));
}
