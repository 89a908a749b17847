import { resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import { translate } from '../../shared/i18n';
import { LANGUAGES, type Language } from '../../shared/units';
import { runEdit } from '../core/db/command';
import { openReturnFile } from '../core/io/submitAnswer';
import { UsageError } from './errors';
import { openForWriting } from './submit';

// `submit answer FILE RETURN_FILE`: what 打開總部回覆… does in 報送總部, without a window.
// Exit 0 when the answer is recorded (or was already), 2 when the return file is refused
// (the reason key and its words on stderr), 1 on any other error.

export async function runSubmitAnswer(options: { file?: string; answer?: string; lang?: string }): Promise<number> {
  if (!options.file || !options.answer) throw new UsageError('submit answer takes the region FILE and the RETURN_FILE');
  const language = (options.lang ?? 'zh-Hant') as Language;
  if (!(LANGUAGES as readonly string[]).includes(language)) throw new UsageError(`--lang must be one of ${LANGUAGES.join(', ')}, not ${options.lang}`);
  const answerPath = resolve(options.answer);
  const file = await openForWriting(resolve(options.file));
  try {
    let r;
    try {
      r = await openReturnFile(file, (fn) => runEdit(file, ['submissions'], fn).value, answerPath);
    } catch (e) {
      const rule = e instanceof AppError ? e.details.rule : undefined;
      if (e instanceof AppError && e.code === 'FILE_REFUSED' && rule?.startsWith('planReturn.')) {
        process.stderr.write(`${answerPath}: refused (${rule.split('.').pop()}): ${translate(language, rule, e.details.params)}\n`);
        return 2;
      }
      throw e;
    }
    const s = r.submission;
    const a = s.answer!;
    const verdict = translate(language, `submit.answer.${a.state}`);
    process.stdout.write(
      [
        `${answerPath}: ${r.outcome === 'same' ? 'already recorded' : r.outcome === 'replaced' ? 'recorded (replaces an earlier answer)' : 'recorded'}`,
        `revision:     ${s.revision} (${s.snapshotName})`,
        `answer:       ${verdict}${a.comment ? ` — ${a.comment}` : ''}`,
        `decided:      ${a.at}${a.by ? ` by ${a.by}` : ''}`,
        `head office:  ${r.fingerprint}${r.pinnedNow ? ' (pinned now: later answers must be signed by this key)' : ''}`,
      ].join('\n') + '\n',
    );
    return 0;
  } finally {
    await file.close();
  }
}
