import { useEffect, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Combobox, Group, Kbd, Loader, Text, TextInput, useCombobox } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import type { SearchResults } from "@conveyor/contracts";
import { LevelBadge, PermanentBadge } from "../clients/client-badges";
import { legalIdLabelKey } from "../clients/legal-id-label";
import { useCurrentSession } from "../auth/current-session";
import { useLocale } from "../i18n/locale-provider";
import { formatMoney } from "../i18n/money";
import { searchEverything, searchKey } from "./search.api";
import { isSearchable, isSearchHotkey, searchTargets } from "./search-targets";

const SearchIcon = () => (
  <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
    <circle cx="11" cy="11" r="7" />
    <path d="m20 20-3.5-3.5" />
  </svg>
);

/** Two lines per hit: what it is, and what tells it apart (legal id, client, stage and amount). */
const Hit = ({ primary, secondary }: { primary: string; secondary: string | null }) => (
  <div style={{ minWidth: 0 }}>
    <Text size="sm" truncate>
      <bdi>{primary}</bdi>
    </Text>
    {secondary && (
      <Text size="xs" c="dimmed" truncate>
        <bdi>{secondary}</bdi>
      </Text>
    )}
  </div>
);

const Groups = ({ results }: { results: SearchResults }) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  return (
    <>
      {results.companies.length > 0 && (
        <Combobox.Group label={t("globalSearch.clients")}>
          {results.companies.map((c) => (
            <Combobox.Option key={c.id} value={`company:${c.id}`} data-testid={`search-hit-company-${c.name}`}>
              <Group gap={6} wrap="nowrap" justify="space-between" style={{ minWidth: 0 }}>
                <Hit primary={c.name} secondary={c.legalId ? `${t(legalIdLabelKey(organization.country))}: ${c.legalId}` : null} />
                <Group gap={4} wrap="nowrap">
                  {c.permanent && <PermanentBadge compact />}
                  {c.level && <LevelBadge level={c.level} />}
                </Group>
              </Group>
            </Combobox.Option>
          ))}
        </Combobox.Group>
      )}
      {results.contacts.length > 0 && (
        <Combobox.Group label={t("globalSearch.contacts")}>
          {results.contacts.map((c) => (
            <Combobox.Option key={c.id} value={`contact:${c.id}`} data-testid={`search-hit-contact-${c.name}`}>
              <Hit primary={c.name} secondary={[c.companyName, c.phones[0], c.emails[0]].filter(Boolean).join(" · ")} />
            </Combobox.Option>
          ))}
        </Combobox.Group>
      )}
      {results.deals.length > 0 && (
        <Combobox.Group label={t("globalSearch.deals")}>
          {results.deals.map((d) => (
            <Combobox.Option key={d.id} value={`deal:${d.id}`} data-testid={`search-hit-deal-${d.title}`}>
              <Hit primary={d.title} secondary={`${d.companyName} · ${d.stageName} · ${formatMoney(locale, d.amountMinor, d.currency)}`} />
            </Combobox.Option>
          ))}
        </Combobox.Group>
      )}
    </>
  );
};

/**
 * The header's search over clients, contacts and deals: Ctrl+K or "/" focuses it, typing asks
 * the server (debounced), arrows and Enter or a click open the card or the deal, Escape closes.
 */
export const GlobalSearch = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [q] = useDebouncedValue(text.trim(), 200);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const enabled = isSearchable(q);
  const results = useQuery({
    queryKey: searchKey(q),
    queryFn: () => searchEverything(q),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      const { key, code, ctrlKey, metaKey, altKey } = event;
      if (!isSearchHotkey({ key, code, ctrlKey, metaKey, altKey, target })) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  const data = enabled ? results.data : undefined;
  const targets = data ? searchTargets(data) : new Map();
  // Enter opens the first hit without arrowing down to it.
  useEffect(() => {
    if (data && combobox.dropdownOpened) combobox.selectFirstOption();
    // Not on every render: the person's own choice with the arrows must stay.
  }, [data]);

  const open = (value: string) => {
    const target = targets.get(value);
    if (!target) return;
    combobox.closeDropdown();
    setText("");
    inputRef.current?.blur();
    void navigate(target.path);
  };

  const waiting = isSearchable(text) && (text.trim() !== q || results.isFetching);
  const empty = data && targets.size === 0;

  return (
    <Combobox store={combobox} onOptionSubmit={open} withinPortal position="bottom-start" width={420}>
      <Combobox.Target>
        <TextInput
          ref={inputRef}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            combobox.openDropdown();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          placeholder={t("globalSearch.placeholder")}
          aria-label={t("globalSearch.label")}
          leftSection={<SearchIcon />}
          rightSection={waiting ? <Loader size="xs" /> : <Kbd size="xs" visibleFrom="md">/</Kbd>}
          rightSectionPointerEvents="none"
          w={{ base: 110, xs: 220, md: 340 }}
          data-testid="global-search"
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={text.trim().length === 0} data-testid="global-search-dropdown">
        <Combobox.Options mah={420} style={{ overflowY: "auto" }}>
          {!isSearchable(text) ? (
            <Combobox.Empty>{t("globalSearch.typeMore")}</Combobox.Empty>
          ) : results.isError ? (
            <Combobox.Empty>{t("common.loadFailed")}</Combobox.Empty>
          ) : empty ? (
            <Combobox.Empty data-testid="global-search-empty">{t("globalSearch.nothingFound")}</Combobox.Empty>
          ) : data ? (
            <Groups results={data} />
          ) : (
            <Combobox.Empty>
              <Group justify="center" gap="xs">
                <Loader size="xs" />
                {t("globalSearch.searching")}
              </Group>
            </Combobox.Empty>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
};
