// A job's page: asks for its progress every second and shows it; once the job is done or failed, reloads the
// page, which shows the result (or why it failed). Without JavaScript, each reload of the page shows where it is.
(function () {
  "use strict";
  const job = document.getElementById("job");
  if (!job) return;
  const bar = document.getElementById("job-progress");
  const step = document.getElementById("job-step");
  const status = document.getElementById("job-status");
  async function look() {
    try {
      const response = await fetch(job.dataset.statusUrl, { headers: { Accept: "application/json" } });
      if (response.status === 403 || response.status === 404) {
        window.location.reload(); // signed out meanwhile, or the job is gone: the page says so
        return;
      }
      if (response.ok) {
        const now = await response.json();
        if (now.finished) {
          window.location.reload();
          return;
        }
        bar.value = now.progress;
        bar.textContent = now.progress + "%";
        step.textContent = now.step;
        status.textContent = now.label;
      }
    } catch (error) {
      // the server restarting: look again at the next tick
    }
    window.setTimeout(look, 1000);
  }
  window.setTimeout(look, 1000);
})();
