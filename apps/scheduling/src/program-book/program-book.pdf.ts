import PDFDocument from 'pdfkit';
import type { ProgramBookModel, TravelNote } from './program-book';

export interface RenderOptions {
  /** Tests set false so the content streams can be read back as text. */
  compress?: boolean;
}

const MARGIN = 50;
const GREY = '#555555';

export function travelLine(travel: TravelNote): string {
  const estimate = `Travel from ${travel.fromVenue} to ${travel.toVenue}: allow about ${travel.estimateMinutes} min (${travel.gapMinutes} min free)`;
  const warnings = [travel.tight ? 'TIGHT' : null, travel.differentCity ? 'different city: check the travel leg' : null].filter(Boolean);
  return warnings.length ? `${estimate} – ${warnings.join('; ')}` : estimate;
}

/** Renders the program book with pdfkit's built-in Helvetica: WinAnsi (Windows-1252) text only, so no arrows; other scripts need an embedded font. */
export function renderProgramBookPdf(book: ProgramBookModel, options: RenderOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: MARGIN, compress: options.compress ?? true, info: { Title: book.title, Creator: 'scheduling service' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.font('Helvetica-Bold').fontSize(18).text(book.title);
    doc.font('Helvetica').fontSize(11).fillColor(GREY).text(book.subtitle).text(book.generatedAt).fillColor('black');
    if (book.days.length === 0) doc.moveDown().fontSize(11).text('No items on the itinerary yet.');

    for (const day of book.days) {
      if (doc.y > doc.page.height - 160) doc.addPage();
      doc.moveDown(1).font('Helvetica-Bold').fontSize(14).text(day.heading);
      doc.moveTo(MARGIN, doc.y + 2).lineTo(doc.page.width - MARGIN, doc.y + 2).strokeColor('#999999').stroke().moveDown(0.4);
      for (const entry of day.entries) {
        if (doc.y > doc.page.height - 120) doc.addPage();
        if (entry.travelBefore) doc.font('Helvetica-Oblique').fontSize(9).fillColor(GREY).text(travelLine(entry.travelBefore)).fillColor('black').moveDown(0.2);
        doc.font('Helvetica-Bold').fontSize(11).text(`${entry.time}  ${entry.title}`);
        doc.font('Helvetica').fontSize(9);
        doc.text(`${entry.kind} · ${entry.status} · ${entry.attendees}`);
        if (entry.unbooked) doc.fillColor('#b00020').text(entry.unbooked).fillColor('black');
        if (entry.venue) doc.text(`Venue: ${entry.venue}${entry.address ? `, ${entry.address}` : ''}`);
        else if (entry.address) doc.text(`Address: ${entry.address}`);
        if (entry.with) doc.text(`With: ${entry.with}`);
        if (entry.contact) doc.text(`Contact: ${entry.contact}`);
        if (entry.notes) doc.fillColor(GREY).text(entry.notes).fillColor('black');
        doc.moveDown(0.6);
      }
    }
    doc.end();
  });
}
