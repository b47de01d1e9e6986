/** The header's search, reminders and tasks on deals; merged into `en`. */
export const enSearch = {
  globalSearch: {
    label: "Search clients, contacts and deals",
    placeholder: "Search… (Ctrl+K)",
    clients: "Clients",
    contacts: "Contacts",
    deals: "Deals",
    typeMore: "Type at least 2 characters",
    searching: "Searching…",
    nothingFound: "Nothing found",
  },
  reminders: {
    bell: "Reminders",
    count_one: "{{count, number}} reminder due",
    count_other: "{{count, number}} reminders due",
    empty: "No reminders due.",
    popupTitle: "Reminder",
    open: "Open",
    done: "Done",
    snooze15: "In 15 min",
    snooze60: "In 1 hour",
    dismiss: "Dismiss",
  },
  remindMe: {
    label: "Remind me",
    none: "No reminder",
    atDue: "At the due time",
    before15m: "15 minutes before",
    before1h: "1 hour before",
    before1d: "1 day before",
  },
  dealTasks: {
    title: "Open tasks",
    empty: "No open tasks on this deal.",
    addTitle: "A task on “{{title}}”",
    onDeal: "Deal: {{title}}",
  },
};
