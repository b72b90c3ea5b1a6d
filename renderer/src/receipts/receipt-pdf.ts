import { jsPDF } from 'jspdf';
import type { ReceiptView } from './receipt-view';

// jsPDF's built-in fonts speak WinAnsi; characters outside it would print as garbage.
const printable = (s: string) => s.replace(/−/g, '-').replace(/×/g, 'x').replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[^\x20-\x7e\xa0-\xff]/g, '?');

/**
 * The receipt as a PDF on an 80 mm roll, made in the page with jsPDF, for browsers; the desktop
 * shell renders the same receipt with Chromium's own PDF printer. jsPDF is bundled, not loaded on
 * demand: with the server unreachable, a lazily loaded chunk could not be fetched.
 */
export async function receiptPdf(v: ReceiptView): Promise<Blob> {
  const width = 80;
  const margin = 5;
  const right = width - margin;
  const lineHeight = 4.6;
  const rows = 14 + v.headerLines.length + v.lines.length * 2;
  const doc = new jsPDF({ unit: 'mm', format: [width, Math.max(100, rows * lineHeight + 20)] });
  doc.setProperties({ title: `${v.title} ${v.number}`, creator: 'Cellardoor' });
  let y = margin + 4;
  const center = (text: string, size = 9, bold = false) => {
    doc.setFont('helvetica', bold ? 'bold' : 'normal').setFontSize(size);
    for (const part of doc.splitTextToSize(printable(text), width - 2 * margin) as string[]) {
      doc.text(part, width / 2, y, { align: 'center' });
      y += lineHeight;
    }
  };
  const pair = (left: string, value: string, size = 9, bold = false) => {
    doc.setFont('helvetica', bold ? 'bold' : 'normal').setFontSize(size);
    const parts = doc.splitTextToSize(printable(left), width - 2 * margin - 22) as string[];
    parts.forEach((p, i) => {
      doc.text(p, margin, y);
      if (i === 0 && value) doc.text(printable(value), right, y, { align: 'right' });
      y += lineHeight;
    });
  };
  center(v.venueName, 12, true);
  v.headerLines.forEach((h) => center(h, 8));
  center(`${v.title} ${v.number}`, 10, true);
  center(v.when, 8);
  center(`Served by ${v.staff} - Guest: ${v.guest}`, 8);
  if (v.event) center(`Event: ${v.event}`, 8);
  if (v.refundOf) center(`Refund of receipt ${v.refundOf}`, 8);
  y += 1;
  doc.line(margin, y - 3, right, y - 3);
  for (const l of v.lines) {
    pair(`${l.quantity} x ${l.name}`, l.total);
    if (l.discount) pair(`   ${l.each} each, discount ${l.discount}`, '', 8);
  }
  doc.line(margin, y - 3, right, y - 3);
  pair('Subtotal', v.subtotal);
  if (v.discount) pair('Discounts', v.discount);
  pair('Tax', v.tax);
  pair('Total', v.total, 11, true);
  y += 1;
  center(v.payment, 8);
  if (v.note) center(v.note, 8);
  return doc.output('blob');
}
