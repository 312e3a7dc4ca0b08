// Shows HTML that is already in Hailer's allowed set (reduceHtml's output: p, b, strong, i, em,
// a href, ul, ol, li, plus the panel's own <mark> for unfilled placeholders) as Preact elements,
// so the preview needs no innerHTML. Anything else in the string is shown as text.
import { h, type ComponentChild } from 'preact';
import { decodeEntities } from '@/utils/compose/html-reducer';

const TAG = /<(\/?)(p|b|strong|i|em|a|ul|ol|li|mark)(?: href="([^"]*)")?>/g;

type Node = { tag: string; href?: string; children: ComponentChild[] };

export function RenderedHtml({ html, class: className }: { html: string; class?: string }) {
  const root: Node = { tag: 'div', children: [] };
  const stack: Node[] = [root];
  let last = 0;
  for (const m of html.matchAll(TAG)) {
    if (m.index > last) stack.at(-1)!.children.push(decodeEntities(html.slice(last, m.index)));
    last = m.index + m[0].length;
    const [, closing, tag, href] = m;
    if (closing) {
      if (stack.length > 1 && stack.at(-1)!.tag === tag) stack.pop();
      continue;
    }
    const node: Node = { tag: tag!, children: [], ...(href !== undefined ? { href: decodeEntities(href) } : {}) };
    stack.at(-1)!.children.push(node as unknown as ComponentChild);
    stack.push(node);
  }
  if (last < html.length) stack.at(-1)!.children.push(decodeEntities(html.slice(last)));
  const toVNode = (child: ComponentChild): ComponentChild => {
    if (!child || typeof child !== 'object' || !('tag' in child)) return child;
    const node = child as unknown as Node;
    const props = node.tag === 'a' ? { href: node.href, target: '_blank', rel: 'noopener noreferrer' } : null;
    return h(node.tag, props, ...node.children.map(toVNode));
  };
  return h('div', { class: className }, ...root.children.map(toVNode));
}
