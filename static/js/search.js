// Case-law search page: submit the search form when the ordering changes.
document.querySelectorAll(".js-autosubmit").forEach((select) => {
  select.addEventListener("change", () => select.form.submit());
});
