import { lazy } from "react";
import { createBrowserRouter, Navigate } from "react-router";
import { RequireRole, RequireSession } from "../auth/require-session";
import { SignInPage } from "../auth/sign-in-page";
import { canImport, canListUsers, canManageCustomFields, canManagePipelines, canManageProducts, isAdmin, isHead, leadsPeople } from "../auth/permissions";
import { NotFoundPage } from "../not-found/not-found-page";
import { sectionAllowed } from "../department/department-access";
import { leadRoutingAllowed } from "../lead-routing/lead-routing-access";

// Screens load on first visit; the sign-in page and the shell stay in the main bundle.
const HomePage = lazy(() => import("../home/home-page").then((m) => ({ default: m.HomePage })));
const UsersPage = lazy(() => import("../users/users-page").then((m) => ({ default: m.UsersPage })));
const SettingsPage = lazy(() => import("../settings/settings-page").then((m) => ({ default: m.SettingsPage })));
const ProfilePage = lazy(() => import("../profile/profile-page").then((m) => ({ default: m.ProfilePage })));
const TodayPage = lazy(() => import("../today/today-page").then((m) => ({ default: m.TodayPage })));
const ClientsPage = lazy(() => import("../clients/clients-page").then((m) => ({ default: m.ClientsPage })));
const ClientCardPage = lazy(() =>
  import("../client-card/client-card-page").then((m) => ({ default: m.ClientCardPage })),
);
const DealsPage = lazy(() => import("../deals/deals-page").then((m) => ({ default: m.DealsPage })));
const DealPage = lazy(() => import("../deals/deal-page").then((m) => ({ default: m.DealPage })));
const PipelinesPage = lazy(() => import("../deals/pipelines-page").then((m) => ({ default: m.PipelinesPage })));
const ProductsPage = lazy(() => import("../products/products-page").then((m) => ({ default: m.ProductsPage })));
const CustomFieldsPage = lazy(() =>
  import("../custom-fields/custom-fields-page").then((m) => ({ default: m.CustomFieldsPage })),
);
const NewImportPage = lazy(() => import("../imports/new-import-page").then((m) => ({ default: m.NewImportPage })));
const ImportPage = lazy(() => import("../imports/import-page").then((m) => ({ default: m.ImportPage })));
const ImportsHistoryPage = lazy(() =>
  import("../imports/imports-history-page").then((m) => ({ default: m.ImportsHistoryPage })),
);
const DepartmentLayout = lazy(() =>
  import("../department/department-layout").then((m) => ({ default: m.DepartmentLayout })),
);
const OrgChartPage = lazy(() => import("../department/org-chart-page").then((m) => ({ default: m.OrgChartPage })));
const DepartmentPeoplePage = lazy(() => import("../department/people-page").then((m) => ({ default: m.PeoplePage })));
const TeamsPage = lazy(() => import("../department/teams-page").then((m) => ({ default: m.TeamsPage })));
const AdvisorsPage = lazy(() => import("../department/advisors-page").then((m) => ({ default: m.AdvisorsPage })));
const ConveyorSettingsPage = lazy(() =>
  import("../department/conveyor-settings-page").then((m) => ({ default: m.ConveyorSettingsPage })),
);
const RulesPage = lazy(() => import("../conveyor/rules-page").then((m) => ({ default: m.RulesPage })));
const HandoversPage = lazy(() => import("../conveyor/handovers-page").then((m) => ({ default: m.HandoversPage })));
const LeadRoutingLayout = lazy(() =>
  import("../lead-routing/lead-routing-layout").then((m) => ({ default: m.LeadRoutingLayout })),
);
const RoutingRulesPage = lazy(() => import("../lead-routing/routing-rules-page").then((m) => ({ default: m.RoutingRulesPage })));
const LeadSourcesPage = lazy(() => import("../lead-routing/sources-page").then((m) => ({ default: m.SourcesPage })));
const AvailabilityPage = lazy(() => import("../lead-routing/availability-page").then((m) => ({ default: m.AvailabilityPage })));
const RedistributePage = lazy(() => import("../lead-routing/redistribute-page").then((m) => ({ default: m.RedistributePage })));
const LeadSettingsPage = lazy(() => import("../lead-routing/lead-settings-page").then((m) => ({ default: m.LeadSettingsPage })));
const KpiLayout = lazy(() => import("../kpi/kpi-layout").then((m) => ({ default: m.KpiLayout })));
const DashboardPage = lazy(() => import("../kpi/dashboard-page").then((m) => ({ default: m.DashboardPage })));
const FunnelPage = lazy(() => import("../kpi/funnel-page").then((m) => ({ default: m.FunnelPage })));
const ForecastPage = lazy(() => import("../kpi/forecast-page").then((m) => ({ default: m.ForecastPage })));
const TvPage = lazy(() => import("../kpi/tv-page").then((m) => ({ default: m.TvPage })));
const PlansPage = lazy(() => import("../plans/plans-page").then((m) => ({ default: m.PlansPage })));
const CalendarPage = lazy(() => import("../plans/calendar-page").then((m) => ({ default: m.CalendarPage })));
const LeadsLayout = lazy(() => import("../leads/leads-layout").then((m) => ({ default: m.LeadsLayout })));
const LeadsPage = lazy(() => import("../leads/leads-page").then((m) => ({ default: m.LeadsPage })));
const SpeedPage = lazy(() => import("../leads/speed-page").then((m) => ({ default: m.SpeedPage })));
const ReviewPage = lazy(() => import("../review/review-page").then((m) => ({ default: m.ReviewPage })));
const PayPage = lazy(() => import("../pay/pay-page").then((m) => ({ default: m.PayPage })));
const AuditPage = lazy(() => import("../security/audit-page").then((m) => ({ default: m.AuditPage })));
const ExportControlPage = lazy(() => import("../export-control/export-control-page").then((m) => ({ default: m.ExportControlPage })));
const OffboardingPage = lazy(() => import("../export-control/offboarding-page").then((m) => ({ default: m.OffboardingPage })));
const ChangePasswordPage = lazy(() =>
  import("../auth/change-password-page").then((m) => ({ default: m.ChangePasswordPage })),
);

export const createRouter = () =>
  createBrowserRouter([
    { path: "/sign-in", element: <SignInPage /> },
    {
      element: <RequireSession />,
      children: [
        { index: true, element: <HomePage /> },
        { path: "today", element: <TodayPage /> },
        { path: "clients", element: <ClientsPage /> },
        { path: "clients/:id", element: <ClientCardPage /> },
        { path: "deals", element: <DealsPage /> },
        { path: "deals/:id", element: <DealPage /> },
        {
          // [anti-leak] The audit log: admins and heads of sales.
          path: "audit",
          element: (
            <RequireRole allowed={isHead}>
              <AuditPage />
            </RequireRole>
          ),
        },
        // Pay (M1.6): everyone; the server scopes a seller to their own pay, a team lead to the team.
        { path: "pay", element: <PayPage /> },
        {
          // The daily review (M2.1): whoever leads sellers; the server scopes a team lead to the team.
          path: "review",
          element: (
            <RequireRole allowed={leadsPeople}>
              <ReviewPage />
            </RequireRole>
          ),
        },
        {
          // The department area (M1, M4, M5.8): one frame with a sub-navigation, each section behind its role.
          path: "department",
          element: <DepartmentLayout />,
          children: [
            { index: true, element: <OrgChartPage /> },
            {
              path: "people",
              element: (
                <RequireRole allowed={sectionAllowed("people")}>
                  <DepartmentPeoplePage />
                </RequireRole>
              ),
            },
            {
              path: "teams",
              element: (
                <RequireRole allowed={sectionAllowed("teams")}>
                  <TeamsPage />
                </RequireRole>
              ),
            },
            {
              path: "rules",
              element: (
                <RequireRole allowed={sectionAllowed("rules")}>
                  <RulesPage />
                </RequireRole>
              ),
            },
            { path: "handovers", element: <HandoversPage /> },
            {
              path: "advisors",
              element: (
                <RequireRole allowed={sectionAllowed("advisors")}>
                  <AdvisorsPage />
                </RequireRole>
              ),
            },
            {
              path: "settings",
              element: (
                <RequireRole allowed={sectionAllowed("settings")}>
                  <ConveyorSettingsPage />
                </RequireRole>
              ),
            },
          ],
        },
        {
          // Results (M2.3, M5.1, M5.2, M2.4, M5.15): one frame; the server scopes every figure to the viewer.
          path: "results",
          element: <KpiLayout />,
          children: [
            { index: true, element: <DashboardPage /> },
            { path: "funnel", element: <FunnelPage /> },
            { path: "forecast", element: <ForecastPage /> },
            { path: "plans", element: <PlansPage /> },
            { path: "calendar", element: <CalendarPage /> },
          ],
        },
        // The dashboard on the wall (M5.1): full screen, outside the results frame.
        { path: "tv", element: <TvPage /> },
        {
          // Leads (M5.5): the live queue and speed to lead; the server scopes what each role sees.
          path: "leads",
          element: <LeadsLayout />,
          children: [
            { index: true, element: <LeadsPage /> },
            { path: "speed", element: <SpeedPage /> },
          ],
        },
        {
          // Lead distribution (M5.5, M2.2): one frame with a sub-navigation, each section behind its role.
          path: "lead-routing",
          element: <LeadRoutingLayout />,
          children: [
            { index: true, element: <Navigate to="rules" replace /> },
            {
              path: "rules",
              element: (
                <RequireRole allowed={leadRoutingAllowed("rules")}>
                  <RoutingRulesPage />
                </RequireRole>
              ),
            },
            {
              path: "sources",
              element: (
                <RequireRole allowed={leadRoutingAllowed("sources")}>
                  <LeadSourcesPage />
                </RequireRole>
              ),
            },
            {
              path: "availability",
              element: (
                <RequireRole allowed={leadRoutingAllowed("availability")}>
                  <AvailabilityPage />
                </RequireRole>
              ),
            },
            {
              path: "redistribute",
              element: (
                <RequireRole allowed={leadRoutingAllowed("redistribute")}>
                  <RedistributePage />
                </RequireRole>
              ),
            },
            {
              path: "settings",
              element: (
                <RequireRole allowed={leadRoutingAllowed("settings")}>
                  <LeadSettingsPage />
                </RequireRole>
              ),
            },
          ],
        },
        {
          path: "settings/pipelines",
          element: (
            <RequireRole allowed={canManagePipelines}>
              <PipelinesPage />
            </RequireRole>
          ),
        },
        {
          path: "settings/products",
          element: (
            <RequireRole allowed={canManageProducts}>
              <ProductsPage />
            </RequireRole>
          ),
        },
        {
          path: "settings/custom-fields",
          element: (
            <RequireRole allowed={canManageCustomFields}>
              <CustomFieldsPage />
            </RequireRole>
          ),
        },
        {
          path: "imports",
          element: (
            <RequireRole allowed={canImport}>
              <ImportsHistoryPage />
            </RequireRole>
          ),
        },
        {
          path: "imports/new",
          element: (
            <RequireRole allowed={canImport}>
              <NewImportPage />
            </RequireRole>
          ),
        },
        {
          path: "imports/:id",
          element: (
            <RequireRole allowed={canImport}>
              <ImportPage />
            </RequireRole>
          ),
        },
        {
          path: "users",
          element: (
            <RequireRole allowed={canListUsers}>
              <UsersPage />
            </RequireRole>
          ),
        },
        // [anti-leak] exports and approvals (everyone: their own requests), offboarding (heads).
        { path: "exports", element: <ExportControlPage /> },
        {
          path: "users/:id/offboarding",
          element: (
            <RequireRole allowed={isHead}>
              <OffboardingPage />
            </RequireRole>
          ),
        },
        {
          path: "settings",
          element: (
            <RequireRole allowed={isAdmin}>
              <SettingsPage />
            </RequireRole>
          ),
        },
        { path: "profile", element: <ProfilePage /> },
        { path: "change-password", element: <ChangePasswordPage /> },
        { path: "*", element: <NotFoundPage /> },
      ],
    },
  ]);
