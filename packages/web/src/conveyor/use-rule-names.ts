import { useLocale } from "../i18n/locale-provider";
import { usePipelines } from "../deals/use-pipelines";
import { useProductGroups, useProducts } from "../products/products.api";
import type { RuleNames } from "./rule-words";

/**
 * Names for the stage, product and group ids rules carry. A stage is named with its pipeline only
 * when there is more than one pipeline, where the same stage name could mean two places.
 */
export const useRuleNames = (): RuleNames => {
  const { locale } = useLocale();
  const pipelines = usePipelines().data ?? [];
  const products = useProducts().data ?? [];
  const groups = useProductGroups().data ?? [];
  const stages = new Map<string, string>();
  for (const pipeline of pipelines) {
    for (const stage of pipeline.stages) stages.set(stage.id, pipelines.length > 1 ? `${stage.name} · ${pipeline.name}` : stage.name);
  }
  const productNames = new Map(products.map((product) => [product.id, product.name]));
  const groupNames = new Map(groups.map((group) => [group.id, group.name]));
  return {
    locale,
    stage: (id) => stages.get(id),
    product: (id) => productNames.get(id),
    productGroup: (id) => groupNames.get(id),
  };
};
