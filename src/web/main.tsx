import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode, useEffect } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Route, Routes, useNavigate } from "react-router";
import { ApiError, setUnauthenticatedHandler } from "./api";
import { AccountPage } from "./features/account/AccountPage";
import { AuditPage } from "./features/audit/AuditPage";
import { ForgotPasswordPage } from "./features/auth/ForgotPasswordPage";
import { ResetPasswordPage } from "./features/auth/ResetPasswordPage";
import { SetupPage } from "./features/auth/SetupPage";
import { SignInPage } from "./features/auth/SignInPage";
import { CatalogueItemPage } from "./features/catalogue/CatalogueItemPage";
import { CataloguePage } from "./features/catalogue/CataloguePage";
import { ConcernPage } from "./features/concerns/ConcernPage";
import { ConcernsPage } from "./features/concerns/ConcernsPage";
import { DiagnosisPage } from "./features/diagnosis/DiagnosisPage";
import { NewDiagnosisPage } from "./features/diagnosis/NewDiagnosisPage";
import { FeedbackDetailPage } from "./features/feedback/FeedbackDetailPage";
import { FeedbackPage } from "./features/feedback/FeedbackPage";
import { GiveFeedbackPage } from "./features/feedback/GiveFeedbackPage";
import { RequestFeedbackPage } from "./features/feedback/RequestFeedbackPage";
import { DiscussionPage, NewDiscussionPage } from "./features/growth/DiscussionPage";
import { GrowthGoalPage, NewGrowthGoalPage } from "./features/growth/GrowthGoalPage";
import { OnboardingPage } from "./features/growth/OnboardingPage";
import { OnboardingTemplatesPage } from "./features/growth/OnboardingTemplatesPage";
import { HandbookArticlePage } from "./features/guidance/HandbookArticlePage";
import { HandbookPage } from "./features/guidance/HandbookPage";
import { HomePage } from "./features/home/HomePage";
import { InsightPage } from "./features/insight/InsightPage";
import { AppLayout } from "./features/layout/AppLayout";
import { NotFoundPage } from "./features/layout/NotFoundPage";
import { PublicLayout } from "./features/layout/PublicLayout";
import { MentoringPage } from "./features/mentoring/MentoringPage";
import { NotificationsPage } from "./features/notifications/NotificationsPage";
import { MeetingPage } from "./features/oneonones/MeetingPage";
import { OneOnOnesPage } from "./features/oneonones/OneOnOnesPage";
import { SeriesPage } from "./features/oneonones/SeriesPage";
import { OutboxPage } from "./features/outbox/OutboxPage";
import { DirectoryPage } from "./features/people/DirectoryPage";
import { PersonPage } from "./features/people/PersonPage";
import { PlanEditorPage } from "./features/plans/PlanEditorPage";
import { PlanPage } from "./features/plans/PlanPage";
import { PlansListPage } from "./features/plans/PlansListPage";
import { SettingsPage } from "./features/settings/SettingsPage";
import { TeamPage } from "./features/team/TeamPage";
import "./styles.css";

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // Client errors (not found, forbidden, signed out) will not change on a retry.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

const publicPaths = ["/sign-in", "/setup", "/forgot-password", "/reset-password"];

/** A session that ends mid-use leads to the sign-in page, then back to where the person was. */
function UnauthenticatedRedirect() {
  const navigate = useNavigate();
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      const { pathname, search } = window.location;
      if (publicPaths.includes(pathname)) return;
      queryClient.clear();
      const next = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + search)}`;
      navigate(`/sign-in${next}`, { replace: true });
    });
  }, [navigate]);
  return null;
}

function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <UnauthenticatedRedirect />
        <Routes>
          <Route element={<PublicLayout />}>
            <Route path="/setup" element={<SetupPage />} />
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="/forgot-password" element={<ForgotPasswordPage />} />
            <Route path="/reset-password" element={<ResetPasswordPage />} />
          </Route>
          <Route element={<AppLayout />}>
            <Route index element={<HomePage />} />
            <Route path="/people" element={<DirectoryPage />} />
            <Route path="/people/:id" element={<PersonPage />} />
            <Route path="/team" element={<TeamPage />} />
            <Route path="/plans" element={<PlansListPage />} />
            <Route path="/plans/:id" element={<PlanPage />} />
            <Route path="/plans/:id/edit" element={<PlanEditorPage />} />
            <Route path="/one-on-ones" element={<OneOnOnesPage />} />
            <Route path="/one-on-ones/:id" element={<SeriesPage />} />
            <Route path="/one-on-ones/:id/meetings/:meetingId" element={<MeetingPage />} />
            <Route path="/feedback" element={<FeedbackPage />} />
            <Route path="/feedback/given" element={<FeedbackPage />} />
            <Route path="/feedback/requests" element={<FeedbackPage />} />
            <Route path="/feedback/give" element={<GiveFeedbackPage />} />
            <Route path="/feedback/ask" element={<RequestFeedbackPage />} />
            <Route path="/feedback/:id" element={<FeedbackDetailPage />} />
            <Route path="/people/:id/growth-goals/new" element={<NewGrowthGoalPage />} />
            <Route path="/growth-goals/:id" element={<GrowthGoalPage />} />
            <Route path="/people/:id/discussions/new" element={<NewDiscussionPage />} />
            <Route path="/discussions/:id" element={<DiscussionPage />} />
            <Route path="/onboarding/templates" element={<OnboardingTemplatesPage />} />
            <Route path="/onboarding/:id" element={<OnboardingPage />} />
            <Route path="/notifications" element={<NotificationsPage />} />
            <Route path="/catalogue" element={<CataloguePage />} />
            <Route path="/catalogue/:id" element={<CatalogueItemPage />} />
            <Route path="/mentoring" element={<MentoringPage />} />
            <Route path="/people/:id/diagnosis/new" element={<NewDiagnosisPage />} />
            <Route path="/diagnoses/:id" element={<DiagnosisPage />} />
            <Route path="/handbook" element={<HandbookPage />} />
            <Route path="/handbook/:slug" element={<HandbookArticlePage />} />
            <Route path="/concerns" element={<ConcernsPage />} />
            <Route path="/concerns/:id" element={<ConcernPage />} />
            <Route path="/insight" element={<InsightPage />} />
            <Route path="/insight/:section" element={<InsightPage />} />
            <Route path="/settings" element={<SettingsPage />} />
            <Route path="/audit" element={<AuditPage />} />
            <Route path="/outbox" element={<OutboxPage />} />
            <Route path="/account" element={<AccountPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
