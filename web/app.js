// The page's glue: takes letters from the file chooser, drag and drop or the text field,
// hands their bytes to formlos (WebAssembly, see src/web.rs) and shows what it returns.
// Checking, the report and the reply are formlos' own; nothing is sent anywhere.
"use strict";

(function () {
  const TEXTS = {
    de: {
      pageTitle: "formlos – Schreiben prüfen",
      skip: "Zum Ergebnis springen",
      title: "Ist Ihr Schreiben vom Amt rechtens?",
      lead: "Prüfen Sie, ob ein Schreiben einer Behörde Ihnen verbietet, per E-Mail, Telefon, Fax, Post oder persönlich Kontakt aufzunehmen oder einen Antrag formlos zu stellen.",
      private: "Ihr Schreiben bleibt auf diesem Gerät: Die Seite prüft es im Browser und sendet nichts.",
      inputTitle: "Schreiben prüfen",
      choose: "Datei auswählen",
      dropHint: "oder hierher ziehen – PDF, Word (DOCX), OpenDocument (ODT), E-Mail (EML), HTML, Markdown oder Text; auch mehrere.",
      pasteLabel: "Oder den Text des Schreibens hier einfügen:",
      checkText: "Text prüfen",
      clear: "Alles entfernen",
      downloadsTitle: "Herunterladen",
      loading: "Die Prüfung wird geladen …",
      ready: "Bereit. Wählen Sie ein Schreiben aus oder fügen Sie seinen Text ein.",
      working: "Wird geprüft …",
      emptyText: "Das Textfeld ist leer. Fügen Sie zuerst den Text des Schreibens ein.",
      checked: (letters, direct) =>
        `${letters} Schreiben geprüft: ${direct === 0 ? "keine Aussage, die Rechte einschränkt" : direct === 1 ? "1 Aussage, die Rechte einschränkt" : direct + " Aussagen, die Rechte einschränken"}. Die Einzelheiten stehen unten.`,
      unchecked: (n) => ` ${n} Datei(en) konnten nicht geprüft werden – der Grund steht unten.`,
      failed: (name) => `„${name}“ konnte nicht gelesen werden. Die anderen Schreiben sind weiter da.`,
      crashed: (name) => `„${name}“ hat die Prüfung abstürzen lassen. Bitte laden Sie die Seite neu und versuchen Sie es ohne diese Datei.`,
      loadFailed: "Die Prüfung konnte nicht geladen werden. Bitte verwenden Sie einen aktuellen Browser.",
      report: "Prüfbericht für alle Schreiben (HTML-Seite zum Ausdrucken oder Weitergeben)",
      reportFile: "formlos-bericht.html",
      replyWord: (name) => `Antwort an die Behörde zu „${name}“ (Word)`,
      replyText: (name) => `Antwort an die Behörde zu „${name}“ (Text)`,
      replyFile: "antwort",
    },
    en: {
      pageTitle: "formlos – check a letter",
      skip: "Skip to the result",
      title: "Is your letter from the agency lawful?",
      lead: "Check whether an agency's letter forbids you to get in touch by e-mail, phone, fax, post or in person, or to make an application without a form.",
      private: "Your letter stays on this device: the page checks it in the browser and sends nothing.",
      inputTitle: "Check a letter",
      choose: "Choose a file",
      dropHint: "or drop it here – PDF, Word (DOCX), OpenDocument (ODT), e-mail (EML), HTML, Markdown or text; several at once, too.",
      pasteLabel: "Or paste the text of the letter here:",
      checkText: "Check text",
      clear: "Remove all",
      downloadsTitle: "Download",
      loading: "Loading the checker …",
      ready: "Ready. Choose a letter or paste its text.",
      working: "Checking …",
      emptyText: "The text field is empty. Paste the letter's text first.",
      checked: (letters, direct) =>
        `${letters} letter(s) checked: ${direct === 0 ? "no statement that restricts rights" : direct === 1 ? "1 statement that restricts rights" : direct + " statements that restrict rights"}. The details are below.`,
      unchecked: (n) => ` ${n} file(s) could not be checked – the reason is below.`,
      failed: (name) => `"${name}" could not be read. The other letters are still there.`,
      crashed: (name) => `"${name}" made the checker crash. Please reload the page and try again without this file.`,
      loadFailed: "The checker could not be loaded. Please use a current browser.",
      report: "Check report for all letters (HTML page to print or pass on)",
      reportFile: "formlos-report.html",
      replyWord: (name) => `Reply to the agency about "${name}" (Word)`,
      replyText: (name) => `Reply to the agency about "${name}" (text)`,
      replyFile: "reply",
    },
  };

  const $ = (id) => document.getElementById(id);
  const state = { lang: "de", inputs: [], letters: null, ready: false, urls: [] };
  const text = () => TEXTS[state.lang];

  function today() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  function setStatus(message) {
    $("status").textContent = message;
  }

  function translatePage() {
    const t = text();
    document.documentElement.lang = state.lang;
    document.title = t.pageTitle;
    for (const element of document.querySelectorAll("[data-i18n]")) {
      element.textContent = t[element.dataset.i18n];
    }
    for (const button of document.querySelectorAll("[data-lang]")) {
      button.setAttribute("aria-pressed", String(button.dataset.lang === state.lang));
    }
  }

  // Checks every input again (after a change of language, the messages change too).
  function recheck() {
    state.letters = new wasm_bindgen.Letters(state.lang, today());
    for (const input of state.inputs) {
      state.letters.add(input.name, input.bytes);
    }
  }

  function addInput(name, bytes) {
    state.inputs.push({ name, bytes });
    try {
      state.letters.add(name, bytes);
    } catch (error) {
      state.inputs.pop();
      const crashed = error instanceof WebAssembly.RuntimeError;
      setStatus(crashed ? text().crashed(name || "Text") : text().failed(name || "Text"));
      if (!crashed) {
        recheck();
      }
      return false;
    }
    return true;
  }

  function clearDownloads() {
    state.urls.forEach((url) => URL.revokeObjectURL(url));
    state.urls = [];
    $("download-list").replaceChildren();
    $("downloads").hidden = true;
  }

  function downloadLink(label, bytes, fileName, type) {
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    state.urls.push(url);
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.textContent = label;
    const item = document.createElement("li");
    item.append(link);
    $("download-list").append(item);
  }

  function stem(name) {
    const base = name.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
    return base.replace(/[^\p{L}\p{N}_-]+/gu, "-").replace(/^-+|-+$/g, "") || "schreiben";
  }

  // Shows the report of all letters so far, the downloads and a summary in the status.
  function show(started) {
    const t = text();
    clearDownloads();
    if (state.inputs.length === 0) {
      $("ergebnis").replaceChildren();
      setStatus(t.ready);
      return;
    }
    // formlos escapes everything it puts into the report.
    $("ergebnis").innerHTML = state.letters.report_main();
    const run = JSON.parse(state.letters.json());
    const direct = run.summary.by_context.direct || 0;
    let message = t.checked(run.summary.files_checked, direct);
    if (run.summary.files_with_errors > 0) {
      message += t.unchecked(run.summary.files_with_errors);
    }
    setStatus(message);
    downloadLink(t.report, state.letters.report_page(), t.reportFile, "text/html");
    for (let index = 0; index < state.letters.letters(); index += 1) {
      const name = state.letters.letter_name(index);
      const docx = state.letters.reply(index, "docx");
      if (docx === undefined) {
        continue;
      }
      const file = `${t.replyFile}-${stem(name)}`;
      downloadLink(t.replyWord(name), docx, `${file}.docx`,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
      downloadLink(t.replyText(name), state.letters.reply(index, "text"), `${file}.txt`,
        "text/plain;charset=utf-8");
    }
    $("downloads").hidden = false;
    if (started !== undefined) {
      // For the page's test: from the user's action to the shown result, and which result.
      const root = document.documentElement.dataset;
      root.lastCheckMs = (performance.now() - started).toFixed(1);
      root.lastCheckSeq = String(Number(root.lastCheckSeq || 0) + 1);
    }
  }

  async function addFiles(files) {
    if (!state.ready || files.length === 0) {
      return;
    }
    const started = performance.now();
    setStatus(text().working);
    for (const file of files) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      addInput(file.name, bytes);
    }
    show(started);
  }

  function addText() {
    if (!state.ready) {
      return;
    }
    const value = $("text").value;
    if (value.trim() === "") {
      setStatus(text().emptyText);
      $("text").focus();
      return;
    }
    const started = performance.now();
    if (addInput("", new TextEncoder().encode(value))) {
      $("text").value = "";
    }
    show(started);
  }

  function wire() {
    $("datei").addEventListener("change", (event) => {
      addFiles(Array.from(event.target.files)).finally(() => {
        event.target.value = "";
      });
    });
    $("pruefen").addEventListener("click", addText);
    $("leeren").addEventListener("click", () => {
      state.inputs = [];
      recheck();
      show();
    });
    for (const button of document.querySelectorAll("[data-lang]")) {
      button.addEventListener("click", () => {
        if (state.lang === button.dataset.lang) {
          return;
        }
        state.lang = button.dataset.lang;
        translatePage();
        if (state.ready) {
          recheck();
          show();
        }
      });
    }
    const drop = $("drop");
    // A file dropped anywhere on the page is checked, not opened by the browser.
    document.addEventListener("dragover", (event) => {
      event.preventDefault();
      drop.classList.add("over");
    });
    document.addEventListener("dragleave", (event) => {
      if (event.relatedTarget === null) {
        drop.classList.remove("over");
      }
    });
    document.addEventListener("drop", (event) => {
      event.preventDefault();
      drop.classList.remove("over");
      addFiles(Array.from(event.dataTransfer.files));
    });
    // Files pasted outside the text field (a copied file in the file manager).
    document.addEventListener("paste", (event) => {
      const files = Array.from(event.clipboardData ? event.clipboardData.files : []);
      if (files.length > 0 && event.target !== $("text")) {
        event.preventDefault();
        addFiles(files);
      }
    });
  }

  async function start() {
    translatePage();
    wire();
    try {
      const encoded = atob(self.FORMLOS_WASM);
      const bytes = new Uint8Array(encoded.length);
      for (let i = 0; i < encoded.length; i += 1) {
        bytes[i] = encoded.charCodeAt(i);
      }
      await wasm_bindgen({ module_or_path: bytes });
      wasm_bindgen.prepare();
      recheck();
    } catch (error) {
      setStatus(text().loadFailed);
      throw error;
    }
    state.ready = true;
    setStatus(text().ready);
    document.documentElement.dataset.ready = "true";
  }

  start();
})();
