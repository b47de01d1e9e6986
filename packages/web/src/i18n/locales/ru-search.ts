import type { RussianMessages } from "../messages";
import type { enSearch } from "./en-search";

/** Поиск в шапке, напоминания и задачи по сделкам. */
export const ruSearch: RussianMessages<typeof enSearch> = {
  globalSearch: {
    label: "Поиск клиентов, контактов и сделок",
    placeholder: "Поиск… (Ctrl+K)",
    clients: "Клиенты",
    contacts: "Контакты",
    deals: "Сделки",
    typeMore: "Введите хотя бы 2 символа",
    searching: "Ищем…",
    nothingFound: "Ничего не найдено",
  },
  reminders: {
    bell: "Напоминания",
    count_one: "{{count, number}} напоминание",
    count_few: "{{count, number}} напоминания",
    count_many: "{{count, number}} напоминаний",
    count_other: "{{count, number}} напоминания",
    empty: "Сейчас напоминаний нет.",
    popupTitle: "Напоминание",
    open: "Открыть",
    done: "Выполнено",
    snooze15: "Через 15 мин",
    snooze60: "Через час",
    dismiss: "Скрыть",
  },
  remindMe: {
    label: "Напомнить",
    none: "Не напоминать",
    atDue: "В срок задачи",
    before15m: "За 15 минут",
    before1h: "За час",
    before1d: "За день",
  },
  dealTasks: {
    title: "Открытые задачи",
    empty: "По этой сделке нет открытых задач.",
    addTitle: "Задача по сделке «{{title}}»",
    onDeal: "Сделка: {{title}}",
  },
};
