// compose.js — progressive enhancement of the compose page (web/templates/compose.html). The form
// works without this script; with it, the sender gets:
//   - live checks of e-mail addresses, enterprise numbers and national register numbers (the check
//     digits of REFERENCE.md §4, as domain/belgian_identifiers.cpp computes them),
//   - whether each recipient is registered on sealpost (GET /compose/recipient-status),
//   - recipient rows added and removed in place,
//   - drag-and-drop of attachments with their sizes, and upload progress.
// Every text comes from the page (data-msg-* attributes filled from the catalogue), so the script
// speaks the page's language. Loaded with `defer`; CSP: script-src 'self', connect-src 'self'.
(function () {
  "use strict";

  var lookupTimers = new WeakMap();
  var lookupSequence = new WeakMap();
  var files = null; // DataTransfer holding the chosen attachments, kept across re-renders

  function message(form, name) {
    return form.getAttribute("data-msg-" + name) || "";
  }

  // --- identifier checks (mirror src/domain) ---------------------------------------------------

  function looksLikeEmail(text) {
    var at = text.indexOf("@");
    return at > 0 && at + 1 < text.length && text.indexOf("@", at + 1) < 0 &&
      !/[\s<>",;]/.test(text) && text.length <= 254;
  }

  // The digits of a typed number with the usual separators (". - / space"), or null.
  function digitsOf(text) {
    if (/[^0-9.\-\/ ]/.test(text)) return null;
    return text.replace(/[^0-9]/g, "");
  }

  function validEnterpriseNumber(text) {
    var rest = text.replace(/^be/i, "");
    var digits = digitsOf(rest);
    if (digits === null) return false;
    if (digits.length === 9) digits = "0" + digits;
    if (digits.length !== 10 || (digits[0] !== "0" && digits[0] !== "1")) return false;
    return 97 - (Number(digits.slice(0, 8)) % 97) === Number(digits.slice(8));
  }

  function validNationalNumber(text) {
    var digits = digitsOf(text);
    if (digits === null || digits.length !== 11) return false;
    var month = Number(digits.slice(2, 4));
    var day = Number(digits.slice(4, 6));
    if (month > 52 || month % 20 > 12 || day > 31) return false;
    var first9 = Number(digits.slice(0, 9));
    var check = Number(digits.slice(9));
    // Births from 2000 on compute the check over "2" followed by the nine digits.
    return check === 97 - (first9 % 97) || check === 97 - ((2000000000 + first9) % 97);
  }

  // --- errors next to fields ---------------------------------------------------------------------

  function describedBy(input) {
    return (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
  }

  function setFieldError(input, text) {
    var id = input.id + "-error";
    var box = document.getElementById(id);
    var ids = describedBy(input).filter(function (x) { return x !== id; });
    if (text) {
      if (!box) {
        box = document.createElement("div");
        box.className = "field-error";
        box.id = id;
        input.parentNode.insertBefore(box, input);
      }
      box.textContent = "";
      var p = document.createElement("p");
      p.textContent = text;
      box.appendChild(p);
      ids.push(id);
      input.setAttribute("aria-invalid", "true");
    } else {
      if (box) box.parentNode.removeChild(box);
      input.setAttribute("aria-invalid", "false");
    }
    input.setAttribute("aria-describedby", ids.join(" "));
  }

  // --- recipients --------------------------------------------------------------------------------

  function field(row, name) {
    return row.querySelector("[name=recipient_" + name + "]");
  }

  // The problem with one input of a recipient row, or "". A missing value counts only when the
  // form is sent (`submitting`): leaving an empty field is no mistake yet.
  function recipientProblem(form, row, name, submitting) {
    var value = field(row, name).value.trim();
    switch (name) {
      case "email":
        if (!value) return submitting ? message(form, "email-missing") : "";
        return looksLikeEmail(value) ? "" : message(form, "email-invalid");
      case "name":
        return !value && submitting ? message(form, "name-missing") : "";
      case "enterprise_number":
        return !value || validEnterpriseNumber(value) ? "" : message(form, "enterprise-invalid");
      case "national_number":
        if (!value) return "";
        if (!validNationalNumber(value)) return message(form, "national-invalid");
        return field(row, "enterprise_number").value.trim() ? message(form, "both-identifiers") : "";
    }
    return "";
  }

  function rowIsBlank(row) {
    return ["email", "name", "enterprise_number", "national_number"].every(function (n) {
      return !field(row, n).value.trim();
    });
  }

  // mode: "typing" (errors only disappear; new ones wait until the field is left), "leave", or
  // "submit".
  function checkRecipient(form, row, name, mode) {
    var input = field(row, name);
    var problem = recipientProblem(form, row, name, mode === "submit");
    if (problem && mode === "typing" && input.getAttribute("aria-invalid") !== "true") return true;
    setFieldError(input, problem);
    return !problem;
  }

  function showStatus(row, registered) {
    var form = row.form || row.closest("form");
    var status = row.querySelector(".recipient-status");
    status.classList.remove("recipient-status--registered", "recipient-status--unregistered");
    if (registered === null) {
      status.textContent = "";
      return;
    }
    status.classList.add(registered ? "recipient-status--registered" : "recipient-status--unregistered");
    status.textContent = message(form, registered ? "registered" : "not-registered");
  }

  function lookUp(row) {
    var email = field(row, "email").value.trim();
    var name = field(row, "name").value.trim();
    var enterprise = field(row, "enterprise_number").value.trim();
    var national = field(row, "national_number").value.trim();
    var identified = (enterprise && validEnterpriseNumber(enterprise)) ||
      (national && validNationalNumber(national) && !enterprise);
    if ((enterprise && !validEnterpriseNumber(enterprise)) ||
        (national && !validNationalNumber(national)) ||
        (!identified && !(looksLikeEmail(email) && name))) {
      showStatus(row, null);
      return;
    }
    var sequence = (lookupSequence.get(row) || 0) + 1;
    lookupSequence.set(row, sequence);
    var query = new URLSearchParams({
      email: email, name: name, enterprise_number: enterprise, national_number: national
    });
    fetch("/compose/recipient-status?" + query.toString(), {
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (answer) {
      if (lookupSequence.get(row) !== sequence) return; // a newer lookup is under way
      showStatus(row, answer && typeof answer.registered === "boolean" ? answer.registered : null);
    }).catch(function () {
      if (lookupSequence.get(row) === sequence) showStatus(row, null);
    });
  }

  function scheduleLookUp(row) {
    clearTimeout(lookupTimers.get(row));
    lookupTimers.set(row, setTimeout(function () { lookUp(row); }, 400));
  }

  function rows(form) {
    return Array.prototype.slice.call(form.querySelectorAll("fieldset.recipient"));
  }

  // Gives row `row` the index `index`: ids, labels, aria references and the number shown.
  function renumber(row, index) {
    row.setAttribute("data-index", String(index));
    var pattern = /recipient-\d+-/g;
    var replacement = "recipient-" + index + "-";
    row.querySelectorAll("[id],[for],[aria-describedby]").forEach(function (el) {
      ["id", "for", "aria-describedby"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value) el.setAttribute(attr, value.replace(pattern, replacement));
      });
    });
    var number = row.querySelector(".recipient__number");
    if (number) number.textContent = String(index + 1);
  }

  function updateRemoveButtons(form) {
    var all = rows(form);
    all.forEach(function (row) {
      var button = row.querySelector(".recipient__remove");
      if (all.length > 1 && !button) {
        button = document.createElement("button");
        button.type = "button";
        button.className = "link-button--inline recipient__remove";
        button.textContent = message(form, "remove-recipient");
        button.addEventListener("click", function () { removeRow(form, row); });
        row.appendChild(button);
      } else if (all.length === 1 && button) {
        button.parentNode.removeChild(button);
      }
    });
  }

  function removeRow(form, row) {
    var all = rows(form);
    var position = all.indexOf(row);
    row.parentNode.removeChild(row);
    rows(form).forEach(renumber);
    updateRemoveButtons(form);
    var remaining = rows(form);
    var next = remaining[Math.min(position, remaining.length - 1)];
    if (next) field(next, "email").focus();
  }

  function addRow(form) {
    var all = rows(form);
    var last = all[all.length - 1];
    var row = last.cloneNode(true);
    row.querySelectorAll(".field-error").forEach(function (el) { el.parentNode.removeChild(el); });
    row.querySelectorAll("input").forEach(function (input) {
      input.value = "";
      input.setAttribute("aria-invalid", "false");
      input.setAttribute("aria-describedby", describedBy(input).filter(function (id) {
        return !/-error$/.test(id);
      }).join(" "));
    });
    var remove = row.querySelector(".recipient__remove");
    if (remove) remove.parentNode.removeChild(remove);
    last.parentNode.insertBefore(row, last.nextSibling);
    renumber(row, all.length);
    showStatus(row, null);
    enhanceRow(form, row);
    updateRemoveButtons(form);
    field(row, "email").focus();
  }

  function enhanceRow(form, row) {
    ["email", "name", "enterprise_number", "national_number"].forEach(function (name) {
      var input = field(row, name);
      input.addEventListener("blur", function () {
        checkRecipient(form, row, name, "leave");
        if (name === "enterprise_number") checkRecipient(form, row, "national_number", "leave");
      });
      input.addEventListener("input", function () {
        checkRecipient(form, row, name, "typing");
        scheduleLookUp(row);
      });
    });
  }

  // --- attachments -------------------------------------------------------------------------------

  function formatSize(bytes) {
    var lang = document.documentElement.lang || "en";
    var units = [["gigabyte", 1e9], ["megabyte", 1e6], ["kilobyte", 1e3]];
    for (var i = 0; i < units.length; i++) {
      if (bytes >= units[i][1]) {
        try {
          return new Intl.NumberFormat(lang, {
            style: "unit", unit: units[i][0], unitDisplay: "short", maximumFractionDigits: 1
          }).format(bytes / units[i][1]);
        } catch (e) {
          break;
        }
      }
    }
    return new Intl.NumberFormat(lang, { style: "unit", unit: "byte", unitDisplay: "long" })
      .format(bytes);
  }

  function sameFile(a, b) {
    return a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;
  }

  function addFiles(list) {
    for (var i = 0; i < list.length; i++) {
      var present = false;
      for (var j = 0; j < files.files.length; j++) {
        if (sameFile(files.files[j], list[i])) present = true;
      }
      if (!present) files.items.add(list[i]);
    }
  }

  function renderFiles(form) {
    var input = form.querySelector("#attachments");
    var listElement = form.querySelector("#file-list");
    if (!input || !listElement) return true;
    var chosen = files ? files.files : input.files;
    listElement.textContent = "";
    var total = 0;
    Array.prototype.forEach.call(chosen, function (file, index) {
      total += file.size;
      var item = document.createElement("li");
      var name = document.createElement("span");
      name.className = "file-list__name";
      name.textContent = file.name;
      var size = document.createElement("span");
      size.className = "file-list__size";
      size.textContent = formatSize(file.size);
      item.appendChild(name);
      item.appendChild(size);
      if (files) {
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "link-button--inline";
        remove.textContent = message(form, "remove-file");
        remove.setAttribute("aria-label", message(form, "remove-file") + ": " + file.name);
        remove.addEventListener("click", function () {
          files.items.remove(index);
          input.files = files.files;
          renderFiles(form);
          input.focus();
        });
        item.appendChild(remove);
      }
      listElement.appendChild(item);
    });
    var max = Number(form.getAttribute("data-max-bytes")) || Infinity;
    var tooLarge = total > max;
    if (tooLarge) {
      setFieldError(input, message(form, "too-large"));
    } else if (document.getElementById("attachments-error") && chosen.length > 0) {
      setFieldError(input, "");
    }
    return !tooLarge;
  }

  function enhanceAttachments(form) {
    var input = form.querySelector("#attachments");
    var zone = form.querySelector("#attachments-field");
    if (!input || !zone) return;
    try {
      if (!files) files = new DataTransfer();
    } catch (e) {
      files = null; // no DataTransfer constructor: the input keeps its own selection
    }
    if (files && files.files.length > 0) {
      // Files kept from before the server answered with messages: nothing to choose again.
      input.files = files.files;
      var again = document.getElementById("files-again");
      if (again) again.parentNode.removeChild(again);
    }
    input.addEventListener("change", function () {
      if (files) {
        addFiles(input.files);
        input.files = files.files;
      }
      renderFiles(form);
    });
    if (files) {
      zone.classList.add("dropzone--enhanced");
      var hint = document.createElement("p");
      hint.className = "hint";
      hint.textContent = message(form, "drop");
      zone.insertBefore(hint, input);
      zone.addEventListener("dragover", function (event) {
        event.preventDefault();
        zone.classList.add("dropzone--over");
      });
      zone.addEventListener("dragleave", function () { zone.classList.remove("dropzone--over"); });
      zone.addEventListener("drop", function (event) {
        event.preventDefault();
        zone.classList.remove("dropzone--over");
        if (event.dataTransfer && event.dataTransfer.files) {
          addFiles(event.dataTransfer.files);
          input.files = files.files;
          renderFiles(form);
        }
      });
    }
    renderFiles(form);
  }

  // --- submitting with progress ------------------------------------------------------------------

  function checkAll(form) {
    var first = null;
    rows(form).forEach(function (row) {
      if (rowIsBlank(row) && rows(form).length > 1) return;
      ["email", "name", "enterprise_number", "national_number"].forEach(function (name) {
        if (!checkRecipient(form, row, name, "submit") && !first) first = field(row, name);
      });
    });
    if (!renderFiles(form) && !first) first = form.querySelector("#attachments");
    if (first) first.focus();
    return !first;
  }

  function replaceMain(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.querySelector("main");
    var current = document.querySelector("main");
    if (!fresh || !current) return false;
    current.replaceWith(document.importNode(fresh, true));
    if (doc.title) document.title = doc.title;
    return true;
  }

  // --- review before sending ----------------------------------------------------------------------
  // With script, the confirmation checkbox gives way to a summary of what will be sent and what it
  // costs, confirmed with one button; without script the checkbox is the confirmation.

  function money(cents) {
    var lang = document.documentElement.lang || "en";
    return new Intl.NumberFormat(lang + "-BE", { style: "currency", currency: "EUR" })
      .format(cents / 100);
  }

  function listItem(text) {
    var li = document.createElement("li");
    li.textContent = text;
    return li;
  }

  function showReview(form) {
    var review = form.querySelector("#review");
    var recipients = review.querySelector("#review-recipients");
    recipients.textContent = "";
    var count = 0;
    rows(form).forEach(function (row) {
      if (rowIsBlank(row)) return;
      count++;
      var text = field(row, "name").value.trim() + " <" + field(row, "email").value.trim() + ">";
      var status = row.querySelector(".recipient-status");
      if (status && status.textContent) text += " · " + status.textContent;
      recipients.appendChild(listItem(text));
    });
    var fileList = review.querySelector("#review-files");
    fileList.textContent = "";
    var chosen = files ? files.files : form.querySelector("#attachments").files;
    Array.prototype.forEach.call(chosen, function (file) {
      fileList.appendChild(listItem(file.name + " · " + formatSize(file.size)));
    });
    var cents = parseInt(form.getAttribute("data-price-cents"), 10) || 0;
    review.querySelector("#review-total").textContent = message(form, "review-total")
      .replace("%n", String(count)).replace("%p", money(cents)).replace("%t", money(cents * count));
    review.hidden = false;
    form.querySelector("#send").hidden = true;
    review.focus();
  }

  function hideReview(form) {
    form.querySelector("#review").hidden = true;
    form.querySelector("#send").hidden = false;
  }

  function enhanceReview(form) {
    var review = form.querySelector("#review");
    var confirm = form.querySelector("#confirm");
    var confirmField = form.querySelector("#confirm-field");
    if (!review || !confirm || !confirmField || !window.Intl) return;
    confirmField.hidden = true;
    review.querySelector("#review-confirm").addEventListener("click", function () {
      confirm.checked = true;
      hideReview(form);
      sendWithProgress(form);
    });
    review.querySelector("#review-change").addEventListener("click", function () {
      hideReview(form);
      form.querySelector("#send").focus();
    });
  }

  function submitWithProgress(form, event) {
    if (!window.FormData || !window.XMLHttpRequest) return; // the browser posts the form itself
    event.preventDefault();
    if (!checkAll(form)) return;
    var confirm = form.querySelector("#confirm");
    var confirmField = form.querySelector("#confirm-field");
    if (confirm && !confirm.checked && confirmField && confirmField.hidden) {
      showReview(form);
      return;
    }
    sendWithProgress(form);
  }

  function sendWithProgress(form) {
    var progress = form.querySelector("#upload-progress");
    var bar = form.querySelector("#upload-progress-bar");
    var send = form.querySelector("#send");
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable && bar) bar.value = Math.round((e.loaded / e.total) * 100);
    });
    request.addEventListener("load", function () {
      var landed = new URL(request.responseURL || form.action, location.href);
      if (landed.pathname !== new URL(form.action, location.href).pathname) {
        location.assign(landed.href); // 303 to the item page: show it
        return;
      }
      // The form again, with the server's messages next to the fields.
      if (!replaceMain(request.responseText)) {
        location.reload();
        return;
      }
      init();
      var summary = document.getElementById("error-summary");
      if (summary) summary.focus();
    });
    request.addEventListener("error", function () {
      if (progress) progress.hidden = true;
      if (send) send.disabled = false;
      setFieldError(form.querySelector("#attachments"), message(form, "upload-failed"));
    });
    if (progress) progress.hidden = false;
    if (bar) bar.value = 0;
    if (send) send.disabled = true;
    request.send(new FormData(form));
  }

  function init() {
    var form = document.getElementById("compose-form");
    if (!form) return;
    rows(form).forEach(function (row) { enhanceRow(form, row); scheduleLookUp(row); });
    updateRemoveButtons(form);
    var add = form.querySelector("#add-recipient");
    if (add) {
      add.addEventListener("click", function (event) {
        event.preventDefault();
        addRow(form);
      });
    }
    // Enter in a one-line field must neither send the item nor add a row.
    form.addEventListener("keydown", function (event) {
      var target = event.target;
      if (event.key === "Enter" && target.tagName === "INPUT" && target.type !== "submit" &&
          target.type !== "button" && target.type !== "file") {
        event.preventDefault();
      }
    });
    enhanceAttachments(form);
    enhanceReview(form);
    form.addEventListener("submit", function (event) { submitWithProgress(form, event); });
  }

  init();
})();
