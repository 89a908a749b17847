import JSZip from 'jszip';

// Repairs to what pptxgenjs 4.0.1 writes, made in the package after it is generated
// (each is an open problem of the library, checked by the tests on every chart kind we
// use):
// - Charts set only the Latin font slot (<a:latin>), so Chinese in a chart's axes,
//   legend and labels falls back to whatever East Asian font the reader picks: every
//   chart's run properties get <a:ea> too, and the theme names an East Asian font.
// - 2D bar and line charts list a third axis id (the series axis of 3D charts) that no
//   axis has; PowerPoint "repairs" such a file: the dangling id goes.
// - A point without a value is written as an empty <c:v/> in the chart's cache and as an
//   empty cell in its data sheet, and a zero is written as an empty cell too: the cache
//   leaves blank points out (as PowerPoint does) and the sheet gets 0 back, so editing
//   the data in PowerPoint does not turn zeros into gaps.
// - The data sheet's table range carries a stray quote (ref="A1:D13'"), which Excel
//   reports as damaged when the chart's data is opened for editing.

/** The axis id pptxgenjs gives the series axis of 3D charts. */
const SERIES_AXIS_ID = '2094734556';

export interface FixStats {
  charts: number;
  ms: number;
}

/** An East Asian slot after every Latin one that lacks it (the order in a run's properties is latin, ea, cs). */
export function addEastAsianFont(xml: string, font: string): string {
  return xml.replace(/(<a:latin\b[^>]*\/>)(?!\s*<a:ea\b)/g, `$1<a:ea typeface="${font}"/>`);
}

/** The theme's major and minor East Asian fonts, empty as pptxgenjs writes them. */
export function themeEastAsianFont(xml: string, font: string): string {
  return xml.replace(/<a:ea typeface=""\s*\/>/g, `<a:ea typeface="${font}"/>`);
}

/** Drops the series-axis id from a chart that has no series axis. */
export function dropDanglingAxisId(xml: string): string {
  if (xml.includes('<c:serAx>')) return xml;
  return xml.replace(new RegExp(`<c:axId val="${SERIES_AXIS_ID}"\\s*/>`, 'g'), '');
}

/** Leaves blank points out of a chart's number caches. */
export function dropBlankPoints(xml: string): string {
  return xml.replace(/<c:pt idx="\d+">\s*<c:v>\s*<\/c:v>\s*<\/c:pt>/g, '');
}

/** The cells behind each cached number of a chart, "B5" → "0", read from its series references. */
export function cachedNumbers(chartXml: string): Map<string, string> {
  const cells = new Map<string, string>();
  const valRe = /<c:val>\s*<c:numRef>\s*<c:f>Sheet1!\$([A-Z]+)\$(\d+):\$[A-Z]+\$\d+<\/c:f>([\s\S]*?)<\/c:numRef>/g;
  for (const m of chartXml.matchAll(valRe)) {
    const [, col, firstRow, cache] = m;
    for (const p of cache.matchAll(/<c:pt idx="(\d+)">\s*<c:v>([^<]*)<\/c:v>/g)) {
      cells.set(`${col}${Number(firstRow) + Number(p[1])}`, p[2]);
    }
  }
  return cells;
}

/** The data sheet with each empty number cell given its cached value (a zero), or left truly empty (no value). */
export function fillSheetCells(sheetXml: string, cached: Map<string, string>): string {
  return sheetXml.replace(/<c r="([A-Z]+\d+)">\s*<v>\s*<\/v>\s*<\/c>/g, (_all, ref: string) => {
    const v = cached.get(ref);
    return v !== undefined && v !== '' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}"/>`;
  });
}

export function fixTableRef(tableXml: string): string {
  return tableXml.replace(/ref="([A-Z]+\d+:[A-Z]+\d+)'"/, 'ref="$1"');
}

async function fixWorkbook(bytes: Uint8Array, cached: Map<string, string>): Promise<Uint8Array> {
  const book = await JSZip.loadAsync(bytes);
  const sheet = book.file('xl/worksheets/sheet1.xml');
  if (sheet) book.file('xl/worksheets/sheet1.xml', fillSheetCells(await sheet.async('string'), cached));
  const table = book.file('xl/tables/table1.xml');
  if (table) book.file('xl/tables/table1.xml', fixTableRef(await table.async('string')));
  // Stored, not deflated: the package deflates the workbook as a whole, which costs far
  // less than starting a deflate for each of its dozen small parts.
  return book.generateAsync({ type: 'uint8array', compression: 'STORE' });
}

/** The package with every repair above made; `font` is the East Asian font to name. */
export async function fixPackage(bytes: Uint8Array, font: string): Promise<{ bytes: Buffer; stats: FixStats }> {
  const started = performance.now();
  const zip = await JSZip.loadAsync(bytes);
  const themes = zip.file(/^ppt\/theme\/theme\d+\.xml$/);
  for (const f of themes) zip.file(f.name, themeEastAsianFont(await f.async('string'), font));
  const charts = zip.file(/^ppt\/charts\/chart\d+\.xml$/);
  await Promise.all(
    charts.map(async (f) => {
      const original = await f.async('string');
      const cached = cachedNumbers(original);
      zip.file(f.name, dropBlankPoints(dropDanglingAxisId(addEastAsianFont(original, font))));
      // The chart's data sheet, named in its relationships.
      const relsName = f.name.replace(/^ppt\/charts\/(chart\d+\.xml)$/, 'ppt/charts/_rels/$1.rels');
      const rels = zip.file(relsName);
      if (!rels) return;
      const target = /Target="\.\.\/embeddings\/([^"]+\.xlsx)"/.exec(await rels.async('string'));
      const book = target ? zip.file(`ppt/embeddings/${target[1]}`) : null;
      if (book) zip.file(book.name, await fixWorkbook(await book.async('uint8array'), cached));
    }),
  );
  const out = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  return { bytes: out, stats: { charts: charts.length, ms: performance.now() - started } };
}
