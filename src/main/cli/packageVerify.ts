import { resolve } from 'node:path';
import { verifyPlanPackage } from '../core/io/planPackage';
import { LANGUAGES, type Language } from '../../shared/units';
import { UsageError } from './errors';

/**
 * `package verify PKG`: what head office's receiver will say of a plan package. Exit 0
 * when it would be accepted (the words and the manifest's summary on stdout), 2 when
 * refused (the reason key and the words on stderr): the command line's code for a file
 * refused, as for a region file.
 */
export async function runPackageVerify(options: { file?: string; pin?: string; lang?: string; json?: boolean }): Promise<number> {
  if (!options.file) throw new UsageError('package verify takes one PKG');
  const language = (options.lang ?? 'zh-Hant') as Language;
  if (!(LANGUAGES as readonly string[]).includes(language)) throw new UsageError(`--lang must be one of ${LANGUAGES.join(', ')}, not ${options.lang}`);
  const path = resolve(options.file);
  const r = await verifyPlanPackage(path, { pinnedFingerprint: options.pin, language });
  if (options.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
  if (r.verdict === 'refused') {
    process.stderr.write(`${path}: refused (${r.reason}): ${r.message}\n`);
    return 2;
  }
  if (!options.json) {
    const m = r.manifest!;
    const lines = [
      `${path}: ok`,
      r.message,
      `region:       ${m.region.name} (${m.region.id})`,
      `plan year:    ${m.planYear}`,
      `revision:     ${m.revision}${m.replaces !== null ? ` (replaces ${m.replaces})` : ''}`,
      `snapshot:     ${m.snapshot.name}`,
      `created at:   ${m.createdAt}`,
      `package id:   ${m.packageId}`,
      `fingerprint:  ${r.fingerprint}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return 0;
}
