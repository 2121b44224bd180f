// The pages' form elements (common/forms.py): type-to-search pickers and rows edited in place.
// Custom elements, so they come alive on every page Turbo brings in, without a reload.
(function () {
  "use strict";

  function optionFor(picker, text) {
    var options = picker.querySelectorAll("datalist option");
    for (var i = 0; i < options.length; i++) {
      if (options[i].value === text) return options[i];
    }
    return null;
  }

  // An element met while the page is still being parsed has no children yet: set it up once
  // the document is complete (Turbo inserts whole elements, so then it is at once).
  function whenParsed(element, setUp) {
    if (element._ready) return;
    element._ready = true;
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { setUp.call(element); });
    } else {
      setUp.call(element);
    }
  }

  class Picker extends HTMLElement {
    connectedCallback() { whenParsed(this, this.setUp); }

    setUp() {
      var input = this.querySelector(".rg-picker__input");
      var multiple = this.dataset.multiple === "1";
      var picker = this;
      function pick() {
        var text = input.value.trim();
        var option = optionFor(picker, text);
        input.setCustomValidity(text && !option ? picker.dataset.unknown : "");
        if (!multiple) {
          picker.querySelector("input[type=hidden]").value = option ? option.dataset.value : "";
          return;
        }
        if (!option) return;
        var value = option.dataset.value;
        if (!picker.querySelector('.rg-chip[data-value="' + value + '"]')) {
          var chip = document.createElement("span");
          chip.className = "rg-chip";
          chip.dataset.value = value;
          chip.textContent = option.value;
          var remove = document.createElement("button");
          remove.type = "button";
          remove.className = "rg-chip__remove";
          remove.textContent = "×";
          var hidden = document.createElement("input");
          hidden.type = "hidden";
          hidden.name = picker.dataset.name;
          hidden.value = value;
          chip.appendChild(remove);
          chip.appendChild(hidden);
          picker.querySelector(".rg-picker__chips").appendChild(chip);
        }
        input.value = "";
      }
      input.addEventListener("change", pick);
      input.addEventListener("input", function () {
        if (optionFor(picker, input.value.trim())) pick();
      });
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); pick(); }
      });
      this.addEventListener("click", function (event) {
        if (event.target.classList.contains("rg-chip__remove")) {
          event.target.closest(".rg-chip").remove();
          picker.dispatchEvent(new Event("change", { bubbles: true }));
        }
      });
    }
  }

  class Rows extends HTMLElement {
    connectedCallback() { whenParsed(this, this.setUp); }

    setUp() {
      var rows = this;
      var body = this.querySelector(".rg-rows__body");
      var template = this.querySelector("template");
      function renumber() {
        body.querySelectorAll(".rg-rows__row").forEach(function (row, i) {
          row.querySelector(".rg-rows__number").textContent = i + 1 + ".";
        });
      }
      this.querySelector(".rg-rows__add").addEventListener("click", function () {
        // Indexes only grow: the server orders rows by them, gaps do not matter.
        rows._next = (rows._next || 1000) + 1;
        var html = template.innerHTML.replace(/__i__/g, String(rows._next));
        body.insertAdjacentHTML("beforeend", html);
        renumber();
        var last = body.lastElementChild.querySelector("input, textarea, select");
        if (last) last.focus();
      });
      this.addEventListener("click", function (event) {
        if (event.target.classList.contains("rg-rows__remove")) {
          var row = event.target.closest(".rg-rows__row");
          if (body.querySelectorAll(".rg-rows__row").length > 1) {
            row.remove();
          } else {
            row.querySelectorAll("input, textarea").forEach(function (el) { el.value = ""; });
          }
          renumber();
        }
      });
    }
  }

  if (!customElements.get("rg-picker")) customElements.define("rg-picker", Picker);
  if (!customElements.get("rg-rows")) customElements.define("rg-rows", Rows);

  // Tables become stacked cards on a phone: each cell is labelled by its column's header.
  function labelCells(root) {
    root.querySelectorAll("table.rg-table").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      if (!heads.length) return;
      table.classList.add("rg-table--labelled");
      table.querySelectorAll("tbody tr").forEach(function (tr) {
        Array.prototype.forEach.call(tr.children, function (cell, i) {
          // A cell across columns (an empty list's «Нет.») belongs to none of them.
          if (cell.colSpan > 1 || cell.hasAttribute("data-label") || !heads[i]) return;
          cell.setAttribute("data-label", heads[i]);
        });
      });
    });
  }
  // Viewflow's text field keeps its attributes on the outer element: the suggestions of a
  // `list` (a datalist of the page) go to the input a person types into.
  function passSuggestions(root) {
    root.querySelectorAll("vf-field-input[list]").forEach(function (field) {
      var input = field.querySelector("input");
      if (input && !input.getAttribute("list")) input.setAttribute("list", field.getAttribute("list"));
    });
  }
  function enhance() {
    labelCells(document);
    passSuggestions(document);
    requestAnimationFrame(function () { passSuggestions(document); });
  }
  document.addEventListener("DOMContentLoaded", enhance);
  document.addEventListener("turbo:load", enhance);
  if (document.readyState !== "loading") enhance();
})();
