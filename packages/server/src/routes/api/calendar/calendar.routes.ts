import { calendarDayParamsSchema, calendarQuerySchema, calendarSchema, problemSchema, setCalendarDaySchema } from "@conveyor/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { clearCalendarDay, readCalendar, setCalendarDay } from "../../../commands/manage-calendar";
import type { AppContext } from "../../../context";
import { authenticate } from "../../../http/authenticate";

const tags = ["calendar"];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/** The organization's working-day calendar (M5.2): /api/v1/calendar. */
export const calendarRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "",
      { schema: { tags, summary: "A year of the production calendar with the organization's own changes and a warning for years without official data", querystring: calendarQuerySchema, response: { 200: calendarSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return readCalendar(context, viewer, request.query.year);
      },
    );

    app.put(
      "/days/:date",
      { schema: { tags, summary: "Make one date a working day, a day off or a shortened day (admins and heads of sales)", params: calendarDayParamsSchema, body: setCalendarDaySchema, response: { 200: calendarSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return setCalendarDay(context, viewer, request.params.date, request.body);
      },
    );

    app.delete(
      "/days/:date",
      { schema: { tags, summary: "Give a date back to the country's calendar", params: calendarDayParamsSchema, response: { 200: calendarSchema, ...errors } } },
      async (request) => {
        const { viewer } = await authenticate(context, request);
        return clearCalendarDay(context, viewer, request.params.date);
      },
    );
  };
