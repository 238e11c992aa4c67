// What a person typed is not lost by leaving the page unsaved (the footer's
// language switch, a link, closing the tab): the browser asks first. A form
// shown back after an error holds unsaved text from the start.
for (const form of document.querySelectorAll("form[data-unsaved-warning]")) {
  let unsaved = form.dataset.unsavedWarning === "unsaved";
  const edited = () => {
    unsaved = true;
  };
  form.addEventListener("input", edited);
  form.addEventListener("change", edited);
  form.addEventListener("submit", () => {
    unsaved = false;
  });
  window.addEventListener("beforeunload", (event) => {
    if (unsaved) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
}
