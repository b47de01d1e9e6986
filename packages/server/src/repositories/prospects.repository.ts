import { boostedWeight, sellersWithoutProspects } from "@conveyor/domain";
import { sql } from "drizzle-orm";
import type { Executor } from "../db/database";

/*
 * M2.2: a seller with no client from whom money can come soon — no open deal with a warm or hot client — is
 * proposed more fresh leads: a higher routing weight (M5.5). One grouped read of the organization's open deals.
 */

export type SellerProspectRow = {
  userId: string;
  name: string;
  /** Their routing weight now (0 or less: they take no fresh leads). */
  weight: number;
  paused: boolean;
  /** Their deals in an open stage, whatever the client's temperature. */
  openDeals: number;
  /** Of those, the ones with a warm or hot client. */
  warmOrHotOpenDeals: number;
};

/** Every active seller and team lead of the organization with their open deals, warm-or-hot ones apart. */
export const sellerProspects = async (ex: Executor, organizationId: string): Promise<SellerProspectRow[]> => {
  const result = await ex.execute<{ user_id: string; name: string; weight: number; paused: boolean; open_deals: number; warm_or_hot: number }>(sql`
    with open_deals as (
      select d.owner_id, count(*)::integer as open_deals,
        count(*) filter (where c.temperature in ('warm', 'hot'))::integer as warm_or_hot
      from deals d join companies c on c.id = d.company_id
      where d.organization_id = ${organizationId}
        and d.stage_id = any(array(select s.id from pipeline_stages s where s.organization_id = ${organizationId} and s.kind = 'open'))
      group by d.owner_id
    )
    select m.user_id, u.name, m.lead_weight as weight, m.lead_paused as paused,
      coalesce(o.open_deals, 0) as open_deals, coalesce(o.warm_or_hot, 0) as warm_or_hot
    from memberships m
    join users u on u.id = m.user_id
    left join open_deals o on o.owner_id = m.user_id
    where m.organization_id = ${organizationId} and m.status = 'active' and m.role in ('seller', 'team_lead')
    order by u.name, m.user_id`);
  return result.rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    weight: Number(r.weight),
    paused: r.paused === true,
    openDeals: Number(r.open_deals),
    warmOrHotOpenDeals: Number(r.warm_or_hot),
  }));
};

export type ProspectProposal = {
  user: { id: string; name: string };
  /** Their open deals now (none of them with a warm or hot client). */
  openDeals: number;
  currentWeight: number;
  /** boostedWeight of the current one: more fresh leads until money can come from someone. */
  suggestedWeight: number;
};

/**
 * M2.2: per seller without prospects (sellersWithoutProspects), the proposal to route more fresh leads to them,
 * by name. Sellers whose weight a boost would not raise (0, opted out; already at the maximum) are not proposed.
 */
export const prospectProposals = async (ex: Executor, organizationId: string): Promise<ProspectProposal[]> => {
  const rows = await sellerProspects(ex, organizationId);
  const without = new Set(sellersWithoutProspects(rows));
  return rows
    .filter((r) => without.has(r.userId) && boostedWeight(r.weight) > r.weight)
    .map((r) => ({ user: { id: r.userId, name: r.name }, openDeals: r.openDeals, currentWeight: r.weight, suggestedWeight: boostedWeight(r.weight) }));
};
