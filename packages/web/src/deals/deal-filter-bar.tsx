import { useEffect, useState } from "react";
import { Button, Group, Select, Text, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { dealStatuses, type DealStatus } from "@conveyor/contracts";
import type { QueryParams } from "../api/client";
import { ControlledExportMenu } from "../export-control/controlled-export-menu";
import { withCustomFilter } from "../custom-fields/custom-filter-params";
import { useCustomFields } from "../custom-fields/custom-fields.api";
import { selectChoices } from "../custom-fields/custom-values";
import { useLocale } from "../i18n/locale-provider";
import { usePeople } from "../people/people.api";
import { dealExportUrl } from "./deal-export";
import { hasDealFilters, type DealFilters } from "./deal-filters";

type DealFilterBarProps = {
  filters: DealFilters;
  /** Receives the filters as they are when the change lands (the search waits for typing to pause). */
  onChange: (change: (current: DealFilters) => DealFilters) => void;
  /** "Mine" is on: the owner filter does not apply. */
  mine: boolean;
  /** What the list asks the API, for the export's address. */
  query: QueryParams;
  total: number | undefined;
};

/** Search, status, owner and the deal choice fields of the list; every value lives in the URL. */
export const DealFilterBar = ({ filters, onChange, mine, query, total }: DealFilterBarProps) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const people = usePeople();
  const choiceFields = useCustomFields("deal").fields.filter((field) => field.type === "select");
  const [search, setSearch] = useState(filters.q ?? "");
  const pushSearch = useDebouncedCallback((q: string) => onChange((current) => ({ ...current, q: q.trim() || undefined })), 300);

  // Back/forward or a saved view may change q under us; a trailing space still being typed stays.
  useEffect(() => setSearch((typed) => (typed.trim() === (filters.q ?? "") ? typed : (filters.q ?? ""))), [filters.q]);

  const ownerOptions = (people.data ?? []).map((person) => ({ value: person.id, label: person.name }));
  // An owner from a shared link whom the viewer cannot pick still shows as chosen.
  if (filters.ownerId && !ownerOptions.some((option) => option.value === filters.ownerId)) {
    ownerOptions.unshift({ value: filters.ownerId, label: filters.ownerId });
  }

  return (
    <Group align="flex-end" gap="sm">
      <TextInput
        label={t("deals.search")}
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          pushSearch(e.currentTarget.value);
        }}
        data-testid="deals-search"
      />
      <Select<DealStatus>
        label={t("deals.status")}
        placeholder={t("deals.anyStatus")}
        clearable
        data={dealStatuses.map((value) => ({ value, label: t(`dealStatuses.${value}`) }))}
        value={filters.status ?? null}
        onChange={(status) => onChange((current) => ({ ...current, status: status ?? undefined }))}
        data-testid="deals-filter-status"
      />
      {!mine && (
        <Select
          label={t("deals.owner")}
          placeholder={t("deals.anyOwner")}
          clearable
          searchable
          data={ownerOptions}
          value={filters.ownerId ?? null}
          onChange={(ownerId) => onChange((current) => ({ ...current, ownerId: ownerId ?? undefined }))}
          data-testid="deals-filter-owner"
        />
      )}
      {choiceFields.map((field) => (
        <Select
          key={field.key}
          w={180}
          label={field.label}
          placeholder={field.label}
          clearable
          searchable
          data={selectChoices(field, filters.custom?.[field.key])}
          value={filters.custom?.[field.key] ?? null}
          onChange={(value) => onChange((current) => ({ ...current, custom: withCustomFilter(current.custom, field.key, value) }))}
          data-testid={`deals-filter-cf-${field.key}`}
        />
      ))}
      {hasDealFilters(filters) && (
        <Button
          variant="subtle"
          onClick={() => {
            setSearch("");
            onChange(() => ({}));
          }}
          data-testid="deals-reset"
        >
          {t("deals.resetFilters")}
        </Button>
      )}
      {total !== undefined && (
        <Text size="sm" c="dimmed" data-testid="deals-total">
          {t("deals.total", { count: total })}
        </Text>
      )}
      {/* [anti-leak] export is a permission; past the threshold it becomes an approval request. */}
      <ControlledExportMenu
        entity="deals"
        urls={{ xlsx: dealExportUrl(query, "xlsx", locale), csv: dealExportUrl(query, "csv", locale) }}
        labels={{ button: t("deals.export"), hint: t("deals.exportHint"), xlsx: t("deals.exportXlsx"), csv: t("deals.exportCsv") }}
        testId="deals-export"
        pushEnd
      />
    </Group>
  );
};
