// Case-law search page: submit the search form when the ordering changes.
document.querySelectorAll(".js-autosubmit").forEach((select) => {
  select.addEventListener("change", () => select.form.submit());
});

// On a phone the facet panel starts folded, so the results show first.
if (window.matchMedia("(max-width: 56rem)").matches) {
  document.querySelectorAll(".facets-toggle").forEach((details) => {
    details.open = false;
  });
}
