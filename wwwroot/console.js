// The console's only script of its own (no inline script: the Content-Security-Policy allows files from
// this origin only). Keep it small: components own state, this only does what needs the browser.
window.adminConsole = {
  // The chosen theme, read by the server on the next page load so the first paint already has it.
  setTheme(name) {
    document.cookie = `adminserver-theme=${name === "light" ? "light" : "dark"}; path=/; max-age=31536000; samesite=strict`;
  },
};

// The reconnect dialog's Retry button (see ReconnectModal.razor): try once more, reload when the server forgot the circuit.
document.addEventListener("click", async (e) => {
  if (!(e.target instanceof Element) || e.target.id !== "components-reconnect-button") return;
  try {
    if (!(await Blazor.reconnect())) location.reload();
  } catch {
    location.reload();
  }
});
