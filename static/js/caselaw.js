// Copy-to-clipboard for the citation box; without JavaScript the citation stays selectable.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".js-copy").forEach((button) => {
    if (!navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", () => {
      const target = document.getElementById(button.dataset.copyTarget);
      navigator.clipboard.writeText(target.textContent.trim()).then(() => {
        button.textContent = button.dataset.copied;
      });
    });
  });
});
