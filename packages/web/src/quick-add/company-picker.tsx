import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Loader, Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { clientListKey, listCompanies } from "../clients/clients.api";

export type PickedCompany = { id: string; name: string };

type CompanyPickerProps = {
  value: PickedCompany | null;
  onChange: (company: PickedCompany | null) => void;
  "data-testid"?: string;
};

/** A searchable client select: the server searches (names, legal IDs, contacts) as the person types. */
export const CompanyPicker = ({ value, onChange, ...rest }: CompanyPickerProps) => {
  const { t } = useTranslation();
  const [search, setSearch] = useState(value?.name ?? "");
  const [q] = useDebouncedValue(search.trim(), 250);
  const query = { q: q || undefined, limit: 20, sort: "lastActivityAt", order: "desc" };
  const companies = useQuery({
    queryKey: clientListKey(query),
    queryFn: () => listCompanies(query),
    placeholderData: keepPreviousData,
  });

  const options = new Map<string, string>();
  if (value) options.set(value.id, value.name);
  for (const company of companies.data?.items ?? []) options.set(company.id, company.name);

  return (
    <Select
      label={t("quickAdd.client")}
      placeholder={t("quickAdd.clientPlaceholder")}
      required
      searchable
      clearable
      // The server already matched the text (also by legal ID and contacts); do not filter again.
      filter={({ options: all }) => all}
      nothingFoundMessage={companies.isFetching ? undefined : t("quickAdd.nothingFound")}
      rightSection={companies.isFetching ? <Loader size="xs" /> : undefined}
      data={[...options].map(([id, name]) => ({ value: id, label: name }))}
      value={value?.id ?? null}
      onChange={(id, option) => onChange(id && option ? { id, name: option.label } : null)}
      searchValue={search}
      onSearchChange={setSearch}
      data-testid={rest["data-testid"]}
    />
  );
};
