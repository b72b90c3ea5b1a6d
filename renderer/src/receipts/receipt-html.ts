import type { ReceiptView } from './receipt-view';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The receipt as a standalone page for the desktop shell's printer and PDF: inline styles only
 * (the shell's receipt window allows nothing else), sized for an 80 mm till roll. Every value is
 * escaped: guest names are text, never markup.
 */
export function receiptHtml(v: ReceiptView): string {
  const row = (l: string, r: string, cls = '') => `<tr class="${cls}"><td>${escape(l)}</td><td class="r">${escape(r)}</td></tr>`;
  const lines = v.lines
    .map((l) => row(`${l.quantity} × ${l.name}`, l.total) + (l.discount ? row(`  ${l.each} each, discount ${l.discount}`, '', 'sub') : ''))
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(`${v.title} ${v.number}`)}</title><style>
@page { size: 80mm auto; margin: 4mm; }
body { font: 11pt/1.35 system-ui, sans-serif; color: #000; margin: 0; }
h1 { font-size: 13pt; margin: 0; text-align: center; }
p { margin: 0; text-align: center; }
table { width: 100%; border-collapse: collapse; margin-top: 3mm; }
td { padding: 1mm 0; vertical-align: top; }
td.r { text-align: right; white-space: nowrap; padding-left: 2mm; }
tr.sub td { font-size: 9pt; color: #333; padding-top: 0; }
tr.grand td { font-weight: bold; font-size: 12pt; border-top: 1px solid #000; }
.meta { margin-top: 2mm; font-size: 9pt; }
</style></head><body>
<h1>${escape(v.venueName)}</h1>
${v.headerLines.map((h) => `<p>${escape(h)}</p>`).join('')}
<p class="meta">${escape(`${v.title} ${v.number}`)} · ${escape(v.when)}</p>
<p class="meta">Served by ${escape(v.staff)} · Guest: ${escape(v.guest)}</p>
${v.event ? `<p class="meta">Event: ${escape(v.event)}</p>` : ''}
${v.refundOf ? `<p class="meta">Refund of receipt ${escape(v.refundOf)}</p>` : ''}
<table>${lines}</table>
<table>${row('Subtotal', v.subtotal)}${v.discount ? row('Discounts', v.discount) : ''}${row('Tax', v.tax)}${row('Total', v.total, 'grand')}</table>
<p class="meta">${escape(v.payment)}</p>
${v.note ? `<p class="meta">${escape(v.note)}</p>` : ''}
</body></html>`;
}
