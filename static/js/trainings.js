// Roll-call helpers: a "mark the rest present" button and a live count of marked rows.
// The page works without this script; it only saves taps.
(function () {
  "use strict";
  var form = document.getElementById("roll-call-form");
  if (!form) {
    return;
  }
  var rows = form.querySelectorAll(".roll-call-row");
  var counter = form.querySelector("[data-roll-call-count]");
  var markAll = form.querySelector("[data-mark-all]");

  function updateCount() {
    var marked = form.querySelectorAll(".roll-call-row input:checked").length;
    if (counter) {
      counter.textContent = marked + " / " + rows.length;
    }
  }

  if (markAll) {
    markAll.hidden = false;
    markAll.addEventListener("click", function () {
      var value = markAll.getAttribute("data-mark-all");
      rows.forEach(function (row) {
        if (!row.querySelector("input:checked")) {
          var choice = row.querySelector('input[value="' + value + '"]');
          if (choice) {
            choice.checked = true;
          }
        }
      });
      updateCount();
    });
  }
  form.addEventListener("change", updateCount);
  updateCount();
})();

// Session form: offer only the trainers certified for the chosen course. Checked trainers
// stay visible so that a choice is never hidden; the server rejects uncertified ones.
(function () {
  "use strict";
  var trainers = document.querySelectorAll("input[name=trainers][data-courses]");
  var course = document.getElementById("id_course");
  if (!trainers.length || !course) {
    return;
  }
  function filterTrainers() {
    trainers.forEach(function (input) {
      var courses = input.getAttribute("data-courses").split(" ");
      var certified = !course.value || courses.indexOf(course.value) !== -1;
      var row = input.closest("div") || input.parentNode;
      row.hidden = !certified && !input.checked;
    });
  }
  course.addEventListener("change", filterTrainers);
  filterTrainers();
})();
