import { Button, Card, Chip, Group, ScrollArea, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useLocale } from "../i18n/locale-provider";
import { formatNumber } from "../i18n/intl";
import { facetViewField, type ClientFilters, type FacetView } from "./client-filters";
import type { CompanyFacets, Facet } from "./company-facets";

type ViewId = "current" | "new" | FacetView;

type ViewLabelKey =
  | "clients.views.current"
  | "clients.views.new"
  | "clients.views.byChannel"
  | "clients.views.byManager"
  | "clients.views.byRegion"
  | "clients.views.byAudience"
  | "clients.views.byProduct";

const viewLabelKey = (view: ViewId): ViewLabelKey => {
  switch (view) {
    case "current":
      return "clients.views.current";
    case "new":
      return "clients.views.new";
    case "by-channel":
      return "clients.views.byChannel";
    case "by-manager":
      return "clients.views.byManager";
    case "by-region":
      return "clients.views.byRegion";
    case "by-audience":
      return "clients.views.byAudience";
    case "by-product":
      return "clients.views.byProduct";
  }
};

const views: ViewId[] = ["current", "new", "by-channel", "by-manager", "by-region", "by-audience", "by-product"];

const isActive = (filters: ClientFilters, view: ViewId) => {
  switch (view) {
    case "current":
    case "new":
      return filters.status === view && !filters.view;
    default:
      return filters.view === view;
  }
};

/** Picking a view: the status views filter at once; the "By X" views open the list of X's values. */
const applyView = (filters: ClientFilters, view: ViewId): ClientFilters => {
  switch (view) {
    case "current":
    case "new":
      return isActive(filters, view)
        ? { ...filters, status: undefined }
        : { ...filters, status: view, view: undefined };
    default: {
      if (filters.view === view) return { ...filters, view: undefined };
      return { ...filters, view };
    }
  }
};

type ClientViewsProps = {
  filters: ClientFilters;
  facets: CompanyFacets;
  onChange: (next: ClientFilters) => void;
};

/** The seven views of M5.4 as chips, and the open view's values ("By product": products on the clients' deals and orders). */
export const ClientViews = ({ filters, facets, onChange }: ClientViewsProps) => {
  const { t } = useTranslation();
  return (
    <>
      <ScrollArea type="never" offsetScrollbars={false}>
        <Group gap="xs" wrap="nowrap" role="toolbar" aria-label={t("clients.views.label")}>
          {views.map((view) => (
            <Chip
              key={view}
              checked={isActive(filters, view)}
              onChange={() => onChange(applyView(filters, view))}
              variant="light"
              // The input is visually hidden: the test id goes on the visible chip.
              wrapperProps={{ "data-testid": `view-${view}` }}
            >
              {t(viewLabelKey(view))}
            </Chip>
          ))}
        </Group>
      </ScrollArea>
      {filters.view && <FacetPanel view={filters.view} filters={filters} facets={facets} onChange={onChange} />}
    </>
  );
};

const FacetPanel = ({ view, filters, facets, onChange }: { view: FacetView } & ClientViewsProps) => {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const field = facetViewField(view);
  const values: Facet[] = field === "ownerId" ? facets.owner : field === "productId" ? facets.product : facets[field];
  const selected = filters[field];
  const settable = values.filter((facet) => facet.value !== "");
  const notSet = values.find((facet) => facet.value === "");

  return (
    <Card withBorder radius="md" padding="sm" data-testid={`facets-${view}`}>
      {values.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("clients.facetsEmpty")}
        </Text>
      ) : (
        <Group gap="xs">
          {settable.map((facet) => {
            const active = selected === facet.value;
            return (
              <Button
                key={facet.value}
                size="compact-sm"
                variant={active ? "filled" : "default"}
                aria-pressed={active}
                onClick={() => onChange({ ...filters, [field]: active ? undefined : facet.value })}
                rightSection={
                  <Text span size="xs" c={active ? undefined : "dimmed"}>
                    {formatNumber(locale, facet.count)}
                  </Text>
                }
                data-testid={`facet-${facet.value}`}
              >
                {facet.label || facet.value}
              </Button>
            );
          })}
          {notSet && (
            // The list API has no filter for "not set" yet, so this is a count, not a button.
            <Text size="sm" c="dimmed" px="xs">
              {t("clients.facetCount", { label: t("clients.facetNotSet"), count: notSet.count })}
            </Text>
          )}
        </Group>
      )}
    </Card>
  );
};
