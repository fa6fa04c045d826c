import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { router } from './app/router.tsx';
import './i18n/index.ts';
import { bootstrapSession } from './lib/api.ts';
import { queryClient } from './lib/query-client.ts';
import './styles.css';

// Outside React, so it runs exactly once per page load (StrictMode mounts twice).
void bootstrapSession();

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
