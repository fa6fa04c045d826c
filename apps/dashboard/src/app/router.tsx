import { createBrowserRouter, Navigate } from 'react-router';
import { AppShell } from './layouts/app-shell.tsx';
import { AuthLayout } from './layouts/auth-layout.tsx';
import { RequireNoSession, RequireSession } from './layouts/session-guards.tsx';
import { AnalyticsRoute } from './routes/analytics.tsx';
import { CoachAlertsRoute } from './routes/coach-alerts.tsx';
import { CoachCorrectionsRoute } from './routes/coach-corrections.tsx';
import { CoachLayout } from './routes/coach-layout.tsx';
import { CoachModelsRoute } from './routes/coach-models.tsx';
import { CoachPersonalityRoute } from './routes/coach-personality.tsx';
import { CoachPlaygroundRoute } from './routes/coach-playground.tsx';
import { DevMailboxRoute } from './routes/dev-mailbox.tsx';
import { ForgotPasswordRoute } from './routes/forgot-password.tsx';
import { InboxRoute } from './routes/inbox.tsx';
import { InboxConversationRoute } from './routes/inbox-conversation.tsx';
import { InboxLayout } from './routes/inbox-layout.tsx';
import { KnowledgeRoute } from './routes/knowledge.tsx';
import { KnowledgeDocumentRoute } from './routes/knowledge-document.tsx';
import { KnowledgeLayout } from './routes/knowledge-layout.tsx';
import { LogInRoute } from './routes/log-in.tsx';
import { NotFoundRoute } from './routes/not-found.tsx';
import { OverviewRoute } from './routes/overview.tsx';
import { ProgramEditorRoute } from './routes/program-editor.tsx';
import { ProgramsPage } from './routes/programs.tsx';
import { ResetPasswordRoute } from './routes/reset-password.tsx';
import { RouteError } from './routes/route-error.tsx';
import { SettingsAccountRoute } from './routes/settings-account.tsx';
import { SettingsApiKeysRoute } from './routes/settings-api-keys.tsx';
import { SettingsLayout } from './routes/settings-layout.tsx';
import { SettingsSecurityRoute } from './routes/settings-security.tsx';
import { SignUpRoute } from './routes/sign-up.tsx';
import { VerifyEmailRoute } from './routes/verify-email.tsx';
import { WhatsAppBroadcastsRoute } from './routes/whatsapp-broadcasts.tsx';
import { WhatsAppConnectionRoute } from './routes/whatsapp-connection.tsx';
import { WhatsAppContactsRoute } from './routes/whatsapp-contacts.tsx';
import { WhatsAppLayout } from './routes/whatsapp-layout.tsx';
import { WhatsAppTemplatesRoute } from './routes/whatsapp-templates.tsx';
import { WidgetRoute } from './routes/widget.tsx';

/** Every page of the dashboard. Paths in mail links (/verify-email, /reset-password) are public API: keep them. */
export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      {
        element: <AuthLayout />,
        children: [
          {
            element: <RequireNoSession />,
            children: [
              { path: 'login', element: <LogInRoute /> },
              { path: 'signup', element: <SignUpRoute /> },
            ],
          },
          { path: 'forgot-password', element: <ForgotPasswordRoute /> },
          { path: 'reset-password', element: <ResetPasswordRoute /> },
          { path: 'verify-email', element: <VerifyEmailRoute /> },
          { path: '*', element: <NotFoundRoute /> },
        ],
      },
      { element: <AuthLayout isWide />, children: [{ path: 'dev/mailbox', element: <DevMailboxRoute /> }] },
      {
        element: <RequireSession />,
        children: [
          {
            element: <AppShell />,
            children: [
              { index: true, element: <OverviewRoute /> },
              {
                path: 'knowledge',
                element: <KnowledgeLayout />,
                children: [
                  { index: true, element: <KnowledgeRoute /> },
                  { path: 'documents/:documentId', element: <KnowledgeDocumentRoute /> },
                ],
              },
              {
                path: 'coach',
                element: <CoachLayout />,
                children: [
                  { index: true, element: <Navigate to="personality" replace /> },
                  { path: 'personality', element: <CoachPersonalityRoute /> },
                  { path: 'playground', element: <CoachPlaygroundRoute /> },
                  { path: 'models', element: <CoachModelsRoute /> },
                  { path: 'corrections', element: <CoachCorrectionsRoute /> },
                  { path: 'alerts', element: <CoachAlertsRoute /> },
                ],
              },
              { path: 'programs', element: <ProgramsPage /> },
              { path: 'programs/:programId', element: <ProgramEditorRoute /> },
              {
                path: 'inbox',
                element: <InboxLayout />,
                children: [
                  { index: true, element: <InboxRoute /> },
                  { path: ':conversationId', element: <InboxConversationRoute /> },
                ],
              },
              { path: 'widget', element: <WidgetRoute /> },
              {
                path: 'whatsapp',
                element: <WhatsAppLayout />,
                children: [
                  { index: true, element: <Navigate to="connection" replace /> },
                  { path: 'connection', element: <WhatsAppConnectionRoute /> },
                  { path: 'templates', element: <WhatsAppTemplatesRoute /> },
                  { path: 'contacts', element: <WhatsAppContactsRoute /> },
                  { path: 'broadcasts', element: <WhatsAppBroadcastsRoute /> },
                ],
              },
              { path: 'analytics', element: <AnalyticsRoute /> },
              {
                path: 'settings',
                element: <SettingsLayout />,
                children: [
                  { index: true, element: <Navigate to="account" replace /> },
                  { path: 'account', element: <SettingsAccountRoute /> },
                  { path: 'api-keys', element: <SettingsApiKeysRoute /> },
                  { path: 'security', element: <SettingsSecurityRoute /> },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
]);
