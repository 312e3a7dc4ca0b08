// The shell every rendered page is saved in: what the framework rendered, in a document as a browser
// would receive it from a server-rendered console.
export const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

export const documentOf = ({ title, head = '', body, lang = 'en' }) => `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
${head}
</head>
<body>
${body}
</body>
</html>
`;
