// The drafts edited as they will print: each paragraph's form (form[data-editor]) becomes the text itself,
// editable in place, with a toolbar for italics and footnotes; on saving, the text is written back into the
// form's field in the drafts' markup (*italics*, [^footnote]), so that nobody sees or types it. Without
// JavaScript the form is left as it is.
(function () {
  "use strict";
  const escape = (text) => text.replace(/[\\*[\]]/g, (c) => "\\" + c);

  function markup(node, italic) {
    let out = "";
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        out += escape(child.nodeValue.replace(/\u00a0/g, " "));
        continue;
      }
      if (child.nodeType !== Node.ELEMENT_NODE) continue;
      const name = child.nodeName.toLowerCase();
      if (name === "br") { out += " "; continue; }
      if (child.classList.contains("footnote")) {
        const note = markup(child, false).trim();
        if (note) out += "[^" + note + "]";
        continue;
      }
      const slanted = !italic && (name === "em" || name === "i");
      const inner = markup(child, italic || slanted);
      out += slanted && inner.trim() ? "*" + inner + "*" : inner;
    }
    return out;
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
      b.addEventListener("click", () => { editor.focus(); action(); });
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
    const fieldLabel = form.querySelector(`label[for="${field.id}"]`);
    fieldLabel.id = field.id + "-label";
    field.hidden = true;
    form.querySelector("[data-markup-help]").hidden = true;
    field.before(toolbar, editor);
    form.addEventListener("submit", () => { field.value = markup(editor, false).trim(); });
  }
})();
