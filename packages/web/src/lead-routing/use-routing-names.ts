import { useCurrentSession } from "../auth/current-session";
import { useLocale } from "../i18n/locale-provider";
import { useProducts } from "../products/products.api";
import { useLeadSources } from "./lead-routing.api";
import type { RoutingNames } from "./routing-words";

export type Option = { value: string; label: string };

/** Product groups as the products name them: a group no product is in cannot match a lead anyway. */
export const productGroupOptions = (products: readonly { groupId: string | null; groupName: string | null }[]): Option[] => {
  const groups = new Map<string, string>();
  for (const product of products) if (product.groupId !== null && !groups.has(product.groupId)) groups.set(product.groupId, product.groupName ?? product.groupId);
  return [...groups].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
};

/** Names for the ids routing rules carry, and the options of their pickers, from the price list and the lead sources. */
export const useRoutingNames = (): RoutingNames & { products: Option[]; groups: Option[]; sources: Option[] } => {
  const { locale } = useLocale();
  const { organization } = useCurrentSession();
  const productList = useProducts().data ?? [];
  const sourceList = useLeadSources().data ?? [];
  const products = productList.map((product) => ({ value: product.id, label: product.name }));
  const groups = productGroupOptions(productList);
  const sources = sourceList.map((source) => ({ value: source.id, label: source.name }));
  const nameOf = (options: Option[]) => {
    const names = new Map(options.map((option) => [option.value, option.label]));
    return (id: string) => names.get(id);
  };
  return {
    locale,
    currency: organization.currency,
    product: nameOf(products),
    productGroup: nameOf(groups),
    source: nameOf(sources),
    products,
    groups,
    sources,
  };
};
