// Progressive enhancement only: every page works without this script.

// Tabs: the arrow keys, Home and End move between them, as in any tab list.
for (const list of document.querySelectorAll("[data-tabs]")) {
  const tabs = [...list.querySelectorAll('[role="tab"]')]
  list.addEventListener("keydown", (event) => {
    const at = tabs.indexOf(document.activeElement)
    if (at < 0) return
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key]
    if (to === undefined) return
    event.preventDefault()
    tabs[(to + tabs.length) % tabs.length].focus()
  })
}

// Menus: opening one focuses its first item; arrows move, Escape closes and gives focus back, a click outside closes.
const menus = [...document.querySelectorAll("details[data-menu]")]
for (const menu of menus) {
  const summary = menu.querySelector("summary")
  const items = () => [...menu.querySelectorAll('[role="menuitem"]')]
  summary.setAttribute("aria-haspopup", "menu")
  summary.setAttribute("aria-expanded", "false")
  menu.addEventListener("toggle", () => {
    summary.setAttribute("aria-expanded", String(menu.open))
    if (menu.open) {
      for (const other of menus) if (other !== menu) other.open = false
      items()[0]?.focus()
    }
  })
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.open) {
      menu.open = false
      summary.focus()
      return
    }
    const list = items()
    const at = list.indexOf(document.activeElement)
    if (at < 0) return
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: list.length - 1 }[event.key]
    if (to === undefined) return
    event.preventDefault()
    list[(to + list.length) % list.length].focus()
  })
}
document.addEventListener("click", (event) => {
  for (const menu of menus) if (menu.open && !menu.contains(event.target)) menu.open = false
})

// A job's progress: the same fields the page was served with, refreshed until the job ends.
for (const view of document.querySelectorAll("[data-progress]")) {
  const source = view.getAttribute("data-progress")
  const refresh = async () => {
    try {
      const answer = await fetch(source, { headers: { accept: "application/json" }, credentials: "same-origin" })
      if (!answer.ok) return
      const { finished, fields } = await answer.json()
      for (const [key, text] of Object.entries(fields)) {
        const cell = view.querySelector(`[data-field="${key}"]`)
        if (cell && cell.textContent !== text) cell.textContent = text
      }
      if (finished) {
        view.removeAttribute("data-progress")
        return
      }
    } catch {
      // The service may be restarting: try again on the next tick.
    }
    setTimeout(refresh, 1000)
  }
  setTimeout(refresh, 500)
}
