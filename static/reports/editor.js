// The drafts edited as they will print: each paragraph's form (form[data-editor]) becomes the text itself,
// editable in place, with a toolbar for italics, footnotes, sub-items and a preview of the printed paragraph;
// on saving, the text is written back into the form's field in the drafts' markup (*italics*, [^footnote],
// a line for each sub-item), so that nobody sees or types it. Without JavaScript the form is left as it is.
(function () {
  "use strict";
  const escape = (text) => text.replace(/[\\*[\]]/g, (c) => "\\" + c);
  const oneLine = (text) => text.replace(/\s*\n\s*/g, " ");

  function markup(node, italic) {
    let out = "";
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        out += escape(child.nodeValue.replace(/\u00a0/g, " ").replace(/\n/g, " "));
        continue;
      }
      if (child.nodeType !== Node.ELEMENT_NODE) continue;
      const name = child.nodeName.toLowerCase();
      if (name === "br") { out += " "; continue; }
      if (child.classList.contains("footnote")) {
        const note = oneLine(markup(child, false)).trim();
        if (note) out += "[^" + note + "]";
        continue;
      }
      if (name === "ol" || name === "ul") { // the sub-items: one line each
        out = out.trimEnd();
        for (const item of child.children) {
          const line = oneLine(markup(item, italic)).trim();
          if (line) out += "\n" + line;
        }
        continue;
      }
      const slanted = !italic && (name === "em" || name === "i");
      const inner = markup(child, italic || slanted);
      const block = name === "div" || name === "p"; // a line the browser began on Enter
      out += (block && out && !out.endsWith(" ") ? " " : "") + (slanted && inner.trim() ? "*" + inner + "*" : inner);
    }
    return out;
  }

  // a, b, … z, then aa, bb, …: as committee/kernel/outline.py letters sub-items.
  const letter = (index) => String.fromCharCode(97 + (index % 26)).repeat(Math.floor(index / 26) + 1);

  // The paragraph as it prints: its number, its sub-items lettered as its language letters them ("(a)", "a)":
  // `pattern` holds "%s" for the letter), each footnote as its number with the notes below a rule.
  function printed(editor, number, pattern) {
    const copy = editor.cloneNode(true);
    for (const list of copy.querySelectorAll("ol.sub-items")) {
      list.className = "list-unstyled ms-3 mb-0 mt-1";
      [...list.children].forEach((item, index) => {
        const mark = document.createElement("span");
        mark.className = "text-body-secondary";
        mark.textContent = pattern.replace("%s", letter(index));
        const text = document.createElement("span");
        text.append(...item.childNodes);
        item.className = "d-flex gap-2";
        item.replaceChildren(mark, text);
      });
    }
    const notes = [];
    for (const note of copy.querySelectorAll(".footnote")) {
      notes.push(note.innerHTML);
      const mark = document.createElement("sup");
      mark.textContent = String(notes.length);
      note.replaceWith(mark);
    }
    const preview = document.createElement("div");
    preview.className = "d-flex gap-3";
    const label = document.createElement("span");
    label.className = "text-body-secondary";
    label.textContent = number;
    const body = document.createElement("div");
    body.innerHTML = copy.innerHTML;
    if (notes.length) {
      const rule = document.createElement("hr");
      rule.className = "w-25 my-1";
      const list = document.createElement("ol");
      list.className = "small mb-0 ps-3";
      for (const note of notes) {
        const item = document.createElement("li");
        item.innerHTML = note;
        list.append(item);
      }
      body.append(rule, list);
    }
    preview.append(label, body);
    return preview;
  }

  function addSubItem(editor) {
    const selection = window.getSelection();
    const at = selection.rangeCount && editor.contains(selection.anchorNode) ? selection.anchorNode : null;
    const current = at && (at.nodeType === Node.ELEMENT_NODE ? at : at.parentElement).closest("li");
    let list = editor.querySelector("ol.sub-items");
    if (!list) {
      list = document.createElement("ol");
      list.className = "sub-items";
      editor.append(list);
    }
    const item = document.createElement("li");
    item.append(document.createElement("br"));
    if (current && list.contains(current)) current.after(item); else list.append(item);
    const range = document.createRange();
    range.setStart(item, 0);
    range.collapse(true);
    selection.removeAllRanges();
    selection.addRange(range);
  }

  for (const form of document.querySelectorAll("form[data-editor]")) {
    const field = form.querySelector("textarea[name=text]");
    const label = (name) => form.querySelector(`[data-label-${name}]`).textContent;
    const editor = document.createElement("div");
    editor.className = "form-control mb-1 drafted-editor";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    editor.setAttribute("aria-labelledby", field.id + "-label");
    editor.lang = form.closest("[lang]")?.lang || "";
    editor.innerHTML = form.querySelector("template[data-editable]").innerHTML;
    const toolbar = document.createElement("div");
    toolbar.className = "btn-toolbar gap-1 mb-1";
    toolbar.setAttribute("role", "toolbar");
    const button = (text, action) => {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "btn btn-sm btn-outline-secondary";
      b.textContent = text;
      b.addEventListener("mousedown", (event) => event.preventDefault()); // keep the selection in the text
      b.addEventListener("click", () => { editor.focus(); action(); editor.dispatchEvent(new Event("input")); });
      toolbar.append(b);
      return b;
    };
    button(label("italic"), () => {
      document.execCommand("styleWithCSS", false, false);
      document.execCommand("italic");
    }).classList.add("fst-italic");
    button(label("footnote"), () => {
      const text = window.prompt(label("note-text"));
      if (!text) return;
      const note = document.createElement("span");
      note.className = "footnote";
      note.textContent = text;
      const selection = window.getSelection();
      const range = selection.rangeCount && editor.contains(selection.anchorNode)
        ? selection.getRangeAt(0) : null;
      if (range) {
        range.collapse(false);
        range.insertNode(note);
      } else {
        editor.append(note);
      }
    });
    if (form.dataset.subItems === "lines") {
      button(label("sub-item"), () => addSubItem(editor));
    }
    const rowsButton = form.querySelector("[data-sub-item-button]"); // a recommendation's: saves, then adds one
    if (rowsButton) toolbar.append(rowsButton);

    const preview = document.createElement("div");
    preview.className = "border rounded p-2 mb-1 bg-body-tertiary drafted-preview";
    preview.lang = editor.lang;
    preview.hidden = true;
    preview.setAttribute("aria-live", "polite");
    const showPreview = () => {
      const title = document.createElement("p");
      title.className = "small fw-semibold mb-1";
      title.textContent = label("preview-title");
      preview.replaceChildren(title, printed(editor, form.dataset.number || "", form.dataset.subItemLabel));
    };
    const toggle = button(label("preview"), () => {
      preview.hidden = !preview.hidden;
      toggle.setAttribute("aria-pressed", String(!preview.hidden));
      if (!preview.hidden) showPreview();
    });
    toggle.setAttribute("aria-pressed", "false");
    editor.addEventListener("input", () => { if (!preview.hidden) showPreview(); });

    const fieldLabel = form.querySelector(`label[for="${field.id}"]`);
    fieldLabel.id = field.id + "-label";
    field.hidden = true;
    form.querySelector("[data-markup-help]").hidden = true;
    form.querySelector("[data-server-preview-button]").hidden = true;
    field.before(toolbar, editor, preview);
    form.addEventListener("submit", () => { field.value = markup(editor, false).trim(); });
  }
})();
