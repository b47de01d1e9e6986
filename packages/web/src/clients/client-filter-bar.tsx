import { Button, Group, Select, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CompanyStatus, Level, Temperature } from "@conveyor/contracts";
import { useCustomFields } from "../custom-fields/custom-fields.api";
import { selectChoices } from "../custom-fields/custom-values";
import { formatNumber } from "../i18n/intl";
import { useLocale } from "../i18n/locale-provider";
import { defaultClientFilters, hasNarrowingFilters, type ClientFilters, type TextFilterKey } from "./client-filters";
import type { CompanyFacets, Facet } from "./company-facets";
import { levelOptions, statusOptions, temperatureOptions } from "./client-options";

type ClientFilterBarProps = {
  filters: ClientFilters;
  facets: CompanyFacets;
  onChange: (next: ClientFilters) => void;
};

/** A select's options with each value's count, e.g. "Current · 12"; the chosen value stays even at zero. */
const withCounts = <T extends string>(
  options: { value: T; label: string }[],
  facets: Facet[],
  format: (n: number) => string,
): { value: T; label: string }[] =>
  options.map((option) => {
    const count = facets.find((facet) => facet.value === option.value)?.count;
    return { value: option.value, label: count === undefined ? option.label : `${option.label} · ${format(count)}` };
  });

const facetOptions = (facets: Facet[], current: string | undefined, format: (n: number) => string) => {
  const options = facets
    .filter((facet) => facet.value !== "")
    .map((facet) => ({ value: facet.value, label: `${facet.label || facet.value} · ${format(facet.count)}` }));
  // A value from a shared link that the facets no longer list still shows as chosen.
  if (current && !options.some((option) => option.value === current)) options.unshift({ value: current, label: current });
  return options;
};

export const ClientFilterBar = ({ filters, facets, onChange }: ClientFilterBarProps) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const format = (n: number) => formatNumber(locale, n);
  const [search, setSearch] = useState(filters.q ?? "");
  const pushSearch = useDebouncedCallback((q: string) => onChange({ ...filters, q: q.trim() || undefined }), 300);

  // Back/forward or a view chip may change q under us.
  // The comparison keeps a trailing space the person is still typing.
  useEffect(() => setSearch((typed) => (typed.trim() === (filters.q ?? "") ? typed : (filters.q ?? ""))), [filters.q]);

  const text = (key: TextFilterKey, label: string) => (
    <Select
      key={key}
      w={180}
      aria-label={label}
      placeholder={label}
      clearable
      searchable
      data={facetOptions(facets[key], filters[key], format)}
      value={filters[key] ?? null}
      onChange={(value) => onChange({ ...filters, [key]: value ?? undefined })}
      data-testid={`clients-filter-${key}`}
    />
  );

  const ownerOptions = facetOptions(facets.owner, filters.ownerId, format);
  // Choice fields filter the list by one of their options (`cf.<key>` in the URL).
  const choiceFields = useCustomFields("company").fields.filter((field) => field.type === "select");
  const setCustom = (key: string, value: string | null) => {
    const { [key]: _previous, ...others } = filters.custom ?? {};
    onChange({ ...filters, custom: value ? { ...others, [key]: value } : others });
  };
  const productOptions = facetOptions(facets.product, filters.productId, format);

  return (
    <Group gap="sm" align="flex-end">
      <TextInput
        style={{ flex: "1 1 260px" }}
        type="search"
        aria-label={t("clients.search")}
        placeholder={t("clients.search")}
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          pushSearch(e.currentTarget.value);
        }}
        data-testid="clients-search"
      />
      <Select<CompanyStatus>
        w={170}
        aria-label={t("clients.column.status")}
        placeholder={t("clients.column.status")}
        clearable
        data={withCounts(statusOptions(t), facets.status, format)}
        value={filters.status ?? null}
        onChange={(value) => onChange({ ...filters, status: value ?? undefined })}
        data-testid="clients-filter-status"
      />
      <Select<Temperature>
        w={170}
        aria-label={t("clients.column.temperature")}
        placeholder={t("clients.column.temperature")}
        clearable
        data={withCounts(temperatureOptions(t), facets.temperature, format)}
        value={filters.temperature ?? null}
        onChange={(value) => onChange({ ...filters, temperature: value ?? undefined })}
        data-testid="clients-filter-temperature"
      />
      <Select<Level>
        w={210}
        aria-label={t("clients.column.level")}
        placeholder={t("clients.column.level")}
        clearable
        data={withCounts(levelOptions(t), facets.level, format)}
        value={filters.level ?? null}
        onChange={(value) => onChange({ ...filters, level: value ?? undefined })}
        data-testid="clients-filter-level"
      />
      {ownerOptions.length > 1 || filters.ownerId ? (
        <Select
          w={200}
          aria-label={t("clients.column.owner")}
          placeholder={t("clients.column.owner")}
          clearable
          searchable
          data={ownerOptions}
          value={filters.ownerId ?? null}
          onChange={(value) => onChange({ ...filters, ownerId: value ?? undefined })}
          data-testid="clients-filter-owner"
        />
      ) : null}
      {text("region", t("clients.column.region"))}
      {text("channel", t("clients.column.channel"))}
      {text("audience", t("clients.column.audience"))}
      {text("industry", t("clients.column.industry"))}
      {productOptions.length > 0 || filters.productId ? (
        <Select
          w={200}
          aria-label={t("clients.product")}
          placeholder={t("clients.product")}
          clearable
          searchable
          data={productOptions}
          value={filters.productId ?? null}
          onChange={(value) => onChange({ ...filters, productId: value ?? undefined })}
          data-testid="clients-filter-product"
        />
      ) : null}
      {choiceFields.map((field) => (
        <Select
          key={field.key}
          w={180}
          aria-label={field.label}
          placeholder={field.label}
          clearable
          searchable
          data={selectChoices(field, filters.custom?.[field.key])}
          value={filters.custom?.[field.key] ?? null}
          onChange={(value) => setCustom(field.key, value)}
          data-testid={`clients-filter-cf-${field.key}`}
        />
      ))}
      {hasNarrowingFilters(filters) && (
        <Button
          variant="subtle"
          onClick={() => {
            setSearch("");
            onChange({ ...defaultClientFilters, sort: filters.sort, order: filters.order });
          }}
          data-testid="clients-reset"
        >
          {t("clients.resetFilters")}
        </Button>
      )}
    </Group>
  );
};
