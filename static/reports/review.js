// The draft under review: when someone comments on a paragraph, or the secretariat resolves a comment,
// the paragraph's comments are fetched again for everyone reviewing. Without this script, a reload shows them.
(function () {
  "use strict";
  const page = document.querySelector("[data-review-socket]");
  if (!page || !window.WebSocket) return;
  let retry = 1000;

  async function refresh(paragraph) {
    const box = document.getElementById("comments-" + paragraph);
    if (!box) return;
    const response = await fetch(box.dataset.comments, { credentials: "same-origin", redirect: "manual" });
    if (response.ok && !response.redirected) box.innerHTML = await response.text(); // not the sign-in page
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const socket = new WebSocket(scheme + location.host + page.dataset.reviewSocket);
    socket.onopen = () => {
      retry = 1000;
      page.dataset.connected = "1";
    };
    socket.onmessage = (event) => refresh(JSON.parse(event.data).paragraph);
    socket.onclose = (event) => {
      page.dataset.connected = "";
      if (event.code === 4403) return;
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 15000);
    };
  }
  connect();
})();
