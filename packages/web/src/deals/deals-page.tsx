import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Button, Group, SegmentedControl, Select, Stack, Tabs, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCurrentSession } from "../auth/current-session";
import { canImport, canManageCustomFields, canManagePipelines, canManageProducts } from "../auth/permissions";
import { SavedViewsMenu } from "../saved-views/saved-views-menu";
import { queryOfSearch } from "../saved-views/view-query";
import { LoadError, PageLoader } from "../ui/page-states";
import { AddDealModal } from "./add-deal-modal";
import type { RevealDeal } from "./board-column";
import { DealsBoard } from "./deals-board";
import { DealsList } from "./deals-list";
import { usePipelines } from "./use-pipelines";

type DealsView = "board" | "list";
type Whose = "mine" | "all";

const isView = (value: string | null): value is DealsView => value === "board" || value === "list";
const isWhose = (value: string): value is Whose => value === "mine" || value === "all";

/** The pipeline (M5.15): a board by stage or a list; the view, pipeline and owner filter live in the URL. */
export const DealsPage = () => {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const [adding, setAdding] = useState(false);
  const [reveal, setReveal] = useState<RevealDeal | null>(null);
  const pipelines = usePipelines();

  const rawView = searchParams.get("view");
  const view: DealsView = isView(rawView) ? rawView : "board";
  const whose: Whose = searchParams.get("owner") === "mine" ? "mine" : "all";
  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (value === null) next.delete(name);
    else next.set(name, value);
    setSearchParams(next, { replace: true });
  };

  const list = pipelines.data ?? [];
  const pipeline =
    list.find((p) => p.id === searchParams.get("pipeline")) ?? list.find((p) => p.isDefault) ?? list[0];
  const ownerId = whose === "mine" ? user.id : undefined;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">
          {t("deals.title")}
        </Title>
        <Group gap="sm">
          <SavedViewsMenu
            entity="deals"
            current={queryOfSearch(searchParams)}
            onApply={(saved) => setSearchParams(new URLSearchParams(saved), { replace: true })}
          />
          {canManagePipelines(user.role) && (
            <Button component={Link} to="/settings/pipelines" variant="default" data-testid="deals-pipelines">
              {t("deals.managePipelines")}
            </Button>
          )}
          {canManageProducts(user.role) && (
            <Button component={Link} to="/settings/products" variant="default" data-testid="deals-products">
              {t("products.title")}
            </Button>
          )}
          {canManageCustomFields(user.role) && (
            <Button component={Link} to="/settings/custom-fields" variant="default" data-testid="deals-custom-fields">
              {t("customFields.manage")}
            </Button>
          )}
          {canImport(user.role) && (
            <Button component={Link} to="/imports/new?entity=deals" variant="default" data-testid="deals-import">
              {t("imports.open")}
            </Button>
          )}
          <Button onClick={() => setAdding(true)} data-testid="deal-add">
            {t("deals.add")}
          </Button>
        </Group>
      </Group>

      <Group justify="space-between" align="flex-end">
        <Tabs value={view} onChange={(value) => isView(value) && setParam("view", value === "board" ? null : value)}>
          <Tabs.List>
            <Tabs.Tab value="board" data-testid="deals-view-board">
              {t("deals.board")}
            </Tabs.Tab>
            <Tabs.Tab value="list" data-testid="deals-view-list">
              {t("deals.list")}
            </Tabs.Tab>
          </Tabs.List>
        </Tabs>
        <Group gap="sm" align="flex-end">
          {list.length > 1 && (
            <Select
              label={t("deals.pipeline")}
              allowDeselect={false}
              data={list.map((p) => ({ value: p.id, label: p.name }))}
              value={pipeline?.id ?? null}
              onChange={(value) => setParam("pipeline", value)}
              data-testid="deals-pipeline"
            />
          )}
          <SegmentedControl
            aria-label={t("deals.whose")}
            value={whose}
            onChange={(value) => isWhose(value) && setParam("owner", value === "mine" ? "mine" : null)}
            data={[
              { value: "mine", label: <span data-testid="deals-owner-mine">{t("deals.mine")}</span> },
              { value: "all", label: <span data-testid="deals-owner-all">{t("deals.everyone")}</span> },
            ]}
          />
        </Group>
      </Group>

      {pipelines.isPending ? (
        <PageLoader />
      ) : pipelines.isError ? (
        <LoadError error={pipelines.error} onRetry={() => void pipelines.refetch()} />
      ) : view === "list" ? (
        <DealsList pipelineId={pipeline?.id} ownerId={ownerId} />
      ) : pipeline ? (
        <DealsBoard key={`${pipeline.id}:${whose}`} pipelineId={pipeline.id} ownerId={ownerId} reveal={reveal} onReveal={setReveal} />
      ) : null}

      <AddDealModal
        opened={adding}
        onClose={() => setAdding(false)}
        pipelineId={pipeline?.id}
        onCreated={(deal) => setReveal({ dealId: deal.id })}
      />
    </Stack>
  );
};
