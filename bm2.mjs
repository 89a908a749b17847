import * as XLSX from '@e965/xlsx';
import { readFileSync } from 'node:fs';
const t=Date.now();
const b = XLSX.read(readFileSync('/tmp/bombs-m.xlsx'), { type: 'buffer', dense: true, cellNF: true });
globalThis.gc?.(); console.log('ms', Date.now()-t, 'heap MB', Math.round(process.memoryUsage().heapUsed/1e6), 'rss', Math.round(process.memoryUsage().rss/1e6));
