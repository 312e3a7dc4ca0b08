// The bulk page: one message to many customers (components/BulkPage.tsx). Opened by the popup's
// "Message selected" (recipients in the URL's fragment) or on its own; `#job=` reopens a job.
import { render } from 'preact';
import { BulkPage } from '@/components/BulkPage';
import { chooseWorkspace } from '@/utils/messaging';

const params = new URLSearchParams(location.hash.slice(1));
// Every call of this page (macros, teams, the job) goes to the workspace it was opened for.
chooseWorkspace(params.get('workspace'));
document.documentElement.lang = navigator.language || 'en';
render(<BulkPage recipients={params.get('recipients') ?? ''} workspaceId={params.get('workspace')} jobId={params.get('job')} />, document.getElementById('app')!);
