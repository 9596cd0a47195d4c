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
// telling how it went in `status`: `saved(body)` once written, `conflict(current, etag)` when
// someone else saved first (412, nothing written).
async function saveDraft(state, url, { status, button, saved, conflict }) {
  if (state.saving || !state.draft) return;
  state.saving = true;
  button.disabled = true;
  status.textContent = w("saving");
  try {
    const sent = JSON.stringify(state.draft);
    const response = await fetch(url, {
      method: "PUT",
      headers: { "Content-Type": "application/json", "If-Match": state.etag, "X-CSRF-Token": CSRF },
      body: sent,
    });
    const body = await response.json();
    if (response.status === 412) {
      conflict(body.current, body.etag);
    } else if (!response.ok) {
      status.textContent = body.message || w("failed");
    } else {
      state.etag = body.etag;
      state.dirty = JSON.stringify(state.draft) !== sent;
      const errors = body.problems.filter((p) => p.severity === "error").length;
      status.textContent = errors ? w("saved-with-errors", { count: errors }) : w("saved");
      saved(body);
    }
  } catch (error) {
    status.textContent = w("failed");
  }
  state.saving = false;
  button.disabled = false;
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
  };
  const api = () => `/api/wards/${segment(config.ward)}/divisions/${segment(config.division)}`;

  const status = el("p", { id: "status", role: "status", "aria-live": "polite" });
  const saveButton = el("button", { type: "button", id: "save", onclick: save, text: w("save") });
  const pdfLink = el("a", { class: "button", id: "pdf", text: w("pdf") });
  const historyButton = el("button", { type: "button", id: "history-button", "aria-expanded": "false", onclick: () => toggleHistory(), text: w("history") });
  const historyPanel = el("section", { id: "history", hidden: true, "aria-labelledby": "history-title" });
  const form = el("form", { id: "form", "aria-label": config.division, onsubmit: (e) => e.preventDefault() });
  const problemList = el("section", { id: "problems", "aria-label": w("problems") });
  const page = el("div", { id: "page", role: "img", "aria-label": w("preview") });
  const pageText = el("div", { id: "page-text", class: "visually-hidden" });
  const pageInfo = el("p", { id: "page-info" });
  const conflict = el("section", { id: "conflict", hidden: true, role: "alertdialog", "aria-labelledby": "conflict-title" });
  const approval = el("section", { id: "approval", "aria-label": w("decision") });

  root.append(
    el("header", { class: "bar" },
      el("a", { href: "/", text: w("back") }),
      el("h1", { id: "title", text: config.division }),
      saveButton, pdfLink, historyButton, status),
    approval,
    conflict,
    historyPanel,
    el("main", { class: "split" },
      el("section", { class: "editor" }, problemList, form),
      el("section", { class: "preview", "aria-label": w("preview") }, pageInfo, page, pageText)),
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
    render();
    preview(0);
  }

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
    form.append(addButton("division", state.draft, ""));
    showProblems(state.problems);
    if (focusKey) form.querySelector(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
  }

  function field(label, key, value, { multiline = false, type = "text", onValue }) {
    const id = `f-${key.replace(/[^a-z0-9]/gi, "-")}`;
    const input = multiline
      ? el("textarea", { id, "data-key": key, rows: Math.min(8, Math.max(2, String(value).split("\n").length)) })
      : el("input", { id, "data-key": key, type });
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
        return field(label, key, item[f.key], { multiline: f.kind === "text", onValue: (v) => { item[f.key] = v; } });
    }
  }

  function headerFields() {
    return el("fieldset", { class: "header", "data-key": "" },
      el("legend", { text: w("header") }),
      own("division").map((f) => fieldOf(f, state.draft, "")));
  }

  function ratingField(item, f, key) {
    const id = `f-${key.replace(/[^a-z0-9]/gi, "-")}`;
    const select = el("select", { id, "data-key": key });
    const choices = [["", w("rating-none")], ["○", w("rating-achieved")], ["△", w("rating-partly")], ["×", w("rating-missed")]];
    if (!choices.some(([mark]) => mark === item[f.key])) choices.push([item[f.key], item[f.key]]);
    for (const [mark, label] of choices) select.append(el("option", { value: mark, text: label }));
    select.value = item[f.key];
    select.addEventListener("change", () => { item[f.key] = select.value; edited(); });
    return el("div", { class: "field", "data-field": key }, el("label", { for: id, text: w(f.words) }), select);
  }

  // Up, down and remove for item `i` of `list`, whose fields' keys start with `key`.
  function itemButtons(list, i, key, label) {
    const move = (by) => change(() => {
      const [item] = list.splice(i, 1);
      list.splice(i + by, 0, item);
    }, key.replace(/\[\d+\]$/, `[${i + 1 + by}]`));
    return el("div", { class: "item-buttons" },
      el("button", { type: "button", disabled: i === 0, "aria-label": `${label} ${w("move-up")}`, onclick: () => move(-1), text: w("move-up") }),
      el("button", { type: "button", disabled: i === list.length - 1, "aria-label": `${label} ${w("move-down")}`, onclick: () => move(1), text: w("move-down") }),
      el("button", { type: "button", class: "remove", "aria-label": `${label} ${w("remove")}`, onclick: () => change(() => list.splice(i, 1)), text: w("remove") }));
  }

  // "Add" for the items below `item` (of `level`, at key path `prefix`): focus goes to the new
  // item's first field.
  function addButton(level, item, prefix) {
    const items = itemsOf(level);
    const below = LEVEL_OF[items.key];
    const list = item[items.key];
    const at = `${prefix ? `${prefix}.` : ""}${items.key}[${list.length + 1}]`;
    return el("button", { type: "button", class: "add", onclick: () => change(() => {
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
        addButton(level, item, key),
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
      itemButtons(list, i, key, legend),
      body);
  }

  // A new item of `level`: its fields empty, with one item of each level below.
  function emptyItem(level) {
    const item = {};
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
    preview(250);
  }

  // ---- Problems, beside their fields.

  function showProblems(problems) {
    state.problems = problems;
    for (const old of root.querySelectorAll(".problem")) old.remove();
    for (const input of form.querySelectorAll("[aria-invalid]")) {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    }
    const loose = [];
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
      } else {
        loose.push(note);
      }
    });
    problemList.replaceChildren(
      el("h2", { text: w("problems") }),
      ...(problems.length ? loose : [el("p", { class: "problem-none", text: w("problems-none") })]));
  }

  // The field a problem's key names, or the nearest item it is inside (`goals[2]` for
  // `goals[2].actions`).
  function closestField(key) {
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
    return saveDraft(state, api(), {
      status,
      button: saveButton,
      saved: (body) => {
        renamed(body.division);
        showProblems(body.problems);
      },
      conflict: showConflict,
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
  function flatten(draft) {
    const values = new Map();
    const walk = (item, level, prefix) => {
      for (const f of FIELDS[level]) {
        const key = prefix ? `${prefix}.${f.key}` : f.key;
        const value = item?.[f.key];
        if (f.kind === "items") (value ?? []).forEach((child, i) => walk(child, f.of, `${key}[${i + 1}]`));
        else if (Array.isArray(value)) values.set(key, value.join("\n"));
        else values.set(key, value === null || value === undefined ? "" : String(value));
      }
    };
    walk(draft, "division", "");
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
      render();
      preview(0);
    };
    showConflictPanel(conflict, rows, state, { theirs, etag: theirEtag }, { save, shown, status });
  }

  // ---- Every saved version: who saved it and when, two compared, one put back.

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
      diff.replaceChildren(el("table", {},
        el("thead", {}, el("tr", {}, el("th", {}), el("th", { text: when(a) }), el("th", { text: when(b) }))),
        el("tbody", {}, keys.map((k) => el("tr", {},
          el("th", { scope: "row", text: describe(k) }),
          el("td", { class: "mine", text: before.get(k) ?? "" }),
          el("td", { class: "theirs", text: after.get(k) ?? "" }))))));
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
        el("td", {}, el("button", { type: "button", class: "restore", "data-id": version.id, onclick: () => restore(version), text: w("history-restore") })));
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
    return version.saved_at.replace("T", " ").replace(/:\d\d([+-]\d\d:\d\d|Z)$/, "");
  }

  async function restore(version) {
    if (state.dirty && !confirm(w("unsaved"))) return;
    const response = await fetch(`${api()}/history/${version.id}/restore`, {
      method: "POST",
      headers: { "If-Match": state.etag, "X-CSRF-Token": CSRF },
    });
    const body = await response.json();
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
        showConflict(theirs, etag);
      } else {
        state.draft = theirs;
        state.etag = etag;
        render();
        preview(0);
        status.textContent = w("changed-on-disk");
      }
    });
  }

  saveKeys(save, () => state.dirty);
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
    const loose = [];
    problems.forEach((problem, n) => {
      const note = el("p", { class: `problem ${problem.severity}`, id: `problem-${n}`, text: problem.message });
      const target = form.querySelector(`[data-key="${CSS.escape(problem.key)}"]`);
      if (target) {
        target.closest(".field").after(note);
        target.setAttribute("aria-describedby", note.id);
        if (problem.severity === "error") target.setAttribute("aria-invalid", "true");
      } else {
        loose.push(note);
      }
    });
    problemList.replaceChildren(el("h2", { text: w("problems") }),
      ...(problems.length ? loose : [el("p", { class: "problem-none", text: w("problems-none") })]));
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
      const theirs = await response.json();
      if (state.dirty) showConflict(theirs, etag);
      else location.reload();
    });
  }

  saveKeys(save, () => state.dirty);
  load().then(listen);
}

// ---- Submission and approval (提出・承認・差戻し) -------------------------------------------------

// A stage in words: 作成中, 提出済（課長承認済）, 差戻し, 承認済, 承認後に変更.
function stageWords(status) {
  if (status.changed) return w("stage-changed");
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
    const answer = await fetch(`${api()}/${action}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": CSRF },
      body: JSON.stringify(body || {}),
    });
    const result = await answer.json();
    status.textContent = answer.ok ? stageWords(result.status) : result.message || w("failed");
    showApproval(panel, api, status, stepped);
    if (answer.ok) stepped();
  };
  const comment = el("textarea", { id: "return-comment", rows: 2, "aria-label": w("return-comment"), placeholder: w("return-comment") });
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
