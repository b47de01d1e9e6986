import { useMemo, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { countries, countryDefaults, type Country, type Locale, type Organization } from "@conveyor/contracts";
import { updateSessionOrganization } from "../auth/session";
import { currencyLabel, currencyOptions, formatTimeOfDay, languageName, timeOfDayOptions, timeZoneOptions } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { fromLocaleChoice, localeOptions, toLocaleChoice, unsetLocale, type LocaleChoice } from "../i18n/locale-options";
import { fieldErrorMessage, isOnlyFieldErrors, problemMessage } from "../ui/errors";
import { organizationKey, updateOrganization } from "./settings.api";

const serverFields = ["name", "country", "timeZone", "currency", "defaultLocale", "workingHours", "workingHours.start", "workingHours.end"];
const timeOfDay = /^([01]\d|2[0-3]):[0-5]\d$/;

type LocalErrors = { name?: string; currency?: string; end?: string };

export const OrganizationForm = ({ organization }: { organization: Organization }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const [name, setName] = useState(organization.name);
  const [country, setCountry] = useState<Country>(organization.country);
  const [timeZone, setTimeZone] = useState(organization.timeZone);
  const [currency, setCurrency] = useState(organization.currency);
  const [defaultLocale, setDefaultLocale] = useState<Locale | null>(organization.defaultLocale);
  const [start, setStart] = useState(organization.workingHours.start);
  const [end, setEnd] = useState(organization.workingHours.end);
  const [localErrors, setLocalErrors] = useState<LocalErrors>({});

  const mutation = useMutation({
    mutationFn: updateOrganization,
    onSuccess: (saved) => {
      queryClient.setQueryData(organizationKey, saved);
      updateSessionOrganization(saved);
      notifications.show({ color: "green", message: t("settings.saved") });
    },
  });

  // A select, not <input type="time">: the browser would show its own locale's clock (AM/PM, Latin digits).
  const timeSlots = (current: string) =>
    timeOfDayOptions(current).map((value) => ({ value, label: formatTimeOfDay(locale, value) }));
  const zones = useMemo(() => timeZoneOptions(timeZone), [timeZone]);
  const currencies = useMemo(
    () => currencyOptions(currency).map((code) => ({ value: code, label: currencyLabel(locale, code) })),
    [currency, locale],
  );

  // Offered, never imposed: a Russian company may well keep its books in USD.
  const defaults = countryDefaults[country];
  const offerDefaults =
    country !== organization.country &&
    (defaults.timeZone !== timeZone || defaults.currency !== currency || defaults.defaultLocale !== defaultLocale);

  const validate = (): LocalErrors => {
    const errors: LocalErrors = {};
    if (name.trim() === "") errors.name = t("validation.required");
    if (!/^[A-Z]{3}$/.test(currency)) errors.currency = t("validation.currencyCode");
    if (!timeOfDay.test(start) || !timeOfDay.test(end) || start >= end) errors.end = t("validation.workingHoursOrder");
    return errors;
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors = validate();
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) return;
    mutation.mutate({ name: name.trim(), country, timeZone, currency, defaultLocale, workingHours: { start, end } });
  };

  const error = mutation.error;
  const fieldError = (field: string) => fieldErrorMessage(t, error, field);

  return (
    <form onSubmit={submit} noValidate data-testid="organization-form">
      <Stack gap="md">
        <TextInput
          label={t("settings.name")}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={localErrors.name ?? fieldError("name")}
          data-testid="organization-name"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select<Country>
            label={t("settings.country")}
            allowDeselect={false}
            data={countries.map((value) => ({ value, label: t(`countries.${value}`) }))}
            value={country}
            onChange={(value) => value && setCountry(value)}
            error={fieldError("country")}
            data-testid="organization-country"
          />
          <Select<LocaleChoice>
            label={t("settings.defaultLocale")}
            allowDeselect={false}
            data={[{ value: unsetLocale, label: t("settings.defaultLocaleUnset") }, ...localeOptions(t)]}
            value={toLocaleChoice(defaultLocale)}
            onChange={(value) => value && setDefaultLocale(fromLocaleChoice(value))}
            error={fieldError("defaultLocale")}
            data-testid="organization-default-locale"
          />
        </SimpleGrid>
        {offerDefaults && (
          <Alert color="blue" data-testid="country-defaults">
            <Group justify="space-between" gap="sm">
              <Text size="sm" style={{ flex: "1 1 240px" }}>
                {t("settings.countryDefaults", {
                  country: t(`countries.${country}`),
                  timeZone: defaults.timeZone,
                  currency: defaults.currency,
                  language: languageName(locale, defaults.defaultLocale),
                })}
              </Text>
              <Button
                size="xs"
                variant="light"
                onClick={() => {
                  setTimeZone(defaults.timeZone);
                  setCurrency(defaults.currency);
                  setDefaultLocale(defaults.defaultLocale);
                }}
                data-testid="country-defaults-apply"
              >
                {t("settings.applyDefaults")}
              </Button>
            </Group>
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t("settings.timeZone")}
            searchable
            allowDeselect={false}
            data={zones}
            value={timeZone}
            onChange={(value) => value && setTimeZone(value)}
            error={fieldError("timeZone")}
            data-testid="organization-time-zone"
          />
          <Select
            label={t("settings.currency")}
            searchable
            allowDeselect={false}
            data={currencies}
            value={currency}
            onChange={(value) => value && setCurrency(value)}
            error={localErrors.currency ?? fieldError("currency")}
            data-testid="organization-currency"
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t("settings.workingStart")}
            required
            allowDeselect={false}
            data={timeSlots(start)}
            value={start}
            onChange={(value) => value && setStart(value)}
            error={fieldError("workingHours.start")}
            data-testid="organization-working-start"
          />
          <Select
            label={t("settings.workingEnd")}
            required
            allowDeselect={false}
            data={timeSlots(end)}
            value={end}
            onChange={(value) => value && setEnd(value)}
            error={localErrors.end ?? fieldError("workingHours.end") ?? fieldError("workingHours")}
            data-testid="organization-working-end"
          />
        </SimpleGrid>
        {mutation.isError && !isOnlyFieldErrors(error, serverFields) && (
          <Alert color="red" role="alert">
            {problemMessage(t, error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending} data-testid="organization-save">
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
