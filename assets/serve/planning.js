// mokuhyo serve: the planning section's pages (年度の作業, 利用者, Excel 様式). The pages are
// rendered by the server with every word; this script only sends their forms and buttons to
// the API as JSON (with the page's CSRF token) and shows what came back.
"use strict";

const PLANNING_CSRF = document.querySelector('meta[name="mokuhyo-csrf"]')?.content || "";
const planningWords = JSON.parse(document.getElementById("planning-words")?.textContent || "{}");

async function send(method, url, body, type) {
  const headers = { "X-CSRF-Token": PLANNING_CSRF };
  if (type) headers["Content-Type"] = type;
  const response = await fetch(url, { method, headers, body, credentials: "same-origin" });
  let data = null;
  try { data = await response.json(); } catch (_) { data = null; }
  return { ok: response.ok, status: response.status, data };
}

function say(place, text, failed) {
  if (!place) return;
  place.textContent = text;
  place.classList.toggle("error", !!failed);
}

// The JSON of a form: empty fields left out, numbers as numbers, a list split at 、 or ,.
// A field marked data-always is sent unticked (false) or empty too: it changes what is there.
function formJson(form) {
  const body = {};
  for (const input of form.querySelectorAll("input[name], select[name]")) {
    const always = input.hasAttribute("data-always");
    if (input.type === "checkbox") { if (input.checked || always) body[input.name] = input.checked; continue; }
    const value = input.value.trim();
    if (value === "" && !always) continue;
    if (input.type === "number") body[input.name] = Number(value);
    else if (input.hasAttribute("data-list")) body[input.name] = value.split(/[、,，\s]+/).filter(Boolean);
    else body[input.name] = value;
  }
  return body;
}

for (const form of document.querySelectorAll("form.api")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const result = form.querySelector(".result");
    const answer = await send(form.dataset.method, form.dataset.api, JSON.stringify(formJson(form)), "application/json");
    if (answer.ok) {
      say(result, form.dataset.done + (answer.data?.folder ? `（${answer.data.folder}）` : ""), false);
      setTimeout(() => location.reload(), 900);
    } else {
      say(result, answer.data?.message || String(answer.status), true);
    }
  });
}

for (const button of document.querySelectorAll("button.api")) {
  button.addEventListener("click", async () => {
    const result = button.parentElement.querySelector(".result");
    if (button.dataset.confirm && !confirm(button.dataset.confirm)) return;
    let body = JSON.parse(button.dataset.body || "{}");
    if (button.dataset.prompt) {
      const answer = prompt(button.dataset.prompt, button.dataset.promptValue || "");
      if (!answer) return;
      body = { [button.dataset.promptKey || "password"]: answer };
    }
    const method = button.dataset.method;
    const answer = await send(method, button.dataset.api, method === "DELETE" ? undefined : JSON.stringify(body), method === "DELETE" ? undefined : "application/json");
    if (answer.ok) {
      say(result, "✓", false);
      setTimeout(() => location.reload(), 600);
    } else {
      say(result, answer.data?.message || String(answer.status), true);
    }
  });
}

// A new password: typed twice, hidden; sent only when both agree, and said when set.
for (const form of document.querySelectorAll("form.password")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const result = form.querySelector(".result");
    const password = form.elements.password.value;
    if (password !== form.elements.again.value) return say(result, form.dataset.mismatch, true);
    const answer = await send("PUT", form.dataset.api, JSON.stringify({ password }), "application/json");
    if (!answer.ok) return say(result, answer.data?.message || String(answer.status), true);
    form.reset();
    say(result, form.dataset.done, false);
  });
}

// The upload: first a dry run, its changes shown per division; then applied with a click.
const upload = document.querySelector("form.upload");
if (upload) {
  const card = upload.parentElement;
  const preview = card.querySelector(".upload-preview");
  const apply = card.querySelector("button.apply");
  const result = card.querySelector(".result");
  let book = null;
  let format = "xlsx";
  const w = (id) => planningWords[id] || id;

  const cell = (tag, text) => { const c = document.createElement(tag); c.textContent = text; return c; };
  const show = (data) => {
    preview.replaceChildren();
    for (const division of data.divisions || []) {
      const heading = cell("h3", division.division + (division.new ? `（${w("web-upload-new-division")}）` : ""));
      preview.append(heading);
      if (division.lost) preview.append(cell("p", `${w("web-upload-lost")}：${division.lost}`));
      const table = document.createElement("table");
      table.className = "changes";
      const head = document.createElement("tr");
      head.append(cell("th", w("web-upload-place")), cell("th", w("web-upload-before")), cell("th", w("web-upload-after")));
      table.append(head);
      for (const change of division.changes) {
        const row = document.createElement("tr");
        const after = change.kind === "changed" ? change.after : w(`web-upload-${change.kind}`);
        row.append(cell("td", change.place), cell("td", change.before), cell("td", after));
        table.append(row);
      }
      preview.append(table);
    }
    if (!(data.divisions || []).length) preview.append(cell("p", w("web-upload-nothing")));
  };
  const refused = (answer) => {
    preview.replaceChildren();
    say(result, answer.data?.message || String(answer.status), true);
    // Each problem in its division and place, above the reason that counts them.
    for (const problem of answer.data?.problems || []) {
      const place = [problem.division, problem.place].filter(Boolean).join(" › ");
      preview.append(cell("p", `${place}：${problem.message}`));
    }
    for (const reason of answer.data?.reasons || []) preview.append(cell("p", reason));
    apply.hidden = true;
  };

  upload.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = upload.querySelector("input[type=file]").files[0];
    if (!file) return;
    book = await file.arrayBuffer();
    // Read as what it is: a CSV or JSON of `export`, or a workbook (by the name's ending).
    const ending = (file.name.match(/\.([A-Za-z]+)$/) || [])[1] || "xlsx";
    format = encodeURIComponent(ending.toLowerCase());
    say(result, "", false);
    const answer = await send("POST", `${upload.dataset.api}?dry_run=1&format=${format}`, book, "application/octet-stream");
    if (!answer.ok) return refused(answer);
    show(answer.data);
    // Nothing changes: the page says so (in the preview), and offers nothing to apply.
    const changes = (answer.data.divisions || []).length;
    say(result, changes ? w("web-upload-checked") : "", false);
    apply.hidden = !changes;
  });
  apply.addEventListener("click", async () => {
    if (!book) return;
    const answer = await send("POST", `${upload.dataset.api}?format=${format}`, book, "application/octet-stream");
    if (!answer.ok) return refused(answer);
    apply.hidden = true;
    say(result, `${w("web-upload-written")}：${(answer.data.written || []).join("、")}`, false);
  });
}
