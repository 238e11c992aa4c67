// Wagtail's tag widget (tag-it) types into an input of its own, next to the
// labelled one it hides, and gives it no name: give it the field's label
// (Wagtail's field template labels it <id>-label).
window.addEventListener("load", () => {
  for (const field of document.querySelectorAll('input[data-controller="w-tag"]')) {
    const typed = field.parentElement.querySelector(".ui-autocomplete-input");
    const label = document.getElementById(`${field.id}-label`);
    if (typed && label) {
      typed.setAttribute("aria-labelledby", label.id);
    }
  }
});
