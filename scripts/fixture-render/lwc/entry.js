// The bundle the LWC family renders from (families/lwc-record.mjs): the page component and the runtime.
export { default as RecordPage } from 'c/recordPage';
export { renderComponent } from '@lwc/ssr-runtime';
