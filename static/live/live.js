// The live meeting: follow each change over the websocket, and send the forms' actions through it.
// Without this script the pages work as they are: forms post, and a reload shows the latest state.
(function () {
  "use strict";
  const root = document.getElementById("live");
  if (!root || !window.WebSocket) return;
  const strings = document.getElementById("live-strings").dataset;
  const language = root.dataset.language;
  const runs = root.dataset.runs === "1";
  const own = new Set((root.dataset.own || "").split(",").filter(Boolean).map(Number));
  let version = Number(root.dataset.version);
  let socket = null;
  let retry = 1000;
  const countdownNode = document.getElementById("live-countdown");
  // Until the socket speaks, the countdown runs from what the page was rendered with.
  let clockSkew = Date.parse(countdownNode.dataset.now) - Date.now(); // the server's clock minus ours, in ms
  let floor = countdownNode.dataset.started ? { started_at: countdownNode.dataset.started } : null;
  let speakingTime = Number(countdownNode.dataset.seconds) || null;

  function text(value) {
    // A name or title in the page's language, else English, else the first the data has.
    if (!value || typeof value !== "object") return value || "";
    return value[language] || value.en || Object.values(value).find(Boolean) || "";
  }

  function element(tag, attributes, content) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([key, value]) => node.setAttribute(key, value));
    (content || []).forEach((child) => node.append(child));
    return node;
  }

  function actionButton(action, label, speaker, name) {
    const button = element("button", { type: "button", class: "btn btn-sm btn-outline-secondary py-0" }, [label]);
    button.append(element("span", { class: "visually-hidden" }, [" " + name]));
    button.addEventListener("click", () => send({ action: action, speaker: speaker }));
    return button;
  }

  function render(state) {
    document.getElementById("live-item").textContent = state.item
      ? state.item.number + ". " + text(state.item.title)
      : strings.noItem;
    const floorNode = document.getElementById("live-floor");
    floorNode.textContent = state.floor
      ? text(state.floor.delegation) + (state.floor.point_of_order ? " (" + strings.pointOfOrder + ")" : "")
      : "—";
    floor = state.floor;
    speakingTime = state.speaking_time;
    clockSkew = Date.parse(state.now) - Date.now();
    document.getElementById("live-time").textContent = speakingTime
      ? strings.time.replace("%(seconds)s", speakingTime)
      : strings.noLimit;
    const status = document.getElementById("live-list-status");
    status.textContent = state.list_open ? strings.open : strings.closed;
    status.className = "badge " + (state.list_open ? "text-bg-success" : "text-bg-secondary");
    const queue = document.getElementById("live-queue");
    queue.replaceChildren();
    state.queue.forEach((speaker) => {
      const name = text(speaker.delegation);
      const item = element("li", { "data-speaker": speaker.id, "data-entity": speaker.entity }, [name]);
      if (speaker.point_of_order) {
        item.append(" ", element("span", { class: "badge text-bg-warning" }, [strings.pointOfOrder]));
      }
      if (runs) {
        const actions = element("span", { class: "d-inline-flex gap-1 ms-1" });
        actions.append(
          actionButton("give_floor", strings.give, speaker.id, name),
          actionButton("up", strings.up, speaker.id, name),
          actionButton("down", strings.down, speaker.id, name),
          actionButton("withdraw", strings.remove, speaker.id, name),
        );
        item.append(" ", actions);
      } else if (own.has(speaker.entity)) {
        item.append(" ", actionButton("withdraw", strings.withdraw, speaker.id, name));
      }
      queue.append(item);
    });
    if (!state.queue.length) {
      queue.append(element("li", { class: "list-unstyled text-body-secondary", "data-empty": "" }, [strings.nobody]));
    }
    const announcements = document.getElementById("live-announcements");
    announcements.replaceChildren(
      ...(state.announcements.length
        ? state.announcements.map((a) => element("li", {}, [a.text]))
        : [element("li", { class: "text-body-secondary", "data-empty": "" }, [strings.none])]),
    );
    root.dataset.version = state.version;
    tick();
  }

  function tick() {
    const countdown = document.getElementById("live-countdown");
    if (!floor || !floor.started_at || !speakingTime) {
      countdown.classList.add("d-none");
      return;
    }
    const left = Math.round((Date.parse(floor.started_at) + speakingTime * 1000 - (Date.now() + clockSkew)) / 1000);
    const shown = Math.abs(left);
    countdown.textContent = (left < 0 ? "+" : "") + Math.floor(shown / 60) + ":" + String(shown % 60).padStart(2, "0");
    countdown.className = "badge ms-2 font-monospace " + (left < 0 ? "text-bg-danger" : left <= 30 ? "text-bg-warning" : "text-bg-dark");
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
      return true;
    }
    return false;
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + root.dataset.socket);
    const connection = document.getElementById("live-connection");
    socket.onopen = () => {
      retry = 1000;
      connection.textContent = strings.live;
      root.dataset.connected = "1";
    };
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.state && message.state.version >= version) {
        version = message.state.version;
        render(message.state);
      }
      if (message.error) connection.textContent = message.error;
    };
    socket.onclose = (event) => {
      root.dataset.connected = "";
      if (event.code === 4403) return; // refused: the page itself says why on reload
      connection.textContent = strings.offline;
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 15000);
    };
  }

  // Forms act through the socket when it is open (the page need not reload), else they post as usual.
  document.querySelectorAll("form[data-live-action]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      const message = Object.fromEntries(new FormData(form, event.submitter || undefined));
      delete message.csrfmiddlewaretoken;
      message.action = form.dataset.liveAction;
      if (send(message)) {
        event.preventDefault();
        if (message.action === "announce") form.reset();
      }
    });
  });
  setInterval(tick, 250);
  tick();
  connect();
})();
