// Uploads the resume with a progress bar and shows the server's message on refusal.
(function () {
  const form = document.getElementById("resume-form");
  const bar = document.getElementById("resume-progress");
  const status = document.getElementById("resume-status");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const file = document.getElementById("resume-file").files[0];
    if (!file) { status.textContent = gettext("Choose a file first."); return; }
    if (file.size > 10 * 1024 * 1024) { status.textContent = gettext("Resumes are limited to 10 MB."); return; }
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    bar.hidden = false;
    bar.value = 0;
    status.textContent = gettext("Uploading…");
    const request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("X-CSRFToken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    request.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = (100 * e.loaded) / e.total; };
    request.upload.onload = () => { status.textContent = gettext("Reading your resume…"); };
    request.onload = () => {
      let body = {};
      try { body = JSON.parse(request.responseText); } catch (e) { body = {}; }
      if (request.status === 200) { window.location.href = body.next; return; }
      status.textContent = (body.error && body.error.message) || gettext("Upload failed; please try again.");
      button.disabled = false;
      bar.hidden = true;
    };
    request.onerror = () => { status.textContent = gettext("Network error; please try again."); button.disabled = false; };
    const data = new FormData();
    data.append("resume", file);
    request.send(data);
  });
})();
